#!/usr/bin/env python3
"""Score `feedsync parse` on the hand-written HTML pages in Tests/Fixtures/generalization/pages.

usage: check-page-fixtures.py [--half dev|heldback|both] [--show-failures] FEEDSYNC

Each page `NN-slug.html` has `NN-slug.expect.json` beside it: {"url", "type", "items": [{"link",
"title"}], "forbidden": [strings no item may contain]}. The page is parsed as a source of that
type would be (`feedsync parse --type TYPE --url URL`); an entry counts when its link and title
(whitespace collapsed) are those of an expected item. Per page: precision, recall and F1 over
items; a forbidden string in any entry makes the page score 0. The split is fixed by number,
decided before any tuning: odd NN is the dev half, even NN the held-back half. Prints the mean F1
and `N passed, M failed` (a page passes at F1 >= 0.8) per half; exits 1 when a scored half fails one.
"""
import json
import os
import re
import subprocess
import sys

import fixture_halves

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "Tests", "Fixtures", "generalization", "pages")


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def score(binary, html_path, spec):
    proc = subprocess.run([binary, "parse", "--type", spec.get("type", "auto"), "--url", spec["url"], html_path],
                          capture_output=True, timeout=30)
    if proc.returncode != 0:
        return 0.0, ["exit %d: %s" % (proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[-200:])]
    doc = json.loads(proc.stdout.decode("utf-8"))
    entries = doc.get("entries", [])
    got = [(e.get("link"), norm(e.get("title"))) for e in entries]
    want = [(i["link"], norm(i["title"])) for i in spec["items"]]
    tp = len(set(got) & set(want))
    p = tp / len(got) if got else (1.0 if not want else 0.0)
    r = tp / len(want) if want else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    notes = []
    if tp < max(len(got), len(want)):
        notes.append("missing %s; unexpected %s" % (sorted(set(want) - set(got)), sorted(set(got) - set(want))))
    blob = json.dumps(entries, ensure_ascii=False)
    leaked = [s for s in spec.get("forbidden", []) if s in blob]
    if leaked:
        notes.append("boilerplate in items: %s" % leaked)
        f1 = 0.0
    return f1, notes


def main():
    a = fixture_halves.arguments(__doc__.split("\n")[0])
    halves = {"dev": [], "heldback": []}
    for half, stem in fixture_halves.fixtures(PAGES, a.half):
        name = os.path.basename(stem)
        f1, notes = score(a.feedsync, stem + ".html", json.load(open(stem + ".expect.json", encoding="utf-8")))
        halves[half].append(f1)
        if a.show_failures and f1 < 1.0:
            print("[%s] %s F1 %.2f: %s" % (half, name, f1, "; ".join(notes)))
    failed = False
    for half, scores in halves.items():
        if a.half in (half, "both") and scores:
            bad = sum(1 for f in scores if f < 0.8)
            print("%s: mean F1 %.3f; %d passed, %d failed" % (half, sum(scores) / len(scores), len(scores) - bad, bad))
            failed = failed or bad > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
