// SQL of the uploaded attachments (see uploads.h).
#include "store/uploads.h"

#include "store/items.h"

namespace gongkai::store {

Result<std::vector<AttachmentRow>> list_item_attachments(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT a.position, a.file_name, a.sha256, b.mime_type, b.size_bytes FROM item_attachments a "
      "JOIN blobs b ON b.sha256 = a.sha256 WHERE a.item_id = ? ORDER BY a.position",
      {item_id});
  if (!rows) return rows.status();
  std::vector<AttachmentRow> out;
  for (const Row& r : *rows) {
    out.push_back({static_cast<int>(r.get_int(0)), r.get_text(1), r.get_text(2), r.get_text(3), r.get_int(4)});
  }
  return out;
}

Result<int> append_item_attachment(Connection& conn, int64_t item_id, const std::string& file_name,
                                   const std::string& sha256) {
  Result<int64_t> next =
      conn.query_int("SELECT COALESCE(MAX(position) + 1, 0) FROM item_attachments WHERE item_id = ?", {item_id});
  if (!next) return next.status();
  const int position = static_cast<int>(*next);
  GK_RETURN_IF_ERROR(insert_item_attachment(conn, item_id, position, file_name, sha256));
  return position;
}

}  // namespace gongkai::store
