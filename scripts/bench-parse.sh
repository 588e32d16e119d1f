#!/bin/bash
# Parse benchmark: the bench workload's feeds through `feedsync parse` (the whole job: model,
# sanitizing, plain text) next to `xmllint --stream --noout` on the same files, in the same run.
#
# usage: scripts/bench-parse.sh [N=2000] [K=20] [REPS=7]
#   FEEDSYNC=path   binary to measure (default .build/release/feedsync, built if missing)
#   BENCH_DIR=dir   where the workload goes (default /tmp/feedsync-bench-parse)
#   BIG=0           skip the single large feed (default: a ~200 MB feed, peak RSS measured)
# Prints CPU-time throughput (user+sys, best of REPS) for both, the ratio, feedsync's time split
# (`parse --stats`: libxml2's share is timed by a bare SAX parse of the same bytes, outside the
# other figures), and the large feed's peak RSS against its size. HTML pages of the workload
# are left out: they are not feeds (the HTML source parser reads them).
set -uo pipefail
N=${1:-2000}; K=${2:-20}; REPS=${3:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
BIN=${FEEDSYNC:-$ROOT/.build/release/feedsync}
DIR=${BENCH_DIR:-/tmp/feedsync-bench-parse}
command -v xmllint >/dev/null || { echo "needs xmllint (Debian: libxml2-utils)" >&2; exit 1; }
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product feedsync) || exit 1

echo "== workload: gen.py --n $N --k $K"
python3 "$SHARED/bench/gen.py" --n "$N" --k "$K" --out "$DIR/data" > "$DIR.gen.json" || exit 1
cd "$DIR/data/r1" || exit 1
ls | grep -v '\.html$' | sort > "$DIR/files.txt"
FILES=$(wc -l < "$DIR/files.txt")
BYTES=$(cat $(cat "$DIR/files.txt") | wc -c)
echo "$FILES feeds, $BYTES bytes"
cat $(cat "$DIR/files.txt") > /dev/null  # warm the page cache

# best CPU seconds (user+sys) and wall of REPS runs: prints "cpu wall"
best() {
  local best_cpu="" best_wall=""
  for _ in $(seq "$REPS"); do
    /usr/bin/time -f "%U %S %e" -o "$DIR/time" "$@" > /dev/null 2>"$DIR/stderr" || { cat "$DIR/stderr" >&2; return 1; }
    read -r u s e < "$DIR/time"
    cpu=$(echo "$u + $s" | bc)
    if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc)" = 1 ]; then best_cpu=$cpu; best_wall=$e; fi
  done
  echo "$best_cpu $best_wall"
}

read -r X_CPU X_WALL < <(best xmllint --stream --noout $(cat "$DIR/files.txt"))
# The file list goes in through --files-from: parsing 2,000 command-line arguments with
# swift-argument-parser alone costs ~7% of the run, and that is not feed parsing.
read -r F_CPU F_WALL < <(best "$BIN" parse --quiet --files-from "$DIR/files.txt")
JOBS=$(nproc)
read -r P_CPU P_WALL < <(best "$BIN" parse --quiet -j "$JOBS" --files-from "$DIR/files.txt")
mbps() { echo "scale=1; $BYTES / 1048576 / $1" | bc; }
echo
printf '%-40s %8s %8s %11s %12s\n' tool cpu_s wall_s "MB/s(cpu)" "MB/s(wall)"
printf '%-40s %8s %8s %11s %12s\n' "xmllint --stream --noout" "$X_CPU" "$X_WALL" "$(mbps "$X_CPU")" "$(mbps "$X_WALL")"
printf '%-40s %8s %8s %11s %12s\n' "feedsync parse (model+sanitize+text)" "$F_CPU" "$F_WALL" "$(mbps "$F_CPU")" "$(mbps "$F_WALL")"
printf '%-40s %8s %8s %11s %12s\n' "feedsync parse -j $JOBS" "$P_CPU" "$P_WALL" "$(mbps "$P_CPU")" "$(mbps "$P_WALL")"
echo "throughput vs xmllint: one core $(echo "scale=2; $X_CPU / $F_CPU" | bc)x (CPU time);" \
     "-j $JOBS $(echo "scale=2; $X_WALL / $P_WALL" | bc)x (wall clock). Goal >= 0.5x."
echo
echo "== time split (one run, parse --stats)"
"$BIN" parse --quiet --stats --files-from "$DIR/files.txt" 2>&1 >/dev/null | sed 's/^/  /'

if [ "${BIG:-1}" != 0 ]; then
  echo
  echo "== a single ~200 MB feed"
  python3 "$SHARED/bench/gen.py" --n 1 --k 112000 --out "$DIR/big" > /dev/null || exit 1
  BIGFILE=$(ls "$DIR"/big/r1/*)
  SIZE=$(wc -c < "$BIGFILE")
  /usr/bin/time -f "%e %M" -o "$DIR/time" "$BIN" parse "$BIGFILE" > "$DIR/big.json" || exit 1
  read -r secs kb < "$DIR/time"
  ENTRIES=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$DIR/big.json")
  echo "size $((SIZE / 1048576)) MB, $ENTRIES entries, $secs s, peak RSS $((kb / 1024)) MB" \
       "= $(echo "scale=2; $kb * 1024 / $SIZE" | bc)x its size (goal < 3x)"
  rm -f "$DIR/big.json"
fi
