#!/usr/bin/env bash
# Ratchet: hostile XML (XXE, external DTD, billion laughs, quadratic blow-up, huge text node, deep
# nesting) ends within a second each, bounded, and never leaks a local file.
set -euo pipefail
FEEDSYNC="$1" exec "$(dirname "$0")/../check-hostile.sh"
