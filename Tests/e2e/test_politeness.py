"""Politeness and resilience as `feedsync sync` shows them: Retry-After, backoff, 410, permanent
redirects, secrets, deny_private, and hostile sources that must not hurt healthy ones."""

import json
import time

from harness import header, items, rss


def source(name, server, path, **kw):
    return {"name": name, "url": server.url(path), **kw}


def status(ws):
    return {j["source"]: j for j in map(json.loads, ws.run("status", "--json").stdout.splitlines())}


def test_retry_after_seconds_is_honoured_until_forced(server, ws):
    server.route("/busy.xml", status=429, retry_after="3600", body="slow down", content_type="text/plain")
    ws.write_config([source("busy", server, "/busy.xml")])
    assert ws.run("sync").returncode == 1
    assert len(server.requests("/busy.xml")) == 1
    r = ws.run("sync")
    assert r.returncode == 0                       # skipped is not a failure
    assert "Retry-After" in r.stderr and "skipped" in r.stderr
    assert len(server.requests("/busy.xml")) == 1  # not polled again
    st = status(ws)["busy"]
    assert st["retry_after_until"] > st["last_attempt"]
    assert ws.run("sync", "--force").returncode == 1
    assert len(server.requests("/busy.xml")) == 2


def test_retry_after_http_date_is_honoured(server, ws):
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 7200))
    server.route("/busy.xml", status=503, retry_after=when, body="maintenance", content_type="text/plain")
    ws.write_config([source("busy", server, "/busy.xml")])
    ws.run("sync")
    r = ws.run("sync")
    assert "Retry-After" in r.stderr
    assert len(server.requests("/busy.xml")) == 1


def test_backoff_grows_with_failures_and_resets_on_success(server, ws):
    server.route("/flaky.xml", status=500, body="oops", content_type="text/plain")
    ws.write_config([source("flaky", server, "/flaky.xml", interval="1m", max_interval="1h")])
    assert ws.run("sync").returncode == 1
    first = status(ws)["flaky"]
    assert first["consecutive_failures"] == 1
    assert "backing off" in ws.run("sync").stderr
    for _ in range(2):
        assert ws.run("sync", "--force").returncode == 1
    third = status(ws)["flaky"]
    assert third["consecutive_failures"] == 3
    gap = lambda s: iso(s["next_due"]) - iso(s["last_attempt"])
    assert gap(third) > gap(first)
    server.route("/flaky.xml", body=rss(items("f", 1)).decode())
    assert ws.run("sync", "--force").returncode == 0
    ok = status(ws)["flaky"]
    assert ok["consecutive_failures"] == 0 and "skip_reason" not in ok


def test_410_gone_disables_until_the_config_changes(server, ws):
    server.route("/gone.xml", status=410, body="gone", content_type="text/plain")
    server.route("/moved-here.xml", body=rss(items("g", 1)).decode())
    ws.write_config([source("gone", server, "/gone.xml")])
    ws.run("sync")
    r = ws.run("sync")
    assert "410" in r.stderr and "skipped" in r.stderr
    assert len(server.requests("/gone.xml")) == 1
    assert status(ws)["gone"]["status"] == "disabled"
    ws.write_config([source("gone", server, "/moved-here.xml")])
    assert ws.run("sync").returncode == 0
    assert len(ws.items()) == 1


def test_permanent_redirect_is_remembered_temporary_is_not(server, ws):
    server.route("/old.xml", status=301, redirect="/new.xml")
    server.route("/new.xml", body=rss(items("p", 1)).decode())
    server.route("/tmp.xml", status=302, redirect="/other.xml")
    server.route("/other.xml", body=rss(items("t", 1)).decode())
    ws.write_config([source("perm", server, "/old.xml"), source("temp", server, "/tmp.xml")])
    assert ws.run("sync").returncode == 0
    server.reset()
    assert ws.run("sync").returncode == 0
    paths = [r["path"] for r in server.requests()]
    assert "/old.xml" not in paths and "/new.xml" in paths       # 301: straight to the new URL
    assert "/tmp.xml" in paths                                   # 302: the configured URL again
    st = status(ws)
    assert st["perm"]["effective_url"] == server.url("/new.xml")
    assert "effective_url" not in st["temp"]
    assert 'url = "' + server.url("/old.xml") in ws.config.read_text()   # config untouched


def test_credentials_never_appear_in_logs_or_status(server, ws):
    server.route("/private.xml", body=rss(items("c", 1)).decode(), auth=["reader", "s3cret-pass"])
    server.route("/wrong.xml", body="x", auth=["reader", "other"])
    ws.write_config([source("private", server, "/private.xml", username="reader", password="s3cret-pass"),
                     source("wrong", server, "/wrong.xml", username="reader", password="s3cret-pass",
                            headers={"Authorization-Token": "tok-123"})])
    r = ws.run("sync", "--log-level", "debug")
    assert len([i for i in ws.items() if i["source"] == "private"]) == 1
    outputs = r.stdout + r.stderr + ws.run("status").stdout + ws.run("status", "--json").stdout + ws.run("check").stdout
    assert "s3cret-pass" not in outputs and "tok-123" not in outputs
    assert "401" in r.stderr


def test_deny_private_refuses_loopback(server, ws):
    server.route("/a.xml", body=rss(items("a", 1)).decode())
    ws.write_config([source("a", server, "/a.xml", deny_private=True)])
    r = ws.run("sync")
    assert r.returncode == 1
    assert server.requests("/a.xml") == []
    assert "a" in r.stderr and ("private" in r.stderr.lower() or "denied" in r.stderr.lower() or "refus" in r.stderr.lower())


def test_hostile_sources_do_not_delay_or_fail_healthy_ones(server, ws):
    sources = []
    for i in range(50):
        server.route(f"/ok{i}.xml", body=rss(items(f"ok{i}", 2)).decode())
        sources.append(source(f"ok{i}", server, f"/ok{i}.xml"))
    server.route("/hang.xml", body=rss(items("h", 1)).decode(), delay=60)
    server.route("/drip.xml", body=rss(items("d", 50)).decode(), dribble=1.0)
    server.route("/bomb.xml", gzip_bomb=10 * 1024 * 1024 * 1024)
    server.route("/close.xml", close=True)
    server.route("/garbage.xml", body="<<<>>>" * 1000, content_type="application/rss+xml")
    for name in ("hang", "drip", "bomb", "close", "garbage"):
        sources.append(source(name, server, f"/{name}.xml", timeout="4s", max_body="2MB"))
    ws.write_config(sources, concurrency=16, per_host=16)
    t0 = time.monotonic()
    r = ws.run("sync", timeout=120)
    elapsed = time.monotonic() - t0
    assert r.returncode == 1
    healthy = {i["source"] for i in ws.items() if i["source"].startswith("ok")}
    assert len(healthy) == 50
    assert len(ws.items()) == 100
    for name in ("hang", "drip", "bomb", "close", "garbage"):
        assert f"source={name}" in r.stderr
    assert elapsed < 20, f"hostile sources held the sync for {elapsed:.1f}s"


def test_per_host_cap_is_never_exceeded(server, ws):
    sources = []
    for i in range(12):
        server.route(f"/s{i}.xml", body=rss(items(f"s{i}", 1)).decode(), delay=0.3)
        sources.append(source(f"s{i}", server, f"/s{i}.xml"))
    ws.write_config(sources, concurrency=64, per_host=3)
    assert ws.run("sync").returncode == 0
    assert server.log()["max_concurrent_requests"] <= 3
    assert len(ws.items()) == 12


def iso(s):
    import datetime
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def test_cookies_are_kept_per_source_between_syncs(server, ws):
    server.route("/c.xml", body=rss(items("c", 1)).decode(), headers=[["Set-Cookie", "session=abc123; Path=/"]])
    server.route("/n.xml", body=rss(items("n", 1)).decode(), headers=[["Set-Cookie", "other=zzz; Path=/"]])
    ws.write_config([source("c", server, "/c.xml", cookies=True), source("n", server, "/n.xml")])
    assert ws.run("sync").returncode == 0
    server.reset()
    assert ws.run("sync").returncode == 0
    [with_jar] = server.requests("/c.xml")
    [without] = server.requests("/n.xml")
    assert "session=abc123" in (header(with_jar, "Cookie") or "")
    assert header(without, "Cookie") is None
    assert (ws.state / "cookies" / "c.txt").exists()


def test_tls_verify_false_is_a_warning_at_every_start(server, ws):
    server.route("/a.xml", body=rss(items("a", 1)).decode())
    ws.write_config([source("a", server, "/a.xml", tls_verify=False)])
    for _ in range(2):
        r = ws.run("sync")
        assert r.returncode == 0
        assert "WARNING tls_verify = false" in r.stderr and "source=a" in r.stderr
