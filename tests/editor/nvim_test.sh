#!/usr/bin/env bash
# A real editor client: headless Neovim (Debian's neovim), configured with editors/nvim/elig.lua,
# opens a rule file with a mistake and talks to `elig lsp`.
# Usage: nvim_test.sh ELIG SOURCE_DIR
set -uo pipefail
elig=$1 src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/rules" "$work/rules"
# The mistake: a misspelt fact, on a line badly indented, so formatting has work to do.
sed -i 's/^  when metaverse_enterprise$/when    metaverse_enterprize/' "$work/rules/xihu-2022.elig"
ELIG_OUT="$work/out" HOME="$work" timeout 120 nvim --headless --clean \
  --cmd "let g:elig_program = '$elig'" --cmd "luafile $src/editors/nvim/elig.lua" \
  "$work/rules/xihu-2022.elig" -c "luafile $src/tests/editor/nvim_test.lua" >"$work/log" 2>&1
fails=0
check() { grep -qF -- "$1" "$work/out" 2>/dev/null || { echo "FAIL: no \`$1\`"; fails=1; }; }
check $'diagnostics\t1'
check "E2001 line"
check "unknown name \`metaverse_enterprize\`"
check 'fact park_designations : list of'
check $'definition\tschema.elig:'
check $'formatted\ttrue'
check $'fix\tChange to `metaverse_enterprise`'
check $'diagnostics after the fix\t0'
check $'lens\txihu-2022.park-award: examples: '
check $'decided\txihu-2022.park-award 11'
[ $fails -eq 0 ] && echo "neovim test passed" || { cat "$work/out" "$work/log" 2>/dev/null | head -30; }
exit $fails
