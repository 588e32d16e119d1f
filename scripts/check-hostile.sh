#!/bin/bash
# Runs the hostile documents of issue 3 (XXE, external DTD, billion laughs, quadratic blow-up,
# 100 MB text node, 100,000 nested elements) through the release binary: each must finish within
# a second with a result (usually bozo) or a clear error, and no document may leak a local file.
#
# usage: scripts/check-hostile.sh        (FEEDSYNC=path to test another binary)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${FEEDSYNC:-$ROOT/.build/release/feedsync}
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product feedsync) || exit 1
DIR=$(mktemp -d /tmp/feedsync-hostile.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
echo "TOP-SECRET-CONTENT" > "$DIR/secret.txt"
python3 "$ROOT/scripts/make-hostile-docs.py" "$DIR/docs" "$DIR/secret.txt" || exit 1
fail=0
printf '%-24s %8s %10s  %s\n' document seconds "peak KB" result
for f in "$DIR"/docs/*.xml; do
  name=$(basename "$f")
  out=$(/usr/bin/time -f "%e %M" -o "$DIR/time" timeout 10 "$BIN" parse "$f" 2>"$DIR/err")
  rc=$?
  read -r secs kb < "$DIR/time"
  result=$(printf '%s' "$out" | python3 -c 'import json,sys
try:
    d = json.load(sys.stdin); print("bozo=%s %s" % (d.get("bozo"), (d.get("bozo_exception") or "")[:60]))
except Exception: print("no JSON")')
  [ $rc -ne 0 ] && result="exit $rc: $(head -c 80 "$DIR/err")"
  status=ok
  if awk "BEGIN { exit !($secs >= 1.0) }"; then status="TOO SLOW"; fail=1; fi
  if printf '%s' "$out" | grep -q TOP-SECRET; then status="LEAKED A LOCAL FILE"; fail=1; fi
  printf '%-24s %8s %10s  %s  %s\n' "$name" "$secs" "$kb" "$result" "$status"
done
exit $fail
