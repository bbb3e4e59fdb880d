// Reading the search index: a query string and filters in, ranked hits with snippets, facet counts and
// suggestions out. Queries are built in code from search/query.h clauses; nothing reaches Xapian's
// QueryParser.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::search {

enum class SortOrder { kRelevance, kNewest };

struct SearchRequest {
  std::string query;                    // the user's string (query.h language); may be empty when filtering
  std::vector<std::string> body_codes;  // any of these bodies (e.g. a body and all below it); empty = all
  std::optional<int> year;
  std::optional<std::string> kind;
  std::optional<std::string> validity;
  SortOrder sort = SortOrder::kRelevance;
  int offset = 0;       // clamped to [0, kMaxOffset]
  int limit = 10;       // clamped to [0, kMaxLimit]
  bool facets = false;  // count hits per body, year, kind and validity
  // Match at least this many documents before stopping: `total` is exact up to it and estimated beyond (see
  // SearchResult::total_exact). With `facets` or a filter, at least `facet_check_at_least`: facet counts and
  // filtered totals are exact up to it.
  int check_at_least = 1000;
  int facet_check_at_least = 10000;
  size_t snippet_bytes = 240;
};

inline constexpr int kMaxLimit = 100;
inline constexpr int kMaxOffset = 10000;

struct SearchHit {
  int64_t id = 0;
  std::string title;
  std::optional<std::string> doc_number;
  std::string body_code, body_name;
  std::string publish_date;
  std::string kind;
  std::optional<std::string> validity;
  std::string url;
  std::string snippet;  // HTML, one line: escaped text with <mark>…</mark> around matches
  double weight = 0;
};

struct FacetCount {
  std::string value;
  int64_t count = 0;
};

struct SearchResult {
  int64_t total = 0;  // matching documents (estimated beyond check_at_least; see total_exact)
  bool total_exact = true;
  bool relaxed = false;  // no document had every clause; these hits have some (clauses OR-ed)
  std::vector<SearchHit> hits;
  // With SearchRequest::facets: "body", "year", "kind", "validity" → values by count, highest first.
  std::map<std::string, std::vector<FacetCount>> facets;
  // Other queries worth trying (in the query language), when every clause together found nothing.
  std::vector<std::string> suggestions;
};

// A reader of the index. Sees the index as of open() or the last refresh().
// Thread safety: one thread at a time (open one Searcher per thread).
class Searcher {
 public:
  // Opens the index in `dir` for reading. kNotFound if there is no index there; kInternal if it is unreadable
  // (the message suggests `gongkai reindex`).
  static Result<std::unique_ptr<Searcher>> open(const std::string& dir);
  ~Searcher();

  // Runs `request`. kInvalid for a bad query (too long, not UTF-8); a query without words gives an empty
  // result. Never throws.
  Result<SearchResult> search(const SearchRequest& request);
  // Moves to the latest committed state of the index (also after `gongkai reindex` swapped it).
  Status refresh();
  int64_t document_count() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::search
