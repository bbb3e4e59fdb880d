#!/bin/sh
# Benchmark of `gongkai report build` (issue #7): the demo county scaled to about ITEMS_SCALE × 45 543 items plus
# CASES generated cases, then a county-wide 2020 report built REPEAT times; the baseline, measured in the same run,
# is the time of `sqlite3 … "SELECT count(*) FROM applications"` and of `… items` (a process start plus one scan).
# usage: bench/report/run.sh BINARY [ITEMS_SCALE] [CASES] [REPEAT]     (target of the issue: 22 100000)
set -eu
BIN=${1:?usage: run.sh BINARY [ITEMS_SCALE] [CASES] [REPEAT]}
SCALE=${2:-22}
CASES=${3:-100000}
REPEAT=${4:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-report-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
G="$BIN --data-dir $WORK/data"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

t0=$(now)
$G demo --no-search-index --scale "$SCALE" --today 2026-11-28 >/dev/null
t1=$(now)
bodies=$($G bodies --json | python3 -c 'import json,sys; print(" ".join(b["code"] for b in json.load(sys.stdin)))')
python3 "$HERE/gen_cases.py" "$CASES" $bodies >"$WORK/cases.jsonl"
$G import applications "$WORK/cases.jsonl" >/dev/null
t2=$(now)
DB=$WORK/data/gongkai.db
items=$(sqlite3 "$DB" "SELECT count(*) FROM items")
cases=$(sqlite3 "$DB" "SELECT count(*) FROM applications")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $items items, $cases cases (demo $(elapsed "$t0" "$t1") s, case import $(elapsed "$t1" "$t2") s)"

run() {  # prints the seconds of "$@", median of REPEAT
  for _ in $(seq "$REPEAT"); do
    s=$(now); "$@" >/dev/null; e=$(now); elapsed "$s" "$e"
  done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
count_cases=$(run sqlite3 "$DB" "SELECT count(*) FROM applications")
count_items=$(run sqlite3 "$DB" "SELECT count(*) FROM items")
build=$(run $G report build --body demo-county --year 2020 --include-children)
cell=$(run $G report cell --body demo-county --year 2020 --include-children --table 3 --row granted --column total)
echo "baseline SELECT count(*) FROM applications: $count_cases s"
echo "baseline SELECT count(*) FROM items:        $count_items s"
echo "report build --include-children (2020):     $build s  ($(echo "scale=1; $build / $count_items" | bc) × the items count)"
echo "report cell table 3 granted.total:          $cell s"
