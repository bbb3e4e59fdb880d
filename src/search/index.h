// Writing the search index: one Xapian document per published item (layout in schema.h and docs/search.md).
// The index is derived data: services/search_service.h keeps it in step with the database through the outbox.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::search {

// What the index needs of an item. Text is taken as stored (content may be HTML); normalisation happens here.
struct IndexDocument {
  int64_t id = 0;
  std::string title;
  std::string content;  // text or HTML
  std::optional<std::string> doc_number;
  std::string publish_date;  // YYYY-MM-DD
  std::string kind;
  std::optional<std::string> validity;
  std::string body_code;
  std::string body_name;
};

// The URL of an item's public page, as search hits carry it.
std::string item_url(int64_t id);

// A writer holding the index's write lock (Xapian's own lock: one writer per index directory, across
// processes). Changes become visible to readers at commit(). Xapian also commits on its own every few
// thousand changes and when the writer is destroyed; that is harmless here, because every change is
// idempotent and the outbox rows of a batch are deleted only after an explicit commit() has succeeded. Thread
// safety: one thread at a time.
enum class WriteMode {
  kIncremental,  // open or create; every commit() is durable (fsync)
  kFreshBuild,   // replace whatever is there with an empty index; commits skip fsync until finish()
};

class IndexWriter {
 public:
  // Opens the index in `dir` for writing (see WriteMode). kConflict, saying so, if another writer holds the
  // lock; kIo or kInternal for other failures.
  static Result<std::unique_ptr<IndexWriter>> open(const std::string& dir,
                                                   WriteMode mode = WriteMode::kIncremental);
  ~IndexWriter();

  // Adds the document of `doc`, replacing any earlier one of the same id.
  Status put(const IndexDocument& doc);
  // Adds the document of `doc` without looking for an earlier one of the same id: for kFreshBuild writers,
  // whose ids are new to the index (a rebuild adds each item once).
  Status put_new(const IndexDocument& doc);
  // Removes the document of item `id`; OK if there is none.
  Status remove(int64_t id);
  // Makes every change so far visible, and durable in kIncremental mode.
  Status commit();
  // Commits, releases the lock and, in kFreshBuild mode, flushes every file of the index to disk. The writer
  // accepts nothing afterwards.
  Status finish();
  // Number of documents (including uncommitted changes).
  Result<int64_t> document_count() const;

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes a compacted copy of the finished index in `from` into the new directory `to` (smaller, and faster to
// search) and flushes it to disk. `from` must not be written meanwhile. kIo/kInternal on failure.
Status compact_index(const std::string& from, const std::string& to);
// The same for several finished indexes (shards built in parallel), merged into one in `to`. Documents keep
// their terms and data; their Xapian document ids are renumbered (gongkai finds documents by their id term).
Status compact_index(const std::vector<std::string>& from, const std::string& to);

}  // namespace gongkai::search
