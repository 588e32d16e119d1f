#!/usr/bin/env python3
"""Seconds from `feedsync run` starting to its sd_notify READY=1 (config loaded, state opened),
for scripts/bench's scale part. A datagram socket stands in for systemd's NOTIFY_SOCKET; the
daemon is stopped with SIGTERM right after.

usage: scripts/bench-daemon-start.py FEEDSYNC CONFIG   prints: ready_s=S (or fails with exit 1)
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time


def main():
    binary, config = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(60)
        env = dict(os.environ, NOTIFY_SOCKET=path)
        started = time.monotonic()
        daemon = subprocess.Popen([binary, "run", "--config", config], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ready = None
        try:
            while ready is None:
                message = sock.recv(4096).decode(errors="replace")
                if "READY=1" in message.split("\n"):
                    ready = time.monotonic() - started
        except socket.timeout:
            pass
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(120)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
    if ready is None:
        print("no READY=1 within 60 s", file=sys.stderr)
        return 1
    print("ready_s=%.3f" % ready)
    return 0


if __name__ == "__main__":
    sys.exit(main())
