#!/usr/bin/env bash
# Search benchmark: indexing throughput and query latency on the demo county (docs/search.md, "Performance").
#
#   bench/search/run.sh [BUILD_DIR]          (default: build; needs BUILD_DIR/gongkai and BUILD_DIR/libgongkai_core.a)
#
# Builds bench/search/search_bench.cpp against BUILD_DIR's libgongkai_core.a, creates the demo county in a
# temporary folder (`gongkai demo --scale $BENCH_SCALE --no-search-index`), then runs search_bench: a full
# reindex timed on its own (items/s, wall-clock and per CPU second), an
# incremental drain of $BENCH_DRAIN re-queued items (items/s), and the query mix of search_bench.cpp
# $BENCH_ITERATIONS times each, in-process on a warm index (p50/p90/p99 over all queries and per query).
# Then the SQLite LIKE baseline: the word and phrase queries as `LIKE '%word%'` scans, $BENCH_LIKE times each.
# Environment: BENCH_SCALE (1), BENCH_DRAIN (10000), BENCH_ITERATIONS (20), BENCH_LIKE (3), KEEP (1: keep the
# folder).
# Timings are for reading, never asserted.
set -euo pipefail
shopt -s inherit_errexit

log() { echo "bench-search: $*" >&2; }
die() { log "error: $*"; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(realpath "${1:-$REPO/build}")
readonly REPO BUILD
readonly SCALE=${BENCH_SCALE:-1}
readonly DRAIN=${BENCH_DRAIN:-10000}
readonly ITERATIONS=${BENCH_ITERATIONS:-20}
readonly TODAY=2024-06-30   # fixed, so that every run builds the same demo county
[[ -x "$BUILD/gongkai" && -f "$BUILD/libgongkai_core.a" ]] || die "build gongkai in $BUILD first"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-search-bench.XXXXXX")
readonly WORK
cleanup() {
  local rc=$?
  if [[ ${KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT

log "building search_bench"
# shellcheck disable=SC2046  # pkg-config output is a list of flags
g++ -std=c++20 -O2 -I"$REPO/src" $(pkg-config --cflags opencc) "$REPO/bench/search/search_bench.cpp" \
    -o "$WORK/search_bench" "$BUILD/libgongkai_core.a" \
    $(pkg-config --libs sqlite3 libsodium icu-uc icu-i18n libpq xapian-core opencc) -lboost_url -lpthread

log "creating the demo county (scale $SCALE) in $WORK/data"
start=$(date +%s.%N)
"$BUILD/gongkai" demo --data-dir "$WORK/data" --scale "$SCALE" --today "$TODAY" --no-search-index >/dev/null
demo_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

echo "# gongkai search benchmark"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "xapian:     $(pkg-config --modversion xapian-core), icu $(pkg-config --modversion icu-uc), opencc $(pkg-config --modversion opencc)"
echo "demo:       scale $SCALE, created in $demo_seconds s"
"$WORK/search_bench" --data-dir "$WORK/data" --reindex --drain "$DRAIN" --iterations "$ITERATIONS" \
    --like-baseline "${BENCH_LIKE:-3}"
echo "index size: $(du -sh "$WORK/data/search" | cut -f1)"
