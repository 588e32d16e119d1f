#!/usr/bin/env bash
# Measures CurlFetcher (release build) against Tests/Support/faultserver.py on 127.0.0.1:
# wall time and rate for N URLs, and the most requests the server saw in flight at once.
#
# usage: scripts/bench-fetch.sh [URLS=2000] [CONCURRENCY=64] [DELAY_SECONDS=0] [BODY_BYTES=4000]
# e.g.   scripts/bench-fetch.sh 2000 64          # throughput
#        scripts/bench-fetch.sh 500 500 2        # concurrency: 500 slow URLs at once (~2 s if truly parallel)
set -euo pipefail
cd "$(dirname "$0")/.."
export FEEDSYNC_BENCH=1
export FEEDSYNC_BENCH_N="${1:-2000}"
export FEEDSYNC_BENCH_CONCURRENCY="${2:-64}"
export FEEDSYNC_BENCH_DELAY="${3:-0}"
export FEEDSYNC_BENCH_BODY="${4:-4000}"
# -enable-testing: the test target uses @testable imports, which a plain release build refuses.
swift test -c release -Xswiftc -enable-testing --filter FetchBenchmark 2>&1 | grep -E "^BENCH|✘|error:" || true
