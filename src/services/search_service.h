// Search as a capability: keeping the index (<data_dir>/search) in step with the database through the outbox,
// rebuilding it, and answering queries with bodies resolved to codes. The contract JSON of `search --json`
// and GET /api/v1/search is built here so that the CLI and the web give the same document.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "search/searcher.h"
#include "services/installation.h"

namespace gongkai::services {

// The search index directory of `inst`: <data_dir>/search.
std::string search_index_dir(const Installation& inst);

struct DrainOptions {
  int batch_size = 1000;  // outbox rows per index commit
  // Test hook, called after each batch is committed to the index and before its outbox rows are deleted; a
  // failure stops the drain there (what a crash at that moment leaves behind).
  std::function<Status()> before_outbox_delete;
};

struct DrainReport {
  int64_t rows = 0;     // outbox rows consumed
  int64_t indexed = 0;  // documents added or replaced
  int64_t removed = 0;  // documents removed (draft, withdrawn or deleted items)
};

// Applies the outbox to the index: reads the rows queued so far in id order in batches, loads their items,
// puts published ones and removes the others, commits the index, and only then deletes those outbox rows. A
// failure or crash at any point leaves the rows not yet deleted for the next drain, which redoes them (every
// step is idempotent). Rows queued while draining are left for the next call. Creates the index if there is
// none. kConflict if another process is writing the index; kInternal/kIo for database or index failures.
Result<DrainReport> drain_outbox(Installation& inst, const DrainOptions& options = {});

struct ReindexReport {
  int64_t items = 0;
  double seconds = 0;
};

// Rebuilds the index from every published item into a fresh directory (<data_dir>/search.rebuild, then
// compacted into search.new and flushed to disk), swaps it in atomically (renameat2 RENAME_EXCHANGE) and
// clears the outbox rows that existed when it began. Leftovers of an interrupted reindex are removed first.
// Holds the live index's write lock throughout, so drains wait for it (they fail with kConflict) rather than
// write into the index being replaced. Readers keep the old index until they refresh. `progress` draws a bar
// on a terminal.
Result<ReindexReport> reindex(Installation& inst, bool progress);

struct SearchQuery {
  search::SearchRequest request;    // its body_codes are replaced when `body` is set
  std::optional<std::string> body;  // a body code
  bool include_children = false;    // with `body`: also every body below it
  bool drain_first = true;          // apply the outbox first so that results are current
};

// Runs `query` against the index of `inst`. With drain_first, the outbox is applied first; if another process
// holds the index's write lock the search goes ahead on the committed index. kInvalid for an unknown body or
// a bad query string; an installation without an index yet gives an empty result.
Result<search::SearchResult> search_items(Installation& inst, const SearchQuery& query);

// The codes of body `code` and, with include_children, of every body below it. kInvalid if there is no such
// body.
Result<std::vector<std::string>> body_scope(Installation& inst, const std::string& code,
                                            bool include_children);

// The contract JSON (spec/contracts.md, "Search JSON"): {"total", "hits": [{"id", "title", "doc_number" (null
// if none), "body" (code), "publish_date", "url", "snippet"}]}. With `extended`, hits also carry body_name,
// kind and validity, and the document carries relaxed, suggestions and facets (for the web API).
nlohmann::json search_result_json(const search::SearchResult& result, bool extended = false);

}  // namespace gongkai::services
