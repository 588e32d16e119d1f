"""Helpers for the end-to-end tests of `feedsync run` (and the commands around it).

They drive the real binary ($FEEDSYNC_BIN, else .build/debug/feedsync) against a loopback HTTP
server written here (RSS feeds that can grow while the daemon runs, with ETag support and a
request log), and stand in for systemd with a datagram socket that records sd_notify messages.

Tests marked `pipeline` need the real fetcher and parser (fetch -> parse -> deliver must work);
the others exercise the daemon's own behaviour and pass with the stubs too. Nothing is skipped:
`pytest -m "not pipeline"` selects the second group explicitly.
"""

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def pytest_configure(config):
    config.addinivalue_line("markers", "pipeline: needs the real fetcher and parser to deliver items")


@pytest.fixture(scope="session")
def feedsync_bin():
    path = Path(os.environ.get("FEEDSYNC_BIN", REPO / ".build/debug/feedsync"))
    if not path.is_file():
        pytest.fail(f"feedsync binary not found at {path}: build it (swift build --product feedsync) or set FEEDSYNC_BIN")
    return str(path)


# ---------------------------------------------------------------------------------------------
# Loopback feed server


class Feed:
    """One RSS feed whose items can be added while the daemon polls it."""

    def __init__(self, path, title):
        self.path = path
        self.title = title
        self.count = 0

    def guid(self, n):
        return f"tag:feedsync-test,2026:{self.path}:{n}"

    def guids(self):
        return {self.guid(n) for n in range(1, self.count + 1)}


class FeedServer:
    """RSS 2.0 feeds on 127.0.0.1 with ETag/If-None-Match, optional delays and a request log."""

    def __init__(self):
        self.lock = threading.Lock()
        self.feeds = {}
        self.delays = {}
        self.log = []  # (monotonic start, path, status)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                start = time.monotonic()
                path = self.path.split("?", 1)[0]
                with server.lock:
                    feed = server.feeds.get(path)
                    delay = server.delays.get(path, server.delays.get("*", 0))
                    body = server.render(feed) if feed else None
                if delay:
                    time.sleep(delay)
                if body is None:
                    status, payload, headers = 404, b"not found", [("Content-Type", "text/plain")]
                else:
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        status, payload, headers = 304, b"", [("ETag", etag)]
                    else:
                        status, payload = 200, body
                        headers = [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etag)]
                with server.lock:
                    server.log.append((start, path, status))
                try:
                    self.send_response(status)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024
            open_connections = set()

            def get_request(self):
                conn, addr = super().get_request()
                self.open_connections.add(conn)
                return conn, addr

            def shutdown_request(self, request):
                self.open_connections.discard(request)
                super().shutdown_request(request)

        self.server_class, self.handler = Server, Handler
        self.port = 0
        self._listen()

    def _listen(self):
        self.httpd = self.server_class(("127.0.0.1", self.port), self.handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def pause(self):
        """Stops listening and drops every open connection: connections to the port are refused,
        as when the network is down (a kept-alive connection would otherwise go on answering)."""
        self.close()
        for conn in list(self.httpd.open_connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def resume(self):
        """Listens again on the same port."""
        self._listen()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def add_feed(self, path, items=0, title=None):
        with self.lock:
            feed = Feed(path, title or f"Feed {path}")
            feed.count = items
            self.feeds[path] = feed
            return feed

    def add_items(self, path, n=1):
        with self.lock:
            self.feeds[path].count += n

    def set_delay(self, path, seconds):
        """Delay every response for `path` (or "*" for all)."""
        with self.lock:
            self.delays[path] = seconds

    def requests(self, path=None, since=None):
        with self.lock:
            return [(t, p, s) for (t, p, s) in self.log
                    if (path is None or p == path) and (since is None or t >= since)]

    def render(self, feed):
        # Newest first, at most 50 items, as real feeds do.
        items = []
        for n in range(feed.count, max(0, feed.count - 50), -1):
            items.append(
                "<item>"
                f"<title>{feed.title} item {n}</title>"
                f"<link>http://127.0.0.1:{self.port}{feed.path}/item/{n}</link>"
                f'<guid isPermaLink="false">{feed.guid(n)}</guid>'
                f"<pubDate>{formatdate(1_767_225_600 + n * 60, usegmt=True)}</pubDate>"
                f"<description>Body of item {n} of {feed.title}.</description>"
                "</item>")
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>{feed.title}</title><link>http://127.0.0.1:{self.port}{feed.path}</link>"
                "<description>test feed</description>" + "".join(items) + "</channel></rss>").encode()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


# ---------------------------------------------------------------------------------------------
# systemd's side of sd_notify


class NotifyListener:
    """Receives sd_notify datagrams and keeps them, with their arrival time (monotonic)."""

    def __init__(self, address):
        self.address = address
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + address[1:] if address.startswith("@") else address)
        self.sock.settimeout(0.1)
        self.messages = []  # (time, {key: value})
        self.cond = threading.Condition()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            fields = dict(line.split("=", 1) for line in data.decode().split("\n") if "=" in line)
            with self.cond:
                self.messages.append((time.monotonic(), fields))
                self.cond.notify_all()

    def close(self):
        self.running = False
        self.thread.join(1)
        self.sock.close()

    def wait_for(self, key, value=None, timeout=5.0, after=0.0):
        """The first message after `after` that carries `key` (with `value`, if given)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, fields in self.messages:
                    if t >= after and key in fields and (value is None or fields[key] == value):
                        return t, fields
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {key}{'=' + value if value else ''} within {timeout}s; got {self.messages}")
                self.cond.wait(left)

    def times(self, key, value=None):
        with self.cond:
            return [t for t, f in self.messages if key in f and (value is None or f[key] == value)]

    def all(self):
        with self.cond:
            return list(self.messages)


@pytest.fixture
def notify_socket(tmp_path):
    listener = NotifyListener(str(tmp_path / "notify.sock"))
    yield listener
    listener.close()


# ---------------------------------------------------------------------------------------------
# The daemon and its files


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return json.dumps(v)


class Setup:
    """A config file, state and spool directories under one temporary directory."""

    def __init__(self, root):
        self.root = Path(root)
        self.config = self.root / "feedsync.toml"
        self.state = self.root / "state"
        self.spool = self.root / "spool"

    def write_config(self, sources, **settings):
        lines = [f'state_dir = "{self.state}"', f'spool_dir = "{self.spool}"']
        lines += [f"{k} = {toml_value(v)}" for k, v in settings.items()]
        for s in sources:
            lines += ["", "[[source]]"] + [f"{k} = {toml_value(v)}" for k, v in s.items()]
        self.config.write_text("\n".join(lines) + "\n")

    def spool_items(self):
        """(source, guid, file name) of every delivered item, in new/ and cur/."""
        out = []
        for sub in ("new", "cur"):
            d = self.spool / sub
            if not d.is_dir():
                continue
            for name in sorted(os.listdir(d)):
                if name.startswith("."):
                    continue
                with open(d / name, "rb") as f:
                    item = json.loads(f.read())
                out.append((item["source"], item.get("guid") or item["id"], name))
        return out

    def tmp_files(self):
        d = self.spool / "tmp"
        return sorted(os.listdir(d)) if d.is_dir() else []

    def state_files(self):
        """Spool file names the state records as delivered, and the pending intents."""
        db = sqlite3.connect(f"file:{self.state / 'state.sqlite'}?mode=ro", uri=True)
        try:
            files = {r[0] for r in db.execute("SELECT file FROM items WHERE file IS NOT NULL")}
            intents = [r[0] for r in db.execute("SELECT file FROM intents")]
        finally:
            db.close()
        return files, intents


class Daemon:
    """One `feedsync run` process; its stderr goes to a file the test can read."""

    def __init__(self, binary, setup, env=None, args=(), wrapper=()):
        self.log_path = setup.root / f"daemon-{time.monotonic_ns()}.log"
        self.log_file = open(self.log_path, "wb")
        full_env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM")}
        full_env.update(env or {})
        self.started = time.monotonic()
        self.proc = subprocess.Popen([*wrapper, binary, "run", "--config", str(setup.config), *args],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.log_file, env=full_env)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"feedsync run did not exit within {timeout}s; log:\n{self.log()}")

    def log(self):
        self.log_file.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.log_file.close()


@pytest.fixture
def setup(tmp_path):
    return Setup(tmp_path)


@pytest.fixture
def daemons(feedsync_bin, setup):
    """Starts daemons for a test and kills any left running at its end."""
    started = []

    def start(env=None, args=(), wrapper=()):
        d = Daemon(feedsync_bin, setup, env=env, args=args, wrapper=wrapper)
        started.append(d)
        return d

    yield start
    for d in started:
        d.stop()


@pytest.fixture(scope="session")
def unit_sandbox():
    """A command prefix that applies systemd/feedsync.service's seccomp settings (sandbox.py)."""
    import shutil
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is needed to expand the unit's syscall groups: apt-get install -y systemd")
    return [sys.executable, str(Path(__file__).with_name("sandbox.py")), str(REPO / "systemd" / "feedsync.service"), "--"]


def wait_until(predicate, timeout, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


# ---------------------------------------------------------------------------------------------
# Sync and delivery tests: the fault-injecting server (Tests/Support/faultserver.py) and a
# workspace (harness.py).

from harness import FaultServer, Workspace  # noqa: E402


@pytest.fixture
def server():
    s = FaultServer()
    yield s
    s.stop()


@pytest.fixture
def ws(tmp_path):
    return Workspace(tmp_path)
