// Repository of channel records: the channels an item went out on (item_channels, migration 001: portal,
// disclosure site, Weibo, WeChat) with the link and date of each. They feed the per-channel counts of
// `stats`. Callers hold the transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct ChannelRecord {
  std::string channel;                      // portal disclosure_site weibo wechat
  std::optional<std::string> url;           // the post or page on that channel
  std::optional<std::string> published_on;  // YYYY-MM-DD
};

// The channel records of `item_id`, in the order of domain::channels().
Result<std::vector<ChannelRecord>> list_channel_records(Connection& conn, int64_t item_id);
// Adds the record of `record.channel`, or replaces its link and date when the item already has it.
Status upsert_channel_record(Connection& conn, int64_t item_id, const ChannelRecord& record);
// Removes the record of `channel`; returns whether there was one.
Result<bool> delete_channel_record(Connection& conn, int64_t item_id, const std::string& channel);

}  // namespace gongkai::store
