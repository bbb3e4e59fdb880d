#!/bin/sh
# Load profiles for the HTTP server (docs/http.md): run against a running `gongkai serve` and print its metrics.
# Usage: bench/http/load.sh [BASE_URL] [PATH]   (defaults: http://127.0.0.1:8080 /healthz)
# Needs wrk (Debian package `wrk`) and curl.
set -eu
base=${1:-http://127.0.0.1:8080}
path=${2:-/healthz}
duration=${DURATION:-10s}

command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

echo "== keep-alive, 2 threads, 200 connections: $base$path"
wrk -t2 -c200 -d"$duration" --latency "$base$path"
echo "== 1000 connections (needs ulimit -n above 1100 on both sides)"
wrk -t2 -c1000 -d"$duration" "$base$path"
echo "== a new connection per request"
wrk -t2 -c50 -d"$duration" -H "Connection: close" "$base$path"
echo "== server metrics"
curl -fsS "$base/metrics" | grep -v '^#'
