#!/usr/bin/env bash
# Installs the Debian packages elig builds with, if any is missing. Safe to run again.
set -euo pipefail
packages=(g++ cmake ninja-build libboost1.81-dev libtomlplusplus-dev libfmt-dev libgtest-dev
          libcli11-dev nlohmann-json3-dev libbenchmark-dev libsimdjson-dev
          libutf8proc-dev pkg-config libcpp-httplib-dev libssl-dev
          # the clang builds: ThreadSanitizer and libFuzzer
          clang libclang-rt-14-dev
          # tests of `elig serve` and its page in a real browser; wrk for the load test
          python3-minimal chromium chromium-driver python3-selenium fonts-wqy-microhei wrk)
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
