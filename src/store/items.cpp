// Items: SQL.
#include "store/items.h"

#include <map>

#include "common/clock.h"

namespace gongkai::store {
namespace {

// Scope clause over bodies: `body_id = ?` or the body and all below it (recursive), as a subquery on ids.
// The subquery text takes two parameters: the body id and the include-children flag.
constexpr const char* kScopeCte =
    "WITH RECURSIVE scope(id) AS (SELECT id FROM bodies WHERE id = ? "
    "UNION ALL SELECT b.id FROM bodies b JOIN scope s ON b.parent_id = s.id WHERE ? = 1) ";

std::string year_start(int year) { return std::to_string(year) + "-01-01"; }
std::string year_end(int year) { return std::to_string(year + 1) + "-01-01"; }

// Builds the WHERE part and parameters of a filter over items `i`.
void filter_sql(const ItemFilter& f, std::string* cte, std::string* where, std::vector<Value>* params) {
  *where = " WHERE 1 = 1";
  if (f.body_id) {
    *cte = kScopeCte;
    params->push_back(*f.body_id);
    params->push_back(int64_t{f.include_children ? 1 : 0});
    *where += " AND i.body_id IN (SELECT id FROM scope)";
  }
  if (f.year) {
    *where += " AND i.publish_date >= ? AND i.publish_date < ?";
    params->push_back(year_start(*f.year));
    params->push_back(year_end(*f.year));
  }
}

}  // namespace

ItemRow item_row_from(const Row& r) {
  ItemRow it;
  it.id = r.get_int(0);
  it.body_id = r.get_int(1);
  if (!r.is_null(2)) it.column_id = r.get_int(2);
  it.index_number = r.get_text(3);
  it.title = r.get_text(4);
  it.content = r.get_text(5);
  it.doc_number = r.get_opt_text(6);
  it.written_date = r.get_opt_text(7);
  it.publish_date = r.get_text(8);
  it.subject = r.get_opt_text(9);
  it.kind = r.get_text(10);
  it.validity = r.get_opt_text(11);
  it.validity_changed_on = r.get_opt_text(12);
  if (!r.is_null(13)) it.superseded_by = r.get_int(13);
  it.key_area = r.get_int(14) != 0;
  it.emergency = r.get_int(15) != 0;
  it.source_url = r.get_opt_text(16);
  it.status = r.get_text(17);
  return it;
}

Result<int64_t> insert_item(Connection& conn, const ItemRow& it, const std::string& now) {
  conn.mark_site_changed();
  Result<Rows> rows = conn.query(
      "INSERT INTO items (body_id, column_id, index_number, title, content, doc_number, written_date, publish_date, "
      "subject, kind, validity, validity_changed_on, superseded_by, key_area, emergency, source_url, status, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {it.body_id, opt(it.column_id), it.index_number, it.title, it.content, opt(it.doc_number),
       opt(it.written_date), it.publish_date, opt(it.subject), it.kind, opt(it.validity),
       opt(it.validity_changed_on), opt(it.superseded_by), int64_t{it.key_area}, int64_t{it.emergency},
       opt(it.source_url), it.status, now, now});
  if (!rows) {
    if (rows.status().code() == StatusCode::kConflict) {
      return Status::conflict("index number " + it.index_number + " is already used");
    }
    return rows.status();
  }
  const int64_t id = rows->front().get_int(0);
  GK_RETURN_IF_ERROR(conn.exec("INSERT INTO search_outbox (item_id, created_at) VALUES (?, ?)", {id, now}));
  return id;
}

Status insert_item_channel(Connection& conn, int64_t item_id, const std::string& channel,
                           const std::string& published_on) {
  conn.mark_site_changed();
  return conn.exec("INSERT INTO item_channels (item_id, channel, published_on) VALUES (?, ?, ?)",
                   {item_id, channel, published_on});
}

Status insert_blob_if_absent(Connection& conn, const std::string& sha256, int64_t size_bytes,
                             const std::string& mime_type, const std::string& now) {
  return conn.exec(
      "INSERT INTO blobs (sha256, size_bytes, mime_type, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (sha256) DO NOTHING",
      {sha256, size_bytes, mime_type, now});
}

Status insert_item_attachment(Connection& conn, int64_t item_id, int position, const std::string& file_name,
                              const std::string& sha256) {
  conn.mark_site_changed();
  return conn.exec("INSERT INTO item_attachments (item_id, position, file_name, sha256) VALUES (?, ?, ?, ?)",
                   {item_id, int64_t{position}, file_name, sha256});
}

Status insert_validity_event(Connection& conn, int64_t item_id, const std::optional<std::string>& from,
                             const std::string& to, const std::string& effective_on,
                             std::optional<int64_t> superseded_by, const std::string& reason, const std::string& now) {
  return conn.exec(
      "INSERT INTO validity_events (item_id, from_validity, to_validity, effective_on, superseded_by, reason, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {item_id, opt(from), to, effective_on, opt(superseded_by), null_if_empty(reason), now});
}

Status update_item_validity(Connection& conn, int64_t item_id, const std::string& validity,
                            const std::string& effective_on, std::optional<int64_t> superseded_by) {
  conn.mark_site_changed();
  GK_RETURN_IF_ERROR(conn.exec("UPDATE items SET validity = ?, validity_changed_on = ?, superseded_by = ? WHERE id = ?",
                               {validity, effective_on, opt(superseded_by), item_id}));
  // Validity is a search filter and facet: the index must follow (same transaction as the change).
  return conn.exec("INSERT INTO search_outbox (item_id, created_at) VALUES (?, ?)", {item_id, utc_now_iso()});
}

Status set_item_successor(Connection& conn, int64_t item_id, int64_t successor_id) {
  conn.mark_site_changed();
  GK_RETURN_IF_ERROR(conn.exec("UPDATE items SET superseded_by = ? WHERE id = ?", {successor_id, item_id}));
  return conn.exec("UPDATE validity_events SET superseded_by = ? WHERE item_id = ?", {successor_id, item_id});
}

std::string encode_forms(const std::vector<std::string>& forms) {
  if (forms.empty()) return "";
  std::string out = ",";
  for (const std::string& f : forms) out += f + ",";
  return out;
}

std::vector<std::string> decode_forms(const std::string& stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t end = stored.find(',', start);
    if (end == std::string::npos) end = stored.size();
    if (end > start) out.push_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Status link_interpretation(Connection& conn, int64_t interpretation_id, int64_t document_id,
                           const std::vector<std::string>& forms) {
  conn.mark_site_changed();
  return conn.exec(
      "INSERT INTO interpretation_links (interpretation_id, document_id, forms) VALUES (?, ?, ?) "
      "ON CONFLICT (interpretation_id) DO UPDATE SET document_id = excluded.document_id, forms = excluded.forms",
      {interpretation_id, document_id, encode_forms(forms)});
}

Result<int64_t> site_version(Connection& conn) {
  return conn.query_int("SELECT COALESCE(MAX(version), 0) FROM site_version");
}

Result<std::optional<int64_t>> find_item_id(Connection& conn, const std::string& index_number) {
  Result<Rows> rows = conn.query("SELECT id FROM items WHERE index_number = ?", {index_number});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().get_int(0));
}

Result<int> next_index_serial(Connection& conn, int64_t body_id, int year) {
  Result<Rows> rows = conn.query(
      "INSERT INTO index_serials (body_id, year, last_serial) VALUES (?, ?, 1) "
      "ON CONFLICT (body_id, year) DO UPDATE SET last_serial = index_serials.last_serial + 1 "
      "RETURNING last_serial",
      {body_id, int64_t{year}});
  if (!rows) return rows.status();
  return static_cast<int>(rows->front().get_int(0));
}

Status raise_index_serial(Connection& conn, int64_t body_id, int year, int serial) {
  return conn.exec(
      "INSERT INTO index_serials (body_id, year, last_serial) VALUES (?, ?, ?) "
      "ON CONFLICT (body_id, year) DO UPDATE SET last_serial = "
      "CASE WHEN index_serials.last_serial > excluded.last_serial THEN index_serials.last_serial "
      "ELSE excluded.last_serial END",
      {body_id, int64_t{year}, int64_t{serial}});
}

Result<int64_t> count_items(Connection& conn, const ItemFilter& filter) {
  std::string cte, where;
  std::vector<Value> params;
  filter_sql(filter, &cte, &where, &params);
  Result<Rows> rows = conn.query(cte + "SELECT COUNT(*) FROM items i" + where, params);
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Status for_each_item(Connection& conn, const ItemFilter& filter,
                     const std::function<Status(const ExportedItem&)>& fn, int page_size) {
  std::string cte, where;
  std::vector<Value> base_params;
  filter_sql(filter, &cte, &where, &base_params);
  const std::string sql = cte + "SELECT " + kItemColumns + ", b.code, c.path, s.index_number, d.index_number, "
      "l.forms FROM items i JOIN bodies b ON b.id = i.body_id LEFT JOIN columns c ON c.id = i.column_id "
      "LEFT JOIN items s ON s.id = i.superseded_by LEFT JOIN interpretation_links l ON l.interpretation_id = i.id "
      "LEFT JOIN items d ON d.id = l.document_id" +
      where + " AND i.id > ? ORDER BY i.id LIMIT ?";
  int64_t after = 0;
  for (;;) {
    std::vector<Value> params = base_params;
    params.push_back(after);
    params.push_back(int64_t{page_size});
    Result<Rows> rows = conn.query(sql, params);
    if (!rows) return rows.status();
    if (rows->empty()) return Status::ok();
    const int64_t first = rows->front().get_int(0);
    after = rows->back().get_int(0);
    // Channels and attachments of the page, keyed by item id.
    std::map<int64_t, std::vector<std::string>> channels;
    std::map<int64_t, std::vector<ExportedItem::Attachment>> attachments;
    Result<Rows> ch = conn.query(
        "SELECT item_id, channel FROM item_channels WHERE item_id >= ? AND item_id <= ? ORDER BY item_id, "
        "CASE channel WHEN 'portal' THEN 1 WHEN 'disclosure_site' THEN 2 WHEN 'weibo' THEN 3 ELSE 4 END",
        {first, after});
    if (!ch) return ch.status();
    for (const Row& r : *ch) channels[r.get_int(0)].push_back(r.get_text(1));
    Result<Rows> at = conn.query(
        "SELECT item_id, file_name, sha256 FROM item_attachments WHERE item_id >= ? AND item_id <= ? "
        "ORDER BY item_id, position",
        {first, after});
    if (!at) return at.status();
    for (const Row& r : *at) attachments[r.get_int(0)].push_back({r.get_text(1), r.get_text(2)});

    for (const Row& r : *rows) {
      ExportedItem e;
      e.row = item_row_from(r);
      const ItemRow& it = e.row;
      e.body_code = r.get_text(18);
      e.column_path = r.get_opt_text(19);
      e.superseded_by_index = r.get_opt_text(20);
      e.interprets_index = r.get_opt_text(21);
      e.interpretation_forms = decode_forms(r.get_text(22));
      e.channels = std::move(channels[it.id]);
      e.attachments = std::move(attachments[it.id]);
      GK_RETURN_IF_ERROR(fn(e));
    }
  }
}

}  // namespace gongkai::store
