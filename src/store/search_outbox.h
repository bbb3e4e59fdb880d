// Repository of the search outbox (search_outbox: items whose index entry must be rebuilt, written in the
// same transaction as the change; store::insert_item queues new items) and of the item data the index is
// built from. All SQL for draining and reindexing lives here; it is portable between SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct OutboxRow {
  int64_t id = 0;
  int64_t item_id = 0;
};

// Queues item `item_id` for the index (for changes other than insert_item, which queues on its own).
Status queue_search_update(Connection& conn, int64_t item_id, const std::string& now);

// Up to `limit` outbox rows with after_id < id <= up_to_id, oldest first.
Result<std::vector<OutboxRow>> read_search_outbox(Connection& conn, int64_t after_id, int64_t up_to_id,
                                                  int limit);
// The highest outbox id, 0 when the outbox is empty.
Result<int64_t> max_search_outbox_id(Connection& conn);
// Number of rows in the outbox.
Result<int64_t> count_search_outbox(Connection& conn);
// Deletes exactly the outbox rows `ids` (any order, duplicates allowed); rows queued meanwhile stay.
Status delete_search_outbox_rows(Connection& conn, std::span<const int64_t> ids);

// An item with what the search index needs of it.
struct SearchItemRow {
  int64_t id = 0;
  std::string title, content;
  std::optional<std::string> doc_number;
  std::string publish_date;
  std::string kind;
  std::optional<std::string> validity;
  std::string status;  // draft, published, withdrawn
  std::string body_code, body_name;
};

// The items among `ids` that exist (any status), ordered by id. Missing ids are simply absent.
Result<std::vector<SearchItemRow>> load_search_items(Connection& conn, std::span<const int64_t> ids);

// Calls `fn` for every published item in id order, reading pages of `page_size`. Stops early and returns fn's
// status if it fails.
Status for_each_published_search_item(Connection& conn, const std::function<Status(const SearchItemRow&)>& fn,
                                      int page_size = 1000);
// Number of published items.
Result<int64_t> count_published_items(Connection& conn);

}  // namespace gongkai::store
