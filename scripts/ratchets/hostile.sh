#!/usr/bin/env bash
# Ratchet: hostile XML (XXE, external DTD, billion laughs, quadratic blow-up, huge text node, deep
# nesting, 100,000 attributes) ends within a second each, bounded, never leaks a local file, never
# crashes and never hangs.
set -euo pipefail
FEEDSYNC="$1" exec "$(dirname "$0")/../check-hostile.sh"
