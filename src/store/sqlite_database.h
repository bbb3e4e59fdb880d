// The embedded store: SQLite 3 through its C API (DESIGN.md). Each connection runs in WAL mode with foreign keys
// on and a busy timeout; write transactions start with BEGIN IMMEDIATE.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace gongkai::store {

// Opens (creating if needed) the SQLite file at `path`; its directory must exist.
Result<std::unique_ptr<Database>> open_sqlite(const std::string& path);

}  // namespace gongkai::store
