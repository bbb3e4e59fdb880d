// Repository of information items: rows, channels, attachments, validity history, index serials and the search
// outbox. All SQL for items lives here; callers hold the transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct ItemRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::optional<int64_t> column_id;
  std::string index_number, title, content;
  std::optional<std::string> doc_number, written_date;
  std::string publish_date;
  std::optional<std::string> subject;
  std::string kind;
  std::optional<std::string> validity, validity_changed_on;
  std::optional<int64_t> superseded_by;
  bool key_area = false, emergency = false;
  std::optional<std::string> source_url;
  std::string status = "published";
};

// The item columns in the order every item query selects them (the first 18 columns of its row), and the reader
// of those columns. Shared by the export and the portal queries so the two never drift apart.
inline constexpr const char* kItemColumns =
    "i.id, i.body_id, i.column_id, i.index_number, i.title, i.content, i.doc_number, i.written_date, "
    "i.publish_date, i.subject, i.kind, i.validity, i.validity_changed_on, i.superseded_by, i.key_area, "
    "i.emergency, i.source_url, i.status";
inline constexpr size_t kItemColumnCount = 18;
ItemRow item_row_from(const Row& r);

// Inserts `item` (id ignored) and returns its id; kConflict if the index number is taken. Also queues the item
// for the search index (search_outbox) in the same transaction.
Result<int64_t> insert_item(Connection& conn, const ItemRow& item, const std::string& now);
Status insert_item_channel(Connection& conn, int64_t item_id, const std::string& channel,
                           const std::string& published_on);
Status insert_blob_if_absent(Connection& conn, const std::string& sha256, int64_t size_bytes,
                             const std::string& mime_type, const std::string& now);
Status insert_item_attachment(Connection& conn, int64_t item_id, int position, const std::string& file_name,
                              const std::string& sha256);
// Records a validity change (history row); does not change items.validity.
Status insert_validity_event(Connection& conn, int64_t item_id, const std::optional<std::string>& from,
                             const std::string& to, const std::string& effective_on,
                             std::optional<int64_t> superseded_by, const std::string& reason, const std::string& now);
// Sets the current validity, its date and successor of an item, and queues it for the search index.
Status update_item_validity(Connection& conn, int64_t item_id, const std::string& validity,
                            const std::string& effective_on, std::optional<int64_t> superseded_by);

// Links `successor_id` as the document that supersedes `item_id` (on the item and its validity history).
Status set_item_successor(Connection& conn, int64_t item_id, int64_t successor_id);

// Links interpretation `interpretation_id` to the document it explains, with its forms (codes, e.g. text,
// video); replaces an earlier link of the same interpretation. kConflict if either item does not exist.
Status link_interpretation(Connection& conn, int64_t interpretation_id, int64_t document_id,
                           const std::vector<std::string>& forms);
// The stored form of a forms list (",text,video,") and back.
std::string encode_forms(const std::vector<std::string>& forms);
std::vector<std::string> decode_forms(const std::string& stored);

// The site version (migration 005): raised by every committed transaction that changed published content.
Result<int64_t> site_version(Connection& conn);

// The id of the item with `index_number`, or nullopt.
Result<std::optional<int64_t>> find_item_id(Connection& conn, const std::string& index_number);

// Allocates the next serial of (body, year): reads and raises the high-water mark. Needs a write transaction.
Result<int> next_index_serial(Connection& conn, int64_t body_id, int year);
// Raises the high-water mark of (body, year) to at least `serial` (for imported index numbers).
Status raise_index_serial(Connection& conn, int64_t body_id, int year, int serial);

struct ItemFilter {
  std::optional<int64_t> body_id;
  bool include_children = false;
  std::optional<int> year;
};

// A full item with everything the export format carries.
struct ExportedItem {
  ItemRow row;
  std::string body_code;
  std::optional<std::string> column_path;
  std::optional<std::string> superseded_by_index;
  std::optional<std::string> interprets_index;      // interpretations: the document explained
  std::vector<std::string> interpretation_forms;
  std::vector<std::string> channels;
  struct Attachment {
    std::string file_name, sha256;
  };
  std::vector<Attachment> attachments;
};

// Calls `fn` for each item matching `filter`, ordered by id, reading in pages of `page_size`.
// Stops early and returns fn's status if it fails.
Status for_each_item(Connection& conn, const ItemFilter& filter,
                     const std::function<Status(const ExportedItem&)>& fn, int page_size = 2000);

// Number of items matching `filter`.
Result<int64_t> count_items(Connection& conn, const ItemFilter& filter);

}  // namespace gongkai::store
