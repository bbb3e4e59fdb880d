// `gongkai import items FILE`: validates every line first, then imports all or nothing in one transaction.
#pragma once

#include <string>
#include <vector>

#include "io/text_encoding.h"
#include "services/installation.h"

namespace gongkai::services {

struct ImportOptions {
  bool create_columns = false;  // create column paths that do not exist yet (otherwise they are errors)
  bool dry_run = false;         // validate only
  bool progress = true;         // draw a progress bar when stderr is a terminal
};

struct ImportError {
  size_t line = 0;        // 1-based line in the file (the record's first line for CSV); 0 = whole file
  std::string field;
  std::string message;
  std::string to_string(const std::string& file) const;  // "file:12: publish_date: ..."
};

struct ImportReport {
  size_t records = 0;
  size_t imported = 0;  // 0 whenever errors is not empty
  io::SourceEncoding encoding = io::SourceEncoding::kUtf8;
  std::vector<ImportError> errors;
};

// The longest line (JSON Lines) or record (CSV) accepted.
inline constexpr size_t kMaxRecordBytes = 5 * 1024 * 1024;
// The largest attachment accepted.
inline constexpr int64_t kMaxAttachmentBytes = 100LL * 1024 * 1024;

// Imports the items of `path` (".csv" is CSV; anything else is JSON Lines, or CSV if its first character is not
// '{'). Returns a non-OK status for file-level failures (unreadable, not text in a known encoding). Otherwise the
// report: with errors, nothing at all was written; without, every record was committed.
Result<ImportReport> import_items(Installation& inst, const std::string& path, const ImportOptions& options);

}  // namespace gongkai::services
