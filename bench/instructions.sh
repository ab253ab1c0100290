#!/bin/sh
# Instructions per decision and per profile load, counted by callgrind: deterministic, so one
# change can be compared with the last even on a busy machine.
# Usage: bench/instructions.sh [build/bench/bench/elig_bench]   (cmake --workflow --preset bench)
set -eu
bin=${1:-build/bench/bench/elig_bench}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# count NAME FUNCTION CALLS UNIT: instructions inside FUNCTION over the NAME/fixed variant, which
# calls it exactly CALLS times.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$2" \
    "$bin" --benchmark_filter="^$1/fixed/" >/dev/null 2>&1
  total=$(callgrind_annotate "$out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  echo "$1: $((total / $3)) instructions per $4"
}
count BM_Reference_Hand 'elig::reference::evaluate_by_hand*' 100000 decision
count BM_Reference_Elig 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligVerdicts 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligInterpreted 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligLine 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligEveryCondition 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligNoLanes 'elig::ruleset::decide*' 100000 decision
count BM_Reference_EligExplainOne 'elig::ruleset::explain*' 1000 explanation
count BM_Bundled_Evaluate 'elig::ruleset::decide*' 100000 decision
count BM_LoadProfile_Json 'elig::ruleset::load_profile*' 1000 load
count BM_LoadProfile_Toml 'elig::ruleset::load_profile*' 1000 load
