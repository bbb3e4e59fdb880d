// Channel records: rows of item_channels.
#include "store/channel_records.h"

namespace gongkai::store {

Result<std::vector<ChannelRecord>> list_channel_records(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT channel, url, published_on FROM item_channels WHERE item_id = ? ORDER BY CASE channel "
      "WHEN 'portal' THEN 1 WHEN 'disclosure_site' THEN 2 WHEN 'weibo' THEN 3 ELSE 4 END",
      {item_id});
  if (!rows) return rows.status();
  std::vector<ChannelRecord> out;
  for (const Row& r : *rows) out.push_back({r.get_text(0), r.get_opt_text(1), r.get_opt_text(2)});
  return out;
}

Status upsert_channel_record(Connection& conn, int64_t item_id, const ChannelRecord& record) {
  return conn.exec(
      "INSERT INTO item_channels (item_id, channel, url, published_on) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (item_id, channel) DO UPDATE SET url = excluded.url, published_on = excluded.published_on",
      {item_id, record.channel, opt(record.url), opt(record.published_on)});
}

Result<bool> delete_channel_record(Connection& conn, int64_t item_id, const std::string& channel) {
  Result<Rows> rows = conn.query(
      "DELETE FROM item_channels WHERE item_id = ? AND channel = ? RETURNING channel", {item_id, channel});
  if (!rows) return rows.status();
  return !rows->empty();
}

}  // namespace gongkai::store
