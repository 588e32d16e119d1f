#!/usr/bin/env python3
"""BENCHMARKS.md from scripts/bench's results (Benchmarks/results/{rounds,scale,soak}/), with the
acceptance figures of issue 20 and the command that reproduces each table. Charts are SVG files
written here (no plotting library needed).

usage: scripts/bench-report.py RESULTS_DIR > BENCHMARKS.md
"""
import csv
import json
import os
import statistics
import sys
from collections import defaultdict

RES = sys.argv[1]
REL = os.path.relpath(RES, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def meta(part):
    m = {}
    path = os.path.join(RES, part, "meta.txt")
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.strip().partition("=")
            m[k] = v
    return m


def machine(m):
    return "measured %s at commit %s on %s cores; load average (1, 5, 15 min) %s before, %s after" % (
        m.get("date", "?"), m.get("commit", "?"), m.get("cores", "?"), m.get("load", "?"), m.get("load_after", "?"))


def medians(raw_csv):
    by = defaultdict(list)
    for r in csv.DictReader(open(raw_csv)):
        by[(r["tool"], int(r["round"]))].append(r)
    out = {}
    for key, rows in by.items():
        out[key] = {f: statistics.median(float(r[f]) for r in rows) for f in ("wall_s", "cpu_s", "rss_kb")}
        out[key]["items"] = sorted(set(int(r["items"]) for r in rows))
        out[key]["reps"] = len(rows)
    return out


def bar_chart(path, title, groups, unit):
    """Horizontal bars: groups = [(label, value, colour)]."""
    width, row, left = 640, 26, 190
    top = 40
    height = top + row * len(groups) + 30
    vmax = max(v for _, v, _ in groups) or 1
    scale = (width - left - 80) / vmax
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="13">'
             % (width, height), '<rect width="100%" height="100%" fill="white"/>',
             '<text x="10" y="22" font-size="15" font-weight="bold">%s</text>' % title]
    for i, (label, value, colour) in enumerate(groups):
        y = top + i * row
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 8, y + 16, label))
        parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (left, y + 3, value * scale, row - 8, colour))
        parts.append('<text x="%.1f" y="%d">%.2f %s</text>' % (left + value * scale + 6, y + 16, value, unit))
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts) + "\n")


def line_chart(path, title, xs, series, xlabel):
    """series = [(label, ys, colour, unit)], each on its own scale (left and right axis)."""
    width, height, left, right, top, bottom = 720, 320, 60, 70, 40, 40
    pw, ph = width - left - right, height - top - bottom
    xmax = max(xs) or 1
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">'
             % (width, height), '<rect width="100%" height="100%" fill="white"/>',
             '<text x="10" y="22" font-size="15" font-weight="bold">%s</text>' % title,
             '<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>' % (left, top, pw, ph)]
    for k, (label, ys, colour, unit) in enumerate(series):
        ymax = max(ys) * 1.1 or 1
        pts = " ".join("%.1f,%.1f" % (left + x / xmax * pw, top + ph - y / ymax * ph) for x, y in zip(xs, ys))
        parts.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>' % (colour, pts))
        ax = left - 6 if k == 0 else left + pw + 6
        anchor = "end" if k == 0 else "start"
        for frac in (0, 0.5, 1):
            parts.append('<text x="%d" y="%.1f" text-anchor="%s" fill="%s">%.1f</text>'
                         % (ax, top + ph - frac * ph + 4, anchor, colour, frac * ymax))
        parts.append('<text x="%d" y="%d" fill="%s">%s (%s)</text>' % (left + 10 + 260 * k, top - 6, colour, label, unit))
    for frac in (0, 0.25, 0.5, 0.75, 1):
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f</text>' % (left + frac * pw, top + ph + 16, frac * xmax))
    parts.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % (left + pw / 2, height - 6, xlabel))
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts) + "\n")


def verdict(ok):
    return "**yes**" if ok else "**no**"


def rounds():
    d = os.path.join(RES, "rounds")
    if not os.path.exists(os.path.join(d, "raw.csv")):
        return ["## 1. Three rounds of 500 feeds", "", "Not measured yet: `scripts/bench rounds`.", ""]
    m, g, med = meta("rounds"), json.load(open(os.path.join(d, "gen.json"))), medians(os.path.join(d, "raw.csv"))
    floor = list(csv.DictReader(open(os.path.join(d, "fsfloor.csv"))))
    fw = statistics.median(float(r["wall_s"]) for r in floor) if floor else float("nan")
    fc = statistics.median(float(r["cpu_s"]) for r in floor) if floor else float("nan")
    files = floor[0]["files"] if floor else "?"
    expected = {1: g["r1_items"], 2: g["r2_new_items"], 3: 0}
    tools = [t for t in ("feedsync", "curl", "xmllint", "newsboat", "feedparser", "feed2exec") if (t, 1) in med]
    L = ["## 1. Three rounds of 500 feeds (acceptance 1)", "",
         "`scripts/bench rounds` runs `../shared/bench/run.sh 500 20 0 %d \"%s\"` (500 feeds, %d items, %.1f MB, "
         "nginx on loopback) and then the file-system floor `Benchmarks/fsfloor.c` on the %s files feedsync wrote in "
         "round 1. Medians of %d reps; wall / CPU (user + system) in seconds." % (
             med[("feedsync", 1)]["reps"], m.get("tools", " ".join(tools)), g["r1_items"], g["r1_bytes"] / 1e6, files,
             med[("feedsync", 1)]["reps"]),
         "", machine(m) + ".", "",
         "| round | " + " | ".join(tools) + " | fs floor | feedsync items / expected |",
         "|---|" + "---|" * len(tools) + "---|---|"]
    names = {1: "1: first sync", 2: "2: %d new" % g["r2_new_items"], 3: "3: nothing new"}
    for rnd in (1, 2, 3):
        cells = []
        for t in tools:
            x = med.get((t, rnd))
            cells.append("%.2f / %.2f" % (x["wall_s"], x["cpu_s"]) if x else "-")
        items = med[("feedsync", rnd)]["items"]
        L.append("| %s | %s | %s | %s |" % (names[rnd], " | ".join(cells), "%.2f / %.2f" % (fw, fc) if rnd == 1 else "-",
                                            "%s / %d" % ("/".join(map(str, items)), expected[rnd])))
    f1, c1, x1 = med[("feedsync", 1)], med[("curl", 1)], med[("xmllint", 1)]
    cpu_ratio = f1["cpu_s"] / (c1["cpu_s"] + x1["cpu_s"])
    wall_ratio = f1["wall_s"] / (c1["wall_s"] + x1["wall_s"] + fw)
    items_ok = all(med[("feedsync", r)]["items"] == [expected[r]] for r in (1, 2, 3))
    L += ["", "| criterion | figure | bar | met |", "|---|---|---|---|",
          "| round 1 CPU / (curl CPU + xmllint CPU) | %.2fx | at most 2.0x | %s |" % (cpu_ratio, verdict(cpu_ratio <= 2.0)),
          "| round 1 wall / (curl + xmllint + fs floor) | %.2fx | at most 1.5x | %s |" % (wall_ratio, verdict(wall_ratio <= 1.5))]
    if ("newsboat", 1) in med:
        nb = med[("newsboat", 1)]["wall_s"] / f1["wall_s"]
        L.append("| newsboat round 1 wall / feedsync | %.1fx faster | at least 8x | %s |" % (nb, verdict(nb >= 8)))
    r3 = med[("feedsync", 3)]["wall_s"] / med[("curl", 3)]["wall_s"]
    L += ["| round 3 wall / curl | %.2fx | at most 0.5x | %s |" % (r3, verdict(r3 <= 0.5)),
          "| items equal expected, every round | %s | all | %s |" % ("yes" if items_ok else "no", verdict(items_ok)),
          "", "Peak RSS of feedsync: %.0f MB (round 1), %.0f MB (round 2)." % (f1["rss_kb"] / 1024, med[("feedsync", 2)]["rss_kb"] / 1024)]
    # What the unmet bars ask for, set against the floors feedsync cannot go below: it fetches,
    # parses with the same libxml2, and writes one file per item as the file-system floor does.
    cpu_bar = 2.0 * (c1["cpu_s"] + x1["cpu_s"])
    floors_cpu = c1["cpu_s"] + x1["cpu_s"] + fc
    L += ["", "What the bars ask for, against the floors of the same run:",
          "- the CPU bar allows %.2f s of CPU; curl, xmllint and the file-system floor together used %.2f s "
          "(feedsync: %.2f s, %.2fx the three floors)." % (cpu_bar, floors_cpu, f1["cpu_s"], f1["cpu_s"] / floors_cpu)]
    if ("newsboat", 1) in med:
        nb_bar = med[("newsboat", 1)]["wall_s"] / 8
        L.append("- the newsboat bar asks for round 1 in %.2f s of wall time; the file-system floor alone took %.2f s "
                 "(feedsync: %.2f s)." % (nb_bar, fw, f1["wall_s"]))
    bars = [("feedsync wall", f1["wall_s"], "#1f77b4"), ("feedsync CPU", f1["cpu_s"], "#6baed6"),
            ("curl + xmllint + fs floor", c1["wall_s"] + x1["wall_s"] + fw, "#7f7f7f"),
            ("curl wall", c1["wall_s"], "#bbbbbb"), ("xmllint wall", x1["wall_s"], "#bbbbbb"), ("fs floor wall", fw, "#bbbbbb")]
    for t in ("newsboat", "feedparser"):
        if (t, 1) in med:
            bars.append(("%s wall" % t, med[(t, 1)]["wall_s"], "#d62728"))
    bar_chart(os.path.join(d, "round1.svg"), "Round 1 (first sync of 500 feeds), seconds", bars, "s")
    L += ["", "![round 1](%s/rounds/round1.svg)" % REL, ""]
    return L


def scale():
    d = os.path.join(RES, "scale")
    if not os.path.exists(os.path.join(d, "meta.txt")):
        return ["## 2. 50,000 sources", "", "Not measured yet: `scripts/bench scale`.", ""]
    m = meta("scale")
    L = ["## 2. 50,000 sources (acceptance 2)", "", machine(m) + ".", ""]
    runs = {}
    for name in sorted(os.listdir(d)):
        if name.startswith("raw-") and name.endswith(".csv"):
            n = int(name[4:-4])
            runs[n] = (medians(os.path.join(d, name)), json.load(open(os.path.join(d, "gen-%d.json" % n))))
    if len(runs) >= 2:
        small, big = min(runs), max(runs)
        L += ["`scripts/bench scale` runs `../shared/bench/run.sh N %d 100 1 \"curl feedsync\"` for N = %d and %d "
              "(100 ms of latency per request through `latproxy.py`, one rep)." % (runs[big][1]["k"], small, big), "",
              "| feeds | feedsync round 1 wall / CPU | per feed (ms wall) | curl wall | peak RSS | items / expected |",
              "|---|---|---|---|---|---|"]
        for n in (small, big):
            med, g = runs[n]
            f, c = med[("feedsync", 1)], med.get(("curl", 1), {"wall_s": float("nan")})
            L.append("| %d | %.1f / %.1f | %.2f | %.1f | %.0f MB | %s / %d |" % (
                n, f["wall_s"], f["cpu_s"], 1000 * f["wall_s"] / n, c["wall_s"], f["rss_kb"] / 1024,
                "/".join(map(str, f["items"])), g["r1_items"]))
        per_small = runs[small][0][("feedsync", 1)]["wall_s"] / small
        per_big = runs[big][0][("feedsync", 1)]["wall_s"] / big
        rss = runs[big][0][("feedsync", 1)]["rss_kb"] / 1024
        # The bar is the cold sync's; rounds 2 and 3 (the state of every source loaded) are shown too.
        later = [runs[big][0][("feedsync", r)]["rss_kb"] / 1024 for r in (2, 3) if ("feedsync", r) in runs[big][0]]
        later_note = " (rounds 2, 3: %s)" % ", ".join("%.0f MB" % x for x in later) if later else ""
        L += ["", "| criterion | figure | bar | met |", "|---|---|---|---|",
              "| cost per feed, %d vs %d feeds | %.2fx | at most 1.2x | %s |" % (big, small, per_big / per_small, verdict(per_big / per_small <= 1.2)),
              "| peak RSS at %d, cold sync | %.0f MB%s | under 256 MB | %s |" % (big, rss, later_note, verdict(max([rss] + later) < 256))]
    if os.path.exists(os.path.join(d, "check.time")):
        e, u, s, rss = open(os.path.join(d, "check.time")).read().split()[:4]
        L.append("| `feedsync check`, %s sources | %s s wall (%.2f s CPU), %d MB | under 1 s | %s |" % (
            max(runs) if runs else "?", e, float(u) + float(s), int(rss) // 1024, verdict(float(e) < 1)))
    if os.path.exists(os.path.join(d, "daemon-start.txt")):
        ready = float(open(os.path.join(d, "daemon-start.txt")).read().strip().split("=")[1])
        L.append("| daemon start to READY=1 (`scripts/bench-daemon-start.py`) | %.2f s | under 1 s | %s |" % (ready, verdict(ready < 1)))
    return L + [""]


def soak():
    d = os.path.join(RES, "soak")
    if not os.path.exists(os.path.join(d, "samples.csv")):
        return ["## 3. The daemon, 10,000 sources for 30 minutes", "", "Not measured yet: `scripts/bench soak`.", ""]
    m = meta("soak")
    rows = list(csv.DictReader(open(os.path.join(d, "samples.csv"))))
    t = [float(r["seconds"]) for r in rows]
    rss = [int(r["rss_kb"]) / 1024 for r in rows]
    cpu = [float(r["cpu_s"]) for r in rows]
    pct = [0.0] + [100 * (cpu[i] - cpu[i - 1]) / max(1e-9, t[i] - t[i - 1]) for i in range(1, len(t))]
    line_chart(os.path.join(d, "soak.svg"), "feedsync run, 10,000 sources every 5 minutes",
               [x / 60 for x in t], [("RSS", rss, "#1f77b4", "MB"), ("CPU", pct, "#d62728", "% of one core, per sample")],
               "minutes")
    avg = 100 * (cpu[-1] - cpu[0]) / max(1, t[-1] - t[0])
    warm = [i for i, x in enumerate(t) if x >= 600]
    L = ["## 3. The daemon, 10,000 sources every 5 minutes (acceptance 3)", "",
         "`scripts/bench soak` runs `scripts/soak.py --duration 1800 --feeds 10000 --interval 5m --change-every 600 "
         "--conditional`: a loopback server whose feeds gain an item every 10 minutes (ETag, 304 while unchanged); "
         "the daemon's RSS and CPU seconds are read from /proc every 10 s; at the end every served item must be "
         "in the spool exactly once.", "", machine(m) + ".", "",
         "| criterion | figure | bar | met |", "|---|---|---|---|",
         "| average CPU over %.0f min | %.2f%% of one core | under 5%% | %s |" % ((t[-1] - t[0]) / 60, avg, verdict(avg < 5))]
    if warm:
        i0 = warm[0]
        growth = rss[-1] - rss[i0]
        L.append("| RSS after minute 10 | %.1f -> %.1f MB (%+.1f MB), max %.1f | flat | %s |" % (
            rss[i0], rss[-1], growth, max(rss[i0:]), verdict(abs(growth) <= max(16, 0.2 * rss[i0]))))
    summary = os.path.join(d, "summary.txt")
    if os.path.exists(summary):
        L += ["", "```", open(summary).read().strip(), "```"]
    L += ["", "![soak](%s/soak/soak.svg)" % REL, ""]
    return L


def main():
    L = ["# Benchmarks", "",
         "Generated by `scripts/bench` (`scripts/bench-report.py`) from `Benchmarks/results/`; every table says "
         "the command that reproduces it and the machine's load when it was measured. The machine is a 2-core "
         "VM shared with other builds, so wall times are noisy: rerun `scripts/bench all` on a quiet machine "
         "for figures to quote. CPU seconds are steadier than wall times, and the CPU ratchet "
         "(`scripts/ratchets/cpu.sh`) guards the core's share in CI.", ""]
    L += rounds() + scale() + soak()
    extra = os.path.join(RES, "notes.md")
    if os.path.exists(extra):
        L += [open(extra).read().rstrip(), ""]
    print("\n".join(L))


if __name__ == "__main__":
    main()
