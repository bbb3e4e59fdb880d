#!/usr/bin/env bash
# `make demo`: creates the demo county 示例县 in DATA_DIR (unless it exists) and shows what it holds.
# Usage: scripts/demo.sh BINARY DATA_DIR
set -euo pipefail
bin=${1:?binary}
data=${2:?data dir}

if [ -f "$data/gongkai.db" ]; then
  echo "demo: $data exists; keeping it (remove it, or run '$bin demo --force --data-dir $data', to start again)"
else
  "$bin" demo --data-dir "$data"
fi

echo
echo "Bodies (机构):"
"$bin" bodies --data-dir "$data" | head -5
echo "  … ($("$bin" bodies --data-dir "$data" | wc -l) in all: $bin bodies --data-dir $data)"
echo
echo "The county's 2020 figures (spec/seed-figures.md): $bin stats --body demo-county --year 2020 --data-dir $data"
"$bin" stats --body demo-county --year 2020 --data-dir "$data"
echo
echo "Staff workspace: http://127.0.0.1:8080/staff/login — demo accounts (created by '$bin demo', src/services/demo.cpp):"
echo "  jyj.editor      Shili-Jyj-Bianji1   信息员, 示例县教育局"
echo "  jyj.reviewer    Shili-Jyj-Shenhe1   审核人, 示例县教育局"
echo "  county.office   Shili-Gkb-Gongkai1  政务公开工作机构, 示例县人民政府（全县）"
echo "  platform.admin  Shili-Pt-Guanli1    平台管理员, 全平台"
echo
if "$bin" serve --help >/dev/null 2>&1; then
  echo "Serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
  exec "$bin" serve --data-dir "$data" --listen 127.0.0.1:8080
fi
echo "The web portal is not built yet (docs/roadmap in README.md); the data is in $data."
echo "Try: $bin export items --body demo-jyj --year 2020 --data-dir $data | head -3"
