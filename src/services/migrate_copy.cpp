// Copying an installation from SQLite to PostgreSQL and verifying the copy (see migrate_copy.h).
#include "services/migrate_copy.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "common/sha256.h"
#include "io/progress.h"
#include "store/migrations.h"
#include "store/table_copy.h"

namespace gongkai::services {
namespace {

using Digest = std::array<unsigned char, 32>;

Digest digest_from_hex(const std::string& hex) {
  auto nibble = [](char c) { return static_cast<unsigned char>(c <= '9' ? c - '0' : c - 'a' + 10); };
  Digest out{};
  for (size_t byte_idx = 0; byte_idx < out.size(); ++byte_idx) {
    out[byte_idx] =
        static_cast<unsigned char>(nibble(hex[2 * byte_idx]) << 4 | nibble(hex[2 * byte_idx + 1]));
  }
  return out;
}

// The checksum of one table's rows, accumulated row by row in any order (the definition is in
// migrate_copy.h).
class TableChecksum {
 public:
  void add(const store::Row& row) {
    serialised_.clear();
    for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      if (row.is_null(column_idx)) {
        serialised_ += 'N';
        continue;
      }
      const std::string text = row.get_text(column_idx);
      serialised_ += 'V';
      serialised_ += std::to_string(text.size());
      serialised_ += ':';
      serialised_ += text;
    }
    digests_.push_back(digest_from_hex(sha256_hex(serialised_)));
  }

  int64_t rows() const { return static_cast<int64_t>(digests_.size()); }

  // The checksum of the rows added so far.
  std::string hex() {
    std::sort(digests_.begin(), digests_.end());
    Sha256 all;
    for (const Digest& d : digests_)
      all.update(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
    return all.hex_digest();
  }

 private:
  std::string serialised_;  // reused between rows
  std::vector<Digest> digests_;
};

bool is_postgresql_url(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// The target database and a connection to it. The URL is never echoed: it may carry a password.
struct Target {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::Connection> conn;
};

Result<Target> connect_target(const std::string& url) {
  if (!is_postgresql_url(url)) {
    return Status::invalid("--to must name a PostgreSQL database (postgresql://user@host:port/dbname)");
  }
  Result<std::unique_ptr<store::Database>> db = store::open_database(url);
  if (!db) return db.status();
  Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
  if (!conn) return conn.status();
  return Target{std::move(*db), std::move(*conn)};
}

// The tables to copy, each with its twin in the target. kInvalid if the two schemas differ (another version,
// or a database that holds other tables), kNotFound if the target has no gongkai schema.
struct Plan {
  std::vector<store::TableShape> tables;
  std::map<std::string, store::TargetTableShape> target;
};

Result<Plan> plan_copy(store::Connection& source, store::Connection& target, const std::string& target_name) {
  Result<int> source_version = store::schema_version(source);
  if (!source_version) return source_version.status();
  Result<int> target_version = store::schema_version(target);
  if (!target_version) return target_version.status();
  if (*target_version == 0)
    return Status::not_found("the database " + target_name + " has no gongkai schema");
  if (*source_version != *target_version) {
    return Status::invalid("the installation's schema is at version " + std::to_string(*source_version) +
                           " but " + target_name + "'s at " + std::to_string(*target_version) +
                           ": bring both to the same version with this gongkai first");
  }
  Plan plan;
  Result<std::vector<store::TableShape>> tables = store::list_sqlite_tables(source);
  if (!tables) return tables.status();
  plan.tables = std::move(*tables);
  Result<std::map<std::string, store::TargetTableShape>> target_tables =
      store::list_postgresql_tables(target);
  if (!target_tables) return target_tables.status();
  plan.target = std::move(*target_tables);

  std::set<std::string> copied;
  for (const store::TableShape& table : plan.tables) {
    copied.insert(table.name);
    auto twin = plan.target.find(table.name);
    if (twin == plan.target.end()) {
      return Status::invalid(target_name + " has no table " + table.name + ": it is not a gongkai database");
    }
    const std::set<std::string> ours(table.columns.begin(), table.columns.end());
    const std::set<std::string> theirs(twin->second.columns.begin(), twin->second.columns.end());
    if (ours != theirs) {
      return Status::invalid("table " + table.name + " has other columns in " + target_name +
                             " than in the installation: the schemas differ");
    }
  }
  for (const auto& [name, shape] : plan.target) {
    if (name != "schema_migrations" && !copied.count(name)) {
      return Status::invalid(target_name + " holds table " + name +
                             ", which gongkai does not know: copy into a database of its own");
    }
  }
  return plan;
}

// A self-reference held back while its table is copied, set once every row of the table exists.
struct HeldReference {
  std::vector<store::Value> key;
  std::string column;
  store::Value value;
};

// Copies one table in batches, filling `out` with its row count and checksum; `copied(n)` is told of each
// batch. Columns that reference the same table are inserted as NULL and set afterwards, since a row may point
// at one that comes later (a body re-parented under a newer one, an item superseded by a newer one).
Status copy_table(store::Connection& source, store::Connection& target, const store::TableShape& shape,
                  const store::TargetTableShape& twin, size_t batch_rows, TableCopy* out,
                  const std::function<void(size_t)>& copied) {
  auto index_of = [&shape](const std::string& column) {
    return static_cast<size_t>(std::find(shape.columns.begin(), shape.columns.end(), column) -
                               shape.columns.begin());
  };
  std::vector<size_t> held_idx;
  for (const std::string& column : shape.self_references) held_idx.push_back(index_of(column));
  std::vector<size_t> key_idx;
  for (const std::string& column : shape.primary_key) key_idx.push_back(index_of(column));
  if (!held_idx.empty() && key_idx.empty()) {
    return Status::internal("table " + shape.name +
                            " references itself but has no primary key to copy it by");
  }
  const bool has_identity = twin.identity_column.has_value();

  TableChecksum checksum;
  std::vector<HeldReference> held;
  Status read = store::read_sqlite_table(source, shape, batch_rows, [&](const store::Rows& batch) -> Status {
    for (const store::Row& row : batch) checksum.add(row);
    copied(batch.size());
    if (held_idx.empty())
      return store::insert_postgresql_rows(target, shape.name, shape.columns, has_identity, batch);
    store::Rows without_references;
    without_references.reserve(batch.size());
    for (const store::Row& row : batch) {
      std::vector<store::Value> values;
      values.reserve(row.size());
      for (size_t column_idx = 0; column_idx < row.size(); ++column_idx)
        values.push_back(row.raw(column_idx));
      for (size_t column_idx : held_idx) {
        if (row.is_null(column_idx)) continue;
        HeldReference ref{{}, shape.columns[column_idx], row.raw(column_idx)};
        for (size_t key_column_idx : key_idx) ref.key.push_back(row.raw(key_column_idx));
        held.push_back(std::move(ref));
        values[column_idx] = store::kNull;
      }
      without_references.emplace_back(std::move(values));
    }
    return store::insert_postgresql_rows(target, shape.name, shape.columns, has_identity, without_references);
  });
  GK_RETURN_IF_ERROR(read);
  for (const HeldReference& ref : held) {
    Status s =
        store::update_row_column(target, shape.name, shape.primary_key, ref.key, ref.column, ref.value);
    if (!s) return s.with_context("linking " + shape.name + "." + ref.column);
  }
  out->rows = checksum.rows();
  out->checksum = checksum.hex();
  return Status::ok();
}

// Fills the target side of `report` (and report.verified) by reading every table of `plan` from the target.
Status check_target(store::Connection& target, const Plan& plan, const CopyOptions& options,
                    CopyReport* report) {
  io::Progress progress("校验 verifying", static_cast<uint64_t>(report->rows));
  if (!options.progress) progress.set_enabled(false);
  uint64_t done = 0;
  report->verified = true;
  for (size_t table_idx = 0; table_idx < plan.tables.size(); ++table_idx) {
    const store::TableShape& shape = plan.tables[table_idx];
    TableCopy& table = report->tables[table_idx];
    TableChecksum checksum;
    auto add = [&](const store::Rows& batch) -> Status {
      for (const store::Row& row : batch) checksum.add(row);
      progress.update(done += batch.size());
      return Status::ok();
    };
    GK_RETURN_IF_ERROR(
        store::read_postgresql_table(target, shape.name, shape.columns, options.batch_rows, add));
    table.target_rows = checksum.rows();
    table.target_checksum = checksum.hex();
    if (!table.verified()) report->verified = false;
  }
  progress.finish();
  return Status::ok();
}

// Row counts of the installation's tables, for the report and the progress bars.
Status count_source_rows(store::Connection& source, const Plan& plan, CopyReport* report) {
  for (const store::TableShape& shape : plan.tables) {
    Result<int64_t> rows = store::count_table_rows(source, shape.name);
    if (!rows) return rows.status();
    TableCopy table;
    table.name = shape.name;
    table.rows = *rows;
    report->tables.push_back(std::move(table));
    report->rows += *rows;
  }
  return Status::ok();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Status require_sqlite(Installation& source) {
  if (source.db().dialect() == store::Dialect::kSqlite) return Status::ok();
  return Status::invalid(
      "the installation " + source.db().describe() +
      " is already on PostgreSQL; migrate --to copies a SQLite installation (--data-dir/--database)");
}

}  // namespace

const TableCopy* CopyReport::first_mismatch() const {
  for (const TableCopy& table : tables) {
    if (!table.verified()) return &table;
  }
  return nullptr;
}

Result<CopyReport> copy_installation(Installation& source, const std::string& target_url,
                                     const CopyOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  GK_RETURN_IF_ERROR(require_sqlite(source));
  Result<Target> target = connect_target(target_url);
  if (!target) return target.status();
  const std::string target_name = target->db->describe();
  Result<store::MigrationReport> migrated = store::migrate(*target->conn);
  if (!migrated) return migrated.status().with_context("migrating " + target_name);

  Result<std::unique_ptr<store::Connection>> source_conn = source.connect();
  if (!source_conn) return source_conn.status();
  store::Connection& from = **source_conn;
  store::Connection& to = *target->conn;
  store::Transaction snapshot(from, store::TxMode::kRead);  // one consistent state of the installation
  GK_RETURN_IF_ERROR(snapshot.status());
  Result<Plan> plan = plan_copy(from, to, target_name);
  if (!plan) return plan.status();

  store::Transaction tx(to, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  std::vector<std::string> names;
  for (const store::TableShape& shape : plan->tables) names.push_back(shape.name);
  // Locked before the emptiness check, so that nothing can be written between the check and the copy.
  GK_RETURN_IF_ERROR(store::lock_tables_against_writers(to, names));
  for (const std::string& name : names) {
    Result<bool> has_rows = store::table_has_rows(to, name);
    if (!has_rows) return has_rows.status();
    if (*has_rows) {
      return Status::conflict(target_name + " already holds data (table " + name +
                              " has rows); migrate --to copies only into an empty database");
    }
  }

  CopyReport report;
  report.source = source.db().describe();
  report.target = target_name;
  GK_RETURN_IF_ERROR(count_source_rows(from, *plan, &report));
  {
    io::Progress progress("复制 copying", static_cast<uint64_t>(report.rows));
    if (!options.progress) progress.set_enabled(false);
    uint64_t done = 0;
    for (size_t table_idx = 0; table_idx < plan->tables.size(); ++table_idx) {
      const store::TableShape& shape = plan->tables[table_idx];
      GK_RETURN_IF_ERROR(copy_table(from, to, shape, plan->target.at(shape.name), options.batch_rows,
                                    &report.tables[table_idx],
                                    [&](size_t n) { progress.update(done += n); }));
    }
    progress.finish();
  }
  for (const store::TableShape& shape : plan->tables) {
    const std::optional<std::string>& identity = plan->target.at(shape.name).identity_column;
    if (identity) GK_RETURN_IF_ERROR(store::reset_identity_sequence(to, shape.name, *identity));
  }
  // Without statistics the planner ignores the indexes of the new tables until autovacuum analyzes them.
  GK_RETURN_IF_ERROR(store::analyze_tables(to, names));
  GK_RETURN_IF_ERROR(check_target(to, *plan, options, &report));
  if (report.verified)
    GK_RETURN_IF_ERROR(tx.commit().with_context("committing the copy into " + target_name));
  // Otherwise `tx` rolls back as it goes out of scope: a copy that does not verify is not kept.
  report.seconds = seconds_since(started);
  return report;
}

Result<CopyReport> verify_installation_copy(Installation& source, const std::string& target_url,
                                            const CopyOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  GK_RETURN_IF_ERROR(require_sqlite(source));
  Result<Target> target = connect_target(target_url);
  if (!target) return target.status();
  const std::string target_name = target->db->describe();
  Result<std::unique_ptr<store::Connection>> source_conn = source.connect();
  if (!source_conn) return source_conn.status();
  store::Connection& from = **source_conn;
  store::Connection& to = *target->conn;
  store::Transaction source_snapshot(from, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(source_snapshot.status());
  store::Transaction target_snapshot(to, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(target_snapshot.status());
  Result<Plan> plan = plan_copy(from, to, target_name);
  if (!plan) return plan.status();

  CopyReport report;
  report.source = source.db().describe();
  report.target = target_name;
  GK_RETURN_IF_ERROR(count_source_rows(from, *plan, &report));
  {
    io::Progress progress("读取 reading", static_cast<uint64_t>(report.rows));
    if (!options.progress) progress.set_enabled(false);
    uint64_t done = 0;
    for (size_t table_idx = 0; table_idx < plan->tables.size(); ++table_idx) {
      TableChecksum checksum;
      auto add = [&](const store::Rows& batch) -> Status {
        for (const store::Row& row : batch) checksum.add(row);
        progress.update(done += batch.size());
        return Status::ok();
      };
      GK_RETURN_IF_ERROR(store::read_sqlite_table(from, plan->tables[table_idx], options.batch_rows, add));
      report.tables[table_idx].rows = checksum.rows();
      report.tables[table_idx].checksum = checksum.hex();
    }
    progress.finish();
  }
  GK_RETURN_IF_ERROR(check_target(to, *plan, options, &report));
  report.seconds = seconds_since(started);
  return report;
}

}  // namespace gongkai::services
