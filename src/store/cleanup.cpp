// Clean-up campaigns: SQL.
#include "store/cleanup.h"

#include "common/clock.h"

namespace gongkai::store {

Result<int64_t> insert_cleanup_campaign(Connection& conn, int64_t body_id, const std::string& name,
                                        const std::string& cutoff_date, const std::string& decided_on) {
  Result<Rows> rows = conn.query(
      "INSERT INTO cleanup_campaigns (body_id, name, cutoff_date, decided_on, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {body_id, name, cutoff_date, decided_on, utc_now_iso()});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Status insert_cleanup_decision(Connection& conn, int64_t campaign_id, int64_t item_id, const std::string& decision,
                               const std::string& note) {
  return conn.exec("INSERT INTO cleanup_decisions (campaign_id, item_id, decision, note) VALUES (?, ?, ?, ?)",
                   {campaign_id, item_id, decision, null_if_empty(note)});
}

Result<std::optional<ItemValidity>> find_item_validity(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query("SELECT id, validity, publish_date FROM items WHERE id = ?", {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ItemValidity>();
  const Row& r = rows->front();
  return std::optional<ItemValidity>(ItemValidity{r.get_int(0), r.get_opt_text(1), r.get_text(2)});
}

}  // namespace gongkai::store
