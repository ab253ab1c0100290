#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) from the repository's seeds, with its
# dictionary, as many at once as there are cores; fails on any finding (crash, leak, timeout,
# broken invariant). Findings are kept in fuzz/findings/ (turn each into a regression test).
# Longer campaign: fuzz/run.sh 3600.
# Usage: fuzz/run.sh [SECONDS] [BUILD_DIR]   (default build/fuzz, from `cmake --preset fuzz`)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${2:-$root/build/fuzz}
jobs=${ELIG_FUZZ_JOBS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$root/fuzz/findings"
targets=()
start() {  # start TARGET DICT SEED_FILES...
  local target=$1 dict=$2
  shift 2
  mkdir -p "$work/$target"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$work/$target/"; done
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  ( "$build/fuzz/$target" "$work/$target" -dict="$root/fuzz/dict/$dict" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$root/fuzz/findings/$target-" \
      >"$work/$target.log" 2>&1
    echo $? >"$work/$target.code" ) &
  targets+=("$target")
}
start fuzz_rules rules.dict "$root"/rules/*.elig "$root"/bench/reference/rules/*.elig
start fuzz_profile_toml toml.dict "$root"/examples/profiles/*.toml
start fuzz_profile_json json.dict "$root"/examples/profiles/json/*.json
start fuzz_test_file toml.dict "$root"/rules/tests/*.toml
mkdir -p "$work/random-seeds"
for n in 1 2 3 4 5 6 7 8; do head -c 512 /dev/zero | tr '\0' "\\$n" >"$work/random-seeds/$n"; done
start fuzz_random_rules toml.dict "$work"/random-seeds/*
mkdir -p "$work/http-seeds"
printf 'POST\0/v1/check\0as_of=2024-12-31\0application/toml\0' >"$work/http-seeds/check"
cat "$root/examples/profiles/shangcheng-ai-startup.toml" >>"$work/http-seeds/check"
printf 'GET\0/v1/schema\0\0\0' >"$work/http-seeds/schema"
printf 'POST\0/v1/explain/shangcheng-2023.office\0lang=en\0application/json\0{}' >"$work/http-seeds/explain"
printf 'POST\0/v1/paths\0as_of=2024-12-31\0application/toml\0' >"$work/http-seeds/paths"
cat "$root/examples/profiles/shangcheng-ai-startup.toml" >>"$work/http-seeds/paths"
printf 'POST\0/v1/sweep\0fact=rent_paid&format=svg\0application/toml\0' >"$work/http-seeds/sweep"
cat "$root/examples/profiles/shangcheng-ai-startup.toml" >>"$work/http-seeds/sweep"
start fuzz_http http.dict "$work"/http-seeds/*
wait
failed=0
for target in "${targets[@]}"; do
  log="$work/$target.log"
  code=$(cat "$work/$target.code" 2>/dev/null || echo 1)
  stats=$(grep -E "^#[0-9]+ +DONE" "$log" | tail -1)
  [ -z "$stats" ] && stats=$(grep -E "^#[0-9]+" "$log" | tail -1)
  printf '%-18s %s\n' "$target" "${stats:-no stats}"
  if [ "$code" -ne 0 ]; then
    echo "FINDING in $target (exit $code):"
    grep -E "ERROR|invariant|SUMMARY|Test unit written" "$log" | head -20
    failed=1
  fi
done
exit $failed
