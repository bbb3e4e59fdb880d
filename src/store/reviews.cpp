// Reviews: SQL.
#include "store/reviews.h"

#include "common/clock.h"

namespace gongkai::store {

Result<int64_t> insert_review(Connection& conn, const ReviewRow& r) {
  Result<Rows> rows = conn.query(
      "INSERT INTO reviews (body_id, kind, filed_date, result, closed_date, application_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.body_id, r.kind, r.filed_date, r.result, opt(r.closed_date), opt(r.application_id), utc_now_iso()});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<ReviewRow>> list_reviews(Connection& conn, int64_t body_id, int year) {
  Result<Rows> rows = conn.query(
      "SELECT id, body_id, kind, filed_date, result, closed_date, application_id FROM reviews "
      "WHERE body_id = ? AND filed_date >= ? AND filed_date < ? ORDER BY filed_date, id",
      {body_id, std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"});
  if (!rows) return rows.status();
  std::vector<ReviewRow> out;
  for (const Row& r : *rows) {
    ReviewRow v;
    v.id = r.get_int(0);
    v.body_id = r.get_int(1);
    v.kind = r.get_text(2);
    v.filed_date = r.get_text(3);
    v.result = r.get_text(4);
    v.closed_date = r.get_opt_text(5);
    if (!r.is_null(6)) v.application_id = r.get_int(6);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace gongkai::store
