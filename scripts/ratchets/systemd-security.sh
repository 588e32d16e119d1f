#!/usr/bin/env bash
# Ratchet: the shipped service unit's exposure score (systemd-analyze security) must not rise above
# the level reached (1.1; the bar in issue 6 is 2.0).
set -euo pipefail
cd "$(dirname "$0")/../.."
MAX=1.1
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze missing: install the systemd package (scripts/install-deps does)" >&2
  exit 1
fi
line=$(systemd-analyze security --offline=true systemd/feedsync.service 2>/dev/null | tail -1)
score=$(echo "$line" | grep -oE '[0-9]+\.[0-9]+' | head -1)
echo "feedsync.service: $line"
awk -v s="$score" -v m="$MAX" 'BEGIN { exit !(s != "" && s <= m) }' || { echo "exposure $score > $MAX" >&2; exit 1; }
