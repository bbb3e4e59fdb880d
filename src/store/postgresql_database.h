// The shared store for scale-out: PostgreSQL 15 through libpq, with a small connection pool (DESIGN.md).
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace gongkai::store {

// Connects lazily to the server named by `url` ("postgresql://user:pass@host:port/dbname?..."); fails with a clear
// message (without the password) if the server cannot be reached.
Result<std::unique_ptr<Database>> open_postgresql(const std::string& url);

}  // namespace gongkai::store
