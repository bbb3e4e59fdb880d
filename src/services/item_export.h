// `gongkai export items`: writes items in the import format, so that importing the output into an installation
// with the same bodies recreates them (index numbers, validity and successors included).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "services/installation.h"

namespace gongkai::services {

struct ExportOptions {
  std::optional<std::string> body_code;
  bool include_children = false;
  std::optional<int> year;
  bool csv = false;  // default JSON Lines
  // When set, attachment files are copied to <attachments_dir>/<sha256>/<file name> and listed relative to
  // the folder of the output file (`relative_base`). When empty, items are written without attachments.
  std::string attachments_dir;
  std::string relative_base;
};

// Writes the matching items to `out`; returns how many.
Result<int64_t> export_items(Installation& inst, const ExportOptions& options, std::ostream& out);

}  // namespace gongkai::services
