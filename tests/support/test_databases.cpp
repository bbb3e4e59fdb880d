// Test support: fresh, migrated SQLite and PostgreSQL databases for the store tests (see test_databases.h).
// Failures to set one up throw std::runtime_error, which GoogleTest reports as a failure of the running test.
#include "support/test_databases.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <stdexcept>

#include "store/migrations.h"

namespace gongkai::testing {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// "gk_" and 16 random hex digits: unique across concurrently running test binaries on one server.
std::string random_database_name() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "gk_";
  uint64_t bits = rng();
  for (int digit_idx = 0; digit_idx < 16; ++digit_idx, bits >>= 4) name += kHex[bits & 0xf];
  return name;
}

// `url` with its database name replaced by `dbname` (the path of postgresql://user@host:port/dbname?params).
std::string with_database(const std::string& url, const std::string& dbname) {
  const size_t authority = url.find("://");
  const size_t start = authority == std::string::npos ? 0 : authority + 3;
  const size_t query = url.find('?', start);
  const size_t slash = url.find('/', start);
  const size_t path_end = query == std::string::npos ? url.size() : query;
  const size_t prefix_end = slash == std::string::npos || slash > path_end ? path_end : slash;
  return url.substr(0, prefix_end) + "/" + dbname + url.substr(path_end);
}

// The server URL of the test cluster, or a failure that says how to get one.
std::string test_server_url() {
  std::string url = env("GONGKAI_TEST_PG_URL");
  if (url.empty()) {
    fail(
        "GONGKAI_TEST_PG_URL is not set: run the tests with `make test` or "
        "`scripts/test-postgres.sh run -- <test binary>` (or set GONGKAI_TEST_NO_PG=1 to skip PostgreSQL)");
  }
  return url;
}

std::unique_ptr<store::Connection> connect_or_fail(store::Database& db) {
  Result<std::unique_ptr<store::Connection>> conn = db.connect();
  if (!conn) fail("cannot connect to " + db.describe() + ": " + conn.status().message());
  return std::move(*conn);
}

std::unique_ptr<store::Database> open_or_fail(const std::string& url) {
  Result<std::unique_ptr<store::Database>> db = store::open_database(url);
  if (!db) fail("cannot open test database: " + db.status().message());
  return std::move(*db);
}

}  // namespace

TempDir::TempDir() {
  std::string base = env("TMPDIR");
  if (base.empty()) base = "/tmp";
  std::string pattern = base + "/gongkai-test-XXXXXX";
  if (!mkdtemp(pattern.data())) fail("cannot create a temporary folder under " + base);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::vector<std::string> test_backends() {
  if (env("GONGKAI_TEST_NO_PG") == "1") return {"sqlite"};
  return {"sqlite", "postgresql"};
}

TestDatabase::TestDatabase(const std::string& backend) {
  if (backend == "sqlite") {
    url_ = dir_.file("test.db");
  } else if (backend == "postgresql") {
    const std::string server_url = test_server_url();
    std::unique_ptr<store::Database> server = open_or_fail(server_url);
    std::unique_ptr<store::Connection> admin = connect_or_fail(*server);
    pg_dbname_ = random_database_name();
    Status created = admin->exec_script("CREATE DATABASE " + pg_dbname_);
    if (!created) fail("cannot create test database " + pg_dbname_ + ": " + created.message());
    url_ = with_database(server_url, pg_dbname_);
  } else {
    fail("unknown test backend '" + backend + "' (expected sqlite or postgresql)");
  }
  db_ = open_or_fail(url_);
  std::unique_ptr<store::Connection> conn = connect_or_fail(*db_);
  Result<store::MigrationReport> migrated = store::migrate(*conn);
  if (!migrated) fail("cannot migrate the " + backend + " test database: " + migrated.status().message());
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (pg_dbname_.empty()) return;
  // Best effort: a database left behind only costs space in a cluster that is thrown away after the run.
  Result<std::unique_ptr<store::Database>> server = store::open_database(env("GONGKAI_TEST_PG_URL"));
  if (!server) return;
  Result<std::unique_ptr<store::Connection>> admin = (*server)->connect();
  Status dropped = admin ? (*admin)->exec_script("DROP DATABASE IF EXISTS " + pg_dbname_ + " WITH (FORCE)")
                         : admin.status();
  if (!dropped)
    std::cerr << "warning: cannot drop test database " << pg_dbname_ << ": " << dropped.message() << '\n';
}

std::unique_ptr<store::Connection> TestDatabase::connect() {
  return connect_or_fail(*db_);
}

}  // namespace gongkai::testing
