"""Helpers for the shared-state (PostgreSQL) end-to-end tests: a throwaway cluster
(scripts/pg-cluster), a database per test, nodes (one config, state_dir and spool each), and a
loopback feed server that measures concurrency per host at the server and can answer 429."""

import json
import os
import subprocess
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PG_CLUSTER = REPO / "scripts" / "pg-cluster"


def start_cluster(directory):
    """The server's URL, or a skip (a failure with FEEDSYNC_REQUIRE_POSTGRES=1) without PostgreSQL."""
    r = subprocess.run([str(PG_CLUSTER), "start", str(directory)], capture_output=True, text=True)
    if r.returncode == 77:
        line = r.stdout.strip()
        if os.environ.get("FEEDSYNC_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"FEEDSYNC_REQUIRE_POSTGRES=1 but {line}")
        pytest.skip(line)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def psql(url, sql):
    r = subprocess.run(["psql", url, "-qAtX", "-c", sql], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


class ClusterFeedServer:
    """RSS feeds /f/N with `rounds` items each (ETag, 304), an optional delay, per-path 429s, and
    the largest number of requests ever in flight at once (all paths share one host)."""

    def __init__(self, feeds, delay=0.0):
        self.lock = threading.Lock()
        self.items = {f"/f/{i}": 1 for i in range(feeds)}
        self.delay = delay
        self.in_flight = 0
        self.max_in_flight = 0
        self.throttled = {}  # path -> Retry-After seconds
        self.requests = {}   # path -> count
        self.stories = {}    # path -> (guid, title, text) of an extra shared story
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                self.left = False           # one handler serves every request of a kept-alive connection
                with server.lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                    server.requests[path] = server.requests.get(path, 0) + 1
                    retry = server.throttled.get(path)
                    body = server.render(path) if path in server.items else None
                try:
                    if server.delay:
                        time.sleep(server.delay)
                    if retry is not None:
                        self.reply(429, b"slow down", [("Retry-After", str(retry))])
                    elif body is None:
                        self.reply(404, b"not found", [])
                    else:
                        etag = '"%x"' % (hash(body) & 0xFFFFFFFF)
                        if self.headers.get("If-None-Match") == etag:
                            self.reply(304, b"", [("ETag", etag)])
                        else:
                            self.reply(200, body, [("Content-Type", "application/rss+xml"), ("ETag", etag)])
                finally:
                    self.leave()

            def leave(self):
                """The request stops counting as in flight: before the response's first byte is
                sent, so a client can never have the whole response (and start another request
                with the slot it frees) while this one still counts."""
                if not self.left:
                    self.left = True
                    with server.lock:
                        server.in_flight -= 1

            def reply(self, status, payload, headers):
                try:
                    self.send_response(status)      # buffered until end_headers()
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.leave()
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def next_round(self):
        with self.lock:
            for p in self.items:
                self.items[p] += 1

    def expected(self):
        """(source, guid) of every item published so far."""
        with self.lock:
            return {(p.replace("/f/", "s"), f"{p}#{n}") for p, count in self.items.items() for n in range(1, count + 1)}

    def render(self, path):
        items = []
        for n in range(self.items[path], 0, -1):
            items.append(f"<item><title>Item {n} of {path}</title><guid isPermaLink=\"false\">{path}#{n}</guid>"
                         f"<link>http://127.0.0.1:{self.port}{path}/{n}</link>"
                         f"<pubDate>{formatdate(1_767_225_600 + n * 60, usegmt=True)}</pubDate>"
                         f"<description>Item {n} of feed {path}, round {n}.</description></item>")
        if path in self.stories:
            guid, title, text = self.stories[path]
            items.append(f"<item><title>{title}</title><guid isPermaLink=\"false\">{guid}</guid>"
                         f"<link>http://127.0.0.1:{self.port}{path}/story</link><description>{text}</description></item>")
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
                f"<link>http://127.0.0.1:{self.port}/</link><description>d</description>"
                + "".join(items) + "</channel></rss>").encode()


class Node:
    """One feedsync node: its own config, state_dir (lock, cookies) and spool, on the shared state."""

    def __init__(self, root, name, url, sources, **settings):
        self.root = Path(root) / name
        self.root.mkdir(parents=True, exist_ok=True)
        self.config = self.root / "feedsync.toml"
        self.spool = self.root / "spool"
        lines = [f'state = "{url}"', f'state_dir = "{self.root / "state"}"', f'spool_dir = "{self.spool}"']
        lines += [f"{k} = {json.dumps(v) if isinstance(v, str) else v}" for k, v in settings.items()]
        for name_, feed_url in sources:
            lines += ["", "[[source]]", f'name = "{name_}"', f'url = "{feed_url}"', 'interval = "1s"']
        self.config.write_text("\n".join(lines) + "\n")
        self.proc = None
        self.log = self.root / "node.log"

    def start(self, binary, *args):
        self.proc = subprocess.Popen([binary, "run", "--config", str(self.config), *args], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"))

    def kill(self, sig):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(30)

    def items(self):
        """(source, guid, duplicate_of) of every file this node published."""
        out = []
        for sub in ("new", "cur"):
            d = self.spool / sub
            if d.is_dir():
                for name in os.listdir(d):
                    if not name.startswith("."):
                        item = json.loads((d / name).read_bytes())
                        out.append((item["source"], item.get("guid") or item["id"], item.get("duplicate_of")))
        return out
