// Portal read queries.
#include "store/portal.h"

namespace gongkai::store {
namespace {

constexpr const char* kSummaryColumns =
    "i.id, i.title, i.publish_date, i.doc_number, i.index_number, b.code, b.name, i.validity, i.kind";

ItemSummary summary_from(const Row& r, bool with_excerpt) {
  ItemSummary s;
  s.id = r.get_int(0);
  s.title = r.get_text(1);
  s.publish_date = r.get_text(2);
  s.doc_number = r.get_opt_text(3);
  s.index_number = r.get_text(4);
  s.body_code = r.get_text(5);
  s.body_name = r.get_text(6);
  s.validity = r.get_opt_text(7);
  s.kind = r.get_text(8);
  if (with_excerpt) s.excerpt = r.get_text(9);
  return s;
}

// Runs "SELECT COUNT(*) FROM <from_where>" and "SELECT <columns> FROM <from_where> ORDER BY ... LIMIT ? OFFSET ?".
Result<Page> paged(Connection& conn, const std::string& cte, const std::string& from_where,
                   const std::vector<Value>& params, int offset, int limit, bool with_excerpt,
                   const std::string& order = "i.publish_date DESC, i.id DESC") {
  Page page;
  Result<Rows> count = conn.query(cte + "SELECT COUNT(*) " + from_where, params);
  if (!count) return count.status();
  page.total = count->front().get_int(0);
  std::vector<Value> p = params;
  p.push_back(int64_t{limit});
  p.push_back(int64_t{offset});
  std::string columns = kSummaryColumns;
  if (with_excerpt) columns += ", substr(i.content, 1, 300)";
  Result<Rows> rows =
      conn.query(cte + "SELECT " + columns + " " + from_where + " ORDER BY " + order + " LIMIT ? OFFSET ?", p);
  if (!rows) return rows.status();
  for (const Row& r : *rows) page.items.push_back(summary_from(r, with_excerpt));
  return page;
}

constexpr const char* kScopeCte =
    "WITH RECURSIVE scope(id) AS (SELECT id FROM bodies WHERE id = ? "
    "UNION ALL SELECT b.id FROM bodies b JOIN scope s ON b.parent_id = s.id WHERE ? = 1) ";

}  // namespace

Result<Page> list_column_items(Connection& conn, int64_t column_id, int offset, int limit) {
  return paged(conn, "",
               "FROM items i JOIN bodies b ON b.id = i.body_id WHERE i.column_id = ? AND i.status = 'published'",
               {column_id}, offset, limit, false);
}

Result<Page> list_body_items(Connection& conn, int64_t body_id, bool include_children, const std::string& column_path,
                             int offset, int limit) {
  std::vector<Value> params = {body_id, int64_t{include_children ? 1 : 0}};
  std::string where =
      "FROM items i JOIN bodies b ON b.id = i.body_id WHERE i.body_id IN (SELECT id FROM scope) "
      "AND i.status = 'published'";
  if (!column_path.empty()) {
    where += " AND i.column_id IN (SELECT c.id FROM columns c WHERE c.body_id IN (SELECT id FROM scope) "
             "AND (c.path = ? OR c.path LIKE ?))";
    params.push_back(column_path);
    params.push_back(column_path + "/%");
  }
  return paged(conn, kScopeCte, where, params, offset, limit, false);
}

Result<Page> catalog(Connection& conn, const CatalogFilter& filter, int offset, int limit) {
  std::vector<Value> params;
  std::string cte;
  std::string where = "FROM items i JOIN bodies b ON b.id = i.body_id WHERE i.status = 'published'";
  if (filter.body_id) {
    cte = kScopeCte;
    params = {*filter.body_id, int64_t{1}};
    where += " AND i.body_id IN (SELECT id FROM scope)";
  }
  if (filter.year) {
    where += " AND i.publish_date >= ? AND i.publish_date < ?";
    params.push_back(std::to_string(*filter.year) + "-01-01");
    params.push_back(std::to_string(*filter.year + 1) + "-01-01");
  }
  return paged(conn, cte, where, params, offset, limit, true);
}

Result<Page> policy_documents(Connection& conn, const PolicyFilter& f, int offset, int limit) {
  std::vector<Value> params;
  std::string cte;
  std::string where = "FROM items i JOIN bodies b ON b.id = i.body_id WHERE i.status = 'published'";
  if (f.kind.empty()) {
    where += " AND i.kind IN ('document', 'normative')";
  } else {
    where += " AND i.kind = ?";
    params.push_back(f.kind);
  }
  if (f.body_id) {
    cte = kScopeCte;
    params.insert(params.begin(), {*f.body_id, int64_t{1}});
    where += " AND i.body_id IN (SELECT id FROM scope)";
  }
  if (f.year) {
    where += " AND COALESCE(i.written_date, i.publish_date) >= ? AND COALESCE(i.written_date, i.publish_date) < ?";
    params.push_back(std::to_string(*f.year) + "-01-01");
    params.push_back(std::to_string(*f.year + 1) + "-01-01");
  }
  if (!f.doc_number_prefix.empty()) {
    where += " AND i.doc_number LIKE ?";
    params.push_back(f.doc_number_prefix + "%");
  }
  if (!f.subject.empty()) {
    where += " AND i.subject LIKE ?";
    params.push_back("%" + f.subject + "%");
  }
  if (!f.validity.empty()) {
    where += " AND i.validity = ?";
    params.push_back(f.validity);
  }
  return paged(conn, cte, where, params, offset, limit, false,
               "COALESCE(i.written_date, i.publish_date) DESC, i.id DESC");
}

Result<std::optional<ItemDetail>> item_detail(Connection& conn, int64_t id) {
  Result<Rows> rows = conn.query(
      std::string("SELECT ") + kItemColumns + ", b.code, b.name, c.name, c.path "
      "FROM items i JOIN bodies b ON b.id = i.body_id LEFT JOIN columns c ON c.id = i.column_id WHERE i.id = ?",
      {id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ItemDetail>();
  const Row& r = rows->front();
  ItemDetail d;
  d.row = item_row_from(r);
  const ItemRow& it = d.row;
  d.column_id = it.column_id;
  d.body_code = r.get_text(18);
  d.body_name = r.get_text(19);
  d.column_name = r.get_text(20);
  d.column_path = r.get_text(21);

  Result<Rows> ch = conn.query("SELECT channel FROM item_channels WHERE item_id = ? ORDER BY channel", {id});
  if (!ch) return ch.status();
  for (const Row& c : *ch) d.channels.push_back(c.get_text(0));
  Result<Rows> at = conn.query(
      "SELECT a.file_name, a.sha256, bl.mime_type, bl.size_bytes FROM item_attachments a "
      "JOIN blobs bl ON bl.sha256 = a.sha256 WHERE a.item_id = ? ORDER BY a.position",
      {id});
  if (!at) return at.status();
  for (const Row& a : *at) d.attachments.push_back({a.get_text(0), a.get_text(1), a.get_text(2), a.get_int(3)});

  const std::string summary_sql = std::string("SELECT ") + kSummaryColumns +
                                  " FROM items i JOIN bodies b ON b.id = i.body_id WHERE ";
  if (it.superseded_by) {
    Result<Rows> s = conn.query(summary_sql + "i.id = ?", {*it.superseded_by});
    if (!s) return s.status();
    if (!s->empty()) d.successor = summary_from(s->front(), false);
  }
  Result<Rows> older = conn.query(summary_sql + "i.superseded_by = ? ORDER BY i.publish_date DESC LIMIT 50", {id});
  if (!older) return older.status();
  for (const Row& o : *older) d.superseded.push_back(summary_from(o, false));

  // The items on the other side of interpretation_links from this one: `shown` is the column of the items
  // listed, `given` the column that holds this item's id.
  auto linked = [&](const char* shown, const char* given, const char* rest) {
    return conn.query(std::string("SELECT ") + kSummaryColumns + ", l.forms FROM interpretation_links l JOIN items i "
                      "ON i.id = l." + shown + " JOIN bodies b ON b.id = i.body_id WHERE l." + given + " = ? " + rest,
                      {id});
  };
  Result<Rows> interps =
      linked("interpretation_id", "document_id", "AND i.status = 'published' ORDER BY i.publish_date, i.id LIMIT 50");
  if (!interps) return interps.status();
  for (const Row& r : *interps) {
    d.interpretations.push_back({summary_from(r, false), decode_forms(r.get_text(r.size() - 1))});
  }
  Result<Rows> explained = linked("document_id", "interpretation_id", "AND i.status IN ('published', 'withdrawn')");
  if (!explained) return explained.status();
  if (!explained->empty()) {
    d.interpreted_document = summary_from(explained->front(), false);
    d.interpretation_forms = decode_forms(explained->front().get_text(explained->front().size() - 1));
  }
  return std::optional<ItemDetail>(std::move(d));
}

Result<std::optional<ItemDetail::Attachment>> find_attachment(Connection& conn, const std::string& sha256) {
  Result<Rows> rows = conn.query(
      "SELECT a.file_name, a.sha256, bl.mime_type, bl.size_bytes FROM item_attachments a "
      "JOIN blobs bl ON bl.sha256 = a.sha256 JOIN items i ON i.id = a.item_id "
      "WHERE a.sha256 = ? AND i.status = 'published' LIMIT 1",
      {sha256});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ItemDetail::Attachment>();
  const Row& a = rows->front();
  return std::optional<ItemDetail::Attachment>(
      ItemDetail::Attachment{a.get_text(0), a.get_text(1), a.get_text(2), a.get_int(3)});
}

Result<std::vector<int>> policy_years(Connection& conn) {
  Result<Rows> rows = conn.query(
      "SELECT DISTINCT substr(COALESCE(written_date, publish_date), 1, 4) AS y FROM items "
      "WHERE kind IN ('document', 'normative') AND status = 'published' ORDER BY y DESC");
  if (!rows) return rows.status();
  std::vector<int> years;
  for (const Row& r : *rows) years.push_back(static_cast<int>(std::stol(r.get_text(0))));
  return years;
}

Result<std::vector<std::pair<int64_t, std::string>>> recent_item_ids(Connection& conn, int limit) {
  Result<Rows> rows = conn.query(
      "SELECT id, publish_date FROM items WHERE status = 'published' ORDER BY publish_date DESC, id DESC LIMIT ?",
      {int64_t{limit}});
  if (!rows) return rows.status();
  std::vector<std::pair<int64_t, std::string>> out;
  for (const Row& r : *rows) out.emplace_back(r.get_int(0), r.get_text(1));
  return out;
}

}  // namespace gongkai::store
