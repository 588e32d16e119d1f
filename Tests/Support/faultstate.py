"""faultstate.py: the route table, request log and counters of faultserver.py (see its docstring
for the command and log formats), shared by every serving port."""

import threading
import time


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
