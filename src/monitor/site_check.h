// One check of one government website: reads the home page and every registered column listing, the newest
// articles of each column, then crawls on through same-site links within a page budget (so a trap of endless
// links ends there), and checks every link it saw — off-site links are only checked, never followed. The result
// is a domain::SiteObservation for domain/monitor_rules to judge.
//
// Politeness: robots.txt of the site governs what the crawl follows (the registered home and column pages are
// fetched regardless: the supervising office registered them for inspection); its Crawl-delay slows the host
// down; the Fetcher's per-host limits apply to every host.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/monitor_rules.h"
#include "monitor/fetcher.h"

namespace gongkai::monitor {

struct ColumnTarget {
  std::string url, name, type;
  std::optional<int> interval_days;
};

struct SiteTarget {
  std::string home_url;
  std::vector<ColumnTarget> columns;
  int page_budget = 200;         // full fetches of this site's pages (home, columns, articles, crawl)
  int link_check_budget = 1000;  // check-only requests (off-site links, links past the budget)
  int articles_per_column = 5;   // newest entries of each column whose pages are read
};

struct SiteCheck {
  domain::SiteObservation observation;
  int pages_fetched = 0;
  int links_checked = 0;
  bool budget_exhausted = false;  // the crawl stopped at the page budget with links left
};

// Runs the check. `progress(done, planned)` is called as pages complete (may be empty). Never fails: what could
// not be fetched is in the observation as problems.
SiteCheck check_site(Fetcher& fetcher, const SiteTarget& target, const std::vector<domain::WordingEntry>& wording,
                     domain::Date as_of, const std::function<void(int, int)>& progress = {});

// One availability probe of `url` (国办秘函〔2019〕19号: not open within `timeout_ms` = failure). The fetcher's
// own total timeout should be at least `timeout_ms`.
struct ProbeResult {
  bool ok = false;
  long millis = 0;
  long status = 0;
  std::string error;
};
ProbeResult probe(Fetcher& fetcher, const std::string& url, long timeout_ms);

}  // namespace gongkai::monitor
