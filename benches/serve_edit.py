#!/usr/bin/env python3
"""How long `plainsight serve` takes from one file edit to the reloaded page.

Generates the synthetic corpus (examples/gen_corpus) at a scale and commits it to a new git
repository (as a council's site is, so the preview also works out which files have changes
not yet committed), starts the preview on it, listens to its reload events like an open page
does, then edits one action's title several times. Each time it measures edit -> "reload"
event, and edit -> the reloaded page received (the page is made on request), and checks that
the page has the new title: a fast but stale reload would be wrong. Prints each time and the
medians.

    python3 benches/serve_edit.py [--scale 20] [--edits 9]

The times include the watcher's wait for an editor to finish saving (30 ms).
"""

import argparse
import http.client
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def listen(host, port, events):
    """Puts each server-sent event's data on `events`, as an open page would receive it."""
    connection = http.client.HTTPConnection(host, port)
    connection.request("GET", "/__plainsight/events")
    response = connection.getresponse()
    for raw in response:
        line = raw.decode("utf-8").strip()
        if line.startswith("data:"):
            events.put((time.perf_counter(), line[5:].strip()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--dir", default="/dev/shm/plainsight-bench")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "gen_corpus"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    plainsight = os.path.join(ROOT, "target", "release", "plainsight")
    site = os.path.join(args.dir, f"serve-scale-{args.scale:g}")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([os.path.join(ROOT, "target", "release", "examples", "gen_corpus"), "--scale", str(args.scale), "--out", site],
                   check=True, stdout=subprocess.DEVNULL)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", "init", "--quiet", site], check=True)
    subprocess.run(git + ["add", "-A"], cwd=site, check=True)
    subprocess.run(git + ["commit", "--quiet", "-m", "The corpus"], cwd=site, check=True)
    server = subprocess.Popen([plainsight, "serve", "--port", "0"], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        started = time.perf_counter()
        for line in server.stdout:
            match = re.search(r"serving the site at http://([\d.]+):(\d+)/", line)
            if match:
                host, port = match.group(1), int(match.group(2))
                break
        else:
            sys.exit("serve did not start")
        print(f"scale {args.scale:g}: first load and start {time.perf_counter() - started:.2f} s")
        events = queue.Queue()
        threading.Thread(target=listen, args=(host, port, events), daemon=True).start()
        time.sleep(0.5)
        plan = os.path.join(site, "content", "strategies", "strategy-000", "actions.yaml")
        text = open(plan, encoding="utf-8").read()
        first_title = re.search(r"^  title: (.+)$", text, re.M).group(1)
        times = []
        page_times = []
        for edit in range(args.edits):
            title = f"Edited title number {edit}"
            changed = text.replace(f"  title: {first_title}\n", f"  title: {title}\n", 1)
            edited_at = time.perf_counter()
            with open(plan, "w", encoding="utf-8") as f:
                f.write(changed)
            while True:
                at, data = events.get(timeout=600)
                # A reload announced before this edit (one save can reach the watcher in
                # two bursts, and then the site is loaded twice) is not this edit's.
                if data == "reload" and at >= edited_at:
                    break
            times.append(at - edited_at)
            page = urllib.request.urlopen(f"http://{host}:{port}/strategies/strategy-000/actions/a-000/").read().decode()
            page_times.append(time.perf_counter() - edited_at)
            if title not in page:
                sys.exit(f"edit {edit}: the reloaded page is stale")
            print(f"  edit {edit}: reload after {times[-1] * 1000:.0f} ms, page up to date after {page_times[-1] * 1000:.0f} ms")
            time.sleep(0.3)
        print(f"median edit -> reload: {statistics.median(times) * 1000:.0f} ms; edit -> reloaded page: {statistics.median(page_times) * 1000:.0f} ms; over {len(times)} edits")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
