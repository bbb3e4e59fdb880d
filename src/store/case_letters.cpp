// Case letters: SQL.
#include "store/case_letters.h"

#include "common/clock.h"

namespace gongkai::store {

Result<int64_t> insert_case_letter(Connection& conn, const CaseLetterRow& r) {
  Result<Rows> rows = conn.query(
      "INSERT INTO case_letters (application_id, kind, version, title, body, sent, sent_on, author, created_at) "
      "SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ? FROM case_letters "
      "WHERE application_id = ? AND kind = ? RETURNING version",
      {r.application_id, r.kind, r.title, r.body, int64_t{r.sent ? 1 : 0}, opt(r.sent_on), r.author, utc_now_iso(),
       r.application_id, r.kind});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<CaseLetterRow>> list_case_letters(Connection& conn, int64_t application_id) {
  Result<Rows> rows = conn.query(
      "SELECT id, application_id, kind, version, title, body, sent, sent_on, author, created_at FROM case_letters "
      "WHERE application_id = ? ORDER BY kind, version",
      {application_id});
  if (!rows) return rows.status();
  std::vector<CaseLetterRow> out;
  for (const Row& r : *rows) {
    CaseLetterRow v;
    v.id = r.get_int(0);
    v.application_id = r.get_int(1);
    v.kind = r.get_text(2);
    v.version = r.get_int(3);
    v.title = r.get_text(4);
    v.body = r.get_text(5);
    v.sent = r.get_int(6) != 0;
    v.sent_on = r.get_opt_text(7);
    v.author = r.get_text(8);
    v.created_at = r.get_text(9);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace gongkai::store
