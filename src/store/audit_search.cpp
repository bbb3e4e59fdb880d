// SQL of the audit search (see audit_search.h).
#include "store/audit_search.h"

namespace gongkai::store {

Result<AuditPage> search_audit(Connection& conn, const AuditFilter& f) {
  AuditPage page;
  std::vector<Value> params;
  std::string scope;
  if (!f.body_ids.empty()) {
    scope = "body_id IN (";
    for (size_t idx = 0; idx < f.body_ids.size(); ++idx) {
      scope += idx ? ", ?" : "?";
      params.push_back(f.body_ids[idx]);
    }
    scope += ")";
  }
  if (f.include_unscoped) scope = scope.empty() ? "body_id IS NULL" : "(" + scope + " OR body_id IS NULL)";
  if (scope.empty()) return page;
  std::string where = " FROM audit_log WHERE " + scope;
  // LIKE patterns: the user's text is escaped so that % and _ match themselves.
  auto like_escape = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '%' || c == '_' || c == '!') out += '!';
      out += c;
    }
    return out;
  };
  if (f.actor) {
    where += " AND actor_label LIKE ? ESCAPE '!'";
    params.push_back("%" + like_escape(*f.actor) + "%");
  }
  if (f.action) {
    where += " AND (action = ? OR action LIKE ? ESCAPE '!')";
    params.push_back(*f.action);
    params.push_back(like_escape(*f.action) + ".%");
  }
  if (f.entity_type) {
    where += " AND entity_type = ?";
    params.push_back(*f.entity_type);
  }
  if (f.entity_id) {
    where += " AND entity_id = ?";
    params.push_back(*f.entity_id);
  }
  if (f.from_date) {
    where += " AND at >= ?";
    params.push_back(*f.from_date);
  }
  if (f.to_date) {
    where += " AND at < ?";
    params.push_back(*f.to_date + "T99");  // every time of that day sorts below "YYYY-MM-DDT99"
  }
  Result<Rows> count = conn.query("SELECT COUNT(*)" + where, params);
  if (!count) return count.status();
  page.total = count->front().get_int(0);
  params.push_back(f.limit);
  params.push_back(f.offset);
  Result<Rows> rows = conn.query(
      "SELECT id, at, actor_user_id, actor_label, remote_addr, action, entity_type, entity_id, body_id, before_json, "
      "after_json, prev_hash, hash" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
      params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) {
    AuditRow a;
    a.id = r.get_int(0);
    a.at = r.get_text(1);
    if (!r.is_null(2)) a.actor_user_id = r.get_int(2);
    a.actor_label = r.get_text(3);
    a.remote_addr = r.get_opt_text(4);
    a.action = r.get_text(5);
    a.entity_type = r.get_text(6);
    a.entity_id = r.get_opt_text(7);
    if (!r.is_null(8)) a.body_id = r.get_int(8);
    a.before_json = r.get_opt_text(9);
    a.after_json = r.get_opt_text(10);
    a.prev_hash = r.get_text(11);
    a.hash = r.get_text(12);
    page.rows.push_back(std::move(a));
  }
  return page;
}

}  // namespace gongkai::store
