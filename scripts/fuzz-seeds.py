#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into OUT/TARGET/ (for scripts/fuzz).

usage: fuzz-seeds.py OUT SHARED

From the project's fixtures, and from SHARED/corpus and SHARED/extract when they exist (read at
run time, never copied into the repository). Each seed is shaped as its target reads input: the
feed target's first byte picks the content type, the html target starts with five selector lines,
the dates target with a date_format line.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
out, shared = Path(sys.argv[1]), Path(sys.argv[2])
MAX = 256 * 1024


def files(*dirs, exts=None):
    for d in dirs:
        if not d.is_dir():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and (exts is None or p.suffix.lower() in exts) and p.stat().st_size <= MAX:
                yield p.read_bytes()


def write(target, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


fixtures = ROOT / "Tests" / "FeedSyncParsingTests" / "Fixtures"
e2e = ROOT / "Tests" / "e2e" / "fixtures"
feeds = list(files(fixtures, e2e, shared / "corpus" / "dev" / "cases", exts={".xml", ".json", ".rss", ".atom"}))
pages = list(files(fixtures, e2e, exts={".html", ".htm"}))
extract_pages = list(files(shared / "extract", exts={".html"}))

for i, doc in enumerate(feeds):
    write("feed", bytes([i % 256 & 0x7F if i % 5 else 0]) + doc)
for doc in pages:
    write("html", b"\n\n\n\n\n" + doc)
    write("html", b"article, .item, li\nh2, h3, a\na@href\ntime@datetime, .date\n\n" + doc)
    write("html", b"xpath://article\nxpath:.//h2\nxpath:.//a/@href\ntime\n%d.%m.%Y %H:%M\n" + doc)
    write("extract", doc)
for doc in extract_pages[:60]:
    write("extract", doc)
    write("html", b"\n\n\n\n\n" + doc)

dates_file = shared / "corpus" / "dev" / "dates.json"
dates = [d["input"] for d in json.loads(dates_file.read_text())] if dates_file.is_file() else []
dates += ["Tue, 10 Jun 2003 04:00:00 GMT", "2003-12-31T10:14:55.117Z", "03.07.2025 14:05", "Jul 3, 2025"]
formats = ["", "%d.%m.%Y %H:%M", "%b %e, %Y", "%Y-%m-%dT%H:%M:%S%z", "%A, %B %d, %Y %I:%M %p %Z", "%s", "%F %T"]
for i, d in enumerate(dates):
    write("dates", (formats[i % len(formats)] + "\n" + d).encode())

for p in sorted((ROOT / "Config").glob("*.toml")):
    write("config", p.read_bytes())
write("config", b'state_dir = "/tmp/s"\ninterval = "5m"\n[[source]]\nname = "a"\nurl = "https://example.org/f"\n'
      b'type = "html"\nheaders = { X-Key = "v" }\n[source.select]\nitem = ".item"\ndate_format = "%d.%m.%Y"\n')

item = {"id": "3f2a", "event": "new", "source": "harbor", "title": "T\nitle", "link": "https://e.org/",
        "published": "2026-11-24T17:30:00Z", "summary": "<p>s</p>", "fetched_at": "2026-11-24T17:31:00Z"}
write("spool", json.dumps(item).encode())
write("spool", b"Date: Tue, 24 Nov 2026 17:30:00 +0000\r\nSubject: =?UTF-8?B?SMOkcmJvcg==?= news\r\n"
      b"X-Feedsync-Source: harbor\r\nX-Feedsync-Id: 3f2a\r\nX-Feedsync-Event: new\r\n"
      b"X-Feedsync-Link: https://e.org/\r\n  continued\r\n\r\nbody\r\n")
print("fuzz seeds: %s" % ", ".join("%s %d" % (t.name, len(list(t.iterdir()))) for t in sorted(out.iterdir())))
