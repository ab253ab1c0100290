#!/usr/bin/env bash
# Fails if a layer reaches the wrong way. Each layer of engine/src may include only the layers
# listed for it (and the public headers, elig/): the table is the architecture.
root=$1
bad=0
declare -A allowed=(
  [support]="support"
  [syntax]="support syntax"
  [check]="support syntax check"
  [fast]="support check fast"
  [explain]="support check fast explain"
  [profile]="support check profile"
  [analysis]="support check fast profile analysis"
  [format]="support syntax format"
  [testing]="support check fast explain profile facade testing"
  [paths]="support check fast profile facade testing paths"
  [facade]="support syntax check fast explain profile analysis format facade"
)
for dir in "$root"/engine/src/*/; do
  layer=$(basename "$dir")
  if [ -z "${allowed[$layer]+x}" ]; then
    echo "layer $layer has no entry in tests/layering_test.sh"; bad=1; continue
  fi
  for used in $(grep -rhoE '#include "[a-z_]+/' "$dir" | sed 's/#include "//;s/\///' | sort -u); do
    [ "$used" = elig ] && continue
    if [[ " ${allowed[$layer]} " != *" $used "* ]]; then
      echo "layer $layer includes $used/:"; grep -rn "#include \"$used/" "$dir"; bad=1
    fi
  done
  # Every include of the engine's own code names its layer's folder.
  if grep -rnE '#include "[^/"]+"' "$dir"; then
    echo "layer $layer includes a header without its folder (above)"; bad=1
  fi
done
for f in "$root"/engine/src/*; do
  [ -f "$f" ] && { echo "engine/src/$(basename "$f") belongs in a layer's folder"; bad=1; }
done
if grep -rnE '#include [<"](boost|toml\+\+|fmt|nlohmann|simdjson)' "$root/engine/include"; then
  echo "public headers must not expose third-party types"; bad=1
fi
# TOML++ only through profile/toml.hpp, which fixes undefined behaviour in the packaged 3.3.0.
if grep -rnE '#include <toml\+\+/' "$root/engine" "$root/cli" "$root/tests" "$root/bench" \
    "$root/fuzz" "$root/examples" --include=*.cpp --include=*.hpp | grep -v 'engine/src/profile/toml.hpp:'; then
  echo "include TOML++ through engine/src/profile/toml.hpp"; bad=1
fi
if grep -rn 'spirit' "$root/engine/src" --include=*.cpp | grep include | grep -v '^.*/syntax/'; then
  echo "only syntax/ may include Spirit"; bad=1
fi
exit $bad
