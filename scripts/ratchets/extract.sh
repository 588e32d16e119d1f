#!/usr/bin/env bash
# Ratchet: main-content extraction quality (mean F1 per dev corpus), and no page over 1 s or 100 MB.
set -euo pipefail
. "$(dirname "$0")/../lib/shared.sh"
require_shared "extract ratchet" extract/score.py || exit $?
exec "$(dirname "$0")/../check-extract.sh" "$1"
