#!/usr/bin/env python3
"""A synthetic state document for timing `feedsync state import|export` (README, "Exporting and
importing the state"): N sources of K items each, one near-duplicate fingerprint per item, the
last spool name, and the end line. Deterministic: the same bytes on every run.

usage: scripts/gen-state-document.py FILE [N=200] [K=500]
then:  feedsync state import --config CONFIG --input FILE    (into an empty state)
       feedsync state export --config CONFIG --output OUT    (and compare the records, sorted)
"""
import json
import sys

NOW = 1_796_645_281


def line(obj):
    return json.dumps(obj, separators=(",", ":")) + "\n"


def main():
    path = sys.argv[1]
    sources = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    per_source = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    records = 0
    with open(path, "w") as f:
        f.write(line({"format": "feedsync-state", "version": 1, "feedsync": "synthetic", "store": "sqlite",
                      "schema": 5, "exported": NOW}))
        for s in range(sources):
            f.write(line({"type": "source", "name": f"s{s}", "last_attempt": NOW, "polls": 3,
                          "items_delivered": per_source, "feed_length": 50}))
            records += 1
        for s in range(sources):
            for i in range(per_source):
                f.write(line({"type": "item", "source": f"s{s}", "key": f"{s:04}{i:028x}",
                              "link_canonical": f"//example.org/s{s}/item/{i}", "title_date": f"title {i}|2026-12-01",
                              "content_hash": f"{i:016x}", "first_seen": NOW, "last_seen": NOW,
                              "file": f"{NOW}000000.{i:06}.s{s}.{i:016x}.json", "revision": 0}))
                records += 1
        for s in range(sources):
            for i in range(per_source):
                fingerprint = (s * 7919 + i * 104729) % (1 << 64)
                f.write(line({"type": "fingerprint", "source": f"s{s}", "id": f"{s:04}{i:028x}",
                              "fingerprint": f"{fingerprint:016x}", "time": NOW}))
                records += 1
        f.write(line({"type": "spool_name", "name": f"{NOW}000000.{per_source - 1:06}.s{sources - 1}.json"}))
        records += 1
        f.write(line({"type": "end", "records": records}))
    print(f"{path}: {records} records")


if __name__ == "__main__":
    main()
