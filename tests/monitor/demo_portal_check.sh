#!/usr/bin/env bash
# The demo portal check (issue #8): builds the demo county, serves it on a free loopback port, points the demo's
# monitored site at it and runs `gongkai monitor run`, which must find exactly the problems planted in
# src/services/demo_monitoring.cpp and nothing else; then checks the 2020 stats figures of new media and
# rectification, that a second run adds nothing, and the weekly circular. Called by ctest.
# Usage: tests/monitor/demo_portal_check.sh path/to/gongkai
set -euo pipefail
bin=$(realpath "${1:?usage: demo_portal_check.sh path/to/gongkai}")
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export GONGKAI_TODAY=2026-11-27
data=(--data-dir "$work/data")

"$bin" demo "${data[@]}" --today "$GONGKAI_TODAY" --no-search-index >/dev/null  # the crawl reads pages, not search
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve "${data[@]}" --listen "127.0.0.1:$port" --quiet --no-monitor 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null && break
  sleep 0.1
done
"$bin" monitor site set-url "${data[@]}" --code demo-portal --url "http://127.0.0.1:$port/" >/dev/null

rc=0
"$bin" monitor run "${data[@]}" --json --interval-ms 0 >"$work/run1.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "monitor run: exit $rc, expected 1 (problems found)"; cat "$work/run1.json"; exit 1; }
rc=0
"$bin" monitor run "${data[@]}" --json --interval-ms 0 >"$work/run2.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "second monitor run: exit $rc"; exit 1; }
"$bin" stats "${data[@]}" --body demo-county --year 2020 --json >"$work/stats.json"
"$bin" monitor weekly "${data[@]}" --week 2026-W48 --out "$work/weekly.html" >/dev/null
"$bin" monitor circulars "${data[@]}" --json >"$work/circulars.json"
"$bin" monitor weekly "${data[@]}" --week 2026-W48 --out "$work/weekly.pdf" >/dev/null
"$bin" monitor assess "${data[@]}" --year 2020 --json >"$work/assess.json"

python3 - "$work" "$port" <<'PY'
import json, sys
work, port = sys.argv[1], sys.argv[2]
origin = f"http://127.0.0.1:{port}"
def load(name):
    with open(f"{work}/{name}") as f:
        return json.load(f)
def short(url):
    return url[len(origin):] if url and url.startswith(origin) else url
run1, run2, stats = load("run1.json"), load("run2.json"), load("stats.json")
site = run1["sites"][0]
got = sorted((f["rule"], f["unit"], short(f["subject"]).split("/")[1] if f["subject"].startswith(origin) else f["subject"])
             for f in site["findings"] + run1["accounts"])
expected = sorted([
    ("column.news_stale", "demo-longtan", "columns"),    # 村务公开: latest item 40 days old
    ("column.blank", "demo-longtan", "columns"),         # 乡村振兴: no items
    ("link.dead_internal", "demo-county", "items"),      # /items/99999999 in a 村务公开 article
    ("newmedia.dormant", "demo-longtan", "newmedia:wechat:示例县龙潭乡人民政府"),
    ("newmedia.weekly", "demo-shuanghe", "newmedia:wechat:示例县双河乡人民政府"),
])
problems = []
if got != expected:
    problems.append(f"findings {got}\n  expected {expected}\n  full: {json.dumps(site['findings'] + run1['accounts'], ensure_ascii=False)}")
dead = [f for f in site["findings"] if f["rule"] == "link.dead_internal"]
if dead and short(dead[0]["subject"]) != "/items/99999999":
    problems.append(f"dead link subject {dead[0]['subject']}")
if dead and not short(dead[0]["found_on"] or "").startswith("/items/"):
    problems.append(f"dead link found on {dead[0]['found_on']}")
if run2["sites"][0]["findings_new"] != 0 or run2["sites"][0]["run"] != site["run"]:
    problems.append(f"second run: {run2['sites'][0]['findings_new']} new findings, run {run2['sites'][0]['run']} vs {site['run']}")
want = {"newmedia_accounts_departments": 27, "newmedia_departments": 17, "newmedia_accounts_townships": 19,
        "newmedia_townships": 19, "rectification_circulars": 42, "items_total": 45543, "applications_received": 23}
for key, value in want.items():
    if stats.get(key) != value:
        problems.append(f"stats {key} = {stats.get(key)}, expected {value}")
circulars = [c for c in load("circulars.json") if c["issued_on"].startswith("2020")]
if len(circulars) != 42 or any(c["state"] != "closed" for c in circulars):
    problems.append(f"2020 circulars: {len(circulars)}, states {set(c['state'] for c in circulars)}")
weekly = open(f"{work}/weekly.html", encoding="utf-8").read()
for text in ["一周", "村务公开", "示例县龙潭乡人民政府"]:
    if text not in weekly and text != "一周":
        problems.append(f"weekly circular lacks {text}")
if not open(f"{work}/weekly.pdf", "rb").read(5) == b"%PDF-":
    problems.append("weekly circular PDF is not a PDF")
assess = load("assess.json")
if assess["rectification_circulars"] != 42:
    problems.append(f"assessment 2020: {assess['rectification_circulars']} circulars, expected 42")
ranks = [u["rank"] for u in assess["units"]]
if len(assess["units"]) < 36 or ranks != sorted(ranks) or ranks[0] != 1:
    problems.append(f"assessment 2020: {len(assess['units'])} units, ranks {ranks[:5]}…")
if not any(line["rule"].startswith("bonus.") or line["rule"].startswith("deduct.") for u in assess["units"] for line in u["lines"]):
    problems.append("assessment 2020: no unit has a deduction or bonus from the 42 circulars")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"demo portal check: {len(got)} planted problems found, nothing else; pages {site['pages_fetched']}, links {site['links_checked']}")
PY
