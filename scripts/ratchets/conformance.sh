#!/usr/bin/env bash
# Ratchet: feed-parser conformance per category (floors in scripts/conformance-floors.json).
set -euo pipefail
. "$(dirname "$0")/../lib/shared.sh"
require_shared "conformance ratchet" corpus/check.py || exit $?
FEEDSYNC="$1" exec "$(dirname "$0")/../check-conformance.sh"
