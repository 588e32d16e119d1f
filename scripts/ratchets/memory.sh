#!/usr/bin/env bash
# Ratchet: the peak RSS of a 10,000-source sync (issue 20: 50,000 sources under 256 MB). A fixed
# workload (scripts/gen-cpu-workload.py: 10,000 feeds of 2 items through file: URLs, no network)
# is synced once into an empty state and spool under /usr/bin/time. Measured on the 2-core
# machine: 123 MB before results were boxed and the due list made lazy (issue 20: a 2.6 KB
# SyncResult kept per source, twice, was 71% of the heap peak), 66 MB after; 50,000 sources went
# from 468 MB to 225 MB. Peak RSS barely moves with load. The ceiling of 90 MB fails a return to
# results held inline and leaves room for the rest. Takes ~15 s.
set -euo pipefail
BIN=$1
CEILING_KB=${RSS_CEILING_KB:-92160}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/../gen-cpu-workload.py" "$dir/w" 10000 2 > /dev/null
rc=0
/usr/bin/time -f "%M" -o "$dir/rss" "$BIN" sync --config "$dir/w/feedsync.toml" > /dev/null 2> "$dir/log" || rc=$?
if [ "$rc" != 0 ]; then
  echo "memory: the sync failed (exit $rc): $(tail -c 500 "$dir/log")" >&2
  exit 1
fi
items=$(find "$dir/w/spool/new" -type f | wc -l)
if [ "$items" != 20000 ]; then
  echo "memory: the sync delivered $items items, not 20000" >&2
  exit 1
fi
kb=$(tail -1 "$dir/rss")
echo "memory: 10,000-source sync peak RSS $((kb / 1024)) MB (ceiling $((CEILING_KB / 1024)) MB)" >&2
if [ "$kb" -gt "$CEILING_KB" ]; then
  echo "memory: over the ceiling" >&2
  exit 1
fi
echo "memory: $((kb / 1024)) MB peak RSS for 10,000 sources (ceiling $((CEILING_KB / 1024)) MB) ok"
