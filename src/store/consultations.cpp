// SQL of consultations (see consultations.h).
#include "store/consultations.h"

namespace gongkai::store {

namespace {

constexpr const char* kConsultationSelect =
    "SELECT c.item_id, i.body_id, i.title, i.status, c.opens_on, c.closes_on, c.closed_on, c.feedback_published_on, "
    "c.feedback_summary, "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'pending'), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'accepted'), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'rejected'), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'accepted' "
    " AND m.response = 'adopted'), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'accepted' "
    " AND m.response = 'partly_adopted'), "
    "(SELECT COUNT(*) FROM consultation_comments m WHERE m.item_id = c.item_id AND m.status = 'accepted' "
    " AND m.response = 'not_adopted') "
    "FROM consultations c JOIN items i ON i.id = c.item_id";

ConsultationRow consultation_of(const Row& r) {
  ConsultationRow c;
  c.item_id = r.get_int(0);
  c.body_id = r.get_int(1);
  c.title = r.get_text(2);
  c.item_status = r.get_text(3);
  c.opens_on = r.get_text(4);
  c.closes_on = r.get_text(5);
  c.closed_on = r.get_opt_text(6);
  c.feedback_published_on = r.get_opt_text(7);
  c.feedback_summary = r.get_opt_text(8);
  c.pending = r.get_int(9);
  c.accepted = r.get_int(10);
  c.rejected = r.get_int(11);
  c.adopted = r.get_int(12);
  c.partly_adopted = r.get_int(13);
  c.not_adopted = r.get_int(14);
  return c;
}

constexpr const char* kCommentSelect =
    "SELECT id, item_id, submitted_at, author_name, contact, comment, status, response, response_reason "
    "FROM consultation_comments";

CommentRow comment_of(const Row& r) {
  return CommentRow{r.get_int(0),  r.get_int(1),      r.get_text(2),     r.get_opt_text(3), r.get_text(4),
                    r.get_text(5), r.get_text(6),      r.get_opt_text(7), r.get_opt_text(8)};
}

}  // namespace

Result<std::optional<ConsultationRow>> find_consultation(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(std::string(kConsultationSelect) + " WHERE c.item_id = ?", {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ConsultationRow>();
  return std::optional<ConsultationRow>(consultation_of(rows->front()));
}

Status upsert_consultation(Connection& conn, int64_t item_id, const std::string& opens_on,
                           const std::string& closes_on, const std::string& now) {
  conn.mark_site_changed();
  return conn.exec(
      "INSERT INTO consultations (item_id, opens_on, closes_on, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (item_id) DO UPDATE SET opens_on = excluded.opens_on, closes_on = excluded.closes_on",
      {item_id, opens_on, closes_on, now});
}

Result<std::vector<ConsultationRow>> list_consultations(Connection& conn, const std::vector<int64_t>& body_ids,
                                                        const std::optional<std::string>& closing_by, int limit) {
  std::vector<ConsultationRow> out;
  if (body_ids.empty()) return out;
  std::string marks;
  for (size_t idx = 0; idx < body_ids.size(); ++idx) marks += idx ? ", ?" : "?";
  std::vector<Value> params(body_ids.begin(), body_ids.end());
  std::string sql = std::string(kConsultationSelect) + " WHERE i.body_id IN (" + marks + ")";
  if (closing_by) {
    sql += " AND c.closed_on IS NULL AND c.closes_on <= ?";
    params.push_back(*closing_by);
  }
  sql += " ORDER BY c.opens_on DESC, c.item_id DESC LIMIT ?";
  params.push_back(int64_t{limit});
  Result<Rows> rows = conn.query(sql, params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) out.push_back(consultation_of(r));
  return out;
}

Result<bool> close_consultation(Connection& conn, int64_t item_id, const std::string& date) {
  Result<Rows> rows = conn.query(
      "UPDATE consultations SET closed_on = ? WHERE item_id = ? AND closed_on IS NULL RETURNING item_id",
      {date, item_id});
  if (!rows) return rows.status();
  if (!rows->empty()) conn.mark_site_changed();
  return !rows->empty();
}

Status publish_feedback(Connection& conn, int64_t item_id, const std::string& date, const std::string& summary) {
  conn.mark_site_changed();
  return conn.exec("UPDATE consultations SET feedback_published_on = ?, feedback_summary = ? WHERE item_id = ?",
                   {date, null_if_empty(summary), item_id});
}

Result<int64_t> insert_comment(Connection& conn, int64_t item_id, const std::string& submitted_at,
                               const std::optional<std::string>& author_name, const std::string& contact,
                               const std::string& comment) {
  Result<Rows> rows = conn.query(
      "INSERT INTO consultation_comments (item_id, submitted_at, author_name, contact, comment, status) "
      "VALUES (?, ?, ?, ?, ?, 'pending') RETURNING id",
      {item_id, submitted_at, opt(author_name), contact, comment});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<CommentRow>> list_comments(Connection& conn, int64_t item_id,
                                              const std::optional<std::string>& status) {
  Result<Rows> rows = status ? conn.query(std::string(kCommentSelect) + " WHERE item_id = ? AND status = ? ORDER BY id",
                                          {item_id, *status})
                             : conn.query(std::string(kCommentSelect) + " WHERE item_id = ? ORDER BY id", {item_id});
  if (!rows) return rows.status();
  std::vector<CommentRow> out;
  for (const Row& r : *rows) out.push_back(comment_of(r));
  return out;
}

Result<std::optional<CommentRow>> find_comment(Connection& conn, int64_t comment_id) {
  Result<Rows> rows = conn.query(std::string(kCommentSelect) + " WHERE id = ?", {comment_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<CommentRow>();
  return std::optional<CommentRow>(comment_of(rows->front()));
}

Result<bool> moderate_comment(Connection& conn, int64_t item_id, int64_t comment_id, const std::string& status,
                              std::optional<int64_t> user_id, const std::string& now) {
  // A comment taken out of the accepted ones loses its response: only accepted comments are answered.
  const std::string clear = status == "accepted" ? "" : ", response = NULL, response_reason = NULL";
  Result<Rows> rows = conn.query("UPDATE consultation_comments SET status = ?, moderated_by = ?, moderated_at = ?" +
                                     clear + " WHERE id = ? AND item_id = ? RETURNING id",
                                 {status, opt(user_id), now, comment_id, item_id});
  if (!rows) return rows.status();
  if (!rows->empty()) conn.mark_site_changed();
  return !rows->empty();
}

Result<bool> respond_to_comment(Connection& conn, int64_t item_id, int64_t comment_id, const std::string& response,
                                const std::string& reason) {
  Result<Rows> rows = conn.query(
      "UPDATE consultation_comments SET response = ?, response_reason = ? "
      "WHERE id = ? AND item_id = ? AND status = 'accepted' RETURNING id",
      {response, null_if_empty(reason), comment_id, item_id});
  if (!rows) return rows.status();
  if (!rows->empty()) conn.mark_site_changed();
  return !rows->empty();
}

Result<std::vector<std::pair<int64_t, std::string>>> consultation_items(Connection& conn, const std::string& from,
                                                                        const std::string& to) {
  Result<Rows> rows = conn.query(
      "SELECT id, publish_date FROM items WHERE kind = 'consultation' AND status = 'published' "
      "AND publish_date >= ? AND publish_date <= ? ORDER BY publish_date, id",
      {from, to});
  if (!rows) return rows.status();
  std::vector<std::pair<int64_t, std::string>> out;
  for (const Row& r : *rows) out.emplace_back(r.get_int(0), r.get_text(1));
  return out;
}

}  // namespace gongkai::store
