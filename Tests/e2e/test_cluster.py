"""Several `feedsync run` nodes on one PostgreSQL state (README "Several machines"): exactly once
across their spools through a SIGKILL and a database restart, per_host for the whole cluster,
Retry-After binding every node, one original and one duplicate_of across nodes, and the speed-up
of three nodes over one. CI runs small versions; FEEDSYNC_CLUSTER_BIG=1 runs the 2,000-source ones."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from cluster_harness import PG_CLUSTER, REPO, ClusterFeedServer, Node, psql, start_cluster
from conftest import wait_until

BIG = os.environ.get("FEEDSYNC_CLUSTER_BIG") == "1"
# The speed-up is a benchmark figure (BENCHMARKS.md), not a test verdict: it runs on request.
BENCH = os.environ.get("FEEDSYNC_CLUSTER_BENCH") == "1" or BIG
bench = pytest.mark.skipif(not BENCH, reason="cluster speed-up is a benchmark: FEEDSYNC_CLUSTER_BENCH=1 runs it")


@pytest.fixture(scope="module")
def pg(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pg")
    url = start_cluster(directory)
    yield directory, url
    subprocess.run([str(PG_CLUSTER), "kill", str(directory)])


@pytest.fixture
def database(pg, request):
    _, url = pg
    name = "t_" + request.node.name.lower()[:40].replace("[", "_").replace("]", "").replace("-", "_")
    psql(url, f"DROP DATABASE IF EXISTS {name}")
    psql(url, f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def cluster(tmp_path, feedsync_bin):
    nodes = []

    def make(url, sources, count=3, **settings):
        for i in range(count):
            nodes.append(Node(tmp_path, f"node{len(nodes)}", url, sources, **settings))
        return nodes[-count:]

    yield make
    for n in nodes:
        n.kill(signal.SIGKILL)


def delivered(nodes):
    return [(s, g) for n in nodes for (s, g, _) in n.items()]


def covered(nodes, expected):
    return expected <= set(delivered(nodes))


def test_three_nodes_deliver_every_item_exactly_once_through_a_kill_and_a_database_restart(pg, database, cluster, feedsync_bin):
    feeds, rounds = (2000, 5) if BIG else (300, 3)
    server = ClusterFeedServer(feeds)
    try:
        sources = [(f"s{i}", server.url(f"/f/{i}")) for i in range(feeds)]
        nodes = cluster(database, sources, concurrency=16, per_host=64, lease_time="4s")
        for n in nodes:
            n.start(feedsync_bin)
        wait_until(lambda: covered(nodes, server.expected()), 180, 0.2, "the first round")
        for r in range(1, rounds):
            server.next_round()
            if r == 1:
                time.sleep(0.3)      # mid-round: some polls of the round are in flight
                nodes[1].kill(signal.SIGKILL)
                time.sleep(1)
                nodes[1].start(feedsync_bin)
            elif r == 2:
                time.sleep(0.3)
                subprocess.run([str(PG_CLUSTER), "restart", str(pg[0])], check=True, capture_output=True)
            wait_until(lambda: covered(nodes, server.expected()), 180, 0.2, f"round {r + 1}")
        time.sleep(2)                # anything delivered twice would show up by now
        got = delivered(nodes)
        twice = [k for k, c in Counter(got).items() if c > 1]
        assert not twice, f"delivered more than once: {twice[:5]}"
        assert set(got) == server.expected()
        per_node = [len(n.items()) for n in nodes]
        print(f"\ncluster exactly-once: {feeds} sources x {rounds} rounds = {len(got)} items, per node {per_node}")
        assert all(c > 0 for c in per_node), "every node took part"
    finally:
        server.close()


def test_per_host_holds_for_the_cluster_and_retry_after_binds_every_node(database, cluster, feedsync_bin):
    server = ClusterFeedServer(60, delay=0.05)
    server.throttled["/f/0"] = 3600
    try:
        sources = [(f"s{i}", server.url(f"/f/{i}")) for i in range(60)]
        nodes = cluster(database, sources, concurrency=8, per_host=2)
        for n in nodes:
            n.start(feedsync_bin)
        expected = {k for k in server.expected() if k[0] != "s0"}
        wait_until(lambda: covered(nodes, expected), 120, 0.2, "the first round")
        time.sleep(3)                # sources are due every second: several more rounds of polls
        print(f"\ncluster per_host=2: at most {server.max_in_flight} requests in flight at the server; "
              f"/f/0 (429, Retry-After: 3600) requested {server.requests.get('/f/0')} times, /f/1 {server.requests.get('/f/1')} times")
        assert server.max_in_flight <= 2
        assert server.requests.get("/f/0") == 1, "one node's Retry-After holds the source on all"
        others = sorted(server.requests.get(f"/f/{i}", 0) for i in range(1, 60))
        assert others[len(others) // 2] >= 2, "the other sources went on being polled meanwhile"
    finally:
        server.close()


def test_one_story_from_two_sources_on_two_nodes_is_one_original_and_one_duplicate(database, cluster, feedsync_bin):
    server = ClusterFeedServer(2)
    text = "Parliament passed the long debated water reform bill late on Tuesday after a marathon session of votes"
    server.stories["/f/0"] = ("story-a", "Water reform bill passes parliament", text)
    server.stories["/f/1"] = ("story-b", "Water reform bill passes parliament", text + ".")
    try:
        a = cluster(database, [("s0", server.url("/f/0"))], count=1)[0]
        b = cluster(database, [("s1", server.url("/f/1"))], count=1)[0]
        a.start(feedsync_bin)
        b.start(feedsync_bin)
        wait_until(lambda: {"story-a", "story-b"} <= {g for (_, g) in delivered([a, b])}, 60, 0.2, "both stories")
        stories = [(s, g, d) for n in (a, b) for (s, g, d) in n.items() if g.startswith("story-")]
        marked = [x for x in stories if x[2]]
        assert len(stories) == 2 and len(marked) == 1, stories
    finally:
        server.close()


def latproxy():
    shared = os.environ.get("FEEDSYNC_SHARED", str(REPO.parent / "shared"))
    path = Path(shared) / "bench" / "latproxy.py"
    if not path.is_file():
        if os.environ.get("FEEDSYNC_REQUIRE_SHARED") == "1":
            pytest.fail("cluster speed-up: ../shared/bench/latproxy.py not found (FEEDSYNC_REQUIRE_SHARED=1)")
        pytest.skip("skipped: cluster speed-up: ../shared/bench/latproxy.py not found")
    return path


def cold_round(pg_url, tmp, binary, proxy_port, nodes_count, feeds, server, name):
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    psql(pg_url, f"DROP DATABASE IF EXISTS {name}")
    psql(pg_url, f"CREATE DATABASE {name}")
    sources = [(f"s{i}", f"http://127.0.0.1:{proxy_port}/f/{i}") for i in range(feeds)]
    nodes = [Node(tmp / name, f"node{i}", url, sources, concurrency=8, per_host=64) for i in range(nodes_count)]
    started = time.monotonic()
    for n in nodes:
        n.start(binary)
    try:
        wait_until(lambda: covered(nodes, server.expected()), 600, 0.05, f"{name}: the cold round")
        return time.monotonic() - started
    finally:
        for n in nodes:
            n.kill(signal.SIGKILL)


@bench
def test_three_nodes_finish_a_cold_round_at_least_2_4_times_faster_than_one(pg, tmp_path, feedsync_bin):
    proxy = latproxy()
    feeds = 2000 if BIG else 600
    server = ClusterFeedServer(feeds)
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    lat = subprocess.Popen([sys.executable, str(proxy), str(port), str(server.port), "100"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/f/0"]).returncode == 0,
                   10, 0.1, "the latency proxy")
        one = cold_round(pg[1], tmp_path, feedsync_bin, port, 1, feeds, server, "speed_one")
        three = cold_round(pg[1], tmp_path, feedsync_bin, port, 3, feeds, server, "speed_three")
        print(f"\ncluster cold round, {feeds} sources, concurrency 8 per node, 100 ms latency: "
              f"1 node {one:.2f} s, 3 nodes {three:.2f} s, {one / three:.2f}x")
        # The acceptance figure (2.4x) is asserted by the big variant on an idle machine; the CI
        # variant's 600 sources are dominated by three processes starting on a shared runner.
        assert one / three >= (2.4 if BIG else 1.3)
    finally:
        lat.kill()
        lat.wait()
        server.close()


def test_each_node_writes_its_own_metrics_file(database, cluster, feedsync_bin):
    server = ClusterFeedServer(20)
    try:
        sources = [(f"s{i}", server.url(f"/f/{i}")) for i in range(20)]
        nodes = cluster(database, sources, count=2, concurrency=4)
        for n in nodes:   # a top-level key goes before the [[source]] tables
            n.metrics = n.root / "feedsync.prom"
            n.config.write_text(f'metrics_file = "{n.metrics}"\n' + n.config.read_text())
            n.start(feedsync_bin)
        wait_until(lambda: covered(nodes, server.expected()), 60, 0.2, "the first round")
        wait_until(lambda: all(n.metrics.is_file() for n in nodes), 30, 0.2, "both nodes' metrics files")
        for n in nodes:
            text = n.metrics.read_text()
            assert "feedsync_sources_due " in text and 'feedsync_sources 20' in text, text[:400]
            mine = {s for (s, _, _) in n.items()}
            assert mine, "every node delivered something"
            for s in mine:
                assert f'feedsync_source_polls_total{{source="{s}"}}' in text, f"{n.metrics}: no figures for {s}, which this node polled"
    finally:
        server.close()


def test_sighup_reloads_a_node_added_sources_are_polled_and_a_bad_file_keeps_the_running_config(database, cluster, feedsync_bin):
    server = ClusterFeedServer(12)
    try:
        first = [(f"s{i}", server.url(f"/f/{i}")) for i in range(10)]
        node, = cluster(database, first, count=1, concurrency=4)
        node.start(feedsync_bin)
        expected = {k for k in server.expected() if int(k[0][1:]) < 10}
        wait_until(lambda: covered([node], expected), 60, 0.2, "the first round")
        good = node.config.read_text()
        node.config.write_text(good + "\n".join(["", "[[source]]", 'name = "s10"', f'url = "{server.url("/f/10")}"',
                                                 'interval = "1s"', ""]))
        node.proc.send_signal(signal.SIGHUP)
        wait_until(lambda: ("s10", "/f/10#1") in set(delivered([node])), 30, 0.2, "the added source's item")
        node.config.write_text(node.config.read_text() + "\nconcurrency = \"many\"\n")
        node.proc.send_signal(signal.SIGHUP)
        wait_until(lambda: "configuration reload failed" in node.log.read_text(), 30, 0.2, "the failed reload's log line")
        server.next_round()
        wait_until(lambda: covered([node], {k for k in server.expected() if int(k[0][1:]) <= 10}), 60, 0.2,
                   "the next round, on the running config")
        assert node.proc.poll() is None, "the node still runs"
        assert "s11" not in {s for (s, _, _) in node.items()}, "a source in no config is never polled"
    finally:
        server.close()
