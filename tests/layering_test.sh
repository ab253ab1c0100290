#!/usr/bin/env bash
# Fails if a layer reaches the wrong way (see docs/architecture in README).
root=$1
bad=0
if grep -rn '#include "syntax/' "$root/engine/src/eval" "$root/engine/src/explain" "$root/engine/src/profile"; then
  echo "eval/explain/profile must not include the syntax layer"; bad=1
fi
if grep -rnE '#include [<"](boost|toml\+\+|fmt|nlohmann)/' "$root/engine/include"; then
  echo "public headers must not expose third-party types"; bad=1
fi
if grep -rn 'spirit' "$root/engine/src/check" "$root/engine/src/eval" "$root/engine/src/explain" --include=*.cpp | grep include; then
  echo "only syntax/ may include Spirit"; bad=1
fi
exit $bad
