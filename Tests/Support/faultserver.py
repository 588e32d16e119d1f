#!/usr/bin/env python3
"""faultserver.py: a scriptable, fault-injecting HTTP/1.1 server on the loopback interface.

Used by the Swift tests (Tests/FeedSyncHTTPTests) and by end-to-end tests that drive the real
`feedsync` binary. Standard library only.

Start
-----
    python3 faultserver.py [--host 127.0.0.1] [--ports 1] [--routes routes.json]
                           [--tls CERT KEY] [--no-stdin]

`--tls` serves HTTPS (tls-cert.pem / tls-key.pem beside this file: a self-signed certificate
for 127.0.0.1 and localhost, valid until 2125, made for these tests only).

It listens on `--ports` ephemeral ports (all serving the same routes, sharing one log; a second
port lets a test tell "the first server" from "another server" on the same address) plus one
separate admin port, then prints ONE line of JSON on stdout and flushes it:

    {"ports": [41234], "admin": 41235, "pid": 1234}

It exits when stdin reaches end of file (so it dies with the parent that holds the pipe) or on
SIGTERM/SIGINT; with `--no-stdin` it ignores stdin and runs until a signal.

Control
-------
Commands are JSON objects. They arrive either as one line each on stdin (the answer is one JSON
line on stdout) or over HTTP on the admin port (`POST /` with the command as body, or the
shortcuts below). Admin traffic never touches the request log or the counters.

    {"op": "route", "path": "/feed", "spec": {...}}   add or replace a route
    {"op": "routes", "routes": {"/a": {...}, "/b": {...}}}
    {"op": "log"}                                     the request log and counters (below)
    {"op": "reset"}                                   clear log and counters (routes stay)
    {"op": "clear"}                                   clear log, counters and routes
    HTTP shortcuts on the admin port: GET /__log, POST /__reset, POST /__clear,
    POST /__route?path=/x (body: the spec)

A route path matches the request path (query string ignored) exactly; a path ending in `*`
matches every path with that prefix (the longest such prefix wins). Unrouted paths get 404.

Route spec (every field optional)
---------------------------------
    status         int, default 200 (or 302 when `redirect` is set)
    body           str (UTF-8) | body_b64: base64 bytes | file: path of a file to serve
    content_type   default "application/xml"
    headers        {"Name": "value"} or [["Name", "value"], ...] (repeatable), sent as given
    etag           sent as ETag; a request whose If-None-Match equals it byte for byte gets 304
    last_modified  sent as Last-Modified; a request whose If-Modified-Since equals it byte for
                   byte gets 304 (string equality on purpose: clients must echo, not reformat)
    gzip           true: gzip the body (Content-Encoding: gzip) | deflate: true likewise
    redirect       Location value, sent as is (relative or absolute)
    retry_after    Retry-After value, sent as is
    delay          seconds to wait before sending the status line
    dribble        seconds between body bytes: the body is sent one byte at a time, chunked
    gzip_bomb      N: a chunked gzip stream that inflates to N zero bytes, made on the fly
                   (compressed, 1 GB of zeros is about 1 MB on the wire)
    close          true: close the connection without any response
    auth           ["user", "password"]: 401 with WWW-Authenticate unless Basic auth matches
    sequence       [spec, spec, ...]: the n-th request to this route gets the n-th spec; the
                   last one repeats

Log (answer to "log")
---------------------
    {"requests": [{"method", "path" (with query), "headers": [[name, value], ...] as received,
                   "port", "conn": connection number, "start", "end" (time.monotonic() seconds;
                   null while in progress), "status"}], in arrival order
     "connections": total connections accepted on the serving ports,
     "max_concurrent_connections": highest number of simultaneously open connections,
     "max_concurrent_requests": highest number of requests in progress at once (from the
                                request line to the first response byte),
     "open_connections": connections open now}
"""

import argparse
import base64
import gzip
import json
import os
import signal
import socket
import ssl
import socketserver
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class State:
    """Routes, log and counters shared by every serving port; guarded by one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.routes = {}
        self.hits = {}
        self.clear()

    def clear(self, routes=True):
        with self.lock:
            if routes:
                self.routes = {}
            self.hits = {}
            self.log = []
            self.connections = 0
            self.open_connections = 0
            self.max_connections = 0
            self.active_requests = 0
            self.max_requests = 0

    def command(self, cmd):
        op = cmd.get("op")
        if op == "route":
            with self.lock:
                self.routes[cmd["path"]] = cmd.get("spec", {})
                self.hits.pop(cmd["path"], None)
            return {"ok": True}
        if op == "routes":
            with self.lock:
                for path, spec in cmd.get("routes", {}).items():
                    self.routes[path] = spec
                    self.hits.pop(path, None)
            return {"ok": True}
        if op == "log":
            with self.lock:
                return {
                    "requests": [dict(e) for e in self.log],
                    "connections": self.connections,
                    "max_concurrent_connections": self.max_connections,
                    "max_concurrent_requests": self.max_requests,
                    "open_connections": self.open_connections,
                }
        if op == "reset":
            self.clear(routes=False)
            return {"ok": True}
        if op == "clear":
            self.clear(routes=True)
            return {"ok": True}
        return {"ok": False, "error": "unknown op %r" % (op,)}

    def lookup(self, path):
        """The spec for a request path, advancing a route's `sequence`."""
        with self.lock:
            key = path if path in self.routes else None
            if key is None:
                prefixes = [p for p in self.routes if p.endswith("*") and path.startswith(p[:-1])]
                if prefixes:
                    key = max(prefixes, key=len)
            if key is None:
                return None
            spec = self.routes[key]
            seq = spec.get("sequence")
            if seq:
                n = self.hits.get(key, 0)
                self.hits[key] = n + 1
                return seq[min(n, len(seq) - 1)]
            return spec

    def connection_opened(self):
        with self.lock:
            self.connections += 1
            self.open_connections += 1
            self.max_connections = max(self.max_connections, self.open_connections)
            return self.connections

    def connection_closed(self):
        with self.lock:
            self.open_connections -= 1

    def request_started(self, entry):
        with self.lock:
            # Logged on arrival (and completed in place later), so a client that has its
            # response always finds its request in the log.
            self.log.append(entry)
            self.active_requests += 1
            self.max_requests = max(self.max_requests, self.active_requests)

    def request_answering(self):
        with self.lock:
            self.active_requests -= 1

    def request_ended(self, entry):
        with self.lock:
            entry["end"] = time.monotonic()


STATE = State()


def header_pairs(spec_headers):
    if not spec_headers:
        return []
    if isinstance(spec_headers, dict):
        return list(spec_headers.items())
    return [tuple(pair) for pair in spec_headers]


def spec_body(spec):
    if "body_b64" in spec:
        return base64.b64decode(spec["body_b64"])
    if "file" in spec:
        with open(spec["file"], "rb") as f:
            return f.read()
    return spec.get("body", "").encode("utf-8")


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultserver/1"
    # Headers and body go out in separate writes; with Nagle on, the body waits for the
    # client's delayed ACK (40 ms per response), which would make the server the benchmark.
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        self.conn_number = STATE.connection_opened()

    def finish(self):
        try:
            super().finish()
        finally:
            STATE.connection_closed()

    def log_message(self, fmt, *args):  # keep stderr quiet; the log is the record
        pass

    def do_GET(self):
        self.serve()

    def do_HEAD(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def serve(self):
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "port": self.server.server_address[1],
            "conn": self.conn_number,
            "start": time.monotonic(),
            "status": None,
            "end": None,
        }
        STATE.request_started(entry)
        self.answering = False
        try:
            self.respond(entry)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True
        finally:
            self.mark_answering()
            STATE.request_ended(entry)

    def mark_answering(self):
        # A request stops counting as "being answered" just before its first response byte is
        # written: a client cannot see the end of a response before this point, so a client
        # that starts its next request on completion is never counted twice.
        if not self.answering:
            self.answering = True
            STATE.request_answering()

    def respond(self, entry):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        spec = STATE.lookup(urlsplit(self.path).path)
        if spec is None:
            return self.simple(entry, 404, b"no route\n")
        if spec.get("delay"):
            time.sleep(float(spec["delay"]))
        if spec.get("close"):
            entry["status"] = 0
            self.close_connection = True
            return
        if spec.get("auth"):
            user, password = spec["auth"]
            expected = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.simple(entry, 401, b"auth\n", [("WWW-Authenticate", 'Basic realm="t"')])

        validators = []
        if "etag" in spec:
            validators.append(("ETag", spec["etag"]))
        if "last_modified" in spec:
            validators.append(("Last-Modified", spec["last_modified"]))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm is not None and inm == spec.get("etag")) or (
            inm is None and ims is not None and ims == spec.get("last_modified")
        ):
            return self.simple(entry, 304, b"", validators + header_pairs(spec.get("headers")))

        status = int(spec.get("status", 302 if "redirect" in spec else 200))
        headers = [("Content-Type", spec.get("content_type", "application/xml"))]
        headers += validators
        if "redirect" in spec:
            headers.append(("Location", spec["redirect"]))
        if "retry_after" in spec:
            headers.append(("Retry-After", str(spec["retry_after"])))
        headers += header_pairs(spec.get("headers"))

        if "gzip_bomb" in spec:
            return self.bomb(entry, status, headers, int(spec["gzip_bomb"]))
        body = spec_body(spec)
        if spec.get("gzip"):
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        elif spec.get("deflate"):
            body = zlib.compress(body)
            headers.append(("Content-Encoding", "deflate"))
        if spec.get("dribble"):
            return self.dribble(entry, status, headers, body, float(spec["dribble"]))
        self.simple(entry, status, body, headers)

    def start(self, entry, status, headers):
        entry["status"] = status
        self.mark_answering()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)

    def simple(self, entry, status, body, headers=()):
        self.start(entry, status, headers)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)
        self.wfile.flush()

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def dribble(self, entry, status, headers, body, gap):
        self.start(entry, status, headers)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(len(body)):
            self.chunk(body[i:i + 1])
            time.sleep(gap)
        self.wfile.write(b"0\r\n\r\n")

    def bomb(self, entry, status, headers, size):
        self.start(entry, status, headers + [("Content-Encoding", "gzip")])
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip wrapper
        zeros = bytes(1 << 20)
        left = size
        while left > 0:
            n = min(left, len(zeros))
            out = comp.compress(zeros[:n])
            if out:
                self.chunk(out)
            left -= n
        self.chunk(comp.flush())
        self.wfile.write(b"0\r\n\r\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


class AdminHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, obj):
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if urlsplit(self.path).path == "/__log":
            return self.reply(STATE.command({"op": "log"}))
        self.reply({"ok": False, "error": "unknown admin path"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        if parts.path == "/__route":
            path = parse_qs(parts.query).get("path", ["/"])[0]
            cmd = {"op": "route", "path": path, "spec": json.loads(raw or b"{}")}
        elif parts.path in ("/__reset", "/__clear", "/__log"):
            cmd = {"op": parts.path[3:]}
        else:
            cmd = json.loads(raw or b"{}")
        self.reply(STATE.command(cmd))


def main():
    parser = argparse.ArgumentParser(description="fault-injecting loopback HTTP server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="first serving port (0: ephemeral)")
    parser.add_argument("--ports", type=int, default=1, help="how many serving ports")
    parser.add_argument("--routes", help="JSON file: {path: spec} loaded at start")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                        help="serve HTTPS on the serving ports (admin stays plain HTTP)")
    parser.add_argument("--no-stdin", action="store_true",
                        help="ignore stdin (run until SIGTERM) instead of exiting at its end")
    args = parser.parse_args()

    if args.routes:
        with open(args.routes) as f:
            STATE.command({"op": "routes", "routes": json.load(f)})

    servers = []
    for i in range(args.ports):
        servers.append(Server((args.host, args.port if i == 0 else 0), FaultHandler))
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        for srv in servers:
            srv.socket = context.wrap_socket(srv.socket, server_side=True)
    admin = Server((args.host, 0), AdminHandler)
    for srv in servers + [admin]:
        threading.Thread(target=srv.serve_forever, daemon=True).start()

    print(json.dumps({"ports": [s.server_address[1] for s in servers],
                      "admin": admin.server_address[1], "pid": os.getpid()}),
          flush=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if args.no_stdin:
        while True:
            signal.pause()
    try:
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            try:
                answer = STATE.command(json.loads(line))
            except Exception as exc:  # a malformed command must not kill the server
                answer = {"ok": False, "error": str(exc)}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
