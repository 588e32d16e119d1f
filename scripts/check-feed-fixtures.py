#!/usr/bin/env python3
"""Score `feedsync parse` on the hand-written feed fixtures in Tests/Fixtures/generalization/feeds.

usage: check-feed-fixtures.py [--half dev|heldback|both] [--show-failures] FEEDSYNC

Each fixture is `NN-slug.xml|json` with `NN-slug.expect.json` beside it: {"description", "bozo",
"expect": [{"path", "op", "value"}]} in the neutral model of `feedsync parse` (ops: eq, len, absent,
date). The split is fixed by number, decided before any tuning: odd NN is the dev half (tune on it),
even NN the held-back half (measure on it, never tune on its failures). Prints `N passed, M failed`
per half; exits 1 when a scored half has a failure.
"""
import datetime
import glob
import json
import os
import re
import subprocess
import sys

import fixture_halves

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "Fixtures", "generalization", "feeds")
_TOK = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
MISSING = object()


def resolve(obj, path):
    cur = obj
    for name, idx in _TOK.findall(path):
        if idx:
            if not isinstance(cur, list) or int(idx) >= len(cur):
                return MISSING
            cur = cur[int(idx)]
        elif isinstance(cur, dict) and name in cur:
            cur = cur[name]
        else:
            return MISSING
    return cur


def as_utc(value):
    if not isinstance(value, str):
        return None
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        d = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return d.astimezone(datetime.timezone.utc).replace(microsecond=0)


def holds(exp, out):
    got = resolve(out, exp["path"])
    op, want = exp["op"], exp.get("value")
    if op == "absent":
        return got is MISSING or got in (None, "", []), got
    if op == "len":
        n = len(got) if isinstance(got, list) else (0 if got is MISSING or got is None else -1)
        return n == want, n
    if got is MISSING:
        return False, None
    if op == "eq":
        if isinstance(got, (int, float)) and not isinstance(got, bool):
            got = str(got)
        return got == want, got
    if op == "date":
        return as_utc(got) is not None and as_utc(got) == as_utc(want), got
    raise ValueError("unknown op " + op)


def run(binary, path):
    proc = subprocess.run([binary, "parse", path], capture_output=True, timeout=30)
    if proc.returncode != 0:
        return None, "exit %d: %s" % (proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[-200:])
    try:
        return json.loads(proc.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, "not JSON: %s" % e


def main():
    a = fixture_halves.arguments(__doc__.split("\n")[0])
    halves = {"dev": [0, 0], "heldback": [0, 0]}
    for half, stem in fixture_halves.fixtures(FIXTURES, a.half):
        doc = [p for p in glob.glob(stem + ".*") if not p.endswith(".expect.json")][0]
        spec = json.load(open(stem + ".expect.json", encoding="utf-8"))
        out, err = run(a.feedsync, doc)
        problems = [err] if err else []
        if out is not None:
            if spec.get("bozo") is not None and bool(out.get("bozo")) != spec["bozo"]:
                problems.append("bozo %r, got %r (%s)" % (spec["bozo"], out.get("bozo"), out.get("bozo_exception")))
            for exp in spec["expect"]:
                ok, got = holds(exp, out)
                if not ok:
                    problems.append("%s %s %r, got %r" % (exp["path"], exp["op"], exp.get("value"), got))
        halves[half][0 if not problems else 1] += 1
        if problems and a.show_failures:
            print("FAIL [%s] %s: %s" % (half, os.path.basename(doc), "; ".join(problems)))
    failed = False
    for half, (passed, bad) in halves.items():
        if a.half in (half, "both"):
            print("%s: %d passed, %d failed" % (half, passed, bad))
            failed = failed or bad > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
