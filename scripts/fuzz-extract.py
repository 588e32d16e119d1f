#!/usr/bin/env python3
"""Fuzzes `feedsync extract` with truncated and garbled copies of real pages.

usage: scripts/fuzz-extract.py [--shared DIR] [--bin FEEDSYNC] [--variants N] [--seed S]

Takes every page of ../shared/extract/*/dev (never copied into the repository), writes N damaged
copies of each to a temporary directory (cut at several offsets, random bytes flipped, markup
fragments inserted, brackets dropped, slices duplicated) and runs `feedsync extract` on each page's
copies in one process. Fails if a process crashes or exits non-zero, if it prints fewer JSON
objects than files, or if a page's copies average more than --max-seconds each.
Python 3 stdlib only.
"""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import time

JUNK = [b"<div>", b"</p>", b"<table>", b"</html>", b"<!--", b"<script>", b'"', b"&", b"&#x", b"<![CDATA[",
        b"<p", b"=", b"<ul><li>", b"</body>", b"\x00", b"<br/>", b"\xff\xfe", b"\xc3", b"\xe2\x80"]


def variants(data, n, rng):
    out = []
    for k in range(n):
        b = bytearray(data)
        kind = k % 5
        if kind == 0:
            b = b[: max(0, len(b) * (k + 1) // (n + 1) + rng.randrange(3))]
        elif kind == 1:
            for _ in range(max(1, len(b) // 200)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 2:
            for _ in range(50):
                pos = rng.randrange(len(b) + 1)
                b[pos:pos] = rng.choice(JUNK)
        elif kind == 3:
            b = bytearray(x for x in b if not (x in b'<>"' and rng.randrange(4) == 0))
        else:
            i = rng.randrange(len(b))
            piece = b[i:i + rng.randrange(max(1, len(b) // 3))]
            pos = rng.randrange(len(b) + 1)
            b[pos:pos] = piece
        out.append(bytes(b))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(root, ".build", "release", "feedsync"))
    ap.add_argument("--variants", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=1.0)
    a = ap.parse_args()
    pages = sorted(glob.glob(os.path.join(a.shared, "extract", "*", "dev", "cases", "*.html")))
    if not pages:
        print(f"fuzz-extract: no pages under {a.shared}/extract", file=sys.stderr)
        return 64
    rng = random.Random(a.seed)
    failures, total, started = 0, 0, time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            with open(page, "rb") as f:
                data = f.read()
            files = []
            for i, v in enumerate(variants(data, a.variants, rng)):
                path = os.path.join(tmp, f"v{i}.html")
                with open(path, "wb") as f:
                    f.write(v)
                files.append(path)
            t0 = time.monotonic()
            try:
                r = subprocess.run([a.bin, "extract"] + files, capture_output=True, timeout=60 + 5 * len(files))
            except subprocess.TimeoutExpired:
                print(f"FAIL {page}: timed out")
                failures += 1
                continue
            per_file = (time.monotonic() - t0) / len(files)
            objects = 0
            for line in r.stdout.decode("utf-8", "replace").splitlines():
                try:
                    objects += isinstance(json.loads(line), dict)
                except ValueError:
                    pass
            total += len(files)
            if r.returncode != 0 or objects != len(files) or per_file > a.max_seconds:
                failures += 1
                print(f"FAIL {os.path.basename(page)}: exit {r.returncode}, {objects}/{len(files)} objects, "
                      f"{per_file:.2f} s per copy; stderr: {r.stderr.decode('utf-8', 'replace')[-300:]}")
    print(f"{total} damaged copies of {len(pages)} pages in {time.monotonic() - started:.1f} s, "
          f"{failures} pages failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
