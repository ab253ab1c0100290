#!/usr/bin/env bash
# Load on `elig serve`: wrk (Debian) POSTs an example profile to /v1/check (or another endpoint)
# over loopback and reports requests/s, p50/p99 latency and errors; any error (socket or non-2xx)
# fails the run.
# Usage: bench/load_wrk.sh [ELIG] [SECONDS] [CONNECTIONS] [ENDPOINT] [secure]
#   (defaults: build/release, 30 s, 32, /v1/check; /v1/decide gives verdicts without explanations;
#   `secure`: HTTPS with a self-signed certificate, and a bearer token on every request)
# CTest runs it for 3 s as `server_load`; the README's figures are from the 30 s run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
elig=${1:-$root/build/release/cli/elig}
seconds=${2:-30}
connections=${3:-32}
endpoint=${4:-/v1/check}
secure=${5:-}
work=$(mktemp -d)
scheme=http extra=() token_header="" curl_extra=()
if [ "$secure" = secure ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
    -days 2 -subj /CN=127.0.0.1 2>/dev/null
  echo "load-test-token" >"$work/tokens"
  extra=(--tls-cert "$work/cert.pem" --tls-key "$work/key.pem" --token-file "$work/tokens")
  scheme=https
  token_header='wrk.headers["Authorization"] = "Bearer load-test-token"'
  curl_extra=(-k -H "Authorization: Bearer load-test-token")
fi
"$elig" serve --port 0 --port-file "$work/port" --as-of 2024-12-31 --no-watch "${extra[@]}" 2>"$work/log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/toml"
$token_header
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
code=$(curl -s "${curl_extra[@]}" -o /dev/null -w '%{http_code}' -X POST --data-binary @"$root/examples/profiles/hangzhou-xr-studio.toml" \
  -H 'Content-Type: application/toml' "$scheme://127.0.0.1:$port$endpoint") || code=000
[ "$code" = 200 ] || { echo "FAIL: $endpoint answered $code"; cat "$work/log"; exit 1; }
wrk -t 2 -c "$connections" -d "${seconds}s" -s "$work/post.lua" "$scheme://127.0.0.1:$port$endpoint" \
  | tee "$work/wrk.out" | grep -E "^(requests|latency|errors):"
grep -q "^errors: 0 " "$work/wrk.out" || { echo "FAIL: errors under load"; exit 1; }
