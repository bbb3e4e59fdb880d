// Item facts: one row per (item, field).
#include "store/item_facts.h"

namespace gongkai::store {

Status replace_item_facts(Connection& conn, int64_t item_id,
                          const std::map<std::string, std::string>& facts) {
  conn.mark_site_changed();
  GK_RETURN_IF_ERROR(conn.exec("DELETE FROM item_facts WHERE item_id = ?", {item_id}));
  for (const auto& [field, value] : facts) {
    if (value.empty()) continue;
    GK_RETURN_IF_ERROR(conn.exec("INSERT INTO item_facts (item_id, field, value) VALUES (?, ?, ?)",
                                 {item_id, field, value}));
  }
  return Status::ok();
}

Result<std::map<std::string, std::string>> item_facts(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query("SELECT field, value FROM item_facts WHERE item_id = ?", {item_id});
  if (!rows) return rows.status();
  std::map<std::string, std::string> out;
  for (const Row& r : *rows) out[r.get_text(0)] = r.get_text(1);
  return out;
}

}  // namespace gongkai::store
