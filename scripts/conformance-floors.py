#!/usr/bin/env python3
"""Compares a check.py --report against the floors in conformance-floors.json.

usage: conformance-floors.py REPORT FLOORS [--update]

Floors are passing-case counts per category, for "cases" (all corpus cases) and "dates". A run
fails if any count is below its floor. --update raises the floors to the counts of this run
(never lowers them): the ratchet.
"""
import collections
import json
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    report, floors_path = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    results = json.load(open(report, encoding="utf-8"))
    passed = collections.Counter()
    total = collections.Counter()
    for r in results:
        cat = r["category"]
        passed[cat] += bool(r["ok"])
        total[cat] += 1
        if cat != "dates":
            passed["cases"] += bool(r["ok"])
            total["cases"] += 1
    floors = json.load(open(floors_path, encoding="utf-8"))
    failed = []
    width = max(len(k) for k in total) + 2
    for cat in sorted(total):
        floor = floors.get(cat, 0)
        mark = "ok" if passed[cat] >= floor else "BELOW FLOOR"
        if passed[cat] < floor:
            failed.append(cat)
        print("%-*s %5d/%-5d %6.1f%%  floor %5d  %s" % (width, cat, passed[cat], total[cat],
                                                     100.0 * passed[cat] / total[cat], floor, mark))
    for cat in sorted(set(floors) - set(total)):
        print("%-*s missing from the report (floor %d)" % (width, cat, floors[cat]))
        failed.append(cat)
    if update:
        raised = {k: max(floors.get(k, 0), passed[k]) for k in total}
        with open(floors_path, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(raised.items())), f, indent=1)
            f.write("\n")
        print("floors updated in %s" % floors_path)
    if failed:
        print("FAILED: below floor in %s" % ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
