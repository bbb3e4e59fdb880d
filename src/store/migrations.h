// Numbered, forward-only, checksummed schema migrations embedded in the binary (one set per dialect).
#pragma once

#include <string>
#include <vector>

#include "common/embedded.h"
#include "store/database.h"

namespace gongkai::store {

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // file names applied by this call
};

// Brings the schema up to the newest embedded migration. Each migration runs in its own write transaction and
// is recorded with its SHA-256. Fails (changing nothing further) if an applied migration's checksum differs from
// the embedded file, or if the database has a version this binary does not know. On PostgreSQL a session
// advisory lock keeps two nodes from migrating at once.
Result<MigrationReport> migrate(Connection& conn);

// Same, with an explicit migration list (tests).
Result<MigrationReport> migrate_with(Connection& conn, const std::vector<embedded::File>& files);

// The highest applied version, 0 for an empty database.
Result<int> schema_version(Connection& conn);

}  // namespace gongkai::store
