#!/usr/bin/env bash
# Installs the Debian packages elig needs, if any is missing. Safe to run again.
#   scripts/install-deps.sh          what building and running elig need
#   scripts/install-deps.sh --test   that, and what the whole test suite needs besides
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libboost1.81-dev libtomlplusplus-dev libfmt-dev
          libcli11-dev nlohmann-json3-dev libsimdjson-dev libutf8proc-dev libcpp-httplib-dev
          libssl-dev)
case "${1:-}" in
  "") ;;
  --test)
    packages+=(libgtest-dev libbenchmark-dev
               # the clang builds: ThreadSanitizer and libFuzzer
               clang libclang-rt-14-dev
               # tests of `elig serve` and its page in a real browser; wrk for the load test
               python3-minimal chromium chromium-driver python3-selenium fonts-wqy-microhei wrk
               # the API contract (OpenAPI validation) and the TLS test's certificate
               python3-jsonschema openssl
               # the Python module, its tests and screening on Dask
               pybind11-dev python3-dev python3-pytest python3-dask python3-distributed
               # a real editor client for `elig lsp`
               neovim)
    ;;
  *)
    echo "usage: scripts/install-deps.sh [--test]" >&2
    exit 2
    ;;
esac
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
