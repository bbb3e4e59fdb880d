#!/usr/bin/env bash
# Item page throughput: gongkai serving /items/ID against nginx serving the same page saved as a static file,
# measured with wrk in the same run, and the ratio (issue: "an item page served at >= 50% of nginx").
# Also reports the serve process's resident memory after the load. Figures go to bench/RESULTS.md by hand.
# Usage: bench/http/portal_vs_nginx.sh path/to/gongkai [DATA_DIR]   (DATA_DIR: an existing demo; default: a new one)
set -euo pipefail
bin=$(realpath "${1:?usage: portal_vs_nginx.sh path/to/gongkai [DATA_DIR]}")
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-50}
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk not found (scripts/install-deps.sh)" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "nginx not found (scripts/install-deps.sh)" >&2; exit 1; }

data=${2:-}
if [ -z "$data" ]; then
  data="$work/data"
  "$bin" demo --data-dir "$data" --no-search-index >/dev/null
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
gk_port=$(port); nx_port=$(port); raw_port=$(port)
"$bin" serve --data-dir "$data" --listen "127.0.0.1:$gk_port" --quiet --no-indexer --no-monitor 2>"$work/serve.log" & pids+=($!)
gk_pid=$!
# The same server without its page cache: every request renders the page from the database.
"$bin" serve --data-dir "$data" --listen "127.0.0.1:$raw_port" --quiet --no-indexer --no-monitor --page-cache-mb 0 \
  2>"$work/serve-raw.log" & pids+=($!)
for p in $gk_port $raw_port; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.1; done
done

item_id=$(sqlite3 "$data/gongkai.db" "SELECT id FROM items WHERE kind = 'normative' ORDER BY id DESC LIMIT 1")
mkdir -p "$work/www/items"
curl -sf "http://127.0.0.1:$gk_port/items/$item_id" > "$work/www/items/$item_id"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$nx_port; root $work/www; }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nx_port/items/$item_id" >/dev/null && break; sleep 0.1; done

rps() { wrk -t2 -c"$connections" -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "item page /items/$item_id ($(wc -c < "$work/www/items/$item_id") bytes), wrk -t2 -c$connections -d$duration"
gk=$(rps "http://127.0.0.1:$gk_port/items/$item_id")
nx=$(rps "http://127.0.0.1:$nx_port/items/$item_id")
raw=$(rps "http://127.0.0.1:$raw_port/items/$item_id")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$gk_pid/status")
echo "gongkai (page cache): $gk req/s"
echo "gongkai (--page-cache-mb 0, rendered every time): $raw req/s"
echo "nginx (static file): $nx req/s"
awk -v a="$gk" -v b="$nx" 'BEGIN { printf "ratio gongkai/nginx: %.2f\n", a / b }'
awk -v a="$raw" -v b="$nx" 'BEGIN { printf "ratio uncached gongkai/nginx: %.2f\n", a / b }'
echo "gongkai serve RSS after load: $((rss / 1024)) MB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
