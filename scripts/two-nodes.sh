#!/usr/bin/env bash
# The scale-out layout on one machine (docs/deploy.md): one PostgreSQL, two `gongkai serve` nodes on two ports.
# A change written once to the shared database is served by both nodes, and each node's /healthz answers.
# Usage: scripts/two-nodes.sh path/to/gongkai
#   Uses the server in $GONGKAI_TEST_PG_URL when set (as `make test` provides), else starts a throw-away one.
# Exits 0 when both nodes serve the change; prints what failed otherwise.
set -euo pipefail
bin=$(realpath "${1:?usage: two-nodes.sh path/to/gongkai}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
chmod 755 "$work"   # the PostgreSQL server user must reach the cluster folder inside it
pids=()
own_cluster=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$own_cluster" ]; then "$here/test-postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "two-nodes: FAILED: $*" >&2; for f in "$work"/node*.log; do echo "--- $f"; tail -5 "$f"; done >&2; exit 1; }

if [ -n "${GONGKAI_TEST_PG_URL:-}" ]; then
  server_url=${GONGKAI_TEST_PG_URL%/*}
  db="gk_two_nodes_$$"
  psql "$GONGKAI_TEST_PG_URL" -qc "CREATE DATABASE $db" >/dev/null
  url="$server_url/$db"
else
  own_cluster=1
  base=$("$here/test-postgres.sh" start "$work/pg")
  url=$base
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
get() { python3 - "$1" <<'PY'
import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())
except Exception as e:
    print("ERROR", e)
PY
}

# One installation on the shared database; each node has its own data directory (attachments would be shared storage).
"$bin" init --database "$url" --data-dir "$work/node1" >/dev/null
"$bin" bodies add --database "$url" --data-dir "$work/node1" --code county --name 示例县人民政府 --type government >/dev/null

port1=$(free_port); port2=$(free_port)
"$bin" serve --database "$url" --data-dir "$work/node1" --listen "127.0.0.1:$port1" 2>"$work/node1.log" & pids+=($!)
"$bin" serve --database "$url" --data-dir "$work/node2" --listen "127.0.0.1:$port2" --no-indexer 2>"$work/node2.log" & pids+=($!)
for port in $port1 $port2; do
  for _ in $(seq 1 100); do
    [ "$(get "http://127.0.0.1:$port/healthz")" = "ok" ] && break
    sleep 0.1
  done
  [ "$(get "http://127.0.0.1:$port/healthz")" = "ok" ] || fail "node on port $port did not become healthy"
done

# Both nodes render (and cache) the home page before the change, so the check below also proves that a change
# written elsewhere reaches every node's page cache.
for port in $port1 $port2; do get "http://127.0.0.1:$port/" >/dev/null; done

title="两节点共享数据库验证信息$$"
printf '{"body":"county","title":"%s","publish_date":"2026-11-27","column":"通知公告"}\n' "$title" > "$work/change.jsonl"
"$bin" import items "$work/change.jsonl" --database "$url" --data-dir "$work/node1" --create-columns >/dev/null

# Each node's page cache follows the shared database's site version, polled every second: give it three.
for port in $port1 $port2; do
  shown=""
  for _ in $(seq 1 30); do
    if grep -q "$title" <<<"$(get "http://127.0.0.1:$port/")"; then shown=1; break; fi
    sleep 0.1
  done
  [ -n "$shown" ] || fail "node on port $port does not show the change"
done
echo "two-nodes: both nodes (ports $port1 and $port2) serve the change written to $(sed 's#://[^@]*@#://#' <<<"$url")"
if [ -z "$own_cluster" ]; then psql "$GONGKAI_TEST_PG_URL" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null; fi
