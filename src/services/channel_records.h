// Channel records of published items (发布渠道记录): on which of the four channels of the annual report
// (一（一）: portal, disclosure site, Weibo, WeChat) an item went out, with the link and date there. The
// records are the rows the per-channel counts of `gongkai stats` count (items_portal, items_weibo, …). A
// draft's channels are chosen on its form; once published, staff record and remove channels here, each change
// audited.
//
// Scope and permission as Publishing: kNotFound for an item outside the user's scope (guessed ids reveal
// nothing), a permission denial without item.publish on the item's body.
//
// Thread safety: const methods, callable from many threads at once, each with its own connection (not inside
// a transaction: each operation runs its own).
#pragma once

#include <string>
#include <vector>

#include "services/publishing.h"
#include "store/channel_records.h"

namespace gongkai::services {

class ChannelRecords {
 public:
  explicit ChannelRecords(Clock clock = system_clock());

  // Records that item `item_id` went out on `record.channel` (replacing the link and date of a channel
  // already recorded). kInvalid with a message in 简体中文 for an unknown channel, a link that is not an
  // http(s) address of at most 2000 bytes, or a date that is not YYYY-MM-DD or lies before the item's publish
  // date; kConflict for a draft (its channels are on its form). Appends an "item.channel" audit entry with
  // before/after.
  Status record(store::Connection& conn, const Publishing& publishing, const User& user, int64_t item_id,
                const store::ChannelRecord& record, const std::string& remote_addr) const;
  // Removes the record of `channel`. kNotFound when the item has no such record; kConflict for a draft or for
  // the item's last channel (a published item went out somewhere). Appends an "item.channel_remove" entry.
  Status remove(store::Connection& conn, const Publishing& publishing, const User& user, int64_t item_id,
                const std::string& channel, const std::string& remote_addr) const;

 private:
  Clock clock_;
};

}  // namespace gongkai::services
