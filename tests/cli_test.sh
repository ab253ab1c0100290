#!/usr/bin/env bash
# End-to-end tests of the `elig` command line: outputs and exit codes, as a user sees them.
set -u
elig=$1
root=$(cd "$2" && pwd)
cd "$root" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

expect() {  # expect NAME WANT_EXIT PATTERN -- command...
  local name=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; cat "$tmp/out" "$tmp/err" | head -20
    failed=$((failed + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
    echo "FAIL $name: output lacks /$pattern/"; cat "$tmp/out" "$tmp/err" | head -20
    failed=$((failed + 1)); return
  fi
  passed=$((passed + 1))
}

p=examples/profiles/hangzhou-xr-studio.toml
expect check_text 0 "shangcheng-2023.loan-interest .* 61,782.79" -- "$elig" check --as-of 2024-12-31 "$p"
expect check_en 0 "Office subsidy  eligible · up to CNY 690,000.00" -- "$elig" check --as-of 2024-12-31 --lang en "$p"
expect check_json 0 '"as_of": "2024-12-31"' -- "$elig" check --as-of 2024-12-31 --format json "$p"
expect check_markdown 0 '^\| `shangcheng-2023.office` \|' -- "$elig" check --as-of 2024-12-31 --format markdown "$p"
expect check_markdown_questions 0 '^1\. 研发项目（`rd_projects`）$' -- "$elig" check --as-of 2024-12-31 --format markdown examples/profiles/xihu-unknown-projects.toml
expect check_json_profile 0 "shangcheng-2023.loan-interest .* 61,782.79" -- "$elig" check --as-of 2024-12-31 examples/profiles/json/hangzhou-xr-studio.json
expect check_json_profile_error 3 "p.json:1:[0-9]+: error\[E3003\].*at /rents_office" -- bash -c "cd '$tmp' && echo '{\"claimed_year\": 2024, \"company_name\": \"x\", \"district\": \"xihu\", \"rents_office\": 1}' > p.json && '$elig' check --lang en --rules '$root/rules' p.json"
# The bundled rules' cases travel with them: a copy elsewhere runs them all.
cp -r "$root/rules" "$tmp/rules-copy"
expect rules_copy_tests 0 "^43 passed, 0 failed" -- "$elig" test --rules "$tmp/rules-copy"
# Reads are bounded: devices and huge files are errors, read no further than the limit.
truncate -s 200M "$tmp/huge.elig"
expect huge_rule_file 1 "E1006" -- "$elig" lint --rules "$tmp/huge.elig"
expect fmt_device 2 "not a regular file" -- "$elig" fmt /dev/zero
expect test_device 4 "larger than the limit" -- "$elig" test /dev/zero
expect replay_nothing 2 "no decision records" -- "$elig" replay /dev/null
# Invalid UTF-8 in a profile is reported in JSON diagnostics too (it once crashed the renderer).
expect json_diag_invalid_utf8 3 '"code":"E3001".*ill-formed UTF-8' -- bash -c "printf '{\"company_name\":\"\\xff\\xfe\"}' | '$elig' check --format json -"
expect reference_edge_case 0 "reference.rent .* 912,500.00" -- "$elig" check --rules bench/reference/rules --as-of 2025-06-30 --lang en "$root/tests/reference/edge-cases/E001.toml"
# Paths that cannot be read are errors that name them, in every command that walks a folder.
mkdir -p "$tmp/loop-rules" "$tmp/no-profiles"
cp "$root"/rules/*.elig "$tmp/loop-rules/"
ln -sf loop.elig "$tmp/loop-rules/loop.elig"
expect lint_link_loop 1 "loop.elig" -- "$elig" lint --rules "$tmp/loop-rules"
ln -sf b.toml "$tmp/a.toml"; ln -sf a.toml "$tmp/b.toml"
expect test_link_loop 4 "a.toml" -- "$elig" test "$tmp/a.toml"
mkdir -p "$tmp/loop-profiles"
cp examples/profiles/hangzhou-xr-studio.toml "$tmp/loop-profiles/"
ln -sf c.toml "$tmp/loop-profiles/c.toml"
expect check_link_loop 3 "c.toml" -- "$elig" check --as-of 2024-12-31 "$tmp/loop-profiles"
expect diff_no_profiles 2 "no .\.toml. files in" -- "$elig" diff --as-of 2024-12-31 rules rules "$tmp/no-profiles"
# The audit: every command that reads a path or walks a folder, given a path that is missing, a
# symbolic-link loop, an empty folder or an endless device, fails in time, without a crash, and
# names the path.
mkdir -p "$tmp/audit/empty" && ln -sf loopx "$tmp/audit/loopx"
for bad in "$tmp/audit/missing" "$tmp/audit/loopx" "$tmp/audit/empty" /dev/zero; do
  for cmd in "check --as-of 2024-12-31 @" "check --rules @ $p" "explain shangcheng-2023.office @" \
             "explain --rules @ shangcheng-2023.office $p" "lint --rules @" "list --rules @" \
             "template --rules @" "test @" "test --rules @" "batch --no-progress @" \
             "batch --rules @ $p" "replay @" "replay --rules @ /dev/null" "diff @ rules $p" \
             "diff rules @ $p" "diff rules rules @" "fmt --check @" "fmt --check --rules @" \
             "serve --port 0 --rules @" "serve --port 0 --token-file @" \
             "serve --port 0 --tls-cert @ --tls-key @" "paths @" "paths --rules @ $p" "sweep main_revenue @" "sweep --rules @ main_revenue $p"; do
    c=${cmd//@/$bad}
    # shellcheck disable=SC2086  # the command's words
    timeout 20 "$elig" $c >"$tmp/audit.out" 2>&1
    rc=$?
    if [ $rc -eq 0 ] || [ $rc -ge 124 ] || grep -qE "terminate called|Aborted|Segmentation" "$tmp/audit.out" \
       || ! grep -qF "$(basename "$bad")" "$tmp/audit.out"; then
      echo "FAIL audit: elig $c: exit $rc"; head -5 "$tmp/audit.out"; failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  done
done
printf 'claimed_year = 2024\ncompany_name = "x"\ndistrict = "xihu"\nmain_revenue = 680万\n' >"$tmp/wan.toml"
expect unquoted_amount 3 '提示: 请加上引号：`main_revenue = "680万"`' -- "$elig" check "$tmp/wan.toml"
expect unquoted_amount_en 3 'error\[E3001\]: the amount of `main_revenue` is written without quotes' -- "$elig" check --lang en "$tmp/wan.toml"
# Reforms without a copy of the rules: --set on check, batch and diff; mistakes located in it.
expect set_diff 0 "shangcheng-2023.rd R&D subsidy: ineligible → eligible · up to CNY 930,000.00" -- "$elig" diff --as-of 2024-12-31 --lang en --set shangcheng_rd_revenue_min=800万 rules examples/profiles
expect set_check 0 "shangcheng-2023.rd R&D subsidy  eligible" -- "$elig" check --as-of 2024-12-31 --lang en --set shangcheng_rd_revenue_min=800万 examples/profiles/shangcheng-ai-startup.toml
expect set_batch 0 '"id":"shangcheng-2023.rd"' -- "$elig" batch --as-of 2024-12-31 --set shangcheng_rd_revenue_min=800万 examples/profiles/shangcheng-ai-startup.toml
expect set_unknown 1 "^--set:1:1: error\[E2001\]: unknown parameter .shangcheng_rd_revenue_mni.|did you mean .shangcheng_rd_revenue_min." -- "$elig" check --lang en --set shangcheng_rd_revenue_mni=800万 "$p"
expect set_type 1 "^--set:1:27: error\[E2003\]: a value of .shangcheng_rd_revenue_min. must be money, found percent" -- "$elig" check --lang en --set shangcheng_rd_revenue_min=30% "$p"
expect set_diff_needs_profiles 2 "with --set, give RULES PROFILES" -- "$elig" diff --set shangcheng_rd_revenue_min=800万 rules
printf 'schema {\nfact   a :   money\n}\n' > "$tmp/messy.elig"
expect fmt_diff 1 '^-fact   a :   money' -- "$elig" fmt --diff "$tmp/messy.elig"
expect fmt_diff_leaves_file 0 'fact   a :   money' -- cat "$tmp/messy.elig"
expect fmt_check_folder 0 '' -- "$elig" fmt --check rules
mkdir -p "$tmp/no-rules"
expect fmt_check_empty_folder 2 'no `.elig` rule files' -- "$elig" fmt --check "$tmp/no-rules"
expect fmt_check_missing 2 'cannot read' -- "$elig" fmt --check --rules "$tmp/nowhere"
expect check_folder 0 "xihu-digital-twin" -- "$elig" check --as-of 2024-12-31 examples/profiles
expect check_stdin 0 "<stdin>" -- bash -c "'$elig' check --as-of 2024-12-31 - < examples/profiles/json/hangzhou-xr-studio.json"
expect check_dev_zero 3 "limited to 1048576 bytes" -- timeout 20 "$elig" check --lang en /dev/zero
# A profile that one rule set cannot read is named, counted apart and fails the run.
mkdir -p "$tmp/widened/p" && cp -r rules "$tmp/widened/old" && cp -r rules "$tmp/widened/new"
sed -i 's/district : enum(shangcheng, xihu, qiantang, other)/district : enum(shangcheng, xihu, qiantang, gongshu, other)/' "$tmp/widened/new/schema.elig"
printf 'claimed_year = 2024\ncompany_name = "x"\ndistrict = "gongshu"\n' > "$tmp/widened/p/new-district.toml"
cp examples/profiles/xihu-digital-twin.toml "$tmp/widened/p/"
expect diff_not_compared 3 "1 profile\(s\) not compared" -- "$elig" diff --as-of 2024-12-31 --lang en "$tmp/widened/old" "$tmp/widened/new" "$tmp/widened/p"
expect check_many 0 "xihu-digital-twin" -- "$elig" check --as-of 2024-12-31 "$p" examples/profiles/xihu-digital-twin.toml
expect check_no_color_in_pipe 0 "" -- bash -c "! '$elig' check --as-of 2024-12-31 '$p' | grep -q \$'\\x1b'"
expect check_color_always 0 $'\x1b\\[' -- "$elig" check --as-of 2024-12-31 --color always "$p"
expect explain 0 "interpretations used" -- "$elig" explain --as-of 2024-12-31 --lang en shangcheng-2023.loan-interest "$p"
expect paths_text 0 "申报年度主营业务收入 8,200,000.00 → 至少 10,000,000.00（差 1,800,000.00）" -- "$elig" paths --as-of 2024-12-31 examples/profiles/shangcheng-ai-startup.toml
expect paths_en 0 "but “Start-up support” would no longer be paid" -- "$elig" paths --as-of 2024-12-31 --lang en examples/profiles/shangcheng-ai-startup.toml
expect paths_json 0 '"fact":"main_revenue","from":"8200000.00","to":"10000000.00","bound":"at_least"' -- "$elig" paths --as-of 2024-12-31 --format json --provision shangcheng-2023.rd examples/profiles/shangcheng-ai-startup.toml
expect paths_unknown_id 2 "did you mean .shangcheng-2023.rd" -- "$elig" paths --provision shangcheng-2023.r examples/profiles/shangcheng-ai-startup.toml
expect paths_bad_profile 3 "E3003" -- bash -c "cd '$tmp' && echo '{\"claimed_year\": 2024, \"company_name\": \"x\", \"district\": \"xihu\", \"rents_office\": 1}' > q.json && '$elig' paths --rules '$root/rules' q.json"
expect sweep_text 0 "10,000,000.00 .* 开始：研发补助" -- "$elig" sweep --as-of 2024-12-31 main_revenue examples/profiles/shangcheng-ai-startup.toml
expect sweep_chart 0 "<svg" -- bash -c "'$elig' sweep --as-of 2024-12-31 --chart '$tmp/c.svg' rent_paid '$root/examples/profiles/shangcheng-ai-startup.toml' >/dev/null && cat '$tmp/c.svg'"
expect sweep_json 0 '"x":"4000000","total"' -- "$elig" sweep --as-of 2024-12-31 --format json rent_paid examples/profiles/shangcheng-ai-startup.toml
expect sweep_unknown_fact 2 "main_revenue" -- "$elig" sweep main_revenu examples/profiles/shangcheng-ai-startup.toml
expect sweep_bad_range 2 "not an amount" -- "$elig" sweep --from lots main_revenue examples/profiles/shangcheng-ai-startup.toml
expect explain_unknown_id 2 "did you mean .shangcheng-2023.office" -- "$elig" explain shangcheng-2023.ofice "$p"
expect lint_bundled 0 "0 个错误" -- "$elig" lint --as-of 2024-12-31
expect lint_bundled_en 0 "0 error" -- "$elig" lint --as-of 2024-12-31 --lang en
# The bundled rules accept their two W1008s, with reasons: --deny-warnings passes, and
# --show-accepted lists them.
expect lint_clean 0 "0 个警告，已接受 2 个（--show-accepted 列出）" -- "$elig" lint --as-of 2024-12-31 --deny-warnings
expect lint_accepted 0 "提示: 规则中已接受：措施把首次上规" -- "$elig" lint --as-of 2024-12-31 --show-accepted
sed 's/    allow W1008 .*//' rules/shangcheng-2023.elig >"$tmp/lint-rules-sc.elig"
mkdir -p "$tmp/lint-rules" && cp rules/*.elig "$tmp/lint-rules/" && mv "$tmp/lint-rules-sc.elig" "$tmp/lint-rules/shangcheng-2023.elig"
expect lint_warnings 0 "warning\[W1008\]" -- "$elig" lint --as-of 2024-12-31 --rules "$tmp/lint-rules"
expect lint_deny_warnings 1 "1 个警告" -- "$elig" lint --as-of 2024-12-31 --deny-warnings --rules "$tmp/lint-rules"
expect list 0 "shangcheng-2023.scenario" -- "$elig" list
expect list_json 0 '"provisions"' -- "$elig" list --format json
expect help 0 "check" -- "$elig" --help
expect check_help 0 "--as-of" -- "$elig" check --help
expect no_command 2 "" -- "$elig"
expect bad_flag 2 "" -- "$elig" check --bogus "$p"
expect bad_lang 2 "" -- "$elig" check --lang fr "$p"
expect missing_profile 2 "" -- "$elig" check does-not-exist.toml
expect bad_as_of 2 "not a date" -- "$elig" check --as-of 2024-13-01 "$p"

# A broken profile: located error, exit 3.
printf 'claimed_year = 2024\ncompany_name = "x"\ndistrict = "xihu"\nrent_payd = 5\n' >"$tmp/bad.toml"
expect bad_profile 3 "bad.toml:4:1: error\\[E3002\\]: unknown fact .rent_payd." -- "$elig" check --lang en "$tmp/bad.toml"
# Under --lang zh (the default) profile diagnostics are in Chinese, help included.
expect bad_profile_zh 3 "bad.toml:4:1: error\\[E3002\\]: 未知的事实 .rent_payd." -- "$elig" check "$tmp/bad.toml"
expect bad_profile_zh_help 3 "提示: 是否想写 .rent_paid.？" -- "$elig" check --lang zh "$tmp/bad.toml"

# Broken rules: every error, exit 1, for lint and for check.
mkdir -p "$tmp/rules"
cp rules/schema.elig "$tmp/rules/"
printf 'define a = revenu > 1万\ndefine b = rent_payd > 1万\n' >"$tmp/rules/bad.elig"
expect lint_errors 1 "2 error\\(s\\)" -- "$elig" lint --lang en --rules "$tmp/rules"
expect lint_errors_zh 1 "未知名称 .rent_payd." -- "$elig" lint --rules "$tmp/rules"
expect lint_json 1 '"code":"E2001"' -- "$elig" lint --rules "$tmp/rules" --format json
expect check_bad_rules 1 "did you mean .rent_paid." -- "$elig" check --lang en --rules "$tmp/rules" "$p"
expect lint_missing_dir 1 "cannot read" -- "$elig" lint --lang en --rules "$tmp/nowhere"
expect check_bad_rules_zh 1 "是否想写 .rent_paid." -- "$elig" check --rules "$tmp/rules" "$p"

# The template is a profile the rules accept as it is (required facts have placeholders).
"$elig" template >"$tmp/template.toml"
expect template_loads 0 "" -- "$elig" check --as-of 2024-12-31 "$tmp/template.toml"
expect template_en 0 "Claimed year" -- "$elig" template --lang en

# The impact of a rules change over the example companies.
cp -r rules "$tmp/new-rules"
sed -i "s/  from 2023-06-16 = 1000万/  from 2023-06-16 = 800万/" "$tmp/new-rules/shangcheng-2023.elig"
expect diff_text 0 "1 gain, 0 lose" -- "$elig" diff --as-of 2024-12-31 --lang en rules "$tmp/new-rules" examples/profiles
expect diff_markdown 0 "shangcheng-ai-startup.toml. \| .shangcheng-2023.rd." -- "$elig" diff --as-of 2024-12-31 --format markdown rules "$tmp/new-rules" examples/profiles
expect diff_json 0 '"gain": 1' -- "$elig" diff --as-of 2024-12-31 --format json rules "$tmp/new-rules" examples/profiles
expect diff_same 0 "0 gain, 0 lose, 0 gain and lose, 0 change amount, 0 other change, 12 unchanged" -- "$elig" diff --as-of 2024-12-31 --lang en rules rules examples/profiles
expect test_bundled 0 "^[0-9]+ passed, 0 failed" -- "$elig" test
printf '[[case]]\nname = "wrong"\nas_of = 2024-12-31\nprofile = "%s"\n[[case.expect]]\nprovision = "shangcheng-2023.rd"\nstatus = "ineligible"\n' "$root/$p" >"$tmp/failing.toml"
expect test_failing 4 "0 passed, 1 failed" -- "$elig" test "$tmp/failing.toml"

# The formatter: the bundled rules are canonical; a messy copy is reported, then fixed.
expect fmt_bundled_check 0 "" -- "$elig" fmt --check
mkdir -p "$tmp/fmt"
printf 'define   big =   main_revenue>=1000万   # keep me\n' >"$tmp/fmt/a.elig"
expect fmt_check_messy 1 "would reformat" -- "$elig" fmt --check "$tmp/fmt/a.elig"
expect fmt_write 0 "formatted" -- "$elig" fmt "$tmp/fmt/a.elig"
expect fmt_result 0 "^define big = main_revenue >= 1000万  # keep me$" -- cat "$tmp/fmt/a.elig"
expect fmt_idempotent 0 "" -- "$elig" fmt --check "$tmp/fmt/a.elig"
printf 'define x = (1 +\n' >"$tmp/fmt/bad.elig"
expect fmt_refuses_broken 1 "error\\[E1001\\]" -- "$elig" fmt "$tmp/fmt/bad.elig"

# elig-synth, the build's writer of synthesised lanes (beside elig): the same file twice, a
# located error for broken rules, nothing half-written where it cannot write.
synth=$(dirname "$elig")/elig-synth
expect synth_writes 0 "" -- "$synth" --name reference_lanes -o "$tmp/lanes.cpp" bench/reference/rules
expect synth_names_pass 0 "^const synthesised_registration k_registration" -- cat "$tmp/lanes.cpp"
expect synth_same_twice 0 "" -- bash -c "'$synth' --name reference_lanes -o '$tmp/lanes2.cpp' bench/reference/rules && cmp '$tmp/lanes.cpp' '$tmp/lanes2.cpp'"
expect synth_broken_rules 1 "bad.elig:1:[0-9]+: error\\[E1001\\]" -- "$synth" -o "$tmp/x.cpp" "$tmp/fmt/bad.elig"
expect synth_no_file_left 1 "" -- test -e "$tmp/x.cpp"
expect synth_unwritable 1 "cannot write" -- "$synth" -o "$tmp/no-such-dir/x.cpp" bench/reference/rules
expect synth_unknown_option 109 "--bogus" -- "$synth" --bogus -o "$tmp/y.cpp" bench/reference/rules

# Deterministic: byte-identical output twice.
"$elig" check --as-of 2024-12-31 --format json examples/profiles/*.toml >"$tmp/a.json"
"$elig" check --as-of 2024-12-31 --format json examples/profiles/*.toml >"$tmp/b.json"
expect deterministic 0 "" -- cmp "$tmp/a.json" "$tmp/b.json"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
