"""`[consume]` in the config: what `feedsync consume --config` runs when its command line does
not say (the systemd template unit runs from it), and `--filter` by tag as well as by source."""

import os

from harness import items, rss


def setup(server, ws, consume_section):
    """Three sources (a tagged news, b tagged sport, c untagged), synced, and `consume_section`
    placed before the first [[source]] (TOML keys after a table header belong to that table)."""
    server.route("/a.xml", body=rss(items("a", 3)).decode())
    server.route("/b.xml", body=rss(items("b", 2)).decode())
    server.route("/c.xml", body=rss(items("c", 2)).decode())
    ws.write_config([{"name": "a", "url": server.url("/a.xml"), "tags": ["news", "world"]},
                     {"name": "b", "url": server.url("/b.xml"), "tags": ["sport"]},
                     {"name": "c", "url": server.url("/c.xml")}])
    ws.config.write_text(ws.config.read_text().replace("\n[[source]]", "\n" + consume_section + "\n[[source]]", 1))
    r = ws.run("check")
    assert r.returncode == 0, r.stderr
    assert ws.run("sync").returncode == 0


def handled(log):
    return sorted(log.read_text().split()) if log.exists() else []


def test_consume_runs_from_the_config_section_and_filters_by_tag_or_source(server, ws, tmp_path):
    log = tmp_path / "handled"
    setup(server, ws, f"""[consume]
exec = ["sh", "-c", "echo $FEEDSYNC_SOURCE >> {log}"]
filter = ["news", "c"]
jobs = 2
consume_retries = 0
""")
    r = ws.run("consume", "--once", "--config", str(ws.config), check_config=False)
    assert r.returncode == 0, r.stderr
    assert handled(log) == ["a"] * 3 + ["c"] * 2          # tag "news" (source a) and source "c"
    assert len(os.listdir(ws.spool / "new")) == 2          # b's items wait for another consumer
    # The command line wins over the section: another handler, filtered by b's tag.
    other = tmp_path / "other"
    r = ws.run("consume", "--once", "--config", str(ws.config), "--name", "sport", "--filter", "sport",
               "--exec", "sh", "-c", f"echo $FEEDSYNC_SOURCE >> {other}", check_config=False)
    assert r.returncode == 0, r.stderr
    assert handled(other) == ["b", "b"] and os.listdir(ws.spool / "new") == []


def test_consume_retries_from_the_config_park_failing_items(server, ws):
    setup(server, ws, """[consume]
exec = "/bin/false"
consume_retries = 0
""")
    r = ws.run("consume", "--once", "--config", str(ws.config), check_config=False)
    assert r.returncode == 0, r.stderr
    parked = [n for n in os.listdir(ws.spool / "failed") if not n.endswith(".error")]
    assert len(parked) == 7                                # no retry: parked at the first failure


def test_consume_without_a_handler_anywhere_is_a_usage_error(server, ws):
    setup(server, ws, "")
    r = ws.run("consume", "--once", "--config", str(ws.config), check_config=False)
    assert r.returncode == 64 and "exec in the config's [consume]" in r.stderr, r.stderr


def test_consume_section_problems_are_located(ws):
    ws.write_config([{"name": "a", "url": "http://127.0.0.1:9/a.xml"}])
    ws.config.write_text(ws.config.read_text().replace("\n[[source]]", """
[consume]
exec = []
jobs = 0
consume_retries = -1
retries = 3

[[source]]""", 1))
    r = ws.run("check")
    assert r.returncode == 78, r.stderr
    for key in ("consume.exec", "consume.jobs", "consume.consume_retries", "consume.retries"):
        assert f": {key}: " in r.stderr, (key, r.stderr)
    assert "feedsync.toml:" in r.stderr
