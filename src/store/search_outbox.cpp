// Search outbox and index-source queries: SQL.
#include "store/search_outbox.h"

#include <algorithm>

namespace gongkai::store {
namespace {

// Parameters per statement for id lists (well under SQLite's and PostgreSQL's limits).
constexpr size_t kMaxIdsPerStatement = 500;

constexpr const char* kSearchItemColumns =
    "SELECT i.id, i.title, i.content, i.doc_number, i.publish_date, i.kind, i.validity, i.status, b.code, "
    "b.name "
    "FROM items i JOIN bodies b ON b.id = i.body_id ";

SearchItemRow search_item_from(const Row& r) {
  SearchItemRow it;
  it.id = r.get_int(0);
  it.title = r.get_text(1);
  it.content = r.get_text(2);
  it.doc_number = r.get_opt_text(3);
  it.publish_date = r.get_text(4);
  it.kind = r.get_text(5);
  it.validity = r.get_opt_text(6);
  it.status = r.get_text(7);
  it.body_code = r.get_text(8);
  it.body_name = r.get_text(9);
  return it;
}

// "?, ?, ?" with `n` placeholders.
std::string placeholders(size_t n) {
  std::string out;
  for (size_t idx = 0; idx < n; ++idx) out += idx == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Status queue_search_update(Connection& conn, int64_t item_id, const std::string& now) {
  return conn.exec("INSERT INTO search_outbox (item_id, created_at) VALUES (?, ?)", {item_id, now});
}

Result<std::vector<OutboxRow>> read_search_outbox(Connection& conn, int64_t after_id, int64_t up_to_id,
                                                  int limit) {
  Result<Rows> rows =
      conn.query("SELECT id, item_id FROM search_outbox WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                 {after_id, up_to_id, int64_t{limit}});
  if (!rows) return rows.status();
  std::vector<OutboxRow> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back({r.get_int(0), r.get_int(1)});
  return out;
}

Result<int64_t> max_search_outbox_id(Connection& conn) {
  return conn.query_int("SELECT COALESCE(MAX(id), 0) FROM search_outbox");
}

Result<int64_t> count_search_outbox(Connection& conn) {
  return conn.query_int("SELECT COUNT(*) FROM search_outbox");
}

Status delete_search_outbox_rows(Connection& conn, std::span<const int64_t> ids) {
  std::vector<int64_t> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  // Consecutive ids become one BETWEEN (a drained outbox is mostly consecutive); each condition has two
  // parameters, so a statement holds at most kMaxIdsPerStatement / 2 of them.
  std::string where;
  std::vector<Value> params;
  auto flush = [&]() -> Status {
    if (params.empty()) return Status::ok();
    Status s = conn.exec("DELETE FROM search_outbox WHERE " + where, params);
    where.clear();
    params.clear();
    return s;
  };
  for (size_t run_begin = 0; run_begin < sorted.size();) {
    size_t run_end = run_begin + 1;
    while (run_end < sorted.size() && sorted[run_end] == sorted[run_end - 1] + 1) ++run_end;
    if (!where.empty()) where += " OR ";
    where += "id BETWEEN ? AND ?";
    params.push_back(sorted[run_begin]);
    params.push_back(sorted[run_end - 1]);
    if (params.size() >= kMaxIdsPerStatement) GK_RETURN_IF_ERROR(flush());
    run_begin = run_end;
  }
  return flush();
}

Result<std::vector<SearchItemRow>> load_search_items(Connection& conn, std::span<const int64_t> ids) {
  std::vector<int64_t> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<SearchItemRow> out;
  for (size_t chunk_begin = 0; chunk_begin < sorted.size(); chunk_begin += kMaxIdsPerStatement) {
    const size_t n = std::min(kMaxIdsPerStatement, sorted.size() - chunk_begin);
    std::vector<Value> params(sorted.begin() + static_cast<std::ptrdiff_t>(chunk_begin),
                              sorted.begin() + static_cast<std::ptrdiff_t>(chunk_begin + n));
    Result<Rows> rows = conn.query(
        std::string(kSearchItemColumns) + "WHERE i.id IN (" + placeholders(n) + ") ORDER BY i.id", params);
    if (!rows) return rows.status();
    for (const Row& r : *rows) out.push_back(search_item_from(r));
  }
  return out;
}

Status for_each_published_search_item(Connection& conn, const std::function<Status(const SearchItemRow&)>& fn,
                                      int page_size) {
  const std::string sql =
      std::string(kSearchItemColumns) + "WHERE i.status = 'published' AND i.id > ? ORDER BY i.id LIMIT ?";
  int64_t after = 0;
  for (;;) {
    Result<Rows> rows = conn.query(sql, {after, int64_t{page_size}});
    if (!rows) return rows.status();
    if (rows->empty()) return Status::ok();
    for (const Row& r : *rows) {
      const SearchItemRow item = search_item_from(r);
      after = item.id;
      GK_RETURN_IF_ERROR(fn(item));
    }
  }
}

Result<int64_t> count_published_items(Connection& conn) {
  return conn.query_int("SELECT COUNT(*) FROM items WHERE status = 'published'");
}

}  // namespace gongkai::store
