# Sourced by the checks that read ../shared (the conformance corpus, extraction pages, the benchmark
# workload). A plain clone has no ../shared: such a check prints one line and is skipped, unless
# FEEDSYNC_REQUIRE_SHARED=1 (CI sets it), which turns the skip into a failure.
#
# usage: . scripts/lib/shared.sh; require_shared "conformance ratchet" corpus/check.py || exit $?
# Returns 0 when the path exists; otherwise prints `skipped: CHECK: ../shared/PATH not found` and
# returns 77 (the automake code for "skipped", which scripts/test counts), or 1 under
# FEEDSYNC_REQUIRE_SHARED=1.

SHARED_SKIP=77

shared_dir() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  echo "${SHARED:-${FEEDSYNC_SHARED:-$root/../shared}}"
}

require_shared() {
  local check=$1 path=$2
  if [ -e "$(shared_dir)/$path" ]; then return 0; fi
  if [ "${FEEDSYNC_REQUIRE_SHARED:-0}" = 1 ]; then
    echo "failed: $check: ../shared/$path not found (FEEDSYNC_REQUIRE_SHARED=1)" >&2
    return 1
  fi
  echo "skipped: $check: ../shared/$path not found"
  return $SHARED_SKIP
}
