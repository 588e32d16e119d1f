"""The hostile-document ratchet (scripts/check-hostile.sh) fails on a crash or a hang of the
binary under test, not only on a slow or leaking result (issue 16.10)."""

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check-hostile.sh"


def wrapper(tmp_path, name, body):
    p = tmp_path / name
    p.write_text("#!/bin/sh\n" + body + "\n")
    p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return str(p)


def run_check(binary, timeout="2"):
    env = dict(os.environ, FEEDSYNC=binary, HOSTILE_TIMEOUT=timeout)
    return subprocess.run(["bash", str(CHECK)], capture_output=True, text=True, env=env, timeout=300)


def test_a_crashing_binary_fails_the_ratchet(tmp_path):
    r = run_check(wrapper(tmp_path, "crash", "kill -SEGV $$"))
    assert r.returncode != 0, r.stdout
    assert "CRASH (signal 11)" in r.stdout


def test_a_hanging_binary_fails_the_ratchet(tmp_path):
    r = run_check(wrapper(tmp_path, "hang", "trap '' TERM; sleep 60"), timeout="1")
    assert r.returncode != 0, r.stdout
    assert "HANG (killed after 1s)" in r.stdout


def test_a_binary_that_exits_with_a_clear_error_passes(tmp_path):
    # An error exit (not a signal) within the time limit is an acceptable outcome for a hostile document.
    r = run_check(wrapper(tmp_path, "refuse", "echo 'feedsync: refused' >&2; exit 65"))
    assert r.returncode == 0, r.stdout
    assert "exit 65: feedsync: refused" in r.stdout
