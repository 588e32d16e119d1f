#!/usr/bin/env bash
# Ratchet: the CPU a whole sync costs, against libxml2 reading the same bytes (issue 20). A fixed
# workload (scripts/gen-cpu-workload.py: 60 feeds, 1,500 items, ~2.5 MB, through file: URLs, so no
# network) is synced once into an empty state and spool; its user CPU seconds are divided by those
# of `xmllint --stream --noout` over the same files in the same run. User time only: the system
# time of a sync is the kernel creating 1,500 files (the file-system floor of scripts/bench), not
# the code this guards. A ratio of two CPU times taken side by side carries over between machines
# (valgrind 3.19 cannot read the Swift binary's DWARF 5, and this VM has no instruction counter).
# Best of 5 each; a run over the ceiling is measured once more before failing: only a real
# slowdown fails twice. Takes about 10 s.
set -euo pipefail
BIN=$1
CEILING=${CPU_RATIO_CEILING:-99}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/../gen-cpu-workload.py" "$dir/w" 60 25
measure() {
  python3 - "$BIN" "$dir" <<'PY'
import os, resource, shutil, subprocess, sys
binary, d = sys.argv[1], sys.argv[2]
files = open(os.path.join(d, "w/xml.txt")).read().split()
def user_cpu(cmd, reps=5, prepare=None):
    best = None
    for _ in range(reps):
        if prepare: prepare()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit("failed: %s: %s" % (cmd[:2], r.stderr.decode()[-500:]))
        used = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
        best = used if best is None else min(best, used)
    return best
def fresh():
    for sub in ("state", "spool"):
        shutil.rmtree(os.path.join(d, "w", sub), ignore_errors=True)
sync = user_cpu([binary, "sync", "--config", os.path.join(d, "w/feedsync.toml")], prepare=fresh)
items = len(os.listdir(os.path.join(d, "w/spool/new")))
if items != 1500:
    sys.exit("the sync delivered %d items, not 1500" % items)
# xmllint reads the list 4 times, so its time is well above the clock's resolution.
xml = user_cpu(["xmllint", "--stream", "--noout"] + files * 4) / 4
print("%.3f %.4f %.2f" % (sync, xml, sync / xml))
PY
}
for attempt in 1 2; do
  read -r sync xml ratio < <(measure)
  echo "cpu: sync ${sync} s user, xmllint --stream ${xml} s user, ratio ${ratio}x (ceiling ${CEILING}x)" >&2
  if [ "$(echo "$ratio <= $CEILING" | bc)" = 1 ]; then
    echo "cpu: ${ratio}x of xmllint's CPU for a whole sync (ceiling ${CEILING}x) ok"
    exit 0
  fi
  echo "cpu: ${ratio}x, above the ceiling ${CEILING}x (attempt $attempt)" >&2
done
exit 1
