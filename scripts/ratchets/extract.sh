#!/usr/bin/env bash
# Ratchet: main-content extraction quality (mean F1 per dev corpus), and no page over 1 s or 100 MB.
set -euo pipefail
exec "$(dirname "$0")/../check-extract.sh" "$1"
