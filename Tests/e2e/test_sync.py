"""`feedsync sync` end to end: the real binary, a real loopback server, real SQLite and spool."""

import gzip
import json
import time

from harness import header, items, rss


def source(name, server, path, **kw):
    return {"name": name, "url": server.url(path), **kw}


def test_first_sync_delivers_every_item(server, ws):
    server.route("/a.xml", body=rss(items("a", 5)).decode(), etag='"v1"')
    ws.write_config([source("a", server, "/a.xml")])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    got = ws.items()
    assert sorted(i["guid"] for i in got) == [f"a-{i}" for i in range(5)]
    first = got[0]
    assert first["source"] == "a" and first["event"] == "new"
    assert first["source_url"] == server.url("/a.xml")
    assert first["feed"]["title"] == "Test feed"
    assert first["published"].endswith("Z")
    assert ws.tmp_files() == []


def test_second_sync_sends_validators_and_delivers_nothing(server, ws):
    server.route("/a.xml", body=rss(items("a", 3)).decode(), etag='W/"abc-1"',
                 last_modified="Mon, 01 Jan 2024 10:00:00 GMT")
    ws.write_config([source("a", server, "/a.xml")])
    assert ws.run("sync").returncode == 0
    server.reset()
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert len(ws.items()) == 3
    [req] = server.requests("/a.xml")
    assert header(req, "If-None-Match") == 'W/"abc-1"'
    assert header(req, "If-Modified-Since") == "Mon, 01 Jan 2024 10:00:00 GMT"
    assert req["status"] == 304


def test_feed_that_gains_three_items_delivers_exactly_those(server, ws):
    server.route("/a.xml", body=rss(items("a", 4)).decode())
    ws.write_config([source("a", server, "/a.xml")])
    assert ws.run("sync").returncode == 0
    server.route("/a.xml", body=rss(items("new", 3) + items("a", 4)).decode())
    assert ws.run("sync").returncode == 0
    guids = [i["guid"] for i in ws.items()]
    assert len(guids) == 7 and len(set(guids)) == 7
    assert sorted(guids[-3:]) == ["new-0", "new-1", "new-2"]


def test_reordered_feed_delivers_nothing(server, ws):
    its = items("a", 5)
    server.route("/a.xml", body=rss(its).decode())
    ws.write_config([source("a", server, "/a.xml")])
    assert ws.run("sync").returncode == 0
    server.route("/a.xml", body=rss(list(reversed(its))).decode())
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 5


def test_gzip_encoded_feed(server, ws):
    server.route("/z.xml", body=rss(items("z", 2)).decode(), gzip=True)
    ws.write_config([source("z", server, "/z.xml")])
    assert ws.run("sync").returncode == 0
    [req] = server.requests("/z.xml")
    assert "gzip" in (header(req, "Accept-Encoding") or "")
    assert len(ws.items()) == 2


def test_redirect_is_followed(server, ws):
    server.route("/old.xml", status=302, redirect="/new.xml")
    server.route("/new.xml", body=rss(items("r", 2)).decode())
    ws.write_config([source("r", server, "/old.xml")])
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 2


def test_404_and_500_fail_alone_and_leave_their_state(server, ws):
    server.route("/ok.xml", body=rss(items("ok", 2)).decode())
    server.route("/gone.xml", status=404, body="nope", content_type="text/plain")
    server.route("/err.xml", status=500, body="boom", content_type="text/plain")
    ws.write_config([source("ok", server, "/ok.xml"), source("missing", server, "/gone.xml"),
                     source("broken", server, "/err.xml")])
    r = ws.run("sync")
    assert r.returncode == 1
    assert len(ws.items()) == 2
    assert "missing" in r.stderr and "404" in r.stderr
    assert "broken" in r.stderr and "500" in r.stderr
    st = {j["source"]: j for j in map(json.loads, ws.run("status", "--json").stdout.splitlines())}
    assert st["ok"]["items_delivered"] == 2
    assert st["missing"]["items_delivered"] == 0 and "etag" not in st["missing"]
    assert st["broken"]["consecutive_failures"] == 1


def test_timeout_fails_the_source_within_its_timeout(server, ws):
    server.route("/slow.xml", body=rss(items("s", 1)).decode(), delay=30)
    server.route("/ok.xml", body=rss(items("ok", 1)).decode())
    ws.write_config([source("slow", server, "/slow.xml", timeout="2s"), source("ok", server, "/ok.xml")])
    t0 = time.monotonic()
    r = ws.run("sync")
    assert time.monotonic() - t0 < 15
    assert r.returncode == 1
    assert "slow" in r.stderr
    assert [i["source"] for i in ws.items()] == ["ok"]


def test_body_over_max_body_is_refused(server, ws):
    big = rss(items("big", 400)).decode()
    assert len(big) > 40_000
    server.route("/big.xml", body=big)
    ws.write_config([source("big", server, "/big.xml", max_body="16KB")])
    r = ws.run("sync")
    assert r.returncode == 1
    assert "big" in r.stderr
    assert ws.items() == []


def test_malformed_feed_is_recovered_or_reported(server, ws):
    broken = rss(items("m", 2)).decode().replace("</channel>", "<item><title>Unclosed &nbsp; entity</item></channel>")
    server.route("/m.xml", body=broken)
    server.route("/junk.xml", body="this is not a feed at all \x00\x01", content_type="text/plain")
    ws.write_config([source("m", server, "/m.xml"), source("junk", server, "/junk.xml")])
    r = ws.run("sync")
    assert r.returncode == 1           # junk cannot be read at all
    assert "junk" in r.stderr
    guids = [i.get("guid") for i in ws.items()]
    assert "m-0" in guids and "m-1" in guids


def test_windows_1251_titles_come_out_as_utf8(server, ws):
    its = [{"guid": "ru-1", "title": "Новости города", "link": "http://example.org/ru/1"}]
    body = rss(its, title="Лента", encoding="windows-1251")
    server.route("/ru.xml", body_b64=__import__("base64").b64encode(body).decode(),
                 content_type="application/rss+xml")
    ws.write_config([source("ru", server, "/ru.xml")])
    assert ws.run("sync").returncode == 0
    [item] = ws.items()
    assert item["title"] == "Новости города"
    assert item["feed"]["title"] == "Лента"


def test_second_sync_while_one_runs_exits_75(server, ws):
    server.route("/slow.xml", body=rss(items("s", 1)).decode(), delay=4)
    ws.write_config([source("slow", server, "/slow.xml")])
    first = ws.spawn("sync")
    time.sleep(1.0)
    second = ws.run("sync")
    assert second.returncode == 75, second.stderr
    assert "PID" in second.stderr
    assert first.wait(timeout=30) == 0
    assert len(ws.items()) == 1


def test_dry_run_prints_items_and_touches_nothing(server, ws):
    server.route("/a.xml", body=rss(items("a", 2)).decode())
    ws.write_config([source("a", server, "/a.xml")])
    r = ws.run("sync", "--dry-run")
    assert r.returncode == 0, r.stderr
    printed = [json.loads(l) for l in r.stdout.splitlines()]
    assert sorted(p["guid"] for p in printed) == ["a-0", "a-1"]
    assert ws.items() == []
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 2


def test_source_option_polls_only_the_named_sources(server, ws):
    server.route("/a.xml", body=rss(items("a", 1)).decode())
    server.route("/b.xml", body=rss(items("b", 1)).decode())
    ws.write_config([source("a", server, "/a.xml"), source("b", server, "/b.xml")])
    assert ws.run("sync", "--source", "b").returncode == 0
    assert [i["source"] for i in ws.items()] == ["b"]
    assert ws.run("sync", "--source", "nope").returncode == 64


def test_invalid_config_exits_78_naming_file_line_and_key(ws):
    ws.config.write_text('state_dir = "/tmp/x"\nbogus_key = 1\n')
    r = ws.run("sync")
    assert r.returncode == 78
    assert f"{ws.config}:2: bogus_key: unknown key" in r.stderr


def test_file_url_sources_work_offline(ws):
    (ws.feeds / "local.xml").write_bytes(rss(items("f", 3)))
    ws.write_config([{"name": "local", "url": f"file://{ws.feeds / 'local.xml'}"}])
    r = ws.run("sync")
    assert r.returncode == 0, r.stderr
    assert len(ws.items()) == 3
