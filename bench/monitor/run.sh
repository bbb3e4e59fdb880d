#!/usr/bin/env bash
# Crawl throughput of `gongkai monitor run` against a local site (the served demo portal), compared with a
# same-run baseline: one sequential curl process fetching as many of the portal's pages (connection reuse, no
# parsing). Reports requests per second of both and their ratio (bench/RESULTS.md). Not run by `make test`.
# Usage: bench/monitor/run.sh path/to/gongkai DEMO_DATA_DIR   (a data dir made by `gongkai demo`; it is modified:
# the demo-portal site is pointed at the bench server and its findings are updated)
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh path/to/gongkai DEMO_DATA_DIR}")
data=$(realpath "${2:?usage: run.sh path/to/gongkai DEMO_DATA_DIR}")
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --data-dir "$data" --listen "127.0.0.1:$port" --quiet --no-indexer --no-monitor 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null && break
  sleep 0.1
done
"$bin" monitor site set-url --data-dir "$data" --code demo-portal --url "http://127.0.0.1:$port/" >/dev/null
"$bin" monitor run --data-dir "$data" --site demo-portal --interval-ms 0 --json >/dev/null || true  # warm the page cache

start=$(date +%s.%N)
"$bin" monitor run --data-dir "$data" --site demo-portal --interval-ms 0 --json >"$work/run.json" || true
end=$(date +%s.%N)
requests=$(python3 -c "import json; s=json.load(open('$work/run.json'))['sites'][0]; print(s['pages_fetched'] + s['links_checked'])")

curl -s "http://127.0.0.1:$port/sitemap.xml" >"$work/sitemap.xml"
grep -o "<loc>[^<]*</loc>" "$work/sitemap.xml" | sed "s/<[^>]*>//g" >"$work/all-urls"
head -n "$requests" "$work/all-urls" >"$work/urls"
n=$(wc -l <"$work/urls")
args=()
while read -r u; do args+=(-o /dev/null "$u"); done <"$work/urls"
bstart=$(date +%s.%N)
curl -s "${args[@]}"
bend=$(date +%s.%N)

python3 - "$start" "$end" "$requests" "$bstart" "$bend" "$n" <<'PY'
import sys
s, e, r, bs, be, n = map(float, sys.argv[1:])
crawl, base = r / (e - s), n / (be - bs)
print(f"monitor run: {int(r)} requests (pages + link checks) in {e - s:.2f} s = {crawl:.0f} requests/s")
print(f"baseline sequential curl: {int(n)} pages in {be - bs:.2f} s = {base:.0f} pages/s")
print(f"ratio monitor/baseline: {crawl / base:.2f}")
PY
