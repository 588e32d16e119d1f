"""faultresponses.py: how faultserver.py answers a request on a serving port: the route spec's
faults (delay, close, auth, validators and 304, redirects, gzip/deflate, dribbling, gzip bombs),
recorded in the shared log (see faultserver.py for the spec fields)."""

import base64
import gzip
import socket
import time
import zlib
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from faultstate import STATE


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
