#!/usr/bin/env bash
# Installs the Debian packages elig builds with, if any is missing. Safe to run again.
set -euo pipefail
packages=(g++ cmake ninja-build libboost1.81-dev libtomlplusplus-dev libfmt-dev libgtest-dev
          libcli11-dev nlohmann-json3-dev libbenchmark-dev libsimdjson-dev
          libutf8proc-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
