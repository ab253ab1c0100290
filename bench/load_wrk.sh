#!/usr/bin/env bash
# Load on `elig serve`: wrk (Debian) POSTs an example profile to /v1/check (or another endpoint)
# over loopback and reports requests/s, p50/p99 latency and errors; any error (socket or non-2xx)
# fails the run.
# Usage: bench/load_wrk.sh [ELIG] [SECONDS] [CONNECTIONS] [ENDPOINT]
#   (defaults: build/release, 30 s, 32, /v1/check; /v1/decide gives verdicts without explanations)
# CTest runs it for 3 s as `server_load`; the README's figures are from the 30 s run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
elig=${1:-$root/build/release/cli/elig}
seconds=${2:-30}
connections=${3:-32}
endpoint=${4:-/v1/check}
work=$(mktemp -d)
"$elig" serve --port 0 --port-file "$work/port" --as-of 2024-12-31 --no-watch 2>"$work/log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/toml"
local f = io.open("$root/examples/profiles/hangzhou-xr-studio.toml", "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("requests: %d in %.1f s = %.0f requests/s\n", summary.requests,
                         summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n",
                         errors, e.connect, e.read, e.write, e.status, e.timeout))
end
LUA
# The profile is accepted before loading the server with it.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$root/examples/profiles/hangzhou-xr-studio.toml" \
  -H 'Content-Type: application/toml' "http://127.0.0.1:$port$endpoint") || code=000
[ "$code" = 200 ] || { echo "FAIL: $endpoint answered $code"; cat "$work/log"; exit 1; }
wrk -t 2 -c "$connections" -d "${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port$endpoint" \
  | tee "$work/wrk.out" | grep -E "^(requests|latency|errors):"
grep -q "^errors: 0 " "$work/wrk.out" || { echo "FAIL: errors under load"; exit 1; }
