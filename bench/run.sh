#!/usr/bin/env bash
# Benchmarks of the two store backends, SQLite and PostgreSQL, on this machine (bench/README.md).
#
#   bench/run.sh path/to/gongkai        (`make bench` calls bench/run.sh build/gongkai)
#
# Builds nothing. Starts its own throw-away PostgreSQL 15 with scripts/test-postgres.sh (stopped and deleted on
# exit, however the script ends) and works in a temporary folder. Measures:
#   (a) `gongkai import items` of $BENCH_ITEMS generated items into a fresh installation, $BENCH_REPEAT times
#       per backend (alternating), median wall-clock time;
#   (b) the column listing of the portal (store::list_column_items: latest 20 items of demo-county's 工作动态,
#       offsets 0 and 2000) on the demo county, $BENCH_ITERATIONS calls per offset, with build/bench/store_bench;
#   and, as by-products, the demo county's generation on SQLite, `gongkai migrate --to` of it, and the
#   generation directly on PostgreSQL (BENCH_DEMO_PG=1).
# Prints the raw figures as they come and a summary table with medians and the PostgreSQL/SQLite ratio.
#
# Environment: BENCH_ITEMS (100000), BENCH_REPEAT (3), BENCH_ITERATIONS (300), BENCH_PG_DURABLE (1: fsync,
# synchronous_commit and full_page_writes on, like SQLite's synchronous=FULL; 0 keeps the test cluster's fsync=off),
# BENCH_DEMO_PG (1: also time the demo county's generation directly on PostgreSQL), STORE_BENCH (default: bench/store_bench next
# to gongkai's build folder), PG_BIN (/usr/lib/postgresql/15/bin). Timings are for reading, never asserted.
set -euo pipefail
shopt -s inherit_errexit

log() { echo "bench: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -eq 1 ]] || { sed -n '3,4p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
GONGKAI=$(realpath "$1")
[[ -x "$GONGKAI" ]] || die "$1 is not an executable gongkai binary (build it first: make build)"
REPO=$(cd "$(dirname "$0")/.." && pwd)
readonly REPO
readonly ITEMS=${BENCH_ITEMS:-100000}
readonly REPEAT=${BENCH_REPEAT:-3}
readonly ITERATIONS=${BENCH_ITERATIONS:-300}
readonly DURABLE=${BENCH_PG_DURABLE:-1}
readonly DEMO_PG=${BENCH_DEMO_PG:-1}
readonly PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
readonly TODAY=2024-06-30   # fixed, so that every run builds the same demo county
STORE_BENCH=${STORE_BENCH:-$(dirname "$GONGKAI")/bench/store_bench}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench.XXXXXX")
# The cluster gets a folder of its own: run as root, the server's user must be able to enter it (test-postgres.sh).
PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench-pg.XXXXXX")
readonly WORK PG_DIR
PG_STARTED=0
cleanup() {
  local rc=$?
  if (( PG_STARTED )); then "$REPO/scripts/test-postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK" "$PG_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Seconds since the epoch with nanoseconds.
now() { date +%s.%N; }
# Elapsed seconds between two now() values, 3 decimals.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# Median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v pg="$1" -v lite="$2" 'BEGIN { if (lite > 0) printf "%.2f", pg / lite; else print "-" }'; }

gk() { "$GONGKAI" "$@"; }
psql_admin() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$SERVER_URL" "$@"; }
create_pg_database() { psql_admin -c "CREATE DATABASE $1" >/dev/null; }
drop_pg_database() { psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null; }

# The bodies the generated items belong to (bench/gen_items.awk): a county government, its office, 12 departments
# and 8 townships. Arguments: gongkai's --data-dir/--database options.
add_bodies() {
  gk bodies add "$@" --code bench-county --name 示例县人民政府 --type government >/dev/null
  gk bodies add "$@" --code bench-office --name 示例县人民政府办公室 --type office --parent bench-county >/dev/null
  local i
  for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    gk bodies add "$@" --code "bench-d$i" --name "示例县第${i}部门" --type department --parent bench-county >/dev/null
  done
  for i in 01 02 03 04 05 06 07 08; do
    gk bodies add "$@" --code "bench-t$i" --name "示例县第${i}乡镇" --type township --parent bench-county >/dev/null
  done
}

# Times one import of $ITEMS_FILE into a fresh installation; prints the seconds. Arguments: backend, run number.
time_import() {
  local backend=$1 run=$2 dir="$WORK/import-$1-$2" db_opts=()
  if [[ $backend == postgresql ]]; then
    create_pg_database "bench_import_$run"
    db_opts=(--database "$SERVER_BASE/bench_import_$run")
  fi
  gk init --data-dir "$dir" "${db_opts[@]}" >/dev/null
  add_bodies --data-dir "$dir" "${db_opts[@]}"
  local start end
  start=$(now)
  gk import items "$ITEMS_FILE" --create-columns --data-dir "$dir" "${db_opts[@]}" >/dev/null
  end=$(now)
  # The same figures on both backends, or the comparison means nothing.
  gk stats --body bench-county --year 2020 --json --data-dir "$dir" "${db_opts[@]}" >"$WORK/stats-$backend-$run.json"
  rm -rf "$dir"
  [[ $backend == postgresql ]] && drop_pg_database "bench_import_$run"
  elapsed "$start" "$end"
}

# --- environment ------------------------------------------------------------------------------------------------
log "working in $WORK"
PG_STARTED=1   # from here on, cleanup stops whatever part of the cluster started
SERVER_URL=$("$REPO/scripts/test-postgres.sh" start "$PG_DIR")
SERVER_BASE=${SERVER_URL%/*}
if (( DURABLE )); then
  psql_admin -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
             -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
fi
pg_settings=$(psql_admin -tA -c "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings
                                 WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers')")
pg_version=$(psql_admin -tA -c "SHOW server_version")

echo "# gongkai store benchmark"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start"
echo "sqlite:     $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?') (journal_mode=WAL, synchronous=FULL)"
echo "postgresql: $pg_version, local TCP, $pg_settings"
echo "gongkai:    $GONGKAI"
echo

# --- (a) bulk import --------------------------------------------------------------------------------------------
ITEMS_FILE="$WORK/items.jsonl"
awk -v n="$ITEMS" -v seed=42 -f "$REPO/bench/gen_items.awk" >"$ITEMS_FILE"
echo "## (a) import items: $ITEMS items, $(du -m "$ITEMS_FILE" | cut -f1) MB of JSON Lines, $REPEAT runs per backend"
import_sqlite=() import_pg=()
for run in $(seq 1 "$REPEAT"); do
  # Alternate the order, so that neither backend always runs on a machine warmed (or loaded) by the other.
  if (( run % 2 )); then order=(sqlite postgresql); else order=(postgresql sqlite); fi
  for backend in "${order[@]}"; do
    log "import run $run/$REPEAT on $backend"
    seconds=$(time_import "$backend" "$run")
    echo "import backend=$backend run=$run seconds=$seconds"
    if [[ $backend == sqlite ]]; then import_sqlite+=("$seconds"); else import_pg+=("$seconds"); fi
  done
  cmp -s "$WORK/stats-sqlite-$run.json" "$WORK/stats-postgresql-$run.json" ||
    die "the two backends disagree on bench-county's 2020 figures after import run $run"
done
echo

# --- (b) listing query on the demo county -----------------------------------------------------------------------
# store_bench creates the demo county through services::create_demo: `gongkai demo` would also build the search
# index, minutes of Xapian work that is the same on both backends and not what is compared here.
demo_sqlite="" demo_pg="" migrate_copy="" listing_sqlite=() listing_pg=()
if [[ -x "$STORE_BENCH" ]]; then
  echo "## (b) column listing on the demo county"
  log "creating the demo county on SQLite"
  out=$("$STORE_BENCH" demo --data-dir "$WORK/demo" --today "$TODAY")
  echo "$out"
  demo_sqlite=$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$out")
  create_pg_database bench_demo
  log "copying it to PostgreSQL with gongkai migrate --to"
  start=$(now); gk migrate --data-dir "$WORK/demo" --to "$SERVER_BASE/bench_demo" >/dev/null; end=$(now)
  migrate_copy=$(elapsed "$start" "$end")
  echo "migrate-copy seconds=$migrate_copy"
  if (( DEMO_PG )); then
    create_pg_database bench_demo_pg
    log "creating the demo county directly on PostgreSQL"
    out=$("$STORE_BENCH" demo --data-dir "$WORK/demo-pg" --database "$SERVER_BASE/bench_demo_pg" --today "$TODAY")
    echo "$out"
    demo_pg=$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$out")
    drop_pg_database bench_demo_pg
  fi
  for target in "$WORK/demo/gongkai.db" "$SERVER_BASE/bench_demo"; do
    log "timing the listing on ${target%%:*}"
    out=$("$STORE_BENCH" listing --database "$target" --iterations "$ITERATIONS" --offsets 0,2000)
    echo "$out"
    mapfile -t medians < <(sed -n 's/.* median_us=\([0-9.]*\).*/\1/p' <<<"$out")
    if [[ $target == postgresql* ]]; then listing_pg=("${medians[@]}"); else listing_sqlite=("${medians[@]}"); fi
  done
  echo
else
  log "warning: $STORE_BENCH not found: (b) skipped (add add_subdirectory(bench) to CMakeLists.txt and build)"
fi

# --- summary ----------------------------------------------------------------------------------------------------
echo "## summary (medians; ratio = PostgreSQL / SQLite, above 1 means PostgreSQL is slower)"
printf '%-44s %12s %12s %8s\n' "benchmark" "sqlite" "postgresql" "ratio"
a_lite=$(median "${import_sqlite[@]}") a_pg=$(median "${import_pg[@]}")
printf '%-44s %10s s %10s s %8s\n' "(a) import $ITEMS items" "$a_lite" "$a_pg" "$(ratio "$a_pg" "$a_lite")"
printf '%-44s %12s %12s %8s\n' "    items per second" "$(awk -v n="$ITEMS" -v s="$a_lite" 'BEGIN { printf "%.0f", n / s }')" \
  "$(awk -v n="$ITEMS" -v s="$a_pg" 'BEGIN { printf "%.0f", n / s }')" ""
if (( ${#listing_sqlite[@]} == 2 && ${#listing_pg[@]} == 2 )); then
  printf '%-44s %9s us %9s us %8s\n' "(b) listing, offset 0 ($ITERATIONS calls)" "${listing_sqlite[0]}" "${listing_pg[0]}" \
    "$(ratio "${listing_pg[0]}" "${listing_sqlite[0]}")"
  printf '%-44s %9s us %9s us %8s\n' "(b) listing, offset 2000 ($ITERATIONS calls)" "${listing_sqlite[1]}" \
    "${listing_pg[1]}" "$(ratio "${listing_pg[1]}" "${listing_sqlite[1]}")"
fi
if [[ -n $demo_pg ]]; then
  printf '%-44s %10s s %10s s %8s\n' "demo county, create_demo (one transaction)" "$demo_sqlite" "$demo_pg" \
    "$(ratio "$demo_pg" "$demo_sqlite")"
fi
if [[ -n $migrate_copy ]]; then
  printf '%-44s %12s %10s s\n' "gongkai migrate --to (demo county)" "" "$migrate_copy"
fi
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at end"
