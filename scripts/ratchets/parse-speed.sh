#!/usr/bin/env bash
# Ratchet: parse throughput on one core against `xmllint --stream --noout` on the same files, in the
# same run (issue 3's bar is 0.5x; `scripts/bench-parse.sh 2000 20 9` measures 0.52-0.55x here). A
# ratio of two CPU times measured side by side carries over between machines. The floor sits below
# the bar by the noise of a loaded two-core machine (about 5% a run), and a run below it is measured
# once more before failing: only a real slowdown fails twice.
set -euo pipefail
. "$(dirname "$0")/../lib/shared.sh"
require_shared "parse-speed ratchet" bench/gen.py || exit $?
FLOOR=${PARSE_SPEED_FLOOR:-0.45}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
measure() {
  local out
  out=$(BIG=0 BENCH_DIR="$dir" FEEDSYNC="$1" bash "$(dirname "$0")/../bench-parse.sh" 2000 20 5)
  echo "$out" | grep -E "xmllint --stream|model\+sanitize|throughput" >&2
  echo "$out" | sed -n 's/.*one core \([0-9.]*\)x.*/\1/p'
}
bin=$(realpath "$1")  # bench-parse.sh runs elsewhere: a relative path gave "no ratio"
for attempt in 1 2; do
  ratio=$(measure "$bin")
  if [ -z "$ratio" ]; then echo "parse-speed: no ratio in the benchmark's output" >&2; exit 1; fi
  if [ "$(echo "$ratio >= $FLOOR" | bc)" = 1 ]; then
    echo "parse-speed: ${ratio}x of xmllint on one core (floor ${FLOOR}x) ok"
    exit 0
  fi
  echo "parse-speed: ${ratio}x, below the floor ${FLOOR}x (attempt $attempt)" >&2
done
exit 1
