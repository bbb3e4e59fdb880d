#!/usr/bin/env bash
# Browser tests: creates a demo installation, serves it on a free loopback port, and runs the Playwright tests
# (playwright-core driving Debian's /usr/bin/chromium; axe-core checks accessibility). Called by ctest.
# Usage: tests/e2e/run.sh path/to/gongkai
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh path/to/gongkai}")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

command -v node >/dev/null || { echo "e2e: node not found (run scripts/install-deps.sh)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium not found (run scripts/install-deps.sh)" >&2; exit 1; }
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

GONGKAI_TODAY=2026-11-28 "$bin" demo --data-dir "$work/data" --today 2026-11-28 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --data-dir "$work/data" --listen "127.0.0.1:$port" --quiet --no-monitor 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

export GONGKAI_URL="http://127.0.0.1:$port"
export GONGKAI_E2E_SHOTS="${GONGKAI_E2E_SHOTS:-}"
status=0
node --test --test-concurrency=1 ./*.e2e.mjs || status=$?
if [ $status -ne 0 ]; then
  echo "--- server log (last 30 lines) ---"
  tail -30 "$work/serve.log"
fi
exit $status
