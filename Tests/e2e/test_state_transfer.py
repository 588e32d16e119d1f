"""`feedsync state export|import` with the real binary: a SQLite state made by `sync` against a
loopback server moves into a real PostgreSQL (scripts/pg-cluster) and the next sync delivers nothing
twice, and a change exactly once; a SQLite state restores into a new SQLite; a state that holds
anything, a document of a newer version, a bad line and a cut-off document are refused (exit 65)
and import nothing. The PostgreSQL test skips with one line without the server binaries
(a failure with FEEDSYNC_REQUIRE_POSTGRES=1)."""

import json
import os
import pty
import subprocess
from collections import Counter

import pytest

from cluster_harness import ClusterFeedServer
from harness import feedsync_binary
from test_cluster import database, pg  # noqa: F401 (fixtures: a throwaway cluster, a database per test)


@pytest.fixture
def feeds():
    """A factory of loopback servers of N RSS feeds (cluster_harness), closed after the test."""
    servers = []

    def make(count):
        servers.append(ClusterFeedServer(count))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def feedsync(ws, *args, config=None, stdin=None):
    cmd = [feedsync_binary(), *args, "--config", str(config or ws.config)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, input=stdin)


def delivered(ws):
    """(source, guid, event) of every item in the spool, with how often each was delivered."""
    return Counter((i["source"], i.get("guid") or i["id"], i.get("event")) for i in ws.items())


def records(document):
    """The document's record lines, without the header (it names the store and the time)."""
    lines = document.splitlines()
    assert json.loads(lines[0])["format"] == "feedsync-state"
    assert json.loads(lines[-1])["type"] == "end"
    return sorted(lines[1:])


def synced_state(ws, server, feeds=3, **settings):
    """A SQLite state and spool as `sync` leaves them, with a shared story on the first feed."""
    server.stories["/f/0"] = ("story-1", "A story", "First version of the story.")
    ws.write_config([{"name": f"s{i}", "url": server.url(f"/f/{i}")} for i in range(feeds)], on_update="emit", **settings)
    r = feedsync(ws, "sync")
    assert r.returncode == 0, r.stderr
    assert sum(delivered(ws).values()) == feeds + 1


def export(ws, config=None):
    r = feedsync(ws, "state", "export", config=config)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("exported "), r.stderr
    return r.stdout


def test_a_sqlite_state_moves_to_postgresql_and_nothing_is_delivered_twice(ws, database, feeds):  # noqa: F811
    server = feeds(3)
    synced_state(ws, server)
    document = ws.dir / "state.jsonl"
    r = feedsync(ws, "state", "export", "--output", str(document))
    assert r.returncode == 0, r.stderr
    assert (document.stat().st_mode & 0o777) == 0o600
    before = delivered(ws)

    shared = ws.dir / "shared.toml"
    shared.write_text(f'state = "{database}"\n' + ws.config.read_text())
    r = feedsync(ws, "sync", config=shared)
    assert r.returncode == 65, "an empty shared state beside a spool with items is refused"
    assert "feedsync recover" in r.stderr

    r = feedsync(ws, "state", "import", "--input", str(document), config=shared)
    assert r.returncode == 0, r.stderr
    assert "(3 sources, 4 items, " in r.stdout, r.stdout
    assert records(export(ws, config=shared)) == records(document.read_text()), "the same records back"

    r = feedsync(ws, "sync", config=shared)
    assert r.returncode == 0, r.stderr
    assert delivered(ws) == before, "the unchanged feeds deliver nothing"

    server.next_round()
    server.stories["/f/0"] = ("story-1", "A story", "Second version of the story.")
    r = feedsync(ws, "sync", config=shared)
    assert r.returncode == 0, r.stderr
    after = delivered(ws)
    assert set(after.values()) == {1}, "nothing twice"
    assert after - before == Counter({("s0", "/f/0#2", "new"): 1, ("s1", "/f/1#2", "new"): 1,
                                      ("s2", "/f/2#2", "new"): 1, ("s0", "story-1", "updated"): 1})


def forget_state(ws):
    """The SQLite state is gone (moved away), as after a lost disk."""
    for suffix in ("", "-wal", "-shm"):
        (ws.state / f"state.sqlite{suffix}").unlink(missing_ok=True)


def test_a_sqlite_state_restores_into_a_new_sqlite_state_from_standard_input(ws, feeds):
    synced_state(ws, feeds(2), feeds=2)
    document = export(ws)
    before = delivered(ws)
    forget_state(ws)
    r = feedsync(ws, "state", "import", "--input", "-", stdin=document)
    assert r.returncode == 0, r.stderr
    assert records(export(ws)) == records(document)
    r = feedsync(ws, "sync")
    assert r.returncode == 0, r.stderr
    assert delivered(ws) == before


def test_import_into_a_state_that_holds_anything_is_refused(ws, feeds):
    synced_state(ws, feeds(1), feeds=1)
    document = export(ws)
    r = feedsync(ws, "state", "import", stdin=document)
    assert r.returncode == 65
    assert "the state is not empty (" in r.stderr and "nothing was imported" in r.stderr
    assert records(export(ws)) == records(document)


def bad_import(ws, document):
    r = feedsync(ws, "state", "import", stdin=document)
    assert r.returncode == 65, r.stderr
    assert "nothing was imported" in r.stderr
    return r.stderr


def test_bad_documents_are_refused_with_the_line_and_import_nothing(ws, feeds):
    synced_state(ws, feeds(2), feeds=2)
    lines = export(ws).splitlines(keepends=True)
    forget_state(ws)

    newer = json.loads(lines[0])
    newer["version"] = 99
    assert "format version 99, newer than this feedsync reads" in bad_import(ws, json.dumps(newer) + "\n" + "".join(lines[1:]))
    assert "not a feedsync state document" in bad_import(ws, '{"format":"other"}\n')
    assert "line 4: not valid JSON" in bad_import(ws, "".join(lines[:3]) + '{"type": "item",\n' + "".join(lines[4:]))
    assert "line 3: a record given twice" in bad_import(ws, "".join(lines[:2] + lines[1:]))
    assert "without its \"end\" line: it was cut off" in bad_import(ws, "".join(lines[:-1]))

    r = feedsync(ws, "state", "import", "--input", str(ws.dir / "missing.jsonl"))
    assert r.returncode == 66
    r = feedsync(ws, "state", "import", stdin="".join(lines))
    assert r.returncode == 0, "after every refusal the state was still empty: " + r.stderr


def test_import_without_input_from_a_terminal_is_a_usage_error(ws):
    ws.write_config([])
    primary, secondary = pty.openpty()
    try:
        r = subprocess.run([feedsync_binary(), "state", "import", "--config", str(ws.config)], stdin=secondary,
                           capture_output=True, text=True, timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    assert r.returncode == 64
    assert "--input FILE or standard input, which is a terminal" in r.stderr
