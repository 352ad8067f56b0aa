#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the example content in ../content/.

Run from anywhere: `python3 fuzz/seeds.py`. Seeds are named by a hash of their bytes, as
libFuzzer names inputs, so running it again adds nothing new.
"""
import hashlib
import pathlib
import re

fuzz = pathlib.Path(__file__).resolve().parent
content = fuzz.parent / "content"


def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = fuzz / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def read(path):
    return (content / path).read_bytes()


# frontmatter: every Markdown file, and the edge cases of the delimiter lines.
for md in sorted(content.rglob("*.md")):
    seed("frontmatter", md.read_bytes())
for text in [
    "---\n---\n",
    "---\ntitle: A\n---\n\nBody\n\n---\n\nMore\n",
    "---  \t\ntitle: A\n---   \nBody",
    "\ufeff---\r\ntitle: A\r\n---\r\n\r\nBody\r\n",
    "---\rtitle: A\r---\rBody\r",
    "---\ntitle: A\n",
    "# No front matter\n",
    "----\ntitle: A\n---\n",
]:
    seed("frontmatter", text)

# due_date: every due date, period and target bound in the example, and free text from
# real plans that gets a suggestion.
texts = set()
for yaml in sorted(content.rglob("*.yaml")):
    for match in re.finditer(r'\b(?:due|period|from|to|on|as_of):\s*"([^"]+)"', yaml.read_text()):
        texts.add(match.group(1))
texts.update([
    "2019", "2019-Q3", "2019-12-31", "2019/20", "1999/00", "2019/2020", "2019-13", "2019-02-30",
    "annual from 2018-04", "Dec 19", "Mar 2020", "From June 2017", "27th January 2020",
    "on_track", "On Track", "Complete April 2020", "compelte",
])
months = {t for t in texts if re.fullmatch(r"\d{4}-\d\d", t)}
for text in sorted(texts - set(sorted(months)[3:])):
    seed("due_date", text)

# csv: the example CSV for its metric (first byte 8: monthly, four channel series), with
# CRLF line endings and a byte order mark, and for a quarterly single-series metric.
csv = read("metrics/requests-by-channel.csv")
seed("csv", b"\x08" + csv)
seed("csv", b"\x28" + b"\xef\xbb\xbf" + csv.replace(b"\n", b"\r\n"))
seed("csv", b"\x03period,value\n2019-Q1,1.5\n2019-Q2,\n2019-Q3,-2e3\n")
seed("csv", b"\x05period,value\n2018/19,1\n2019/20,2\n")
seed("csv", b"\x0cperiod,vip,standard\n2019-01-31,96.0,95.8\n")

# content_folder: files in the order of FILES in fuzz_targets/content_folder.rs, joined by
# 0x1E. A whole consistent site (which is also rendered), and some parts of it.
strategy = read("strategies/digital-2017-20/index.md").replace(b"related: [ict-2017-20]\n", b"")
actions = read("strategies/digital-2017-20/actions.yaml")
actions = re.sub(rb", payments-by-channel", b"", actions)
actions = re.sub(rb"metrics: \[payments-by-channel\]\n\s*", b"", actions)
snapshot = b'title: Performance Statistics - 31 July 2019\nvalues:\n  requests-by-channel: {period: "2019-07", telephone: 5120, email: 640, web: 2210, face_to_face: 300}\n'
update = (read("updates/2020-02-04-ict-performance-update.md")
          .replace(b"strategies: [digital-2017-20, ict-2017-20]", b"strategies: [digital-2017-20]")
          .replace(b"metrics: [requests-by-channel, payments-by-channel, sla-incidents, sla-service-requests, devices-replaced]",
                   b"metrics: [requests-by-channel]"))
site = read("site.yaml")
metric = read("metrics/requests-by-channel.yaml")
csv_part = csv
about = read("pages/about.md")
parts = [site, strategy, actions, metric, csv_part, snapshot, update, about]
seed("content_folder", b"\x1e".join(parts))
seed("content_folder", b"\x1e".join(parts[:1]))
seed("content_folder", b"\x1e".join(parts[:3]))
seed("content_folder", b"\x1e".join(parts[:1] + [b"", b""] + parts[3:5]))
seed("content_folder", b"\x1e".join([site, read("strategies/ict-2017-20/index.md"), read("strategies/ict-2017-20/actions.yaml"), read("metrics/sla-incidents.yaml")]))

# yaml: every YAML file, and the front matter of every Markdown file, with a few documents
# that use the rarer parts of YAML (anchors, tags, complex keys, two documents, a tab).
for path in sorted(content.rglob("*.yaml")):
    seed("yaml", path.read_bytes())
for md in sorted(content.rglob("*.md")):
    text = md.read_text()
    if text.startswith("---\n"):
        seed("yaml", text[4:].split("\n---\n", 1)[0] + "\n")
for text in [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "? [a, b]\n: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 0x1F\nb: .inf\nc: 007\nd: 1_000\ne: '1'\nf: -.5\ng: 18446744073709551616\n",
    "a: 1\na: 2\n",
    "- id: A-01\n\ttitle: x\n",
]:
    seed("yaml", text)
