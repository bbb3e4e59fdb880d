// report_imports: SQL.
#include "store/report_imports.h"

#include "common/clock.h"

namespace gongkai::store {
namespace {

constexpr const char* kColumns =
    "r.id, r.body_id, b.code, r.year, r.format, r.title, r.source_file, r.source_sha256, r.checked, "
    "r.errors, "
    "r.warnings, r.imported_by, r.imported_at";

ReportImportRow import_of(const Row& r) {
  ReportImportRow row;
  row.id = r.get_int(0);
  row.body_id = r.get_int(1);
  row.body_code = r.get_text(2);
  row.year = static_cast<int>(r.get_int(3));
  row.format = r.get_opt_text(4);
  row.title = r.get_text(5);
  row.source_file = r.get_text(6);
  row.source_sha256 = r.get_text(7);
  row.checked = r.get_text(8);
  row.errors = static_cast<int>(r.get_int(9));
  row.warnings = static_cast<int>(r.get_int(10));
  row.imported_by = r.get_text(11);
  row.imported_at = r.get_text(12);
  return row;
}

}  // namespace

Result<std::optional<ReportImportRow>> find_report_import(Connection& conn, int64_t body_id, int year) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kColumns +
                                     " FROM report_imports r JOIN bodies b ON b.id = r.body_id "
                                     "WHERE r.body_id = ? AND r.year = ?",
                                 {body_id, int64_t{year}});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ReportImportRow>();
  return std::optional<ReportImportRow>(import_of(rows->front()));
}

Result<std::optional<ReportImportRow>> upsert_report_import(Connection& conn, const ReportImportRow& row) {
  Result<std::optional<ReportImportRow>> before = find_report_import(conn, row.body_id, row.year);
  if (!before) return before.status();
  GK_RETURN_IF_ERROR(conn.exec(
      "INSERT INTO report_imports (body_id, year, format, title, source_file, source_sha256, checked, "
      "errors, "
      "warnings, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (body_id, "
      "year) DO "
      "UPDATE SET format = excluded.format, title = excluded.title, source_file = excluded.source_file, "
      "source_sha256 = excluded.source_sha256, checked = excluded.checked, errors = excluded.errors, "
      "warnings = excluded.warnings, imported_by = excluded.imported_by, imported_at = excluded.imported_at",
      {row.body_id, int64_t{row.year}, opt(row.format), row.title, row.source_file, row.source_sha256,
       row.checked, int64_t{row.errors}, int64_t{row.warnings}, row.imported_by, utc_now_iso()}));
  return before;
}

Result<std::vector<ReportImportRow>> list_report_imports(Connection& conn,
                                                         std::span<const int64_t> body_ids) {
  std::vector<Value> params;
  std::string where;
  if (!body_ids.empty()) {
    where = " WHERE r.body_id IN (";
    for (size_t idx = 0; idx < body_ids.size(); ++idx) {
      where += idx ? ", ?" : "?";
      params.emplace_back(body_ids[idx]);
    }
    where += ")";
  }
  Result<Rows> rows = conn.query(std::string("SELECT ") + kColumns +
                                     " FROM report_imports r JOIN bodies b ON b.id = r.body_id" + where +
                                     " ORDER BY b.code, r.year",
                                 params);
  if (!rows) return rows.status();
  std::vector<ReportImportRow> out;
  for (const Row& r : *rows) out.push_back(import_of(r));
  return out;
}

}  // namespace gongkai::store
