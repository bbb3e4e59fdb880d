// Bodies and columns: SQL.
#include "store/bodies.h"

#include "common/clock.h"

namespace gongkai::store {
namespace {

BodyRow body_from(const Row& r) {
  BodyRow b;
  b.id = r.get_int(0);
  b.code = r.get_text(1);
  b.name = r.get_text(2);
  b.type = r.get_text(3);
  if (!r.is_null(4)) b.parent_id = r.get_int(4);
  b.parent_code = r.get_text(5);
  b.index_prefix = r.get_text(6);
  b.index_pattern = r.get_text(7);
  b.address = r.get_text(8);
  b.phone = r.get_text(9);
  b.postcode = r.get_text(10);
  b.sort_order = r.get_int(11);
  return b;
}

constexpr const char* kBodySelect =
    "SELECT b.id, b.code, b.name, b.type, b.parent_id, p.code, b.index_prefix, b.index_pattern, b.address, "
    "b.phone, b.postcode, b.sort_order FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id";

ColumnRow column_from(const Row& r) {
  ColumnRow c;
  c.id = r.get_int(0);
  c.body_id = r.get_int(1);
  if (!r.is_null(2)) c.parent_id = r.get_int(2);
  c.name = r.get_text(3);
  c.path = r.get_text(4);
  c.type = r.get_text(5);
  if (!r.is_null(6)) c.update_interval_days = r.get_int(6);
  c.sort_order = r.get_int(7);
  return c;
}

}  // namespace

Result<int64_t> insert_body(Connection& conn, const NewBody& body) {
  conn.mark_site_changed();
  Result<Rows> rows = conn.query(
      "INSERT INTO bodies (code, name, type, parent_id, index_prefix, index_pattern, address, phone, postcode, "
      "sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {body.code, body.name, body.type, opt(body.parent_id), body.index_prefix, body.index_pattern,
       null_if_empty(body.address), null_if_empty(body.phone), null_if_empty(body.postcode), body.sort_order,
       utc_now_iso()});
  if (!rows) {
    if (rows.status().code() == StatusCode::kConflict) return Status::conflict("body code '" + body.code + "' exists");
    return rows.status();
  }
  return rows->front().get_int(0);
}

Result<int64_t> count_bodies(Connection& conn) { return conn.query_int("SELECT COUNT(*) FROM bodies"); }

Result<std::vector<BodyRow>> list_bodies(Connection& conn) {
  Result<Rows> rows = conn.query(std::string(
      "WITH RECURSIVE depth(id, d) AS (SELECT id, 0 FROM bodies WHERE parent_id IS NULL "
      "UNION ALL SELECT b.id, depth.d + 1 FROM bodies b JOIN depth ON b.parent_id = depth.id) ") +
      kBodySelect + " JOIN depth ON depth.id = b.id ORDER BY depth.d, b.sort_order, b.code");
  if (!rows) return rows.status();
  std::vector<BodyRow> out;
  for (const Row& r : *rows) out.push_back(body_from(r));
  return out;
}

Result<std::optional<BodyRow>> find_body(Connection& conn, const std::string& code) {
  Result<Rows> rows = conn.query(std::string(kBodySelect) + " WHERE b.code = ?", {code});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<BodyRow>();
  return std::optional<BodyRow>(body_from(rows->front()));
}

Result<int64_t> insert_column(Connection& conn, const ColumnRow& c) {
  conn.mark_site_changed();
  Result<Rows> rows = conn.query(
      "INSERT INTO columns (body_id, parent_id, name, path, type, update_interval_days, sort_order) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.body_id, opt(c.parent_id), c.name, c.path, c.type, opt(c.update_interval_days), c.sort_order});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

constexpr const char* kColumnSelect =
    "SELECT id, body_id, parent_id, name, path, type, update_interval_days, sort_order FROM columns ";

Result<std::vector<ColumnRow>> list_columns(Connection& conn, int64_t body_id) {
  Result<Rows> rows = conn.query(std::string(kColumnSelect) + "WHERE body_id = ? ORDER BY path", {body_id});
  if (!rows) return rows.status();
  std::vector<ColumnRow> out;
  for (const Row& r : *rows) out.push_back(column_from(r));
  return out;
}

Result<std::optional<ColumnRow>> find_column_by_id(Connection& conn, int64_t id) {
  Result<Rows> rows = conn.query(std::string(kColumnSelect) + "WHERE id = ?", {id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ColumnRow>();
  return std::optional<ColumnRow>(column_from(rows->front()));
}

Result<std::optional<int64_t>> find_column(Connection& conn, int64_t body_id, const std::string& path) {
  Result<Rows> rows = conn.query("SELECT id FROM columns WHERE body_id = ? AND path = ?", {body_id, path});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().get_int(0));
}

}  // namespace gongkai::store
