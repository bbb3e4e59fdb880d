// Migration runner: schema_migrations(version, name, checksum, applied_at) records what ran.
#include "store/migrations.h"

#include <cstdlib>
#include <map>

#include "common/clock.h"
#include "common/sha256.h"

namespace gongkai::store {
namespace {

// Arbitrary constant key of the PostgreSQL advisory lock held while migrating.
constexpr int64_t kMigrationLockKey = 7305712026;

int version_of(std::string_view file_name) { return std::atoi(std::string(file_name.substr(0, 3)).c_str()); }

Status ensure_table(Connection& conn) {
  if (conn.dialect() == Dialect::kSqlite) {
    return conn.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;");
  }
  return conn.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "checksum TEXT NOT NULL, applied_at TEXT NOT NULL);");
}

Result<MigrationReport> run(Connection& conn, const std::vector<embedded::File>& files) {
  GK_RETURN_IF_ERROR(ensure_table(conn));
  MigrationReport report;
  std::map<int, const embedded::File*> by_version;
  for (const auto& f : files) by_version[version_of(f.name)] = &f;

  for (const auto& file : files) {
    const int version = version_of(file.name);
    const std::string checksum = sha256_hex(file.content);
    Transaction tx(conn, TxMode::kWrite);
    GK_RETURN_IF_ERROR(tx.status());
    Result<Rows> applied = conn.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    if (!applied) return applied.status();
    int current = 0;
    bool done = false;
    for (const Row& row : *applied) {
      const int v = static_cast<int>(row.get_int(0));
      current = std::max(current, v);
      auto known = by_version.find(v);
      if (known == by_version.end()) {
        return Status::internal("database has migration " + row.get_text(1) +
                                " that this gongkai binary does not know: it is older than the database");
      }
      if (sha256_hex(known->second->content) != row.get_text(2)) {
        return Status::internal("migration " + row.get_text(1) +
                                " was changed after it was applied (checksum mismatch); refusing to continue");
      }
      if (v == version) done = true;
    }
    if (report.applied.empty()) report.from_version = current;
    report.to_version = std::max(current, report.to_version);
    if (done) continue;
    Status s = conn.exec_script(file.content);
    if (!s) return s.with_context("migration " + std::string(file.name));
    GK_RETURN_IF_ERROR(conn.exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                 {int64_t{version}, std::string(file.name), checksum, utc_now_iso()}));
    GK_RETURN_IF_ERROR(tx.commit());
    report.applied.emplace_back(file.name);
    report.to_version = version;
  }
  return report;
}

}  // namespace

Result<MigrationReport> migrate_with(Connection& conn, const std::vector<embedded::File>& files) {
  if (conn.dialect() == Dialect::kPostgresql) {
    GK_RETURN_IF_ERROR(conn.exec("SELECT pg_advisory_lock(?)", {kMigrationLockKey}));
    Result<MigrationReport> r = run(conn, files);
    Status unlock = conn.exec("SELECT pg_advisory_unlock(?)", {kMigrationLockKey});
    if (r && !unlock) return unlock;
    return r;
  }
  return run(conn, files);
}

Result<MigrationReport> migrate(Connection& conn) {
  return migrate_with(conn, conn.dialect() == Dialect::kSqlite ? embedded::sqlite_migrations()
                                                               : embedded::postgresql_migrations());
}

Result<int> schema_version(Connection& conn) {
  // Only reads: creating the table here would race with another node's migrate() on PostgreSQL.
  Result<int64_t> exists = conn.query_int(
      conn.dialect() == Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name = 'schema_migrations'");
  if (!exists) return exists.status();
  if (*exists == 0) return 0;
  Result<int64_t> v = conn.query_int("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!v) return v.status();
  return static_cast<int>(*v);
}

}  // namespace gongkai::store
