#!/usr/bin/env python3
"""Soak: `feedsync run` against N loopback feeds whose items change over time.

Samples the daemon's RSS and open file descriptors from /proc while it runs, then stops it with
SIGTERM, freezes the feeds, runs one `feedsync sync` to collect what the daemon abandoned at
shutdown, and checks that every item the server ever served was delivered exactly once (the
spool's files against the server's log of served items).

usage: scripts/soak.py [--duration SECONDS] [--feeds N] [--change-every SECONDS]
                       [--interval DURATION] [--conditional] [--out DIR] [--binary PATH]

--conditional: the server sends an ETag and answers 304 while a feed is unchanged, as most
servers do (without it every poll is a full 200 and parse).

Writes DIR/samples.csv (seconds, rss_kb, fds, cpu_s: the daemon's user + system CPU seconds so far),
DIR/daemon.log, DIR/summary.txt and, when
matplotlib is importable, DIR/soak.png. Exit 0 when the daemon never died, stopped cleanly, every
served item is in the spool once and nothing else is, and RSS and open descriptors stayed flat
after warm-up (the first third of the run): RSS grew by at most --max-growth-mb or 20%, whichever
is larger, and descriptors by at most 16. 1 otherwise.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW = 10  # items per feed document


class Feeds:
    """Feed i's items are numbered; every `change_every` seconds (offset per feed, so changes
    spread over time) one more item appears and the oldest beyond WINDOW drops out. Every item
    served in a 200 response is recorded as published."""

    def __init__(self, count, change_every, conditional=False):
        self.count = count
        self.conditional = conditional
        self.change_every = change_every
        self.t0 = time.monotonic()
        self.frozen_at = None
        self.lock = threading.Lock()
        self.published = {}  # (source, guid) -> first time served
        self.requests = 0

    def newest(self, i):
        now = self.frozen_at if self.frozen_at is not None else time.monotonic()
        offset = (i * 7919) % max(1, int(self.change_every))
        return WINDOW + int((now - self.t0 + offset) // self.change_every)

    def document(self, i, newest=None):
        newest = self.newest(i) if newest is None else newest
        items = range(max(1, newest - WINDOW + 1), newest + 1)
        source = "feed-%04d" % i
        with self.lock:
            self.requests += 1
            for n in items:
                self.published.setdefault((source, "%s-item-%d" % (source, n)), time.time())
        parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                 "<title>Soak %d</title><link>http://127.0.0.1/</link><description>soak</description>" % i]
        for n in reversed(items):
            parts.append("<item><title>Item %d of feed %d</title><link>http://127.0.0.1/%d/%d</link>"
                         "<guid isPermaLink=\"false\">%s-item-%d</guid><description>Body %d: %s</description>"
                         "</item>" % (n, i, i, n, source, n, n, "lorem ipsum " * (n % 7 + 1)))
        parts.append("</channel></rss>")
        return "".join(parts).encode()


def make_handler(feeds):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            try:
                i = int(self.path.strip("/").split("/")[-1].split(".")[0])
            except ValueError:
                i = -1
            if not 0 <= i < feeds.count:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            newest = feeds.newest(i)  # once: the ETag and the body must describe the same document
            etag = '"%d-%d"' % (i, newest)
            if feeds.conditional:
                if self.headers.get("If-None-Match") == etag:
                    with feeds.lock:
                        feeds.requests += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            body = feeds.document(i, newest)
            self.send_response(200)
            if feeds.conditional:
                self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def sample(pid):
    """(RSS in KB, open fds, CPU seconds used so far) of a live process, or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        with open("/proc/%d/stat" % pid) as f:
            # Fields after the parenthesized command name; utime and stime are the 14th and 15th.
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return rss, len(os.listdir("/proc/%d/fd" % pid)), cpu
    except (OSError, StopIteration, IndexError, ValueError):
        return None


def spool_items(spool):
    counts = {}
    for sub in ("new", "cur"):
        d = spool / sub
        for name in os.listdir(d) if d.is_dir() else []:
            with open(d / name, "rb") as f:
                item = json.loads(f.read())
            key = (item["source"], item.get("guid"))
            counts[key] = counts.get(key, 0) + 1
    return counts


def chart(samples, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    t = [s[0] / 60 for s in samples]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(t, [s[1] / 1024 for s in samples], color="tab:blue")
    ax.set_xlabel("minutes")
    ax.set_ylabel("RSS (MB)", color="tab:blue")
    ax.set_ylim(bottom=0)
    ax2 = ax.twinx()
    ax2.plot(t, [s[2] for s in samples], color="tab:red")
    ax2.set_ylabel("open fds", color="tab:red")
    ax2.set_ylim(bottom=0)
    ax.set_title("feedsync run soak")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=120)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--change-every", type=float, default=180)
    ap.add_argument("--interval", default="1m")
    ap.add_argument("--conditional", action="store_true")
    ap.add_argument("--sample-every", type=float, default=5)
    ap.add_argument("--max-growth-mb", type=float, default=16)
    ap.add_argument("--out", default=None)
    ap.add_argument("--binary", default=os.environ.get("FEEDSYNC_BIN", str(ROOT / ".build/release/feedsync")))
    args = ap.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="feedsync-soak."))
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="feedsync-soak-run."))

    feeds = Feeds(args.feeds, args.change_every, args.conditional)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(feeds))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    config = work / "feedsync.toml"
    lines = ['state_dir = "%s"' % (work / "state"), 'spool_dir = "%s"' % (work / "spool"),
             "per_host = 16", "concurrency = 64", 'interval = "%s"' % args.interval,
             "respect_cache_hints = false", 'duplicates = "off"', ""]
    for i in range(args.feeds):
        lines += ["[[source]]", 'name = "feed-%04d"' % i, 'url = "http://127.0.0.1:%d/%d.xml"' % (port, i), ""]
    config.write_text("\n".join(lines))

    log = open(out / "daemon.log", "wb")
    daemon = subprocess.Popen([args.binary, "run", "--config", str(config)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=log)
    started = time.monotonic()
    samples = []
    with open(out / "samples.csv", "w") as csv:
        csv.write("seconds,rss_kb,fds,cpu_s\n")
        while time.monotonic() - started < args.duration and daemon.poll() is None:
            s = sample(daemon.pid)
            if s:
                samples.append((time.monotonic() - started, s[0], s[1], s[2]))
                csv.write("%.0f,%d,%d,%.2f\n" % samples[-1])
                csv.flush()
            time.sleep(args.sample_every)
    died = daemon.poll()
    feeds.frozen_at = time.monotonic()
    stop_started = time.monotonic()
    if died is None:
        daemon.send_signal(signal.SIGTERM)
        try:
            rc = daemon.wait(60)
        except subprocess.TimeoutExpired:
            daemon.kill()
            rc = "hung at SIGTERM"
    else:
        rc = "died during the soak with %s" % died
    stop_seconds = time.monotonic() - stop_started
    # What the daemon abandoned at shutdown (fetched, not committed) is delivered by one sync.
    final = subprocess.run([args.binary, "sync", "--config", str(config)], capture_output=True, text=True)
    server.shutdown()

    delivered = spool_items(work / "spool")
    published = set(feeds.published)
    missing = published - set(delivered)
    twice = {k: n for k, n in delivered.items() if n > 1}
    unknown = set(delivered) - published
    ok = rc == 0 and final.returncode == 0 and not missing and not twice and not unknown
    warm = [s for s in samples if s[0] >= args.duration / 3] or samples
    flat = True
    if warm:
        start_kb, end_kb = warm[0][1], warm[-1][1]
        allowed_kb = max(args.max_growth_mb * 1024, start_kb * 0.2)
        flat = end_kb - start_kb <= allowed_kb and max(s[2] for s in warm) - warm[0][2] <= 16
        ok = ok and flat

    rows = []
    step = max(1, len(samples) // 12)
    for s in samples[::step] + samples[-1:]:
        rows.append("| %5.1f | %7.1f | %4d | %7.1f |" % (s[0] / 60, s[1] / 1024, s[2], s[3]))
    summary = [
        "feeds %d, duration %.0fs, change every %.0fs, interval %s, requests served %d"
        % (args.feeds, args.duration, args.change_every, args.interval, feeds.requests),
        "daemon exit: %s (%.1fs after SIGTERM); final sync exit %d" % (rc, stop_seconds, final.returncode),
        "published %d, delivered %d distinct, missing %d, delivered more than once %d, unknown %d"
        % (len(published), len(delivered), len(missing), len(twice), len(unknown)),
        "", "| minute | RSS MB | fds | CPU s |", "|---:|---:|---:|---:|", *rows,
    ]
    if warm:
        summary.append("after warm-up (from %.1f min): RSS %.1f -> %.1f MB (%+.1f MB, %.1f KB per request), fds %d..%d: %s" % (
            warm[0][0] / 60, warm[0][1] / 1024, warm[-1][1] / 1024, (warm[-1][1] - warm[0][1]) / 1024,
            (warm[-1][1] - warm[0][1]) / max(1, feeds.requests * (warm[-1][0] - warm[0][0]) / max(1, samples[-1][0])),
            min(s[2] for s in warm), max(s[2] for s in warm), "flat" if flat else "GROWING"))
    if len(samples) > 1:
        span = samples[-1][0] - samples[0][0]
        summary.append("CPU: %.1f s over %.1f min = %.2f%% of one core on average" % (
            samples[-1][3] - samples[0][3], span / 60, 100 * (samples[-1][3] - samples[0][3]) / max(1, span)))
        if warm and warm[-1][0] > warm[0][0]:
            summary.append("CPU after warm-up: %.2f%% of one core" % (
                100 * (warm[-1][3] - warm[0][3]) / (warm[-1][0] - warm[0][0])))
    if chart(samples, out / "soak.png"):
        summary.append("chart: %s" % (out / "soak.png"))
    for k in sorted(missing)[:5]:
        summary.append("missing: %s %s" % k)
    for k in sorted(twice)[:5]:
        summary.append("twice: %s %s (%d)" % (k[0], k[1], twice[k]))
    summary.append("soak: %s" % ("ok" if ok else "FAILED"))
    text = "\n".join(summary)
    (out / "summary.txt").write_text(text + "\n")
    print(text)
    print("output in %s" % out)
    if ok:
        subprocess.run(["rm", "-rf", str(work)])
    else:
        print("run directory kept: %s" % work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
