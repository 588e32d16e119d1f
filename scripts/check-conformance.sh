#!/bin/bash
# Conformance ratchet for CI: runs the feed corpus (../shared/corpus, 1764 cases + 73 dates) through
# `feedsync parse` and fails if any category, or all cases together, pass fewer cases than the
# floors in scripts/conformance-floors.json. After an improvement, `--update` raises the floors.
#
# usage: scripts/check-conformance.sh [--update]
#   FEEDSYNC=path   binary to test (default .build/release/feedsync, built if missing)
#   SHARED=dir      the shared directory (default ../shared from the project root)
#   REPORT=file     where check.py writes per-case results (default .build/conformance-report.json)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHARED=${SHARED:-$ROOT/../shared}
BIN=${FEEDSYNC:-$ROOT/.build/release/feedsync}
REPORT=${REPORT:-$ROOT/.build/conformance-report.json}
if [ ! -x "$BIN" ]; then
  swift build -c release --product feedsync
fi
mkdir -p "$(dirname "$REPORT")"
# check.py exits 1 whenever a single case fails; the floors decide instead.
python3 "$SHARED/corpus/check.py" --corpus dev -j 2 --show-failures 10 --report "$REPORT" \
  --dates-cmd "$BIN parse --date" "$BIN" parse > "$REPORT.txt" || true
tail -n 1 "$REPORT.txt"
python3 "$ROOT/scripts/conformance-floors.py" "$REPORT" "$ROOT/scripts/conformance-floors.json" "$@"
