#!/usr/bin/env bash
# Extraction ratchet for CI: fails if mean F1 on a dev corpus drops below the floor reached so far,
# if any page errors, or if any page takes more than 1 s or 100 MB.
# usage: scripts/check-extract.sh [FEEDSYNC_BINARY]   (default .build/release/feedsync)
# Raise the floors when the extractor improves; never lower them to make a change pass.
set -euo pipefail
AEB_FLOOR=0.983
READABILITY_FLOOR=0.978
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${FEEDSYNC_SHARED:-$root/../shared}
bin=${1:-$root/.build/release/feedsync}
if [ ! -x "$bin" ]; then
    echo "check-extract: $bin not found; run: swift build -c release --product feedsync" >&2
    exit 64
fi
exec python3 "$root/scripts/extract_bench.py" check --shared "$shared" --bin "$bin" \
    --floor "aeb=$AEB_FLOOR" --floor "readability=$READABILITY_FLOOR"
