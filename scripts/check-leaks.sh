#!/usr/bin/env bash
# LeakSanitizer over the parse and fetch paths: `feedsync parse` on every fixture and hostile
# document, and `feedsync sync` (curl, parse, store, spool) against a loopback server serving the
# fixtures, run twice (fetch, then conditional requests), all with an AddressSanitizer build.
# Any leak report fails the check. (valgrind 3.19 aborts on this binary; LSan is the leak check.)
#
# usage: scripts/check-leaks.sh BIN     (BIN built with --sanitize=address; scripts/sanitizers leaks)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: check-leaks.sh BIN}
DIR=$(mktemp -d /tmp/feedsync-leaks.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$DIR"' EXIT
export ASAN_OPTIONS=detect_leaks=1:exitcode=23
mkdir -p "$DIR/www"
cp "$ROOT"/Tests/FeedSyncParsingTests/Fixtures/*.xml "$ROOT"/Tests/FeedSyncParsingTests/Fixtures/*.json \
   "$ROOT"/Tests/FeedSyncParsingTests/Fixtures/HTML/*.html "$DIR/www/" 2>/dev/null
rm -f "$DIR"/www/*.expected.json
echo x > "$DIR/secret"
python3 "$ROOT/scripts/make-hostile-docs.py" "$DIR/hostile" "$DIR/secret" || exit 1
rm -f "$DIR/hostile/text-node-100mb.xml"   # bounded already; 100 MB under ASan is only slow

fail=0
runs=0
check() {  # label, then the command
  local label=$1; shift
  "$@" >"$DIR/out" 2>"$DIR/err"
  local rc=$?
  runs=$((runs + 1))
  if grep -q "LeakSanitizer" "$DIR/err" || [ $rc -eq 23 ]; then
    echo "LEAK: $label"; grep -A12 "LeakSanitizer" "$DIR/err" | head -30; fail=1
  elif grep -q "AddressSanitizer" "$DIR/err"; then
    echo "ASAN: $label"; grep -A12 "AddressSanitizer" "$DIR/err" | head -30; fail=1
  fi
}
for f in "$DIR"/www/* "$DIR"/hostile/*; do check "parse $(basename "$f")" "$BIN" parse "$f"; done

python3 -m http.server --bind 127.0.0.1 --directory "$DIR/www" 0 >"$DIR/server.log" 2>&1 &
SERVER=$!
port=
for _ in $(seq 50); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$DIR/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "check-leaks: loopback server did not start"; exit 1; }
{
  echo "state_dir = \"$DIR/state\""
  echo "spool_dir = \"$DIR/spool\""
  for f in "$DIR"/www/*; do
    name=$(basename "$f" | tr 'A-Z_' 'a-z-' | tr -cd 'a-z0-9.-')
    printf '[[source]]\nname = "%s"\nurl = "http://127.0.0.1:%s/%s"\n' "$name" "$port" "$(basename "$f")"
  done
  printf '[[source]]\nname = "missing"\nurl = "http://127.0.0.1:%s/none.xml"\n' "$port"
} > "$DIR/feedsync.toml"
check "sync (first)" "$BIN" sync --config "$DIR/feedsync.toml"
check "sync (again)" "$BIN" sync --config "$DIR/feedsync.toml"
delivered=$(ls "$DIR/spool/new" 2>/dev/null | wc -l)
echo "check-leaks: $runs runs under LeakSanitizer ($delivered items delivered by sync); $([ $fail = 0 ] && echo 'no leaks' || echo 'FAILED')"
[ "$delivered" -gt 0 ] || { echo "check-leaks: sync delivered nothing: the fetch path was not exercised"; fail=1; }
exit $fail
