// Search benchmark (bench/search/run.sh builds and runs it): indexing throughput (full reindex, and
// incremental outbox draining) and query latency for a realistic query mix on an installation such as the
// demo county.
//
//   search_bench --data-dir DIR [--reindex] [--drain N] [--iterations N] [--seed S] [--check-at-least N]
//                [--like-baseline N]
//
// --like-baseline N times the baseline the issue asks for: the same word and phrase queries answered by a
// SQLite `LIKE '%word%'` scan over title and content (count + the 10 newest), N times each, against the index
// in the same run; it prints both medians and their ratio.
//
// Prints one line per measurement ("key value") so that run.sh can collect them; timings are for reading
// only.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "search/searcher.h"
#include "services/installation.h"
#include "services/search_service.h"
#include "store/database.h"
#include "store/search_outbox.h"

namespace {

using gongkai::Result;
using gongkai::Status;
namespace search = gongkai::search;
namespace services = gongkai::services;

struct MixEntry {
  const char* category;
  const char* query;
  const char* body;  // nullptr: no body filter
  int year;          // 0: no year filter
  bool newest;
  bool facets;
};

// What people type into a county portal's search box: short words (most), longer terms, phrases, traditional
// characters, 文号 in several forms, fields, filtered and sorted searches, and queries that find nothing.
const MixEntry kMix[] = {
    {"word2", "公开", nullptr, 0, false, false},
    {"word2", "招聘", nullptr, 0, false, false},
    {"word2", "防汛", nullptr, 0, false, false},
    {"word2", "疫情", nullptr, 0, false, false},
    {"word2", "预算", nullptr, 0, false, false},
    {"word2", "决算", nullptr, 0, false, false},
    {"word2", "低保", nullptr, 0, false, false},
    {"word2", "扶贫", nullptr, 0, false, false},
    {"word2", "隐私", nullptr, 0, false, false},
    {"word2", "公示", nullptr, 0, false, false},
    {"word4+", "政府信息公开", nullptr, 0, false, false},
    {"word4+", "垃圾分类", nullptr, 0, false, false},
    {"word4+", "森林防火", nullptr, 0, false, false},
    {"word4+", "农村宅基地审批", nullptr, 0, false, false},
    {"word4+", "退役军人服务保障", nullptr, 0, false, false},
    {"multi", "防汛 通知", nullptr, 0, false, false},
    {"multi", "预算 公开 2020", nullptr, 0, false, false},
    {"multi", "教育局 招聘 公告", nullptr, 0, false, false},
    {"phrase", "\"信息公开\"", nullptr, 0, false, false},
    {"phrase", "\"耕地保护\"", nullptr, 0, false, false},
    {"phrase", "\"人员招聘\"", nullptr, 0, false, false},
    {"traditional", "資訊公開", nullptr, 0, false, false},
    {"traditional", "預算公開", nullptr, 0, false, false},
    {"docno", "示政办发〔2020〕12号", nullptr, 0, false, false},
    {"docno", "示政办发[2020]12号", nullptr, 0, false, false},
    {"docno", "示政发 (2020) 36 号", nullptr, 0, false, false},
    {"docno", "文号:示政规", nullptr, 0, false, false},
    {"field", "标题:决算", nullptr, 0, false, false},
    {"field", "机构:教育局 招聘", nullptr, 0, false, false},
    {"filter", "公开", "demo-jyj", 0, false, false},
    {"filter", "通知", nullptr, 2020, false, false},
    {"filter", "防汛", "demo-chengguan", 2020, false, false},
    {"sorted", "公开", nullptr, 0, true, false},
    {"sorted", "工作动态", nullptr, 0, true, false},
    {"facets", "公开", nullptr, 0, false, true},
    {"facets", "防汛", nullptr, 0, false, true},
    {"none", "量子计算机", nullptr, 0, false, false},
    {"none", "防汛 量子", nullptr, 0, false, false},
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index =
      std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())));
  return values[index];
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds used by this process so far (user + system).
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU seconds used by the calling thread so far.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int fail(const Status& s) {
  std::fprintf(stderr, "search_bench: %s\n", s.message().c_str());
  return 3;
}

// Queues the first `n` published items again and times draining them.
int bench_drain(services::Installation& inst, int n) {
  Result<std::unique_ptr<gongkai::store::Connection>> conn = inst.connect();
  if (!conn) return fail(conn.status());
  Status queued = (*conn)->exec(
      "INSERT INTO search_outbox (item_id, created_at) SELECT id, '2024-01-01T00:00:00Z' FROM items "
      "WHERE status = 'published' ORDER BY id LIMIT ?",
      {int64_t{n}});
  if (!queued) return fail(queued);
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = process_cpu_seconds();
  Result<services::DrainReport> report = services::drain_outbox(inst);
  if (!report) return fail(report.status());
  const double secs = seconds_since(start);
  const double cpu = process_cpu_seconds() - cpu_start;
  const double items = static_cast<double>(report->rows);
  std::printf(
      "drain_items %lld\ndrain_seconds %.3f\ndrain_items_per_second %.0f\ndrain_cpu_seconds %.3f\n"
      "drain_items_per_cpu_second %.0f\n",
      static_cast<long long>(report->rows), secs, items / secs, cpu, items / cpu);
  return 0;
}

// The LIKE baseline: the word and phrase queries of the mix (the ones a substring scan can answer at all), N
// times each on the installation's SQLite file, against the Xapian searcher on the same queries.
int bench_like_baseline(services::Installation& inst, search::Searcher& searcher, int n) {
  Result<std::unique_ptr<gongkai::store::Connection>> conn = inst.connect();
  if (!conn) return fail(conn.status());
  std::vector<double> like_ms, index_ms;
  std::printf("\n%-12s %-20s %9s %9s %10s %10s %8s\n", "category", "query", "like_hits", "idx_total", "like_p50",
              "index_p50", "ratio");
  for (const MixEntry& e : kMix) {
    const std::string category = e.category;
    if (category != "word2" && category != "word4+" && category != "phrase") continue;
    std::string word = e.query;
    std::erase(word, '"');
    const std::string pattern = "%" + word + "%";
    std::vector<double> like_runs, index_runs;
    int64_t like_hits = 0, index_total = 0;
    for (int run = 0; run < n; ++run) {
      auto start = std::chrono::steady_clock::now();
      Result<gongkai::store::Rows> count = (*conn)->query(
          "SELECT COUNT(*) FROM items WHERE status = 'published' AND (title LIKE ? OR content LIKE ?)",
          {pattern, pattern});
      if (!count) return fail(count.status());
      Result<gongkai::store::Rows> top = (*conn)->query(
          "SELECT id, title FROM items WHERE status = 'published' AND (title LIKE ? OR content LIKE ?) "
          "ORDER BY publish_date DESC LIMIT 10",
          {pattern, pattern});
      if (!top) return fail(top.status());
      like_runs.push_back(seconds_since(start) * 1000);
      like_hits = count->front().get_int(0);

      search::SearchRequest request;
      request.query = e.query;
      request.limit = 10;
      start = std::chrono::steady_clock::now();
      Result<search::SearchResult> result = searcher.search(request);
      if (!result) return fail(result.status());
      index_runs.push_back(seconds_since(start) * 1000);
      index_total = result->total;
    }
    const double like_p50 = percentile(like_runs, 0.5), index_p50 = percentile(index_runs, 0.5);
    like_ms.insert(like_ms.end(), like_runs.begin(), like_runs.end());
    index_ms.insert(index_ms.end(), index_runs.begin(), index_runs.end());
    std::printf("%-12s %-20s %9lld %9lld %10.2f %10.2f %8.1f\n", e.category, e.query,
                static_cast<long long>(like_hits), static_cast<long long>(index_total), like_p50, index_p50,
                like_p50 / std::max(index_p50, 0.001));
  }
  const double like_p50 = percentile(like_ms, 0.5), index_p50 = percentile(index_ms, 0.5);
  std::printf("like_p50_ms %.2f\nlike_index_p50_ms %.2f\nlike_over_index_ratio %.1f\n", like_p50, index_p50,
              like_p50 / std::max(index_p50, 0.001));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  bool reindex = false;
  int drain = 0, iterations = 20, like_baseline = 0, check_at_least = search::SearchRequest{}.check_at_least;
  unsigned seed = 1;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    const std::string arg = argv[arg_idx];
    const bool has_value = arg_idx + 1 < argc;
    if (arg == "--data-dir" && has_value) {
      data_dir = argv[++arg_idx];
    } else if (arg == "--reindex") {
      reindex = true;
    } else if (arg == "--drain" && has_value) {
      drain = std::atoi(argv[++arg_idx]);
    } else if (arg == "--iterations" && has_value) {
      iterations = std::atoi(argv[++arg_idx]);
    } else if (arg == "--like-baseline" && has_value) {
      like_baseline = std::atoi(argv[++arg_idx]);
    } else if (arg == "--check-at-least" && has_value) {
      check_at_least = std::atoi(argv[++arg_idx]);
    } else if (arg == "--seed" && has_value) {
      seed = static_cast<unsigned>(std::atoi(argv[++arg_idx]));
    } else {
      std::fprintf(stderr,
                   "usage: search_bench --data-dir DIR [--reindex] [--drain N] [--iterations N] [--seed S] "
                   "[--check-at-least N] [--like-baseline N]\n");
      return 2;
    }
  }
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open({data_dir, ""});
  if (!inst) return fail(inst.status());

  if (reindex) {
    const double cpu_start = process_cpu_seconds();
    Result<services::ReindexReport> report = services::reindex(**inst, false);
    if (!report) return fail(report.status());
    const double cpu = process_cpu_seconds() - cpu_start;
    const double items = static_cast<double>(report->items);
    std::printf(
        "reindex_items %lld\nreindex_seconds %.3f\nreindex_items_per_second %.0f\nreindex_cpu_seconds %.3f\n"
        "reindex_items_per_cpu_second %.0f\n",
        static_cast<long long>(report->items), report->seconds, items / report->seconds, cpu, items / cpu);
  }
  if (drain > 0 && bench_drain(**inst, drain) != 0) return 3;

  Result<std::unique_ptr<search::Searcher>> searcher =
      search::Searcher::open(services::search_index_dir(**inst));
  if (!searcher) return fail(searcher.status());
  std::printf("documents %lld\n", static_cast<long long>((*searcher)->document_count()));

  // Every query of the mix `iterations` times, shuffled; one warm-up round first.
  std::vector<size_t> order;
  for (int round = 0; round < iterations; ++round) {
    for (size_t entry_idx = 0; entry_idx < std::size(kMix); ++entry_idx) order.push_back(entry_idx);
  }
  std::shuffle(order.begin(), order.end(), std::mt19937(seed));
  std::vector<std::vector<double>> wall_ms(std::size(kMix)), cpu_ms(std::size(kMix));
  std::vector<int64_t> totals(std::size(kMix)), exact_totals(std::size(kMix));
  // The exact number of matches of each query (every match counted), to show how far the estimates are off.
  for (size_t entry_idx = 0; entry_idx < std::size(kMix); ++entry_idx) {
    const MixEntry& e = kMix[entry_idx];
    search::SearchRequest request;
    request.query = e.query;
    if (e.body) request.body_codes = {e.body};
    if (e.year) request.year = e.year;
    request.limit = 0;
    request.check_at_least = request.facet_check_at_least = 1 << 30;
    Result<search::SearchResult> result = (*searcher)->search(request);
    if (!result) return fail(result.status());
    exact_totals[entry_idx] = result->total;
  }
  for (int pass = 0; pass < 2; ++pass) {
    const std::vector<size_t> run =
        pass == 0 ? std::vector<size_t>(order.begin(), order.begin() + std::size(kMix)) : order;
    for (size_t entry_idx : run) {
      const MixEntry& e = kMix[entry_idx];
      search::SearchRequest request;
      request.query = e.query;
      if (e.body) request.body_codes = {e.body};
      if (e.year) request.year = e.year;
      request.sort = e.newest ? search::SortOrder::kNewest : search::SortOrder::kRelevance;
      request.facets = e.facets;
      request.limit = 10;
      request.check_at_least = check_at_least;
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = thread_cpu_seconds();
      Result<search::SearchResult> result = (*searcher)->search(request);
      const double cpu = (thread_cpu_seconds() - cpu_start) * 1000;
      const double ms = seconds_since(start) * 1000;
      if (!result) return fail(result.status());
      if (pass == 1) {
        wall_ms[entry_idx].push_back(ms);
        cpu_ms[entry_idx].push_back(cpu);
      }
      totals[entry_idx] = result->total;
    }
  }
  std::vector<double> all_wall, all_cpu;
  std::printf("\n%-12s %-28s %7s %7s %8s %8s %8s %8s\n", "category", "query", "total", "exact", "p50_ms",
              "p99_ms", "cpu_p50", "cpu_p99");
  double worst_error = 0;
  for (size_t entry_idx = 0; entry_idx < std::size(kMix); ++entry_idx) {
    const std::vector<double>& w = wall_ms[entry_idx];
    const std::vector<double>& c = cpu_ms[entry_idx];
    all_wall.insert(all_wall.end(), w.begin(), w.end());
    all_cpu.insert(all_cpu.end(), c.begin(), c.end());
    if (exact_totals[entry_idx] > 0) {
      worst_error = std::max(worst_error, std::abs(static_cast<double>(totals[entry_idx] - exact_totals[entry_idx])) /
                                              static_cast<double>(exact_totals[entry_idx]));
    }
    std::printf("%-12s %-28s %7lld %7lld %8.2f %8.2f %8.2f %8.2f\n", kMix[entry_idx].category,
                kMix[entry_idx].query, static_cast<long long>(totals[entry_idx]),
                static_cast<long long>(exact_totals[entry_idx]), percentile(w, 0.5), percentile(w, 0.99),
                percentile(c, 0.5), percentile(c, 0.99));
  }
  std::printf("\ntotal_worst_error_pct %.1f\n", worst_error * 100);
  std::printf("\nqueries %zu\n", all_wall.size());
  std::printf("query_p50_ms %.2f\nquery_p90_ms %.2f\nquery_p99_ms %.2f\nquery_max_ms %.2f\n",
              percentile(all_wall, 0.5), percentile(all_wall, 0.9), percentile(all_wall, 0.99),
              percentile(all_wall, 1.0));
  std::printf("query_cpu_p50_ms %.2f\nquery_cpu_p90_ms %.2f\nquery_cpu_p99_ms %.2f\n",
              percentile(all_cpu, 0.5), percentile(all_cpu, 0.9), percentile(all_cpu, 0.99));
  if (like_baseline > 0) return bench_like_baseline(**inst, **searcher, like_baseline);
  return 0;
}
