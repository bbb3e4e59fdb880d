// `gongkai import applications FILE` and `gongkai import reviews FILE` (spec/contracts.md): every record is
// checked first — fields, vocabularies, strict dates, ID checksums, the body, references — and then all are
// written in one transaction, or none when any record has a problem. Errors as `file:line: field: problem`.
#pragma once

#include <string>

#include "services/item_import.h"

namespace gongkai::services {

// The columns of each format (CSV headers; JSON Lines object keys).
const std::vector<std::string>& application_columns();
const std::vector<std::string>& review_columns();

// As import_items: a non-OK status for file-level failures (unreadable; not UTF-8 nor GB18030; malformed CSV
// quoting); otherwise the report, with errors and nothing written, or without errors and every record committed.
// options.create_columns is ignored.
Result<ImportReport> import_applications(Installation& inst, const std::string& path, const ImportOptions& options);
Result<ImportReport> import_reviews(Installation& inst, const std::string& path, const ImportOptions& options);

}  // namespace gongkai::services
