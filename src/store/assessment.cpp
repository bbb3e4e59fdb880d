// Assessment repository: the yearly counts per unit and the highlights (migration 013).
#include "store/assessment.h"

#include "common/clock.h"

namespace gongkai::store {

Result<std::map<int64_t, std::map<std::string, int64_t>>> assessment_facts(Connection& conn, int year) {
  const std::string from = std::to_string(year) + "-01-01";
  const std::string to = std::to_string(year + 1) + "-01-01";
  std::map<int64_t, std::map<std::string, int64_t>> out;
  Result<Rows> findings = conn.query(
      "SELECT body_id, rule_id, COUNT(*) FROM monitor_findings WHERE first_seen_on >= ? AND first_seen_on < "
      "? "
      "GROUP BY body_id, rule_id",
      {from, to});
  if (!findings) return findings.status();
  for (const Row& r : *findings) out[r.get_int(0)]["finding:" + r.get_text(1)] = r.get_int(2);
  Result<Rows> circulars = conn.query(
      "SELECT body_id, "
      "SUM(CASE WHEN escalated_on IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN answer IS NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN closed_on IS NOT NULL AND closed_on <= deadline AND escalated_on IS NULL THEN 1 ELSE 0 "
      "END) "
      "FROM rectification_circulars WHERE issued_on >= ? AND issued_on < ? GROUP BY body_id",
      {from, to});
  if (!circulars) return circulars.status();
  for (const Row& r : *circulars) {
    std::map<std::string, int64_t>& facts = out[r.get_int(0)];
    facts["circular:escalated"] = r.get_int(1);
    facts["circular:unanswered"] = r.get_int(2);
    facts["circular:on_time"] = r.get_int(3);
  }
  Result<Rows> highlights = conn.query(
      "SELECT body_id, rule_id, COUNT(*) FROM assessment_highlights WHERE year = ? GROUP BY body_id, rule_id",
      {int64_t{year}});
  if (!highlights) return highlights.status();
  for (const Row& r : *highlights) out[r.get_int(0)]["highlight:" + r.get_text(1)] = r.get_int(2);
  return out;
}

Result<int64_t> insert_highlight(Connection& conn, int64_t body_id, int year, const std::string& rule_id,
                                 const std::string& note, const std::string& recorded_by) {
  Result<Rows> rows = conn.query(
      "INSERT INTO assessment_highlights (body_id, year, rule_id, note, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {body_id, int64_t{year}, rule_id, note, recorded_by, utc_now_iso()});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

namespace {

constexpr const char* kHighlightColumns =
    "SELECT h.id, h.body_id, b.name, h.year, h.rule_id, h.note, h.recorded_by, h.recorded_at "
    "FROM assessment_highlights h JOIN bodies b ON b.id = h.body_id ";

HighlightRow highlight_from(const Row& r) {
  return {r.get_int(0), r.get_int(1), r.get_text(2), r.get_int(3), r.get_text(4), r.get_text(5), r.get_text(6),
          r.get_text(7)};
}

}  // namespace

Result<std::vector<HighlightRow>> list_highlights(Connection& conn, int year) {
  Result<Rows> rows = conn.query(std::string(kHighlightColumns) + "WHERE h.year = ? ORDER BY h.id", {int64_t{year}});
  if (!rows) return rows.status();
  std::vector<HighlightRow> out;
  for (const Row& r : *rows) out.push_back(highlight_from(r));
  return out;
}

Result<std::optional<HighlightRow>> find_highlight(Connection& conn, int64_t id) {
  Result<Rows> rows = conn.query(std::string(kHighlightColumns) + "WHERE h.id = ?", {id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<HighlightRow>();
  return std::optional<HighlightRow>(highlight_from(rows->front()));
}

Result<bool> delete_highlight(Connection& conn, int64_t id) {
  Result<Rows> rows = conn.query("DELETE FROM assessment_highlights WHERE id = ? RETURNING id", {id});
  if (!rows) return rows.status();
  return !rows->empty();
}

}  // namespace gongkai::store
