#!/usr/bin/env python3
"""Runs ../shared/extract/score.py on both dev corpora and reports or checks the results.

usage: extract_bench.py bench --shared DIR --bin FEEDSYNC
       extract_bench.py check --shared DIR --bin FEEDSYNC --floor aeb=0.98 --floor readability=0.975

bench: prints precision, recall, F1, title match rate and time per page beside the anchors' F1
       (the scores ../shared/extract/README.md gives for the same pages).
check: exits 1 if a corpus's mean F1 falls below its floor, if any page errors, or if any page
       takes more than --max-seconds (default 1.0) or more than --max-mb (default 100) of memory.
Python 3 stdlib only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

CORPORA = [("aeb", "aeb/dev", False), ("readability", "readability/dev", True)]

# Mean F1 from ../shared/extract/README.md (same pages, same metric).
ANCHORS = [
    ("all text of <body>", {"aeb": 0.657, "readability": 0.808}),
    ("trafilatura 2.3.1", {"aeb": 0.955, "readability": 0.946}),
    ("readability-lxml 0.9", {"aeb": 0.967, "readability": 0.965}),
    ("newspaper3k 0.2.8", {"aeb": 0.884, "readability": 0.819}),
    ("goose3 3.1.22", {"aeb": 0.851, "readability": 0.809}),
    ("jusText 3.0.2", {"aeb": 0.733, "readability": 0.608}),
]


def score(shared, corpus_dir, real_only, binary):
    """score.py's summary and per-case results for one corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [sys.executable, os.path.join(shared, "extract", "score.py"),
               "--corpus", os.path.join(shared, "extract", corpus_dir), "--json-out", out]
        if real_only:
            cmd.append("--real-only")
        cmd += [binary, "extract"]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
        with open(out, encoding="utf-8") as f:
            return json.load(f)


def time_pages(shared, corpus_dir, real_only, binary):
    """Wall time (s) and peak RSS (MB) of `feedsync extract` on each page, one at a time."""
    base = os.path.join(shared, "extract", corpus_dir)
    with open(os.path.join(base, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    if real_only:
        cases = [c for c in cases if not c.get("synthetic")]
    rows = []
    for c in cases:
        env = dict(os.environ)
        if c.get("url"):
            env["FEED_URL"] = c["url"]
        else:
            env.pop("FEED_URL", None)
        start = time.monotonic()
        p = subprocess.Popen([binary, "extract", os.path.join(base, c["input_file"])],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        rows.append((c["id"], time.monotonic() - start, usage.ru_maxrss / 1024.0))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["bench", "check"])
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--floor", action="append", default=[], help="corpus=minimum mean F1")
    ap.add_argument("--max-seconds", type=float, default=1.0)
    ap.add_argument("--max-mb", type=float, default=100.0)
    a = ap.parse_args()
    floors = dict((k, float(v)) for k, v in (f.split("=", 1) for f in a.floor))

    results, timings = {}, {}
    for name, corpus_dir, real_only in CORPORA:
        results[name] = score(a.shared, corpus_dir, real_only, a.bin)
        timings[name] = time_pages(a.shared, corpus_dir, real_only, a.bin)

    failed = False
    if a.mode == "bench":
        print(f"{'corpus':<12} {'extractor':<22} {'P':>6} {'R':>6} {'F1':>6} {'title':>6} {'pass':>7} "
              f"{'ms/page':>8} {'max ms':>7} {'max MB':>7}")
        for name, _, _ in CORPORA:
            s = results[name]["summary"]
            t = timings[name]
            title = f"{s['title_exact']:.3f}" if s["title_exact"] is not None else "n/a"
            mean_ms = 1000 * sum(r[1] for r in t) / len(t)
            slowest = max(t, key=lambda r: r[1])
            print(f"{name:<12} {'feedsync':<22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{title:>6} {s['passed']:>3}/{s['cases']:<3} {mean_ms:8.1f} "
                  f"{1000 * slowest[1]:7.0f} {max(r[2] for r in t):7.1f}")
            for tool, f1 in ANCHORS:
                print(f"{'':<12} {tool:<22} {'—':>6} {'—':>6} {f1[name]:6.3f}")
            print(f"{'':<12} slowest page: {slowest[0]}")
        print("(anchors: mean F1 from ../shared/extract/README.md; readability corpus with --real-only;"
              " times are per process, start-up included)")
    for name, _, _ in CORPORA:
        s = results[name]["summary"]
        if name in floors and s["f1"] < floors[name]:
            print(f"FAIL {name}: mean F1 {s['f1']:.4f} below the floor {floors[name]:.4f}")
            failed = True
        if s["errors"]:
            print(f"FAIL {name}: {s['errors']} pages errored")
            failed = True
        for cid, secs, mb in timings[name]:
            if secs > a.max_seconds or mb > a.max_mb:
                print(f"FAIL {name} {cid}: {secs:.2f} s, {mb:.1f} MB (limits {a.max_seconds} s, {a.max_mb} MB)")
                failed = True
        if a.mode == "check":
            print(f"{name}: mean F1 {s['f1']:.4f} (floor {floors.get(name, 0):.4f})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
