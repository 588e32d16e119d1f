#!/usr/bin/env bash
# Ratchet: feed-parser conformance per category (floors in scripts/conformance-floors.json).
set -euo pipefail
FEEDSYNC="$1" exec "$(dirname "$0")/../check-conformance.sh"
