"""`feedsync consume --exec`: at-least-once handlers over a real spool, real processes, real SIGKILLs.

The spool is produced by the real binary (`feedsync sync` of `file:` feeds written here); the
handler is a shell script that records every run in log files the tests read back."""

import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from harness import ROOT, feedsync_binary, items, rss

HANDLER = r"""#!/bin/sh
# Test handler: fails every 7th call (a global counter under flock), fails the first try of every
# 5th item (its own record of tries), always fails "poison" items (guid p-*), and logs each success.
L="$CONSUME_LOG"
guid=$(grep -o '"guid": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
exec 9>>"$L/counter.lock"
flock 9
n=$(cat "$L/counter" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$L/counter"
flock -u 9
echo "start $guid $FEEDSYNC_CONSUMER $FEEDSYNC_ATTEMPT" >> "$L/runs.log"
case "$guid" in p-*) echo "poison item $guid refused" >&2; exit 3;; esac
if [ ! -e "$L/tried/$guid" ]; then
  : > "$L/tried/$guid"
  if [ $(( ${guid##*-} % 5 )) -eq 0 ]; then echo "first try of $guid fails" >&2; exit 4; fi
fi
every=${FAIL_EVERY:-7}
if [ "$every" -gt 0 ] && [ $((n % every)) -eq 0 ]; then echo "call $n fails" >&2; exit 5; fi
sleep "${HANDLER_SLEEP:-0}"
echo "ok $guid $FEEDSYNC_CONSUMER $FEEDSYNC_SOURCE $FEEDSYNC_ID $FEEDSYNC_EVENT" >> "$L/handled.log"
"""

SOURCES = [f"s{i}" for i in range(8)]
POISON = 5


class Rig:
    """Feeds, a config, a spool filled by `feedsync sync`, and the handler with its logs."""

    def __init__(self, ws, tmp_path, per_source, **config):
        self.ws = ws
        self.log = tmp_path / "log"
        (self.log / "tried").mkdir(parents=True)
        self.handler = tmp_path / "handler.sh"
        self.handler.write_text(HANDLER)
        self.handler.chmod(0o755)
        self.counts = {s: 0 for s in SOURCES}
        ws.write_config([{"name": s, "url": f"file://{ws.feeds / (s + '.xml')}"} for s in SOURCES + ["p"]],
                        max_items=100000, **config)
        (ws.feeds / "p.xml").write_bytes(rss(items("p", POISON)))
        self.grow(per_source)

    def grow(self, per_source):
        """Publishes `per_source` more items in every feed and delivers them with a real sync."""
        for s in SOURCES:
            self.counts[s] += per_source
            (self.ws.feeds / f"{s}.xml").write_bytes(rss(items(s, self.counts[s])))
        r = self.ws.run("sync", timeout=300)
        assert r.returncode == 0, r.stderr

    def expected(self):
        return {f"{s}-{i}" for s, n in self.counts.items() for i in range(n)}

    def cmd(self, *args, name="c1"):
        return [feedsync_binary(), "consume", "--spool-dir", str(self.ws.spool), "--name", name,
                "--retry-base", "10ms", "--retry-max", "100ms", *args, "--exec", str(self.handler)]

    def env(self, **extra):
        return {**os.environ, "CONSUME_LOG": str(self.log), **extra}

    def runs(self, kind):
        path = self.log / ("handled.log" if kind == "ok" else "runs.log")
        return [l.split() for l in path.read_text().splitlines()] if path.exists() else []

    def guid_of(self, path):
        return json.loads(path.read_text())["guid"]

    def dir(self, sub):
        d = self.ws.spool / sub
        return sorted(d.iterdir()) if d.exists() else []


def check_settled(rig, retries):
    """Every item is in cur/ or failed/ (never both, never twice); the handler succeeded on each
    item in cur/, never on one in failed/; each parked item has its error beside it."""
    spool = rig.ws.spool
    assert rig.dir("new") == []
    assert [p for p in (spool / "work").rglob("*") if p.is_file() and not p.name.startswith(".")] == []
    cur = Counter(rig.guid_of(p) for p in rig.dir("cur"))
    failed_items = [p for p in rig.dir("failed") if not p.name.endswith(".error")]
    failed = Counter(rig.guid_of(p) for p in failed_items)
    assert max(cur.values()) == 1 and (not failed or max(failed.values()) == 1)
    assert set(cur) | set(failed) == rig.expected() | {f"p-{i}" for i in range(POISON)}
    assert not set(cur) & set(failed)
    assert {f"p-{i}" for i in range(POISON)} <= set(failed)
    ok = Counter(r[1] for r in rig.runs("ok"))
    assert set(ok) == set(cur), "the handler succeeded on exactly the items in cur/"
    for p in failed_items:
        error = (p.parent / (p.name + ".error")).read_text()
        assert f"attempts: {retries + 1}" in error, error
        assert "result: exit status" in error
        guid = rig.guid_of(p)
        if guid.startswith("p-"):
            assert f"poison item {guid} refused" in error, "the handler's last stderr lines are kept"
    return ok


def test_every_item_is_handled_once_or_parked_through_a_kill_loop(ws, tmp_path):
    """Acceptance 1: 2,000+ items, a handler failing every 7th call and the first try of every 5th
    item, SIGKILLs of the consumer at random moments: nothing lost, and a success re-run only for
    an item the killed consumer held at the kill."""
    kills = int(os.environ.get("CONSUME_KILLS", "30"))
    rng = random.Random(int(os.environ.get("CONSUME_SEED", "11")))
    retries, jobs = 5, 4
    rig = Rig(ws, tmp_path, per_source=250)
    work = ws.spool / "work" / "c1"
    held_at_kills = set()
    window, killed, rounds, kills_holding, t0 = 0.3, 0, 0, 0, time.monotonic()
    while killed < kills:
        rounds += 1
        if not any((ws.spool / "new").iterdir()) and not [p for p in work.glob("*") if not p.name.startswith(".")]:
            rig.grow(25)     # drained before enough kills: more items arrive
        with (tmp_path / "consumer.log").open("w") as log:
            p = subprocess.Popen(rig.cmd("--once", "--jobs", str(jobs), "--retries", str(retries)),
                                 env=rig.env(), stdout=subprocess.DEVNULL, stderr=log)
        time.sleep(rng.uniform(0.0, window))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed += 1
            held = {rig.guid_of(f) for f in work.glob("*") if not f.name.startswith(".") and f.is_file()}
            held_at_kills |= held
            kills_holding += bool(held)
        else:
            assert p.returncode == 0, (tmp_path / "consumer.log").read_text()[-3000:]
    loop_time = time.monotonic() - t0
    time.sleep(0.2)          # handlers orphaned by the last kill finish
    final = subprocess.run(rig.cmd("--once", "--jobs", str(jobs), "--retries", str(retries)),
                           env=rig.env(), capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    elapsed = time.monotonic() - t0
    ok = check_settled(rig, retries)
    reruns = {g: n for g, n in ok.items() if n > 1}
    assert set(reruns) <= held_at_kills, f"re-run though not held at a kill: {sorted(set(reruns) - held_at_kills)[:10]}"
    assert sum(n - 1 for n in reruns.values()) <= killed * jobs
    by_attempt = Counter(r[3] for r in rig.runs("start"))
    first_try_failures = sum(1 for g in rig.expected() if int(g.split("-")[1]) % 5 == 0)
    print(f"consume kill loop: {len(rig.expected())} items + {POISON} poison, {rounds} runs, {killed} SIGKILLs, "
          f"{sum(n - 1 for n in reruns.values())} successful handler re-runs ({len(reruns)} items), "
          f"{len(rig.runs('start'))} handler runs (by attempt: {dict(sorted(by_attempt.items()))}), "
          f"{len(rig.dir('failed')) // 2} parked, {first_try_failures} first-try failures planned; "
          f"{kills_holding} kills hit a consumer holding items; kill loop {loop_time:.1f}s, total {elapsed:.1f}s")
    assert sum(n for a, n in by_attempt.items() if a != "1") >= first_try_failures, "failed items are retried"


def test_two_consumers_on_one_spool_never_handle_an_item_twice(ws, tmp_path):
    """Acceptance 2: two consumers drain one spool at once; each item is handled by exactly one."""
    rig = Rig(ws, tmp_path, per_source=250)
    logs = [tmp_path / f"consumer-{n}.log" for n in ("a", "b")]
    procs = [subprocess.Popen(rig.cmd("--once", "--jobs", "3", name=n), env=rig.env(),
                              stdout=subprocess.DEVNULL, stderr=log.open("w")) for n, log in zip(("a", "b"), logs)]
    for p, log in zip(procs, logs):
        assert p.wait(timeout=600) == 0, log.read_text()[-3000:]
    ok = check_settled(rig, 5)
    assert max(ok.values()) == 1, "no item handled twice"
    by_consumer = Counter(r[2] for r in rig.runs("ok"))
    starts = {}
    for r in rig.runs("start"):
        starts.setdefault(r[1], set()).add(r[2])
    both = [g for g, who in starts.items() if len(who) > 1]
    print(f"two consumers: {dict(by_consumer)} items handled; {len(both)} items run by both")
    assert not both, f"run by both consumers: {both[:10]}"
    assert by_consumer["a"] > 0 and by_consumer["b"] > 0, "both consumers took a share"


def test_a_consumer_takes_over_the_claims_of_a_dead_one(ws, tmp_path):
    """Consumer a is killed with its handlers (its whole process group, as systemd kills a unit)
    while it holds items; consumer b, started later under another name, handles them: nothing is
    lost and nothing is handled twice."""
    rig = Rig(ws, tmp_path, per_source=3)
    a = subprocess.Popen(rig.cmd("--jobs", "4", name="a"), env=rig.env(HANDLER_SLEEP="30", FAIL_EVERY="0"),
                         stderr=(tmp_path / "a.log").open("w"), start_new_session=True)
    work_a = ws.spool / "work" / "a"
    deadline = time.monotonic() + 30
    while len([f for f in work_a.glob("*") if not f.name.startswith(".")]) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    held = {rig.guid_of(f) for f in work_a.glob("*") if not f.name.startswith(".")}
    os.killpg(a.pid, signal.SIGKILL)
    a.wait()
    assert len(held) >= 4
    b = subprocess.run(rig.cmd("--once", "--jobs", "4", name="b"), env=rig.env(FAIL_EVERY="0"),
                       capture_output=True, text=True, timeout=300)
    assert b.returncode == 0, b.stderr
    assert "re-running claimed items" in b.stderr
    ok = check_settled(rig, 5)
    assert max(ok.values()) == 1
    # Poison items always fail: one that a held is run by b and parked, never handled ok. Which
    # items a claims first depends on the order the polls reached the spool.
    poison = {f"p-{i}" for i in range(POISON)}
    assert held - poison <= {r[1] for r in rig.runs("ok") if r[2] == "b"}, "b handled what a held"
    assert held & poison <= {r[1] for r in rig.runs("start") if r[2] == "b"}, "b ran the poison items a held"


def test_claims_of_a_dead_consumer_outside_the_filter_go_back_to_new(ws, tmp_path):
    rig = Rig(ws, tmp_path, per_source=2)
    a = subprocess.Popen(rig.cmd("--jobs", "8", name="a"), env=rig.env(HANDLER_SLEEP="30", FAIL_EVERY="0"),
                         stderr=(tmp_path / "a.log").open("w"), start_new_session=True)
    work_a = ws.spool / "work" / "a"
    deadline = time.monotonic() + 30
    while len([f for f in work_a.glob("*") if not f.name.startswith(".")]) < 8 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(a.pid, signal.SIGKILL)
    a.wait()
    held = {rig.guid_of(f) for f in work_a.glob("*") if not f.name.startswith(".")}
    assert len(held) >= 8
    b = subprocess.run(rig.cmd("--once", "--filter", "s0", name="b"), env=rig.env(FAIL_EVERY="0"),
                       capture_output=True, text=True, timeout=120)
    assert b.returncode == 0, b.stderr
    assert [f for f in work_a.iterdir() if f.name != ".lock"] == []
    assert {r[1] for r in rig.runs("ok")} == {"s0-0", "s0-1"}
    back = {rig.guid_of(f) for f in rig.dir("new")}
    assert {g for g in held if not g.startswith("s0-")} <= back


@pytest.mark.parametrize("spool_format", ["json", "maildir"])
def test_handler_gets_the_item_on_stdin_and_its_environment(ws, tmp_path, spool_format):
    rig = Rig(ws, tmp_path, per_source=1, spool_format=spool_format)
    out = tmp_path / "seen"
    out.mkdir()
    script = tmp_path / "dump.sh"
    script.write_text('#!/bin/sh\ncat > "$OUT/$FEEDSYNC_ID.stdin"\nenv | grep ^FEEDSYNC_ | sort > "$OUT/$FEEDSYNC_ID.env"\n')
    script.chmod(0o755)
    r = subprocess.run([feedsync_binary(), "consume", "--spool-dir", str(ws.spool), "--once", "--filter", "s3",
                        "--exec", str(script)], env={**os.environ, "OUT": str(out)}, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    (cur,) = rig.dir("cur")
    (env_file,) = out.glob("*.env")
    env = dict(l.split("=", 1) for l in env_file.read_text().splitlines())
    assert env["FEEDSYNC_SOURCE"] == "s3", "--filter takes only that source's items"
    assert env["FEEDSYNC_EVENT"] == "new"
    assert (out / f"{env['FEEDSYNC_ID']}.stdin").read_bytes() == cur.read_bytes()
    if spool_format == "json":
        assert env["FEEDSYNC_ID"] == json.loads(cur.read_text())["id"]
    else:
        assert f"X-Feedsync-Id: {env['FEEDSYNC_ID']}" in cur.read_text()
    assert env["FEEDSYNC_FILE"] == str(ws.spool / "work" / "default" / cur.name)
    assert env["FEEDSYNC_ATTEMPT"] == "1" and env["FEEDSYNC_CONSUMER"] == "default"
    assert len(rig.dir("new")) == len(SOURCES) - 1 + POISON


def test_a_second_consumer_of_the_same_name_exits_75(ws, tmp_path):
    rig = Rig(ws, tmp_path, per_source=1)
    first = subprocess.Popen(rig.cmd(name="same"), env=rig.env(), stderr=(tmp_path / "consumer.log").open("w"))
    try:
        time.sleep(0.5)
        second = subprocess.run(rig.cmd("--once", name="same"), env=rig.env(), capture_output=True, text=True, timeout=30)
        assert second.returncode == 75
        assert f"PID {first.pid}" in second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=10) == 0


def test_follow_handles_new_items_within_a_second_and_sigterm_waits_for_the_handler(ws, tmp_path):
    rig = Rig(ws, tmp_path, per_source=1)
    p = subprocess.Popen(rig.cmd("--jobs", "8"), env=rig.env(HANDLER_SLEEP="1", FAIL_EVERY="0"),
                         stderr=(tmp_path / "consumer.log").open("w"))
    try:
        deadline = time.monotonic() + 60
        while len(rig.dir("cur")) + len(rig.dir("failed")) // 2 < len(SOURCES) + POISON and time.monotonic() < deadline:
            time.sleep(0.05)
        rig.grow(1)
        t0 = time.monotonic()
        while "s0-1" not in {r[1] for r in rig.runs("start")} and time.monotonic() - t0 < 10:
            time.sleep(0.02)
        latency = time.monotonic() - t0
        assert latency < 2, f"a new item is picked up at once (inotify): {latency:.2f}s"
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=10) == 0
    finally:
        p.kill()
    # The handler running at SIGTERM finished (it sleeps 1 s): its item went to cur/, not back.
    assert "s0-1" in {r[1] for r in rig.runs("ok")}
    assert "s0-1" in {rig.guid_of(f) for f in rig.dir("cur")}


def test_consume_and_its_handlers_run_under_the_template_units_syscall_filter(ws, tmp_path):
    """systemd/feedsync-consume@.service's seccomp settings (Tests/e2e/sandbox.py) let feedsync
    spawn handlers, wait for them, and move items, and let a shell handler run."""
    import shutil
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is needed to expand the unit's syscall groups: apt-get install -y systemd")
    rig = Rig(ws, tmp_path, per_source=3)
    sandbox = [os.environ.get("PYTHON", "python3"), str(ROOT / "Tests" / "e2e" / "sandbox.py"),
               str(ROOT / "systemd" / "feedsync-consume@.service"), "--"]
    r = subprocess.run(sandbox + rig.cmd("--once", "--jobs", "4"), env=rig.env(FAIL_EVERY="0"),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    ok = check_settled(rig, 5)
    assert len(ok) == len(SOURCES) * 3
