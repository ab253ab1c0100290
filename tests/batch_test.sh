#!/usr/bin/env bash
# `elig batch` end to end: the reference total over 100,000 generated profiles, input order kept
# whatever the number of workers, bad lines reported in place without stopping the batch, and
# memory that does not grow with the input.
# Usage: batch_test.sh ELIG GEN_PROFILES SOURCE_DIR [sanitized]
set -uo pipefail
elig=$1 gen=$2 src=$3 sanitized=${4:-}
rules="$src/bench/reference/rules"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$gen" --n 100000 --seed 20250630 --out "$work/p.jsonl" 2>/dev/null
"$elig" batch --rules "$rules" --as-of 2025-06-30 -j 2 "$work/p.jsonl" -o "$work/out2.jsonl" \
  2>"$work/err" || fail "batch exit $?"
tail -1 "$work/out2.jsonl" | grep -q '"profiles":100000,"errors":0' || fail "summary counts"
# The total every correct implementation gets (shared/bench/reference-policies.md).
tail -1 "$work/out2.jsonl" | grep -q '"total":{"min":"46603033344.00","max":"46603033344.00"}' \
  || fail "reference total: $(tail -1 "$work/out2.jsonl")"
grep -q "total budget: 46,603,033,344.00" "$work/err" || fail "human summary"
[ "$(wc -l <"$work/out2.jsonl")" -eq 100001 ] || fail "one line per profile"
head -100000 "$work/out2.jsonl" | awk -F'"line":' '{split($2, a, ","); if (a[1] != NR) {print "line " NR " is " a[1]; exit 1}}' \
  || fail "input order"
"$elig" batch --rules "$rules" --as-of 2025-06-30 -j 3 --no-progress "$work/p.jsonl" >"$work/out3.jsonl" 2>/dev/null
cmp -s "$work/out2.jsonl" "$work/out3.jsonl" || fail "-j 3 differs from -j 2"
# Each line agrees with `elig check` on the same profile.
sed -n 7p "$work/p.jsonl" >"$work/one.json"
want=$("$elig" check --rules "$rules" --as-of 2025-06-30 --format json "$work/one.json" \
  | grep -A2 '^      "total": {' | grep -o '"max": "[0-9.]*"' | grep -o '[0-9.][0-9.]*')
sed -n 7p "$work/out2.jsonl" | grep -q "\"total\":{\"min\":\"$want\",\"max\":\"$want\"}" \
  || fail "line 7 total differs from elig check ($want)"

# Bad lines: an error line each, in place, with its input line; the batch goes on; exit 3.
{
  sed -n 1p "$work/p.jsonl"
  echo '{"id": "X", "employees": -3'
  echo
  echo '{"id": 5}'
  head -c 3000000 /dev/zero | tr '\0' ' '; echo '{}'
  sed -n 2p "$work/p.jsonl"
} >"$work/bad.jsonl"
"$elig" batch --rules "$rules" --as-of 2025-06-30 "$work/bad.jsonl" >"$work/bad.out" 2>/dev/null
[ $? -eq 3 ] || fail "bad lines: exit code"
sed -n 1p "$work/bad.out" | grep -q '"line":1,"id":"C000001"' || fail "bad: first line decided"
# The diagnostics name the input's own line, once: the line of the JSON Lines file.
sed -n 2p "$work/bad.out" | grep -q '"line":2,"diagnostics":\[{"code":"E3001"' || fail "bad: syntax error line 2"
sed -n 2p "$work/bad.out" | grep -q '"file":"[^"]*bad.jsonl","line":2,' || fail "bad: diagnostic on line 2"
sed -n 3p "$work/bad.out" | grep -q '"line":4,"diagnostics":\[{"code":"E300' || fail "bad: schema errors line 4"
sed -n 4p "$work/bad.out" | grep -q '"line":5,"diagnostics":\[{"code":"E4001","severity":"error","message":"line 5 is longer than the profile limit' || fail "bad: long line 5"
sed -n 5p "$work/bad.out" | grep -q '"line":6,"id":"C000002"' || fail "bad: last line decided"
tail -1 "$work/bad.out" | grep -q '"profiles":5,"errors":3' || fail "bad: summary $(tail -1 "$work/bad.out")"

# TOML and JSON files and folders, with the bundled rules.
"$elig" batch --as-of 2024-12-31 "$src/examples/profiles" >"$work/toml.out" 2>/dev/null \
  || fail "examples folder: exit $?"
grep -q '"input":"[^"]*shangcheng-ai-startup.toml","company":"[^"]*","as_of":"2024-12-31","rules_hash":"[0-9a-f]*","engine":"elig [0-9.]*","excluded":false' "$work/toml.out" \
  || fail "examples folder: a TOML profile decided, with the company's name and provenance"
# A JSON line's `id` names the profile in its answer, though the bundled schema has no `id` fact.
sed -n 1p "$src/examples/profiles/json/hangzhou-xr-studio.json" >/dev/null
tr -d '\n' <"$src/examples/profiles/json/hangzhou-xr-studio.json" | sed 's/^{/{"id": "A-17", /' >"$work/id.jsonl"
echo >>"$work/id.jsonl"
"$elig" batch --as-of 2024-12-31 "$work/id.jsonl" 2>/dev/null | head -1 | grep -q '"line":1,"id":"A-17","company":' \
  || fail "a JSON line's id echoed"
# --summary stderr|none: exactly one output line per input line, as a pipe (Spark's RDD.pipe)
# expects; the summary goes to stderr, or nowhere.
head -50 "$work/p.jsonl" | "$elig" batch --rules "$rules" --as-of 2025-06-30 --summary stderr - \
  >"$work/piped.out" 2>"$work/piped.err" || fail "--summary stderr: exit $?"
[ "$(wc -l <"$work/piped.out")" -eq 50 ] || fail "--summary stderr: one line per input line"
grep -q '"summary":{"profiles":50' "$work/piped.err" || fail "--summary stderr: the summary on stderr"
head -50 "$work/p.jsonl" | "$elig" batch --rules "$rules" --as-of 2025-06-30 --summary none - \
  >"$work/none.out" 2>"$work/none.err" || fail "--summary none: exit $?"
cmp -s "$work/piped.out" "$work/none.out" || fail "--summary none: the same lines"
[ ! -s "$work/none.err" ] || fail "--summary none: nothing on stderr"
"$elig" batch --summary sideways - </dev/null >/dev/null 2>&1; [ $? -eq 2 ] || fail "--summary sideways: exit 2"
"$elig" batch "$src/README.md" >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown input kind: exit 2"
"$elig" batch "$work/missing.jsonl" >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing input: exit 2"

# Memory stays bounded: 300,000 profiles through a pipe use no more than 10,000 do.
if [ -z "$sanitized" ] && [ -x /usr/bin/time ]; then
  rss() { "$gen" --n "$1" --seed 1 --out - 2>/dev/null \
    | /usr/bin/time -f "%M" "$elig" batch --rules "$rules" --as-of 2025-06-30 -j 2 - 2>&1 >/dev/null | tail -1; }
  small=$(rss 10000) large=$(rss 300000)
  [ "$large" -lt $((small * 2 + 20000)) ] || fail "memory grows with the input: $small KB -> $large KB"
fi
[ $fails -eq 0 ] && echo "batch test passed"
exit $fails
