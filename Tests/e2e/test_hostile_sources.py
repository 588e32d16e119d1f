"""A hostile document is refused fast with a clear error and holds back neither the other sources
nor shutdown (issue 16.4 and 16.10). Served by the loopback FeedServer of conftest.py."""

import signal
import subprocess
import time

import pytest

from conftest import wait_until

ATTRIBUTES = " ".join(f'a{i}="v"' for i in range(100_000))
HOSTILE = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           f"<item {ATTRIBUTES}><title>x</title></item></channel></rss>").encode()


def serve_raw(server, path, body):
    """Serves `body` as it is at `path` (the FeedServer renders only its own feeds)."""
    class Raw:
        pass
    raw = Raw()
    raw.path, raw.body = path, body
    render = server.render
    server.render = lambda feed: feed.body if isinstance(feed, Raw) else render(feed)
    with server.lock:
        server.feeds[path] = raw


def test_parse_refuses_an_element_of_100000_attributes_in_well_under_a_second(feedsync_bin, tmp_path):
    path = tmp_path / "attributes.xml"
    path.write_bytes(HOSTILE)
    assert len(HOSTILE) > 1_000_000
    t0 = time.monotonic()
    r = subprocess.run([feedsync_bin, "parse", str(path)], capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - t0
    assert r.returncode == 1
    assert "an element has more than 1000 attributes" in r.stderr and "document refused" in r.stderr, r.stderr
    assert elapsed < 1.0, elapsed


@pytest.mark.pipeline
def test_three_hostile_sources_do_not_hold_back_25_normal_ones(feed_server, setup, daemons):
    normal = [f"n{i:02}" for i in range(25)]
    hostile = [f"h{i}" for i in range(3)]
    for name in normal:
        feed_server.add_feed(f"/{name}.xml", items=3)
    for name in hostile:
        serve_raw(feed_server, f"/{name}.xml", HOSTILE)
    # Hostile sources first in the config: they are polled (and parsed) first.
    setup.write_config([{"name": n, "url": feed_server.url(f"/{n}.xml"), "interval": "1h"} for n in hostile + normal],
                       concurrency=28, per_host=28)
    d = daemons()
    wait_until(lambda: len(setup.spool_items()) == 75, 30, message="the normal sources' items")
    elapsed = time.monotonic() - d.started
    print(f"25 normal sources delivered {elapsed:.2f}s after start, beside 3 hostile ones")
    assert elapsed < 5.0, elapsed
    wait_until(lambda: d.log().count("more than 1000 attributes") >= 3, 10, message="the hostile sources' errors")
    assert {s for s, _, _ in setup.spool_items()} == set(normal)
    d.signal(signal.SIGTERM)
    assert d.wait(10) == 0


def big_feed(megabytes):
    """A well-formed feed that takes the parser long (a few seconds in a debug build)."""
    item = "<item><title>t{n}</title><guid>urn:{n}</guid><description>" + "para &amp; text " * 600 + "</description></item>"
    items = []
    size = 0
    n = 0
    while size < megabytes * 1_000_000:
        s = item.format(n=n)
        items.append(s)
        size += len(s)
        n += 1
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>' + "".join(items)
            + "</channel></rss>").encode()


@pytest.mark.pipeline
def test_sigterm_during_a_long_parse_exits_within_shutdown_timeout(feedsync_bin, feed_server, setup, daemons, tmp_path):
    body = big_feed(60)
    path = tmp_path / "big.xml"
    path.write_bytes(body)
    t0 = time.monotonic()
    subprocess.run([feedsync_bin, "parse", "--quiet", str(path)], capture_output=True, timeout=120)
    parse_seconds = time.monotonic() - t0
    path.unlink()
    if parse_seconds < 3.0:
        pytest.skip(f"the document parses in {parse_seconds:.1f}s with this build: too fast to interrupt")
    serve_raw(feed_server, "/big.xml", body)
    setup.write_config([{"name": "big", "url": feed_server.url("/big.xml"), "interval": "1h", "max_body": "100MB"}],
                       shutdown_timeout="1s")
    d = daemons()
    wait_until(lambda: feed_server.requests("/big.xml"), 10, message="the request")
    time.sleep(0.5 + len(body) / 500e6)  # the transfer, then into the parse
    t0 = time.monotonic()
    d.signal(signal.SIGTERM)
    rc = d.wait(parse_seconds + 10)
    elapsed = time.monotonic() - t0
    print(f"exit {elapsed:.2f}s after SIGTERM (shutdown_timeout 1s; the parse alone takes {parse_seconds:.1f}s)")
    assert rc == 0, d.log()
    assert elapsed < 1.0 + 1.0, d.log()
    assert setup.spool_items() == []
