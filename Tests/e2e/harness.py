"""Shared pieces for end-to-end tests: the real feedsync binary, a real loopback HTTP server
(Tests/Support/faultserver.py, a child process), a temp workspace with config, state and spool."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAULTSERVER = ROOT / "Tests" / "Support" / "faultserver.py"


def feedsync_binary():
    b = os.environ.get("FEEDSYNC_BIN") or str(ROOT / ".build" / "debug" / "feedsync")
    if not os.path.exists(b):
        raise RuntimeError(f"feedsync binary not found at {b}: build it first (swift build)")
    return b


class FaultServer:
    """The fault-injecting loopback server, driven over its admin port."""

    def __init__(self, ports=1):
        self.proc = subprocess.Popen([sys.executable, str(FAULTSERVER), "--ports", str(ports)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        info = json.loads(self.proc.stdout.readline())
        self.ports = info["ports"]
        self.port = self.ports[0]
        self.admin = info["admin"]

    def url(self, path, port=None):
        return f"http://127.0.0.1:{port or self.port}{path}"

    def _admin(self, cmd):
        req = urllib.request.Request(f"http://127.0.0.1:{self.admin}/", data=json.dumps(cmd).encode(), method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def route(self, path, **spec):
        self._admin({"op": "route", "path": path, "spec": spec})

    def log(self):
        return self._admin({"op": "log"})

    def requests(self, path=None):
        reqs = self.log()["requests"]
        return [r for r in reqs if path is None or r["path"].split("?")[0] == path]

    def reset(self):
        self._admin({"op": "reset"})

    def stop(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


def header(req, name):
    for k, v in req["headers"]:
        if k.lower() == name.lower():
            return v
    return None


def rss(items, title="Test feed", encoding="utf-8", extra=""):
    """An RSS 2.0 document; items are dicts with guid/title/link/description/pubDate."""
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
             f"<title>{title}</title><link>http://example.org/</link><description>d</description>{extra}"]
    for it in items:
        parts.append("<item>")
        for k in ("title", "link", "guid", "description", "pubDate"):
            if k in it:
                attrs = ' isPermaLink="false"' if k == "guid" else ""
                parts.append(f"<{k}{attrs}>{it[k]}</{k}>")
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts).encode(encoding)


def items(prefix, n, start=0):
    return [{"guid": f"{prefix}-{i}", "title": f"{prefix} story {i}", "link": f"http://example.org/{prefix}/{i}",
             "description": f"Body of {prefix} {i}", "pubDate": f"Mon, 0{1 + i % 9} Jan 2024 10:00:00 GMT"}
            for i in range(start, start + n)]


class Workspace:
    """A temp dir holding config, state and spool for one test."""

    def __init__(self, path):
        self.dir = Path(path)
        self.state = self.dir / "state"
        self.spool = self.dir / "spool"
        self.config = self.dir / "feedsync.toml"
        self.feeds = self.dir / "feeds"
        self.feeds.mkdir(parents=True, exist_ok=True)

    def write_config(self, sources, **globals_):
        g = {"state_dir": str(self.state), "spool_dir": str(self.spool), **globals_}
        lines = [f"{k} = {toml_value(v)}" for k, v in g.items()]
        for s in sources:
            lines.append("\n[[source]]")
            select = s.get("select")
            for k, v in s.items():
                if k != "select":
                    lines.append(f"{k} = {toml_value(v)}")
            if select:
                lines.append("[source.select]")
                for k, v in select.items():
                    lines.append(f"{k} = {toml_value(v)}")
        self.config.write_text("\n".join(lines) + "\n")
        return self.config

    def run(self, *args, timeout=60, env=None, check_config=True):
        cmd = [feedsync_binary(), *args]
        if check_config and args and args[0] in ("sync", "status", "check", "run") and "--config" not in args:
            cmd += ["--config", str(self.config)]
        e = dict(os.environ)
        e.update(env or {})
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e)

    def spawn(self, *args, env=None, **kw):
        cmd = [feedsync_binary(), *args, "--config", str(self.config)]
        e = dict(os.environ)
        e.update(env or {})
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=e, **kw)

    def spool_files(self):
        out = []
        for sub in ("new", "cur"):
            d = self.spool / sub
            if d.exists():
                out += [d / n for n in os.listdir(d)]
        return sorted(out, key=lambda p: p.name.split(":")[0])

    def items(self):
        return [json.loads(p.read_text()) for p in self.spool_files()]

    def tmp_files(self):
        d = self.spool / "tmp"
        return os.listdir(d) if d.exists() else []


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f'"{k}" = {toml_value(x)}' for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v))
