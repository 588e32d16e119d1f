"""`feedsync run` as systemd and an operator see it: readiness, watchdog, reload, shutdown, restart,
the instance lock, metrics, and OPML import/export. See conftest.py for the helpers and the
`pipeline` marker (tests that need the real fetcher and parser)."""

import os
import random
import re
import signal
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from conftest import wait_until

HERE = Path(__file__).resolve().parent


def notify_env(listener, **extra):
    env = {"NOTIFY_SOCKET": listener.address}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def source(server, name, path=None, **settings):
    s = {"name": name, "url": server.url(path or f"/{name}.xml")}
    s.update(settings)
    return s


# ---------------------------------------------------------------------------------------------
# systemd protocol


def test_ready_arrives_within_two_seconds(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=3)
    setup.write_config([source(feed_server, "a")])
    d = daemons(env=notify_env(notify_socket))
    t, fields = notify_socket.wait_for("READY", "1", timeout=2.0)
    assert t - d.started < 2.0
    assert "STATUS" in fields and "1 sources" in fields["STATUS"]
    assert d.alive()


def test_status_line_follows_each_cycle(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=3)
    setup.write_config([source(feed_server, "a"), source(feed_server, "b", "/missing.xml")])
    daemons(env=notify_env(notify_socket))
    ready, _ = notify_socket.wait_for("READY", "1", timeout=2.0)
    _, fields = notify_socket.wait_for("STATUS", timeout=10.0, after=ready + 1e-6)
    assert re.match(r"2 polled in \d+\.\ds \(\d+ ok, \d+ unchanged, \d+ failed\), \d+ new items?; 2 sources, \d+ failing", fields["STATUS"]), fields
    assert "\n" not in fields["STATUS"]


def test_watchdog_pings_at_half_the_watchdog_timeout(feed_server, setup, tmp_path, daemons):
    # An abstract socket, as systemd may hand out.
    from conftest import NotifyListener
    listener = NotifyListener(f"@feedsync-test-{os.getpid()}-{time.monotonic_ns()}")
    try:
        feed_server.add_feed("/a.xml", items=1)
        setup.write_config([source(feed_server, "a", interval="1h")])
        daemons(env=notify_env(listener, WATCHDOG_USEC=1_000_000))
        ready, _ = listener.wait_for("READY", "1", timeout=2.0)
        time.sleep(4.2)
        pings = [t for t in listener.times("WATCHDOG", "1") if t >= ready]
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        # Every 0.5 s: about 8 in 4 s; never a gap that would let systemd's 1 s timeout fire.
        assert 6 <= len(pings) <= 12, pings
        assert max(gaps) < 0.9, gaps
    finally:
        listener.close()


def test_no_watchdog_pings_without_watchdog_usec(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    time.sleep(1.5)
    # One ping at start-up is harmless; no periodic pings without a watchdog.
    assert len(notify_socket.times("WATCHDOG")) <= 1


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_when_idle_stops_at_once_with_exit_0(sig, feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    time.sleep(1.0)
    t0 = time.monotonic()
    d.signal(sig)
    assert d.wait(5) == 0
    assert time.monotonic() - t0 < 2.0
    notify_socket.wait_for("STOPPING", "1", timeout=1.0, after=t0)
    assert setup.tmp_files() == []


def test_journald_gets_priority_prefixes(feed_server, setup, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env={"JOURNAL_STREAM": "8:12345"})
    wait_until(lambda: "daemon started" in d.log(), 5, message="start-up log line")
    d.signal(signal.SIGTERM)
    assert d.wait(5) == 0
    lines = [l for l in d.log().splitlines() if l]
    assert lines and all(re.match(r"<[0-7]>", l) for l in lines), lines
    assert any(l.startswith("<5>daemon started") for l in lines)


# ---------------------------------------------------------------------------------------------
# One state, two modes


def test_sync_while_the_daemon_runs_exits_75_naming_its_pid(feedsync_bin, feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    r = subprocess.run([feedsync_bin, "sync", "--config", str(setup.config)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 75, r.stderr
    assert f"PID {d.pid}" in r.stderr
    assert d.alive()


def test_a_second_daemon_exits_75(feedsync_bin, feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    first = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    second = daemons()
    assert second.wait(10) == 75
    assert f"PID {first.pid}" in second.log()


# ---------------------------------------------------------------------------------------------
# Reload


def test_bad_config_on_sighup_is_logged_with_file_and_line_and_the_daemon_keeps_running(
        feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    good = setup.config.read_text()
    bad = good + '\n[[source]]\nname = "b"\nurl = "http://127.0.0.1:1/b.xml"\ninterval = "soon"\n'
    bad_line = bad.splitlines().index('interval = "soon"') + 1
    setup.config.write_text(bad)
    t0 = time.monotonic()
    d.signal(signal.SIGHUP)
    notify_socket.wait_for("RELOADING", "1", timeout=3.0, after=t0)
    _, ready = notify_socket.wait_for("READY", "1", timeout=3.0, after=t0)
    assert "reload failed" in ready.get("STATUS", "")
    wait_until(lambda: "configuration reload failed" in d.log(), 3, message="the reload error in the log")
    error_line = next(l for l in d.log().splitlines() if "configuration reload failed" in l)
    assert f"{setup.config}:{bad_line}" in error_line, error_line
    assert "interval" in error_line
    time.sleep(0.5)
    assert d.alive()
    # A later good reload still works.
    setup.config.write_text(good)
    t1 = time.monotonic()
    d.signal(signal.SIGHUP)
    _, ready = notify_socket.wait_for("READY", "1", timeout=3.0, after=t1)
    assert ready.get("STATUS", "").startswith("reloaded")


def test_reload_messages_carry_monotonic_usec(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    t0 = time.monotonic()
    d.signal(signal.SIGHUP)
    t, fields = notify_socket.wait_for("RELOADING", "1", timeout=3.0, after=t0)
    usec = int(fields["MONOTONIC_USEC"])
    assert abs(usec / 1e6 - time.clock_gettime(time.CLOCK_MONOTONIC)) < 5


@pytest.mark.pipeline
def test_sighup_adding_a_source_delivers_its_items_without_restart(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=2)
    feed_server.add_feed("/gone.xml", items=2)
    feed_server.add_feed("/b.xml", items=4)
    setup.write_config([source(feed_server, "a", interval="1h"), source(feed_server, "gone", interval="2s")])
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=2.0)
    wait_until(lambda: len(setup.spool_items()) == 4, 15, message="the first items")

    setup.write_config([source(feed_server, "a", interval="1h"), source(feed_server, "b", interval="1h")])
    t0 = time.monotonic()
    d.signal(signal.SIGHUP)
    notify_socket.wait_for("RELOADING", "1", timeout=3.0, after=t0)
    notify_socket.wait_for("READY", "1", timeout=3.0, after=t0)
    wait_until(lambda: sum(1 for s, _, _ in setup.spool_items() if s == "b") == 4, 10, message="items of the added source")
    assert d.alive()
    # The removed source is no longer polled (a poll in flight at the reload may finish).
    time.sleep(3)
    late = feed_server.requests("/gone.xml", since=t0 + 1.5)
    assert late == [], late
    # The unchanged source was not polled again by the reload.
    assert feed_server.requests("/a.xml", since=t0) == []
    assert "configuration reloaded" in d.log()


@pytest.mark.pipeline
def test_old_config_keeps_delivering_after_a_bad_reload(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=1)
    setup.write_config([source(feed_server, "a", interval="2s")])
    d = daemons(env=notify_env(notify_socket))
    wait_until(lambda: len(setup.spool_items()) == 1, 10, message="the first item")
    setup.config.write_text(setup.config.read_text() + "\nnot toml at all [[[\n")
    d.signal(signal.SIGHUP)
    wait_until(lambda: "configuration reload failed" in d.log(), 3, message="the reload error")
    feed_server.add_items("/a.xml", 2)
    wait_until(lambda: len(setup.spool_items()) == 3, 10, message="items delivered under the old config")


# ---------------------------------------------------------------------------------------------
# Scheduling


@pytest.mark.pipeline
def test_items_of_a_changing_feed_arrive_on_schedule(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=2)
    setup.write_config([source(feed_server, "a", interval="3s")])
    d = daemons(env=notify_env(notify_socket))
    wait_until(lambda: len(setup.spool_items()) == 2, 10, message="the initial items")
    for n in range(3, 6):
        feed_server.add_items("/a.xml", 1)
        added = time.monotonic()
        wait_until(lambda: len(setup.spool_items()) == n, 8, message=f"item {n}")
        # At most one interval (+10% jitter), one scheduler tick and the poll itself.
        assert time.monotonic() - added < 3 * 1.1 + 1.0 + 1.5
    starts = [t for t, _, _ in feed_server.requests("/a.xml")]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert gaps and all(2.6 <= g <= 3 * 1.1 + 1.5 for g in gaps), gaps
    guids = [g for _, g, _ in setup.spool_items()]
    assert len(guids) == len(set(guids)) == 5
    d.signal(signal.SIGTERM)
    assert d.wait(10) == 0


@pytest.mark.pipeline
def test_sigterm_during_a_sync_of_500_sources(feed_server, setup, notify_socket, daemons):
    n_sources, per_feed, timeout = 500, 4, 5
    for i in range(n_sources):
        feed_server.add_feed(f"/f{i:03}.xml", items=per_feed)
    feed_server.set_delay("*", 0.25)
    setup.write_config([source(feed_server, f"s{i:03}", f"/f{i:03}.xml", interval="1h") for i in range(n_sources)],
                       concurrency=32, per_host=32, shutdown_timeout=f"{timeout}s")
    d = daemons(env=notify_env(notify_socket))
    notify_socket.wait_for("READY", "1", timeout=5.0)
    wait_until(lambda: len(os.listdir(setup.spool / "new")) >= 40, 60, message="some items delivered")
    assert len(feed_server.requests()) < n_sources, "the sync finished before SIGTERM: make it slower"
    t0 = time.monotonic()
    d.signal(signal.SIGTERM)
    rc = d.wait(timeout + 5)
    elapsed = time.monotonic() - t0
    assert rc == 0, d.log()
    assert elapsed <= timeout + 0.5, elapsed
    notify_socket.wait_for("STOPPING", "1", timeout=1.0, after=t0)
    in_flight = re.search(r"shutting down polls_in_flight=(\d+)", d.log())
    assert in_flight and int(in_flight.group(1)) > 0, "SIGTERM did not arrive during the sync"

    # No partial file, every published file recorded in the state and vice versa, no pending intent.
    assert setup.tmp_files() == []
    items = setup.spool_items()  # parses every file: a truncated one would fail here
    files, intents = setup.state_files()
    assert {name for _, _, name in items} == files
    assert intents == []
    delivered_sources = Counter(s for s, _, _ in items)
    assert all(c == per_feed for c in delivered_sources.values()), "a source was half delivered"

    # A restart polls only the sources the first run did not finish, and completes them exactly once.
    done = set(delivered_sources)
    since = time.monotonic()
    d2 = daemons(env=notify_env(notify_socket))
    wait_until(lambda: len(setup.spool_items()) == n_sources * per_feed, 120, interval=0.5, message="the rest delivered")
    polled_again = {p for _, p, _ in feed_server.requests(since=since)}
    assert not any(f"/f{s[1:]}.xml" in polled_again for s in done)
    guids = [g for _, g, _ in setup.spool_items()]
    assert len(guids) == len(set(guids))
    d2.signal(signal.SIGTERM)
    assert d2.wait(timeout + 5) == 0


@pytest.mark.pipeline
def test_restart_after_kill_9_neither_loses_nor_duplicates_and_does_not_poll_everything(
        feed_server, setup, notify_socket, daemons):
    slow = [f"slow{i:02}" for i in range(24)]
    busy = [f"busy{i}" for i in range(6)]
    for name in slow:
        feed_server.add_feed(f"/{name}.xml", items=3)
    for name in busy:
        feed_server.add_feed(f"/{name}.xml", items=1)
    setup.write_config([source(feed_server, n, interval="40s") for n in slow]
                       + [source(feed_server, n, interval="1s") for n in busy], per_host=8)

    churn_stop = threading.Event()

    def churn():
        while not churn_stop.is_set():
            for name in busy:
                feed_server.add_items(f"/{name}.xml", 1)
            time.sleep(0.15)

    d = daemons(env=notify_env(notify_socket))
    wait_until(lambda: sum(1 for s, _, _ in setup.spool_items() if s.startswith("slow")) == 72, 30,
               message="the slow sources' items")
    churner = threading.Thread(target=churn, daemon=True)
    churner.start()
    rng = random.Random(6)
    restarts = []
    for _ in range(3):
        time.sleep(rng.uniform(1.0, 2.5))
        d.signal(signal.SIGKILL)
        d.wait(5)
        restarts.append(time.monotonic())
        d = daemons(env=notify_env(notify_socket))
        notify_socket.wait_for("READY", "1", timeout=3.0, after=restarts[-1])
    time.sleep(2)
    churn_stop.set()
    churner.join()

    expected = {(name, g) for name in slow + busy for g in feed_server.feeds[f"/{name}.xml"].guids()}
    wait_until(lambda: {(s, g) for s, g, _ in setup.spool_items()} >= expected, 30, interval=0.5,
               message="every item of every feed")
    d.signal(signal.SIGTERM)
    assert d.wait(10) == 0

    items = setup.spool_items()
    counts = Counter((s, g) for s, g, _ in items)
    duplicates = [k for k, c in counts.items() if c > 1]
    assert duplicates == []
    assert set(counts) == expected
    files, intents = setup.state_files()
    assert files == {name for _, _, name in items} and intents == []
    # The slow sources were polled once, at the very start: no restart re-polled them (they were not
    # due), and the busy ones were polled within seconds of each restart (they were).
    for name in slow:
        assert len(feed_server.requests(f"/{name}.xml")) == 1, name
    for t in restarts:
        assert any(t <= s <= t + 4 for s, p, _ in feed_server.requests() if p.startswith("/busy"))


# ---------------------------------------------------------------------------------------------
# The shipped unit's sandbox (seccomp filter, MemoryDenyWriteExecute, address families)


def test_daemon_runs_under_the_units_syscall_filter(feed_server, setup, notify_socket, daemons, unit_sandbox):
    feed_server.add_feed("/a.xml", items=2)
    setup.write_config([source(feed_server, "a", interval="1h")])
    d = daemons(env=notify_env(notify_socket, WATCHDOG_USEC=1_000_000), wrapper=unit_sandbox)
    ready, _ = notify_socket.wait_for("READY", "1", timeout=3.0)
    notify_socket.wait_for("STATUS", timeout=10.0, after=ready + 1e-6)
    d.signal(signal.SIGHUP)
    notify_socket.wait_for("READY", "1", timeout=3.0, after=ready + 1e-6)
    time.sleep(1.2)
    assert len(notify_socket.times("WATCHDOG", "1")) >= 2
    d.signal(signal.SIGTERM)
    assert d.wait(5) == 0, d.log()


@pytest.mark.pipeline
def test_daemon_fetches_and_delivers_under_the_units_syscall_filter(feed_server, setup, notify_socket, daemons, unit_sandbox):
    feed_server.add_feed("/a.xml", items=3)
    setup.write_config([source(feed_server, "a", interval="1h"),
                        {"name": "b", "url": f"http://localhost:{feed_server.port}/a.xml", "interval": "1h"}])
    d = daemons(env=notify_env(notify_socket), wrapper=unit_sandbox)
    wait_until(lambda: len(setup.spool_items()) == 6, 15, message="items delivered inside the sandbox")
    d.signal(signal.SIGTERM)
    assert d.wait(5) == 0, d.log()


# ---------------------------------------------------------------------------------------------
# Metrics


def parse_metrics(text):
    families, samples = {}, {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            families[name] = kind
        elif line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            name = key.split("{", 1)[0]
            assert name in families, f"{name} sampled before its # TYPE"
            samples[key] = float(value)
    return families, samples


def test_daemon_writes_the_metrics_file_after_a_cycle(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=2)
    metrics = setup.root / "metrics" / "feedsync.prom"
    metrics.parent.mkdir()
    setup.write_config([source(feed_server, "a", interval="1h"), source(feed_server, "b", "/missing.xml", interval="1h")],
                       metrics_file=str(metrics))
    d = daemons(env=notify_env(notify_socket))
    wait_until(metrics.exists, 10, message="the metrics file")
    families, samples = parse_metrics(metrics.read_text())
    assert samples["feedsync_sources"] == 2
    assert samples["feedsync_sources_due"] >= 1
    assert "feedsync_cycle_duration_seconds" in samples
    for name in ("a", "b"):
        assert f'feedsync_source_consecutive_failures{{source="{name}"}}' in samples
        assert f'feedsync_source_items_delivered_total{{source="{name}"}}' in samples
    assert families["feedsync_source_items_delivered_total"] == "counter"
    assert samples['feedsync_source_consecutive_failures{source="b"}'] >= 1
    assert [p for p in os.listdir(metrics.parent) if p != "feedsync.prom"] == []
    d.signal(signal.SIGTERM)
    assert d.wait(5) == 0


@pytest.mark.pipeline
def test_metrics_report_success_and_not_modified_ratio(feed_server, setup, notify_socket, daemons):
    feed_server.add_feed("/a.xml", items=2)
    metrics = setup.root / "feedsync.prom"
    setup.write_config([source(feed_server, "a", interval="1s")], metrics_file=str(metrics))
    d = daemons(env=notify_env(notify_socket))
    wait_until(lambda: len(feed_server.requests("/a.xml")) >= 3, 15, message="three polls")
    time.sleep(0.5)
    _, samples = parse_metrics(metrics.read_text())
    assert samples['feedsync_source_items_delivered_total{source="a"}'] == 2
    assert samples['feedsync_source_consecutive_failures{source="a"}'] == 0
    assert abs(samples['feedsync_source_last_success_timestamp_seconds{source="a"}'] - time.time()) < 10
    assert samples['feedsync_source_not_modified_ratio{source="a"}'] > 0.3
    d.signal(signal.SIGTERM)
    assert d.wait(5) == 0


def test_sync_writes_the_metrics_file_too(feedsync_bin, feed_server, setup):
    feed_server.add_feed("/a.xml", items=2)
    metrics = setup.root / "feedsync.prom"
    setup.write_config([source(feed_server, "a"), source(feed_server, "b", "/missing.xml")], metrics_file=str(metrics))
    r = subprocess.run([feedsync_bin, "sync", "--config", str(setup.config)], capture_output=True, text=True, timeout=60)
    assert r.returncode in (0, 1), r.stderr
    _, samples = parse_metrics(metrics.read_text())
    assert samples["feedsync_sources"] == 2 and samples["feedsync_sources_due"] == 2


# ---------------------------------------------------------------------------------------------
# OPML


def opml_feed_urls(text):
    return [o.get("xmlUrl") for o in ET.fromstring(text).iter("outline") if o.get("xmlUrl")]


def test_opml_import_then_export_keeps_every_feed_url(feedsync_bin, setup):
    fixture = HERE / "fixtures" / "subscriptions.opml"
    r = subprocess.run([feedsync_bin, "import-opml", str(fixture)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    names = re.findall(r'^name = "([^"]+)"$', r.stdout, re.M)
    assert len(names) == len(set(names)) == 9
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", n) for n in names), names
    setup.config.write_text(f'state_dir = "{setup.state}"\nspool_dir = "{setup.spool}"\n' + r.stdout)
    check = subprocess.run([feedsync_bin, "check", "--config", str(setup.config)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    export = subprocess.run([feedsync_bin, "export-opml", "--config", str(setup.config)], capture_output=True, text=True, timeout=30)
    assert export.returncode == 0, export.stderr
    root = ET.fromstring(export.stdout)
    assert root.get("version") == "2.0"
    expected = {
        "https://www.arabnews.com/cat/3/rss.xml",
        "https://feeds.bbci.co.uk/news/world/rss.xml",
        "https://www.lemonde.fr/rss/une.xml",
        "https://feeds.arstechnica.com/arstechnica/index",
        "https://developer.att.com/blog/feed?format=rss&lang=en",
        "https://news.ycombinator.com/rss",
        "https://example.org/search/feed?q=swift&sort=new",
        "https://jvns.ca/atom.xml",
        "https://www.ertnews.gr/feed/",
    }
    urls = opml_feed_urls(export.stdout)
    assert sorted(urls) == sorted(expected)


def test_opml_append_adds_only_new_feeds_with_unique_names(feedsync_bin, setup):
    fixture = HERE / "fixtures" / "subscriptions.opml"
    setup.config.write_text(
        f'state_dir = "{setup.state}"\nspool_dir = "{setup.spool}"\n\n'
        '[[source]]\nname = "hacker-news-front-page"\nurl = "https://example.org/other.xml"\n\n'
        '[[source]]\nname = "julia"\nurl = "https://jvns.ca/atom.xml"\n')
    os.chmod(setup.config, 0o640)
    r = subprocess.run([feedsync_bin, "import-opml", str(fixture), "--append", str(setup.config)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    text = setup.config.read_text()
    names = re.findall(r'^name = "([^"]+)"$', text, re.M)
    assert len(names) == len(set(names)) == 2 + 8
    assert "hacker-news-front-page-2" in names
    assert text.count("https://jvns.ca/atom.xml") == 1
    assert (os.stat(setup.config).st_mode & 0o777) == 0o640
    check = subprocess.run([feedsync_bin, "check", "--config", str(setup.config)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    # Appending the same file again adds nothing.
    again = subprocess.run([feedsync_bin, "import-opml", str(fixture), "--append", str(setup.config)],
                           capture_output=True, text=True, timeout=30)
    assert again.returncode == 0 and setup.config.read_text() == text
