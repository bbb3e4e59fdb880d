// Publishing workflow: SQL.
#include "store/publishing.h"

#include <algorithm>

namespace gongkai::store {
namespace {

// The state of items `i` with their workflow rows `w`.
constexpr const char* kStateExpr = "COALESCE(w.state, i.status)";

std::string placeholders(size_t n) {
  std::string s;
  for (size_t idx = 0; idx < n; ++idx) s += idx == 0 ? "?" : ", ?";
  return s;
}

// Sort keys as a table: the SQL each one orders by (ties broken by id).
struct SortSql {
  StaffSort sort;
  const char* sql;
};
constexpr SortSql kSorts[] = {
    {StaffSort::kUpdated, "COALESCE(w.updated_at, i.updated_at)"},
    {StaffSort::kPublishDate, "i.publish_date"},
    {StaffSort::kTitle, "i.title"},
    {StaffSort::kState, "COALESCE(w.state, i.status)"},
};

}  // namespace

Result<std::optional<WorkflowRow>> find_workflow(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT item_id, state, author_id, revision, updated_at FROM item_workflow WHERE item_id = ?", {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<WorkflowRow>();
  const Row& r = rows->front();
  WorkflowRow w;
  w.item_id = r.get_int(0);
  w.state = r.get_text(1);
  if (!r.is_null(2)) w.author_id = r.get_int(2);
  w.revision = r.get_int(3);
  w.updated_at = r.get_text(4);
  return std::optional<WorkflowRow>(w);
}

Result<std::optional<std::string>> item_state(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kStateExpr +
                                     " FROM items i LEFT JOIN item_workflow w ON w.item_id = i.id WHERE i.id = ?",
                                 {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().get_text(0));
}

Status upsert_workflow(Connection& conn, const WorkflowRow& row) {
  return conn.exec(
      "INSERT INTO item_workflow (item_id, state, author_id, revision, updated_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (item_id) DO UPDATE SET state = excluded.state, author_id = excluded.author_id, "
      "revision = excluded.revision, updated_at = excluded.updated_at",
      {row.item_id, row.state, opt(row.author_id), row.revision, row.updated_at});
}

Status set_item_visibility(Connection& conn, int64_t item_id, const std::string& status,
                           const std::optional<std::string>& publish_date, const std::string& now) {
  conn.mark_site_changed();
  GK_RETURN_IF_ERROR(conn.exec(
      "UPDATE items SET status = ?, publish_date = COALESCE(?, publish_date), updated_at = ? WHERE id = ?",
      {status, opt(publish_date), now, item_id}));
  if (publish_date) {
    GK_RETURN_IF_ERROR(
        conn.exec("UPDATE item_channels SET published_on = ? WHERE item_id = ?", {*publish_date, item_id}));
  }
  return conn.exec("INSERT INTO search_outbox (item_id, created_at) VALUES (?, ?)", {item_id, now});
}

Status update_item_fields(Connection& conn, const ItemRow& it, const std::vector<std::string>& channels,
                          const std::string& now) {
  conn.mark_site_changed();
  GK_RETURN_IF_ERROR(conn.exec(
      "UPDATE items SET column_id = ?, title = ?, content = ?, doc_number = ?, written_date = ?, publish_date = ?, "
      "subject = ?, kind = ?, validity = ?, validity_changed_on = ?, key_area = ?, emergency = ?, updated_at = ? "
      "WHERE id = ?",
      {opt(it.column_id), it.title, it.content, opt(it.doc_number), opt(it.written_date), it.publish_date,
       opt(it.subject), it.kind, opt(it.validity), opt(it.validity_changed_on), int64_t{it.key_area},
       int64_t{it.emergency}, now, it.id}));
  // Channels kept keep their recorded link and date (store/channel_records.h); dropped ones go, new ones
  // come.
  Result<Rows> kept = conn.query("SELECT channel FROM item_channels WHERE item_id = ?", {it.id});
  if (!kept) return kept.status();
  std::vector<std::string> had;
  for (const Row& r : *kept) had.push_back(r.get_text(0));
  for (const std::string& channel : had) {
    if (std::find(channels.begin(), channels.end(), channel) != channels.end()) continue;
    GK_RETURN_IF_ERROR(
        conn.exec("DELETE FROM item_channels WHERE item_id = ? AND channel = ?", {it.id, channel}));
  }
  for (const std::string& channel : channels) {
    if (std::find(had.begin(), had.end(), channel) != had.end()) continue;
    GK_RETURN_IF_ERROR(insert_item_channel(conn, it.id, channel, it.publish_date));
  }
  return conn.exec("INSERT INTO search_outbox (item_id, created_at) VALUES (?, ?)", {it.id, now});
}

Status unlink_interpretation(Connection& conn, int64_t interpretation_id) {
  conn.mark_site_changed();
  return conn.exec("DELETE FROM interpretation_links WHERE interpretation_id = ?", {interpretation_id});
}

Status insert_revision(Connection& conn, int64_t item_id, int64_t revision, std::optional<int64_t> author_id,
                       const std::string& created_at, const std::string& snapshot) {
  return conn.exec(
      "INSERT INTO item_revisions (item_id, revision, author_id, created_at, snapshot) VALUES (?, ?, ?, ?, ?)",
      {item_id, revision, opt(author_id), created_at, snapshot});
}

Result<std::vector<RevisionRow>> list_revisions(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT r.revision, COALESCE(u.login, ''), r.created_at, r.snapshot FROM item_revisions r "
      "LEFT JOIN users u ON u.id = r.author_id WHERE r.item_id = ? ORDER BY r.revision",
      {item_id});
  if (!rows) return rows.status();
  std::vector<RevisionRow> out;
  for (const Row& r : *rows) out.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3)});
  return out;
}

Status insert_workflow_event(Connection& conn, int64_t item_id, const std::string& at,
                             std::optional<int64_t> actor_id, const WorkflowEventRow& e) {
  return conn.exec(
      "INSERT INTO workflow_events (item_id, at, actor_id, actor_label, action, from_state, to_state, comment) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {item_id, at, opt(actor_id), e.actor_label, e.action, opt(e.from_state), e.to_state, opt(e.comment)});
}

Result<std::vector<WorkflowEventRow>> list_workflow_events(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT at, actor_label, action, from_state, to_state, comment FROM workflow_events WHERE item_id = ? "
      "ORDER BY id",
      {item_id});
  if (!rows) return rows.status();
  std::vector<WorkflowEventRow> out;
  for (const Row& r : *rows) {
    out.push_back({r.get_text(0), r.get_text(1), r.get_text(2), r.get_opt_text(3), r.get_text(4),
                   r.get_opt_text(5)});
  }
  return out;
}

Result<StaffItemPage> list_staff_items(Connection& conn, const StaffItemFilter& f) {
  StaffItemPage page;
  if (f.body_ids.empty()) return page;
  std::string where = " FROM items i JOIN bodies b ON b.id = i.body_id LEFT JOIN item_workflow w ON w.item_id = i.id"
                      " WHERE i.body_id IN (" + placeholders(f.body_ids.size()) + ")";
  std::vector<Value> params(f.body_ids.begin(), f.body_ids.end());
  if (f.state) {
    where += std::string(" AND ") + kStateExpr + " = ?";
    params.push_back(*f.state);
  }
  if (f.author_id) {
    where += " AND w.author_id = ?";
    params.push_back(*f.author_id);
  }
  if (f.published_since) {
    where += " AND i.publish_date >= ?";
    params.push_back(*f.published_since);
  }
  if (f.written_date_only) where += " AND i.written_date IS NOT NULL";
  Result<Rows> count = conn.query("SELECT COUNT(*)" + where, params);
  if (!count) return count.status();
  page.total = count->front().get_int(0);
  const char* order = kSorts[0].sql;
  for (const SortSql& s : kSorts) {
    if (s.sort == f.sort) order = s.sql;
  }
  const std::string dir = f.descending ? " DESC" : " ASC";
  params.push_back(f.limit);
  params.push_back(f.offset);
  Result<Rows> rows = conn.query(
      std::string("SELECT i.id, i.body_id, b.name, i.title, ") + kStateExpr +
          ", i.publish_date, COALESCE(w.updated_at, i.updated_at), i.written_date, i.doc_number, w.author_id" +
          where + " ORDER BY " + order + dir + ", i.id" + dir + " LIMIT ? OFFSET ?",
      params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) {
    StaffItemSummary s;
    s.id = r.get_int(0);
    s.body_id = r.get_int(1);
    s.body_name = r.get_text(2);
    s.title = r.get_text(3);
    s.state = r.get_text(4);
    s.publish_date = r.get_text(5);
    s.updated_at = r.get_text(6);
    s.written_date = r.get_opt_text(7);
    s.doc_number = r.get_opt_text(8);
    if (!r.is_null(9)) s.author_id = r.get_int(9);
    page.items.push_back(std::move(s));
  }
  return page;
}

Result<std::vector<std::pair<int64_t, int64_t>>> scheduled_due(Connection& conn, const std::string& today) {
  Result<Rows> rows = conn.query(
      "SELECT i.id, i.body_id FROM items i JOIN item_workflow w ON w.item_id = i.id "
      "WHERE w.state = 'scheduled' AND i.publish_date <= ? ORDER BY i.id",
      {today});
  if (!rows) return rows.status();
  std::vector<std::pair<int64_t, int64_t>> ids;
  for (const Row& r : *rows) ids.emplace_back(r.get_int(0), r.get_int(1));
  return ids;
}

}  // namespace gongkai::store

namespace gongkai::store {

Result<bool> move_workflow(Connection& conn, int64_t item_id, const std::string& from, const std::string& to,
                           const std::string& now) {
  GK_RETURN_IF_ERROR(conn.exec(
      "INSERT INTO item_workflow (item_id, state, author_id, revision, updated_at) "
      "SELECT id, status, NULL, 1, ? FROM items WHERE id = ? ON CONFLICT (item_id) DO NOTHING",
      {now, item_id}));
  Result<Rows> rows = conn.query(
      "UPDATE item_workflow SET state = ?, updated_at = ? WHERE item_id = ? AND state = ? RETURNING item_id",
      {to, now, item_id, from});
  if (!rows) return rows.status();
  return !rows->empty();
}

Result<std::optional<int64_t>> next_draft_revision(Connection& conn, int64_t item_id, const std::string& now) {
  Result<Rows> rows = conn.query(
      "UPDATE item_workflow SET revision = revision + 1, updated_at = ? WHERE item_id = ? AND state = 'draft' "
      "RETURNING revision",
      {now, item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().get_int(0));
}

}  // namespace gongkai::store
