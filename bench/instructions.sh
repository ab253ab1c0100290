#!/bin/sh
# Instructions per decision, counted by callgrind: deterministic, so one change can be compared
# with the last even on a busy machine. Usage: bench/instructions.sh [build/release/bench/elig_bench]
set -eu
bin=${1:-build/release/bench/elig_bench}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for name in BM_Reference_Elig BM_Bundled_Evaluate; do
  # Only calls of ruleset::decide are counted; the fixed variants run 100,000 of them.
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='elig::ruleset::decide*' \
    "$bin" --benchmark_filter="^$name/fixed/" >/dev/null 2>&1
  total=$(callgrind_annotate "$out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  echo "$name: $((total / 100000)) instructions per decision"
done
