// Test support: the database backends every store test runs against (STYLE.md: "Run the store tests against
// SQLite and PostgreSQL both"). SQLite is a fresh file in a temporary folder; PostgreSQL is the throw-away
// cluster that scripts/test-postgres.sh starts for `make test` and names in $GONGKAI_TEST_PG_URL.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::testing {

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Backend names for parameterised tests: {"sqlite", "postgresql"}. PostgreSQL is left out only when
// $GONGKAI_TEST_NO_PG=1 (a developer's quick run); `make test` never sets it, and without it a missing
// $GONGKAI_TEST_PG_URL makes the PostgreSQL tests fail rather than skip.
std::vector<std::string> test_backends();

// An empty, migrated database of `backend`. For PostgreSQL each call gets its own fresh database (created on the
// test server and dropped when the returned object dies).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  std::unique_ptr<store::Connection> connect();

 private:
  TempDir dir_;
  std::string url_;
  std::string pg_dbname_;  // non-empty for PostgreSQL
  std::unique_ptr<store::Database> db_;
};

}  // namespace gongkai::testing
