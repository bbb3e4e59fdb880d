// Whole-table copying between two databases (`gongkai migrate --to`): the schema introspection, batched reads
// and batched writes it needs, for whatever tables the migrations created, so that no list of tables goes
// stale.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

// One table of the source schema as the copy sees it.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;          // in declaration order
  std::vector<std::string> primary_key;      // key columns in key order; empty if the table has none
  std::vector<std::string> self_references;  // columns whose foreign key points at this same table
  std::vector<std::string> references;       // the other tables this table's foreign keys point at
  // The columns that order and page reads of the table: {"rowid"} for an ordinary SQLite table, the primary
  // key for a WITHOUT ROWID one.
  std::vector<std::string> read_key;
};

// The application's tables of a SQLite database: every table except SQLite's own (sqlite_*) and
// schema_migrations, ordered so that each comes after every other table its foreign keys reference (creation
// order otherwise). kInternal naming the tables if their foreign keys form a cycle between distinct tables.
Result<std::vector<TableShape>> list_sqlite_tables(Connection& sqlite);

// One table of a PostgreSQL database's current schema.
struct TargetTableShape {
  std::string name;
  std::vector<std::string> columns;            // in declaration order
  std::optional<std::string> identity_column;  // an identity (or serial) column, whose sequence hands out ids
};

// Every table of the current schema (search_path's first) of a PostgreSQL database, by name,
// schema_migrations included.
Result<std::map<std::string, TargetTableShape>> list_postgresql_tables(Connection& pg);

// Locks `tables` of a PostgreSQL database against every other writer (readers go on) until the open
// transaction ends; waits for writers already inside. Needs a transaction.
Status lock_tables_against_writers(Connection& pg, const std::vector<std::string>& tables);

// Whether `table` holds at least one row.
Result<bool> table_has_rows(Connection& conn, const std::string& table);

// Number of rows of `table`.
Result<int64_t> count_table_rows(Connection& conn, const std::string& table);

// Calls `fn` with successive batches of at most `batch_rows` rows of `shape.name`, each row holding the
// values of `shape.columns` in that order, until the table is exhausted or `fn` fails (its status is
// returned). Order: by shape.read_key (SQLite). Reads in pages, so run it inside a transaction for one
// consistent snapshot.
Status read_sqlite_table(Connection& sqlite, const TableShape& shape, size_t batch_rows,
                         const std::function<Status(const Rows&)>& fn);

// Same for a PostgreSQL table, through a server-side cursor in unspecified order. Needs a transaction.
Status read_postgresql_table(Connection& pg, const std::string& table,
                             const std::vector<std::string>& columns, size_t batch_rows,
                             const std::function<Status(const Rows&)>& fn);

// Inserts `rows` (values in the order of `columns`) into `table` of a PostgreSQL database with as few
// multi-row INSERTs as the protocol's parameter limit allows. Values given for identity columns are kept
// (OVERRIDING SYSTEM VALUE when `has_identity`). kConflict if a row breaks a constraint.
Status insert_postgresql_rows(Connection& pg, const std::string& table,
                              const std::vector<std::string>& columns, bool has_identity, const Rows& rows);

// Sets `column` of the row of `table` whose `key_columns` hold `key` (same order) to `value`.
Status update_row_column(Connection& conn, const std::string& table,
                         const std::vector<std::string>& key_columns, const std::vector<Value>& key,
                         const std::string& column, const Value& value);

// Moves the sequence behind `identity_column` of `table` so that the next id it hands out is one past the
// largest id in the table (1 for an empty table). PostgreSQL.
Status reset_identity_sequence(Connection& pg, const std::string& table, const std::string& identity_column);

// Refreshes the planner statistics of `tables` (ANALYZE), so that queries on freshly loaded tables get the
// plans their indexes allow before autovacuum gets round to it. Inside a transaction it counts that
// transaction's rows.
Status analyze_tables(Connection& pg, const std::vector<std::string>& tables);

}  // namespace gongkai::store
