// Private to search/: Xapian exceptions turned into Status values at the edge (STYLE.md habit 3).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongkai::search {

// The Status for a Xapian error raised while doing `what` on the index at `dir`.
inline Status xapian_status(const Xapian::Error& e, const std::string& what, const std::string& dir) {
  const std::string where = what + " (search index " + dir + "): ";
  const std::string_view type =
      e.get_type();  // Xapian::Error is not polymorphic; its type name tells the class
  if (type == "DatabaseLockError") {
    return Status::conflict(where +
                            "another gongkai process is writing the index (indexing or `gongkai reindex`); "
                            "try again when it has finished");
  }
  if (type == "DatabaseNotFoundError") {
    return Status::not_found(where + "no search index (run `gongkai reindex`)");
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return Status::internal(where + e.get_description() + " (rebuild it with `gongkai reindex`)");
  }
  return Status::internal(where + e.get_description());
}

}  // namespace gongkai::search
