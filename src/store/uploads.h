// Repository of uploaded attachments: the attachment rows of one item and adding one at the end.
// Blob rows themselves go through store/items (insert_blob_if_absent), shared with the import.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct AttachmentRow {
  int position = 0;
  std::string file_name;
  std::string sha256;
  std::string mime_type;
  int64_t size_bytes = 0;
};

// The attachments of `item_id` in position order (empty for an unknown item).
Result<std::vector<AttachmentRow>> list_item_attachments(Connection& conn, int64_t item_id);

// Appends an attachment after the item's last one and returns its position (0 for the first). The blob row must
// exist. Marks the site changed. Run inside a write transaction.
Result<int> append_item_attachment(Connection& conn, int64_t item_id, const std::string& file_name,
                                   const std::string& sha256);

}  // namespace gongkai::store
