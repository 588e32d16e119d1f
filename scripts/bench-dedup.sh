#!/bin/sh
# Near-duplicate index benchmark: indexes N fingerprints (default 1,000,000) and times Q lookups
# (default 10,000). Prints one JSON object: lookups_per_second, microseconds_per_lookup,
# index_rss_mb (resident memory the index added), peak_rss_mb (whole process, including the
# benchmark's own copy of the records), inserts_per_second, fingerprints_per_second.
# Usage: scripts/bench-dedup.sh [N] [Q]
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product BenchDedup >&2
exec "$(swift build -c release --show-bin-path)/BenchDedup" "${1:-1000000}" "${2:-10000}"
