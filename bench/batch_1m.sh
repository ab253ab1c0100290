#!/usr/bin/env bash
# The #7 target: 1,000,000 reference profiles (JSON Lines from the shared generator's port)
# screened by `elig batch` with the reference rules, parsing included, on 2 workers.
# Usage: bench/batch_1m.sh [BUILD_DIR]   (default build/release; run after `cmake --build`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$build/bench/reference/gen_profiles" --n 1000000 --seed 20250630 --out "$data/p.jsonl" 2>/dev/null
echo "input: $(du -h "$data/p.jsonl" | cut -f1), 1,000,000 profiles"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %M KB max RSS" \
    "$build/cli/elig" batch --rules "$root/bench/reference/rules" --as-of 2025-06-30 -j 2 \
    --no-progress "$data/p.jsonl" -o "$data/out.jsonl" 2>&1 | grep -E "^run|total budget"
done
tail -1 "$data/out.jsonl" | grep -o '"profiles":[0-9]*,"errors":[0-9]*'
