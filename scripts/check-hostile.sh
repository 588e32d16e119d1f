#!/bin/bash
# Runs the hostile documents (scripts/make-hostile-docs.py: XXE, external DTD, billion laughs,
# quadratic blow-up, 100 MB text node, 100,000 nested elements, 100,000 attributes and their
# disguises) through the release binary: each must finish within a second with a result (usually
# bozo) or a clear error, and no document may leak a local file. A crash (death by a signal) or a
# hang (killed after HOSTILE_TIMEOUT seconds, default 10) fails the check like a slow document.
#
# usage: scripts/check-hostile.sh        (FEEDSYNC=path to test another binary)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${FEEDSYNC:-$ROOT/.build/release/feedsync}
LIMIT=${HOSTILE_TIMEOUT:-10}
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product feedsync) || exit 1
DIR=$(mktemp -d /tmp/feedsync-hostile.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
echo "TOP-SECRET-CONTENT" > "$DIR/secret.txt"
python3 "$ROOT/scripts/make-hostile-docs.py" "$DIR/docs" "$DIR/secret.txt" || exit 1
fail=0
printf '%-28s %8s %10s  %s\n' document seconds "peak KB" result
for f in "$DIR"/docs/*.xml; do
  name=$(basename "$f")
  # -k: a binary that ignores SIGTERM is killed too. time(1) writes "Command exited with non-zero
  # status N" or "Command terminated by signal N" before its figures: the figures are the last line.
  out=$(/usr/bin/time -f "%e %M" -o "$DIR/time" timeout -k 1 "$LIMIT" "$BIN" parse "$f" 2>"$DIR/err")
  rc=$?
  read -r secs kb < <(tail -n 1 "$DIR/time")
  case $secs in ''|*[!0-9.]*) secs=$LIMIT ;; esac
  result=$(printf '%s' "$out" | python3 -c 'import json,sys
try:
    d = json.load(sys.stdin); print("bozo=%s %s" % (d.get("bozo"), (d.get("bozo_exception") or "")[:60]))
except Exception: print("no JSON")')
  [ $rc -ne 0 ] && result="exit $rc: $(head -c 100 "$DIR/err" | tr '\n' ' ')"
  status=ok
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    status="HANG (killed after ${LIMIT}s)"; fail=1
  elif [ $rc -ge 128 ]; then
    status="CRASH (signal $((rc - 128)))"; fail=1
  elif awk "BEGIN { exit !($secs >= 1.0) }"; then
    status="TOO SLOW"; fail=1
  fi
  if printf '%s' "$out" | grep -q TOP-SECRET; then status="LEAKED A LOCAL FILE"; fail=1; fi
  printf '%-28s %8s %10s  %s  %s\n' "$name" "$secs" "$kb" "$result" "$status"
done
exit $fail
