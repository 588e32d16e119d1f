#!/usr/bin/env bash
# Scores `feedsync extract` on both dev corpora of ../shared/extract and prints precision, recall,
# F1, title match rate and time per page beside the anchors' F1 (trafilatura, readability-lxml, ...).
# usage: scripts/bench-extract.sh [FEEDSYNC_BINARY]   (default .build/release/feedsync)
# Build first: swift build -c release --product feedsync
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${FEEDSYNC_SHARED:-$root/../shared}
bin=${1:-$root/.build/release/feedsync}
if [ ! -x "$bin" ]; then
    echo "bench-extract: $bin not found; run: swift build -c release --product feedsync" >&2
    exit 64
fi
exec python3 "$root/scripts/extract_bench.py" bench --shared "$shared" --bin "$bin"
