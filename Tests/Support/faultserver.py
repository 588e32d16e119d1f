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
import json
import os
import signal
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# The serving side lives beside this file: the route table and log, and the fault responses.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faultresponses import FaultHandler  # noqa: E402
from faultstate import STATE  # noqa: E402


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
    # A parent that starts us from a thread with signals blocked (a libdispatch worker thread does)
    # passes that mask on: SIGTERM stayed pending forever and the test waiting for us hung.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
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
