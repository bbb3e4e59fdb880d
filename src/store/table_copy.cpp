// The SQL of whole-table copying: SQLite schema introspection through its pragma functions, PostgreSQL's
// through information_schema, keyset-paged reads, cursor reads, multi-row inserts and sequence resets.
#include "store/table_copy.h"

#include <algorithm>
#include <set>

namespace gongkai::store {
namespace {

// PostgreSQL accepts at most 65535 parameters in one statement; stay well below.
constexpr size_t kMaxParametersPerStatement = 30000;
// Rows per INSERT even for narrow tables: larger statements cost more to plan than they save in round trips.
constexpr size_t kMaxRowsPerStatement = 1000;

constexpr const char* kCursorName = "gk_table_copy";

// `name` as a double-quoted identifier (valid in both dialects), so that names like "columns" or "key" are
// safe.
std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// SQLite's rowid is named bare: quoted, it would only match a real column of that name.
std::string key_ident(const std::string& name) {
  return name == "rowid" ? name : quote_ident(name);
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + quote_ident(c);
  return out;
}

// "?, ?, ?" with `count` placeholders.
std::string placeholders(size_t count) {
  std::string out;
  for (size_t param_idx = 0; param_idx < count; ++param_idx) out += param_idx == 0 ? "?" : ", ?";
  return out;
}

// Orders `tables` so that each follows the tables it references; ties keep the given (creation) order.
Result<std::vector<TableShape>> order_by_references(std::vector<TableShape> tables) {
  std::set<std::string> names;
  for (const TableShape& t : tables) names.insert(t.name);
  std::vector<TableShape> ordered;
  std::set<std::string> placed;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const TableShape& t) {
      return std::all_of(t.references.begin(), t.references.end(),
                         [&](const std::string& ref) { return placed.count(ref) || !names.count(ref); });
    });
    if (ready == tables.end()) {
      std::string cycle;
      for (const TableShape& t : tables) cycle += (cycle.empty() ? "" : ", ") + t.name;
      return Status::internal("cannot order the tables for copying: their foreign keys form a cycle among " +
                              cycle);
    }
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

}  // namespace

Result<std::vector<TableShape>> list_sqlite_tables(Connection& sqlite) {
  Result<Rows> names = sqlite.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
      "AND name <> 'schema_migrations' ORDER BY rowid");
  if (!names) return names.status();
  std::vector<TableShape> tables;
  for (const Row& name_row : *names) {
    TableShape shape;
    shape.name = name_row.get_text(0);
    const Value table_name{shape.name};

    Result<Rows> columns =
        sqlite.query("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", {table_name});
    if (!columns) return columns.status();
    std::vector<std::pair<int64_t, std::string>> key_parts;
    for (const Row& column : *columns) {
      shape.columns.push_back(column.get_text(0));
      if (column.get_int(1) > 0) key_parts.emplace_back(column.get_int(1), column.get_text(0));
    }
    std::sort(key_parts.begin(), key_parts.end());
    for (auto& [position, column] : key_parts) shape.primary_key.push_back(column);

    Result<Rows> references = sqlite.query(
        "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", {table_name});
    if (!references) return references.status();
    for (const Row& reference : *references) {
      const std::string target = reference.get_text(0);
      if (target == shape.name) {
        shape.self_references.push_back(reference.get_text(1));
      } else if (std::find(shape.references.begin(), shape.references.end(), target) ==
                 shape.references.end()) {
        shape.references.push_back(target);
      }
    }

    Result<int64_t> without_rowid = sqlite.query_int(
        "SELECT COALESCE(MAX(wr), 0) FROM pragma_table_list WHERE schema = 'main' AND name = ?",
        {table_name});
    if (!without_rowid) return without_rowid.status();
    shape.read_key = *without_rowid ? shape.primary_key : std::vector<std::string>{"rowid"};
    tables.push_back(std::move(shape));
  }
  return order_by_references(std::move(tables));
}

Result<std::map<std::string, TargetTableShape>> list_postgresql_tables(Connection& pg) {
  Result<Rows> rows = pg.query(
      "SELECT c.table_name, c.column_name, "
      "       c.is_identity = 'YES' OR COALESCE(c.column_default, '') LIKE 'nextval(%' AS generates_ids "
      "FROM information_schema.columns c "
      "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
      "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
      "ORDER BY c.table_name, c.ordinal_position");
  if (!rows) return rows.status();
  std::map<std::string, TargetTableShape> tables;
  for (const Row& row : *rows) {
    TargetTableShape& table = tables[row.get_text(0)];
    table.name = row.get_text(0);
    table.columns.push_back(row.get_text(1));
    if (row.get_int(2) && !table.identity_column) table.identity_column = row.get_text(1);
  }
  return tables;
}

Status lock_tables_against_writers(Connection& pg, const std::vector<std::string>& tables) {
  if (tables.empty()) return Status::ok();
  std::string list;
  for (const std::string& t : tables) list += (list.empty() ? "" : ", ") + quote_ident(t);
  // EXCLUSIVE conflicts with every lock a writer takes (ROW EXCLUSIVE and up) but not with plain SELECT's.
  return pg.exec("LOCK TABLE " + list + " IN EXCLUSIVE MODE");
}

Result<bool> table_has_rows(Connection& conn, const std::string& table) {
  Result<int64_t> found = conn.query_int("SELECT EXISTS (SELECT 1 FROM " + quote_ident(table) + ")");
  if (!found) return found.status();
  return *found != 0;
}

Result<int64_t> count_table_rows(Connection& conn, const std::string& table) {
  return conn.query_int("SELECT COUNT(*) FROM " + quote_ident(table));
}

Status read_sqlite_table(Connection& sqlite, const TableShape& shape, size_t batch_rows,
                         const std::function<Status(const Rows&)>& fn) {
  if (shape.read_key.empty()) return Status::internal("table " + shape.name + " has no key to page reads by");
  std::string keys;
  for (const std::string& k : shape.read_key) keys += (keys.empty() ? "" : ", ") + key_ident(k);
  const std::string select =
      "SELECT " + column_list(shape.columns) + ", " + keys + " FROM " + quote_ident(shape.name);
  const std::string order = " ORDER BY " + keys + " LIMIT ?";
  const std::string first_page = select + order;
  // A row value comparison pages by a composite key as well as by a single one.
  const std::string next_page =
      select + " WHERE (" + keys + ") > (" + placeholders(shape.read_key.size()) + ")" + order;
  const size_t column_count = shape.columns.size();
  std::vector<Value> params;
  bool first = true;
  for (;;) {
    params.push_back(static_cast<int64_t>(batch_rows));
    Result<Rows> page = sqlite.query(first ? first_page : next_page, params);
    if (!page) return page.status();
    if (page->empty()) return Status::ok();
    first = false;
    // The key of the last row, for the next page.
    params.clear();
    const Row& last = page->back();
    for (size_t key_idx = 0; key_idx < shape.read_key.size(); ++key_idx) {
      params.push_back(last.raw(column_count + key_idx));
    }
    Rows batch;
    batch.reserve(page->size());
    for (const Row& row : *page) {
      std::vector<Value> values;
      values.reserve(column_count);
      for (size_t column_idx = 0; column_idx < column_count; ++column_idx)
        values.push_back(row.raw(column_idx));
      batch.emplace_back(std::move(values));
    }
    GK_RETURN_IF_ERROR(fn(batch));
    if (page->size() < batch_rows) return Status::ok();
  }
}

Status read_postgresql_table(Connection& pg, const std::string& table,
                             const std::vector<std::string>& columns, size_t batch_rows,
                             const std::function<Status(const Rows&)>& fn) {
  if (!pg.in_transaction())
    return Status::internal("reading " + table + " through a cursor needs a transaction");
  GK_RETURN_IF_ERROR(pg.exec(std::string("DECLARE ") + kCursorName + " NO SCROLL CURSOR FOR SELECT " +
                             column_list(columns) + " FROM " + quote_ident(table)));
  const std::string fetch = "FETCH FORWARD " + std::to_string(batch_rows) + " FROM " + kCursorName;
  for (;;) {
    Result<Rows> batch = pg.query(fetch);
    if (!batch) return batch.status();
    if (batch->empty()) break;
    GK_RETURN_IF_ERROR(fn(*batch));
    if (batch->size() < batch_rows) break;
  }
  return pg.exec(std::string("CLOSE ") + kCursorName);
}

Status insert_postgresql_rows(Connection& pg, const std::string& table,
                              const std::vector<std::string>& columns, bool has_identity, const Rows& rows) {
  if (columns.empty() || rows.empty()) return Status::ok();
  const size_t rows_per_statement =
      std::clamp<size_t>(kMaxParametersPerStatement / columns.size(), 1, kMaxRowsPerStatement);
  const std::string head = "INSERT INTO " + quote_ident(table) + " (" + column_list(columns) + ")" +
                           (has_identity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ";
  const std::string tuple = "(" + placeholders(columns.size()) + ")";
  std::vector<Value> params;
  for (size_t start = 0; start < rows.size(); start += rows_per_statement) {
    const size_t count = std::min(rows_per_statement, rows.size() - start);
    std::string sql = head;
    sql.reserve(head.size() + count * (tuple.size() + 2));
    params.clear();
    params.reserve(count * columns.size());
    for (size_t row_idx = start; row_idx < start + count; ++row_idx) {
      const Row& row = rows[row_idx];
      if (row.size() != columns.size()) {
        return Status::internal("row of " + std::to_string(row.size()) + " values for " +
                                std::to_string(columns.size()) + " columns of " + table);
      }
      sql += row_idx == start ? tuple : ", " + tuple;
      for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx)
        params.push_back(row.raw(column_idx));
    }
    Status s = pg.exec(sql, params);
    if (!s) return s.with_context("copying into " + table);
  }
  return Status::ok();
}

Status update_row_column(Connection& conn, const std::string& table,
                         const std::vector<std::string>& key_columns, const std::vector<Value>& key,
                         const std::string& column, const Value& value) {
  if (key_columns.empty() || key_columns.size() != key.size()) {
    return Status::internal("updating " + table + "." + column + " needs the row's whole key");
  }
  std::string sql = "UPDATE " + quote_ident(table) + " SET " + quote_ident(column) + " = ? WHERE ";
  std::vector<Value> params{value};
  for (size_t key_idx = 0; key_idx < key_columns.size(); ++key_idx) {
    sql += (key_idx == 0 ? "" : " AND ") + quote_ident(key_columns[key_idx]) + " = ?";
    params.push_back(key[key_idx]);
  }
  return conn.exec(sql, params);
}

Status reset_identity_sequence(Connection& pg, const std::string& table, const std::string& identity_column) {
  // pg_get_serial_sequence parses its first argument as a (possibly quoted) name, its second as a plain one.
  Status s = pg.exec("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(" +
                         quote_ident(identity_column) + "), 0) + 1, false) FROM " + quote_ident(table),
                     {Value(quote_ident(table)), Value(identity_column)});
  return s.with_context("resetting the id sequence of " + table);
}

Status analyze_tables(Connection& pg, const std::vector<std::string>& tables) {
  for (const std::string& table : tables) GK_RETURN_IF_ERROR(pg.exec_script("ANALYZE " + quote_ident(table)));
  return Status::ok();
}

}  // namespace gongkai::store
