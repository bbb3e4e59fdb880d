// store_bench: the parts of the store benchmark that need the library rather than the gongkai command line —
// the portal's column listing (store::list_column_items, the query behind every column page) timed call by
// call, and the demo county's generation timed without the search index that `gongkai demo` builds after it —
// on SQLite or PostgreSQL, so that bench/run.sh can compare the backends on the same data.
//
//   store_bench listing --database URL [--body CODE] [--column PATH] [--offsets 0,2000] [--limit 20]
//                       [--iterations N] [--warmup N]
//   store_bench demo --data-dir DIR [--database URL] [--today YYYY-MM-DD]
//
// listing prints one line per offset: "listing backend=… offset=… limit=… iterations=… total=… median_us=…
// p90_us=… min_us=… max_us=…". A call is what one page view costs: the COUNT(*) of the column and the page
// itself, on one open connection (as a server's pooled connection would be). demo prints "demo backend=…
// bodies=… items=… seconds=…", the seconds of services::create_demo (one transaction). Exit 0; 2 on bad usage
// or a missing body/column/installation; 3 when the database fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "services/demo.h"
#include "store/bodies.h"
#include "store/database.h"
#include "store/portal.h"

namespace {

struct Options {
  std::string database;
  std::string data_dir;              // demo
  std::string today = "2024-06-30";  // demo: fixed, so that every run builds the same county
  std::string body = "demo-county";
  std::string column = "工作动态";
  std::vector<int> offsets = {0, 2000};
  int limit = 20;
  int iterations = 300;
  int warmup = 20;
};

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "store_bench: %s\n", message.c_str());
  return code;
}

// The value at quantile `q` (0..1) of sorted `samples`.
double quantile(const std::vector<double>& samples, double q) {
  const size_t idx =
      std::min(samples.size() - 1, static_cast<size_t>(q * static_cast<double>(samples.size())));
  return samples[idx];
}

int run_listing(const Options& o) {
  using gongkai::Result;
  namespace store = gongkai::store;
  Result<std::unique_ptr<store::Database>> db = store::open_database(o.database);
  if (!db) return fail(2, db.status().message());
  Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
  if (!conn) return fail(3, conn.status().message());
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, o.body);
  if (!body) return fail(3, body.status().message());
  if (!*body) return fail(2, "no body " + o.body + " in " + (*db)->describe());
  Result<std::optional<int64_t>> column = store::find_column(**conn, (**body).id, o.column);
  if (!column) return fail(3, column.status().message());
  if (!*column) return fail(2, "body " + o.body + " has no column " + o.column);
  const char* backend = (*db)->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql";

  for (int offset : o.offsets) {
    int64_t total = 0;
    std::vector<double> samples;
    samples.reserve(static_cast<size_t>(o.iterations));
    for (int run_idx = 0; run_idx < o.warmup + o.iterations; ++run_idx) {
      const auto start = std::chrono::steady_clock::now();
      Result<store::Page> page = store::list_column_items(**conn, **column, offset, o.limit);
      const auto end = std::chrono::steady_clock::now();
      if (!page) return fail(3, page.status().message());
      if (page->items.empty() && page->total > offset) return fail(3, "an empty page inside the listing");
      total = page->total;
      if (run_idx >= o.warmup)
        samples.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    std::sort(samples.begin(), samples.end());
    if (total <= offset) {
      std::fprintf(stderr, "store_bench: warning: offset %d is past the column's %lld items\n", offset,
                   static_cast<long long>(total));
    }
    std::printf(
        "listing backend=%s offset=%d limit=%d iterations=%d total=%lld "
        "median_us=%.1f p90_us=%.1f min_us=%.1f max_us=%.1f\n",
        backend, offset, o.limit, o.iterations, static_cast<long long>(total), quantile(samples, 0.5),
        quantile(samples, 0.9), samples.front(), samples.back());
  }
  return 0;
}

int run_demo(const Options& o) {
  namespace services = gongkai::services;
  services::DemoOptions options;
  options.today = o.today;
  options.progress = false;
  const services::InstallationOptions where{o.data_dir, o.database};
  gongkai::Result<services::DemoReport> report = services::create_demo(where, options);
  if (!report) {
    const gongkai::StatusCode code = report.status().code();
    return fail(code == gongkai::StatusCode::kInvalid || code == gongkai::StatusCode::kConflict ? 2 : 3,
                report.status().message());
  }
  const bool postgresql = o.database.starts_with("postgresql://") || o.database.starts_with("postgres://");
  std::printf("demo backend=%s bodies=%d items=%lld seconds=%.3f\n", postgresql ? "postgresql" : "sqlite",
              report->bodies, static_cast<long long>(report->items), report->seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"store_bench — time store work on SQLite or PostgreSQL (bench/README.md)", "store_bench"};
  app.require_subcommand(1);
  Options o;
  CLI::App* listing = app.add_subcommand("listing", "latest items of one column of one body, paged");
  listing->add_option("--database", o.database, "SQLite file or postgresql://…")->required();
  listing->add_option("--body", o.body, "body code");
  listing->add_option("--column", o.column, "column path of that body");
  listing->add_option("--offsets", o.offsets, "page offsets to time")->delimiter(',');
  listing->add_option("--limit", o.limit, "items per page")->check(CLI::Range(1, 1000));
  listing->add_option("--iterations", o.iterations, "timed calls per offset")->check(CLI::Range(1, 1000000));
  listing->add_option("--warmup", o.warmup, "untimed calls first")->check(CLI::Range(0, 1000000));
  CLI::App* demo = app.add_subcommand("demo", "create the demo county (no search index) and time it");
  demo->add_option("--data-dir", o.data_dir, "data directory of the new installation")->required();
  demo->add_option("--database", o.database,
                   "postgresql://… (default: the SQLite file in the data directory)");
  demo->add_option("--today", o.today, "the current date (YYYY-MM-DD)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return demo->parsed() ? run_demo(o) : run_listing(o);
  } catch (const std::exception& e) {
    return fail(3, std::string("internal error: ") + e.what());
  }
}
