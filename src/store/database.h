// The store interface: the only way the rest of gongkai talks to a database. SQLite and PostgreSQL implement it;
// callers never learn which one they have (repositories branch on dialect() only where SQL must differ).
//
// SQL is written with '?' placeholders in both dialects; the PostgreSQL implementation numbers them.
// Values are typed (NULL, integer, real, text); rows come back as Values and are read with typed getters that
// convert text where a backend returns text.
//
// Thread safety: a Connection is used by one thread at a time. A Database may be shared between threads;
// connect() gives each thread its own Connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/status.h"

namespace gongkai::store {

enum class Dialect { kSqlite, kPostgresql };

using Value = std::variant<std::monostate, int64_t, double, std::string>;
inline const Value kNull{};

// Helpers to build parameter lists: null_if_empty("") is NULL, opt(optional) is NULL or the value.
Value null_if_empty(const std::string& s);
Value opt(const std::optional<std::string>& s);
Value opt(const std::optional<int64_t>& v);

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool is_null(size_t column_idx) const;
  // The column as an integer; 0 for NULL. Text holding an integer (PostgreSQL) is converted.
  int64_t get_int(size_t column_idx) const;
  double get_double(size_t column_idx) const;
  // The column as text; "" for NULL.
  std::string get_text(size_t column_idx) const;
  std::optional<std::string> get_opt_text(size_t column_idx) const;
  const Value& raw(size_t column_idx) const { return values_.at(column_idx); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

enum class TxMode {
  kRead,   // a read-only snapshot
  kWrite,  // SQLite: BEGIN IMMEDIATE (takes the write lock up front, so no SQLITE_BUSY mid-transaction)
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement with parameters and returns its rows (empty for statements that return none).
  // Failures: kConflict for unique/foreign-key/check violations, kInternal otherwise; the message names the SQL.
  virtual Result<Rows> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  Result<Rows> query(std::string_view sql, std::initializer_list<Value> params) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Like query() but discards rows.
  Status exec(std::string_view sql, std::span<const Value> params = {});
  Status exec(std::string_view sql, std::initializer_list<Value> params) {
    return exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Runs a script of several statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;

  // Convenience: the single integer of the first row (e.g. SELECT count(*)), or an error if there is no row.
  Result<int64_t> query_int(std::string_view sql, std::initializer_list<Value> params = {});

  virtual Status begin(TxMode mode) = 0;
  // Commits; if mark_site_changed() was called in this transaction, first raises site_version (migration 005)
  // in the same transaction, once however many rows changed.
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  virtual bool in_transaction() const = 0;

  // Notes that the open write transaction changes what the public site shows, so page caches of every node
  // must drop their copies when it commits. Repositories that write published content call it.
  void mark_site_changed() { site_changed_ = true; }

 protected:
  // For implementations: whether the transaction being committed changed the site (and clears the flag).
  bool take_site_changed() { return std::exchange(site_changed_, false); }
  // For implementations: forgets the mark (at BEGIN and ROLLBACK).
  void clear_site_changed() { site_changed_ = false; }
  // The statement that raises the site version, run inside the committing transaction.
  static constexpr const char* kBumpSiteVersionSql =
      "INSERT INTO site_version (id, version) VALUES (1, 1) "
      "ON CONFLICT (id) DO UPDATE SET version = site_version.version + 1";

 private:
  bool site_changed_ = false;
};

// Scoped transaction: rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  Transaction(Connection& conn, TxMode mode) : conn_(conn) { status_ = conn_.begin(mode); }
  ~Transaction() {
    if (status_.is_ok() && !done_) (void)conn_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Whether BEGIN succeeded; check before doing work.
  const Status& status() const { return status_; }
  Status commit() {
    done_ = true;
    return conn_.commit();
  }

 private:
  Connection& conn_;
  Status status_;
  bool done_ = false;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // A new connection, configured (SQLite: WAL, foreign keys, busy timeout). Caller owns it.
  virtual Result<std::unique_ptr<Connection>> connect() = 0;
  // Human-readable location without secrets (a file path, or host/port/dbname).
  virtual std::string describe() const = 0;
  // Writes a consistent copy of the whole database to `out_path` while others keep working.
  // SQLite: the online backup API. PostgreSQL: not supported here (use pg_dump; docs/operations.md).
  virtual Status backup_to(const std::string& out_path) = 0;
};

// Opens a database by URL: "postgresql://..." or "postgres://..." selects PostgreSQL, anything else is a SQLite
// file path ("sqlite:" prefix optional). Does not migrate; see migrations.h.
Result<std::unique_ptr<Database>> open_database(const std::string& url);

}  // namespace gongkai::store
