#!/usr/bin/env bash
# `cmake --install` gives a prefix that a separate project builds against with find_package(elig),
# and an `elig` that finds its rules beside itself (../share/elig/rules), wherever it is moved.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/elig/elig.hpp"
test -f "$work/prefix/lib/cmake/elig/eligConfig.cmake"
# Headers of the engine's internals are not installed.
if find "$work/prefix/include" -name '*.hpp' | grep -v '/elig/[a-z_]*\.hpp$'; then
  echo "FAIL: internal headers installed"; exit 1
fi
cmake -S "$src/examples/embed" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
out=$("$work/consumer/elig_embed_example" "$work/prefix/share/elig/rules")
grep -q "shangcheng-2023.office eligible 600000.00" <<<"$out" || { echo "FAIL: $out"; exit 1; }
# The Python package, when built, where Debian's python3 reads a prefix's packages.
if [ -n "${ELIG_PYTHON_INSTALL_DIR:-}" ]; then
  PYTHONPATH="$work/prefix/$ELIG_PYTHON_INSTALL_DIR" /usr/bin/python3 -c "
import elig
rules = elig.Rules('$work/prefix/share/elig/rules')
line = rules.decide(open('$src/examples/profiles/json/hangzhou-xr-studio.json').read(), as_of='2024-12-31')
assert str(line['total']['max']) == '2211782.79', line
" || { echo "FAIL: the installed Python package"; exit 1; }
fi
# The installed program, moved elsewhere with its share/ folder, run from another directory.
mv "$work/prefix" "$work/moved"
cd "$work"
listed=$(env -u ELIG_RULES "$work/moved/bin/elig" list --format json)
grep -q '"shangcheng-2023.office"' <<<"$listed" || { echo "FAIL: rules not found"; exit 1; }
env -u ELIG_RULES "$work/moved/bin/elig" check --as-of 2024-12-31 \
  "$src/examples/profiles/shangcheng-ai-startup.toml" >/dev/null
echo "install test passed"
