// Annual-report reads and report_figures: SQL.
#include "store/reports.h"

#include <map>

#include "common/clock.h"

namespace gongkai::store {
namespace {

// "(?, ?, …)" for `n` parameters, appended to `params` from `ids`.
std::string in_list(std::span<const int64_t> ids, std::vector<Value>& params) {
  std::string out = "(";
  for (size_t idx = 0; idx < ids.size(); ++idx) {
    out += idx ? ", ?" : "?";
    params.emplace_back(ids[idx]);
  }
  return out + ")";
}

std::string year_start(int year) { return std::to_string(year) + "-01-01"; }
std::string year_end(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace

Result<std::vector<domain::CaseFacts>> list_report_cases(Connection& conn, std::span<const int64_t> body_ids,
                                                         int year) {
  std::vector<domain::CaseFacts> out;
  if (body_ids.empty()) return out;
  std::vector<Value> params;
  const std::string bodies = in_list(body_ids, params);
  params.emplace_back(year_end(year));
  params.emplace_back(year_start(year));
  Result<Rows> rows = conn.query(
      "SELECT number, applicant_type, received_date, replied_date, outcome, body_id FROM applications "
      "WHERE body_id IN " + bodies + " AND received_date IS NOT NULL AND received_date <= ? "
      "AND (replied_date IS NULL OR replied_date >= ?) ORDER BY number",
      params);
  if (!rows) return rows.status();
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    domain::CaseFacts c;
    c.number = r.get_text(0);
    c.applicant_type = r.get_text(1);
    c.received = r.get_opt_text(2);
    c.replied = r.get_opt_text(3);
    c.outcome = r.get_opt_text(4).value_or("");
    c.body_id = r.get_int(5);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<domain::ReviewFacts>> list_report_reviews(Connection& conn, std::span<const int64_t> body_ids,
                                                             int year) {
  std::vector<domain::ReviewFacts> out;
  if (body_ids.empty()) return out;
  std::vector<Value> params;
  const std::string bodies = in_list(body_ids, params);
  params.emplace_back(year_start(year));
  params.emplace_back(year_end(year));
  Result<Rows> rows = conn.query("SELECT id, kind, filed_date, result, closed_date, body_id FROM reviews WHERE body_id IN " +
                                     bodies + " AND filed_date >= ? AND filed_date <= ? ORDER BY filed_date, id",
                                 params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) {
    domain::ReviewFacts v;
    v.id = r.get_int(0);
    v.kind = r.get_text(1);
    v.filed = r.get_text(2);
    v.result = r.get_text(3);
    v.closed = r.get_opt_text(4);
    v.body_id = r.get_int(5);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<domain::DocumentFacts>> list_report_documents(Connection& conn, std::span<const int64_t> body_ids,
                                                                 int year) {
  std::vector<domain::DocumentFacts> out;
  if (body_ids.empty()) return out;
  std::vector<Value> params;
  const std::string bodies = in_list(body_ids, params);
  params.emplace_back(year_end(year));
  const std::string where = " FROM items i WHERE i.body_id IN " + bodies +
                            " AND i.kind IN ('normative', 'regulation') AND i.status IN ('published', 'withdrawn') "
                            "AND i.publish_date <= ?";
  Result<Rows> rows = conn.query(
      "SELECT i.id, i.title, i.kind, i.written_date, i.publish_date, i.validity, i.body_id" + where + " ORDER BY i.id", params);
  if (!rows) return rows.status();
  std::map<int64_t, size_t> index;
  for (const Row& r : *rows) {
    domain::DocumentFacts d;
    d.id = r.get_int(0);
    d.title = r.get_text(1);
    d.kind = r.get_text(2);
    d.written = r.get_opt_text(3);
    d.published = r.get_text(4);
    d.validity = r.get_opt_text(5);
    d.body_id = r.get_int(6);
    index[d.id] = out.size();
    out.push_back(std::move(d));
  }
  Result<Rows> events = conn.query(
      "SELECT e.item_id, e.effective_on, e.to_validity, e.from_validity FROM validity_events e "
      "WHERE e.item_id IN (SELECT i.id" + where + ") ORDER BY e.item_id, e.effective_on, e.id",
      params);
  if (!events) return events.status();
  for (const Row& r : *events) {
    auto it = index.find(r.get_int(0));
    if (it == index.end()) continue;
    out[it->second].changes.push_back({r.get_text(1), r.get_text(2), r.get_opt_text(3)});
  }
  return out;
}

Status upsert_report_figure(Connection& conn, const ReportFigureRow& f) {
  return conn.exec(
      "INSERT INTO report_figures (body_id, year, table_code, row_code, column_code, value, source, entered_by, "
      "entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (body_id, year, table_code, row_code, column_code) "
      "DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, "
      "entered_at = excluded.entered_at",
      {f.body_id, int64_t{f.year}, f.table, f.row, f.column, f.value, f.source, f.entered_by, utc_now_iso()});
}

Result<std::vector<ReportFigureRow>> list_report_figures(Connection& conn, std::span<const int64_t> body_ids,
                                                         int year) {
  std::vector<ReportFigureRow> out;
  if (body_ids.empty()) return out;
  std::vector<Value> params;
  const std::string bodies = in_list(body_ids, params);
  params.emplace_back(int64_t{year});
  params.emplace_back(int64_t{year});
  Result<Rows> rows = conn.query(
      "SELECT f.body_id, b.code, f.year, f.table_code, f.row_code, f.column_code, f.value, f.source, f.entered_by, "
      "f.entered_at FROM report_figures f JOIN bodies b ON b.id = f.body_id WHERE f.body_id IN " + bodies +
      " AND (f.year = ? OR ? = 0) ORDER BY b.code, f.year, f.table_code, f.row_code, f.column_code",
      params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) {
    ReportFigureRow f;
    f.body_id = r.get_int(0);
    f.body_code = r.get_text(1);
    f.year = static_cast<int>(r.get_int(2));
    f.table = r.get_text(3);
    f.row = r.get_text(4);
    f.column = r.get_text(5);
    f.value = r.get_double(6);
    f.source = r.get_text(7);
    f.entered_by = r.get_text(8);
    f.entered_at = r.get_text(9);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace gongkai::store

namespace gongkai::store {

Result<std::optional<std::string>> find_report_text(Connection& conn, int64_t body_id, int year,
                                                    const std::string& section) {
  Result<Rows> rows = conn.query("SELECT text FROM report_texts WHERE body_id = ? AND year = ? AND section = ?",
                                 {body_id, int64_t{year}, section});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().get_text(0));
}

Status upsert_report_text(Connection& conn, int64_t body_id, int year, const std::string& section,
                          const std::string& text, const std::string& actor) {
  return conn.exec(
      "INSERT INTO report_texts (body_id, year, section, text, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (body_id, year, section) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, "
      "updated_at = excluded.updated_at",
      {body_id, int64_t{year}, section, text, actor, utc_now_iso()});
}

}  // namespace gongkai::store

namespace gongkai::store {
namespace {

constexpr const char* kVersionColumns =
    "v.id, v.body_id, b.code, v.year, v.version, v.state, v.include_children, v.snapshot, v.comment, v.created_by, "
    "v.created_at, v.decided_by, v.decided_at, v.item_id";

ReportVersionRow version_of(const Row& r) {
  ReportVersionRow v;
  v.id = r.get_int(0);
  v.body_id = r.get_int(1);
  v.body_code = r.get_text(2);
  v.year = static_cast<int>(r.get_int(3));
  v.version = static_cast<int>(r.get_int(4));
  v.state = r.get_text(5);
  v.include_children = r.get_int(6) != 0;
  v.snapshot = r.get_text(7);
  v.comment = r.get_text(8);
  v.created_by = r.get_text(9);
  v.created_at = r.get_text(10);
  v.decided_by = r.get_opt_text(11);
  v.decided_at = r.get_opt_text(12);
  if (!r.is_null(13)) v.item_id = r.get_int(13);
  return v;
}

}  // namespace

Result<int> insert_report_version(Connection& conn, const ReportVersionRow& row) {
  Result<int64_t> last = conn.query_int("SELECT COALESCE(MAX(version), 0) FROM report_versions WHERE body_id = ? "
                                        "AND year = ?",
                                        {row.body_id, int64_t{row.year}});
  if (!last) return last.status();
  const int version = static_cast<int>(*last) + 1;
  GK_RETURN_IF_ERROR(conn.exec(
      "INSERT INTO report_versions (body_id, year, version, state, include_children, snapshot, comment, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {row.body_id, int64_t{row.year}, int64_t{version}, row.state, int64_t{row.include_children ? 1 : 0},
       row.snapshot, row.comment, row.created_by, utc_now_iso()}));
  return version;
}

Result<std::optional<ReportVersionRow>> find_report_version(Connection& conn, int64_t body_id, int year, int version) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kVersionColumns +
                                     " FROM report_versions v JOIN bodies b ON b.id = v.body_id "
                                     "WHERE v.body_id = ? AND v.year = ? AND v.version = ?",
                                 {body_id, int64_t{year}, int64_t{version}});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ReportVersionRow>();
  return std::optional<ReportVersionRow>(version_of(rows->front()));
}

Result<std::vector<ReportVersionRow>> list_report_versions(Connection& conn, std::span<const int64_t> body_ids,
                                                           int year) {
  std::vector<Value> params;
  std::string where = " WHERE 1 = 1";
  if (year != 0) {
    where += " AND v.year = ?";
    params.emplace_back(int64_t{year});
  }
  if (!body_ids.empty()) where += " AND v.body_id IN " + in_list(body_ids, params);
  Result<Rows> rows = conn.query(std::string("SELECT ") + kVersionColumns +
                                     " FROM report_versions v JOIN bodies b ON b.id = v.body_id" + where +
                                     " ORDER BY b.code, v.year, v.version",
                                 params);
  if (!rows) return rows.status();
  std::vector<ReportVersionRow> out;
  for (const Row& r : *rows) out.push_back(version_of(r));
  return out;
}

Status update_report_version(Connection& conn, const ReportVersionRow& row) {
  return conn.exec(
      "UPDATE report_versions SET state = ?, comment = ?, decided_by = ?, decided_at = ?, item_id = ? WHERE id = ?",
      {row.state, row.comment, opt(row.decided_by), utc_now_iso(), opt(row.item_id), row.id});
}

Status upsert_check_decision(Connection& conn, int64_t body_id, int year, const CheckDecisionRow& d) {
  return conn.exec(
      "INSERT INTO report_check_decisions (body_id, year, rule, where_key, decision, reason, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (body_id, year, rule, where_key) DO UPDATE SET "
      "decision = excluded.decision, reason = excluded.reason, decided_by = excluded.decided_by, "
      "decided_at = excluded.decided_at",
      {body_id, int64_t{year}, d.rule, d.where_key, d.decision, d.reason, d.decided_by, utc_now_iso()});
}

Result<std::vector<CheckDecisionRow>> list_check_decisions(Connection& conn, int64_t body_id, int year) {
  Result<Rows> rows = conn.query(
      "SELECT rule, where_key, decision, reason, decided_by, decided_at FROM report_check_decisions "
      "WHERE body_id = ? AND year = ? ORDER BY rule, where_key",
      {body_id, int64_t{year}});
  if (!rows) return rows.status();
  std::vector<CheckDecisionRow> out;
  for (const Row& r : *rows)
    out.push_back({r.get_text(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4), r.get_text(5)});
  return out;
}

}  // namespace gongkai::store
