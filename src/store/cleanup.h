// Repository of normative-document clean-up campaigns (规范性文件清理) and their per-document decisions.
#pragma once

#include <string>

#include "store/database.h"

namespace gongkai::store {

Result<int64_t> insert_cleanup_campaign(Connection& conn, int64_t body_id, const std::string& name,
                                        const std::string& cutoff_date, const std::string& decided_on);
// decision: valid | amended | repealed. kConflict if the item already has a decision in this campaign.
Status insert_cleanup_decision(Connection& conn, int64_t campaign_id, int64_t item_id, const std::string& decision,
                               const std::string& note);

struct ItemValidity {
  int64_t id = 0;
  std::optional<std::string> validity;
  std::string publish_date;
};
// The current validity of an item, or nullopt if there is no such item.
Result<std::optional<ItemValidity>> find_item_validity(Connection& conn, int64_t item_id);

}  // namespace gongkai::store
