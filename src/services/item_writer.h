// Writes validated item records into the store inside the caller's write transaction: resolves bodies and
// columns, assigns 索引号 serials, stores attachments by content hash, records initial validity and links
// successors. Shared by `import items` and the demo generator so both take one path into the database.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/item.h"
#include "store/bodies.h"
#include "store/database.h"

namespace gongkai::services {

class ItemWriter {
 public:
  // `attachments_dir` is the installation's content-addressed file store.
  ItemWriter(store::Connection& conn, std::string attachments_dir);

  // The body with `code` (cached); nullptr if there is none.
  Result<const store::BodyRow*> body(const std::string& code);
  // The id of the column `path` of `body_id` (cached); nullopt if absent and !create. With create, missing path
  // segments are created with a type guessed from their names.
  Result<std::optional<int64_t>> column(int64_t body_id, const std::string& path, bool create);

  // Marks an explicit index number so that generated serials of its body and year skip past it. Call for every
  // record before the first write().
  Status reserve_index_number(const domain::ItemRecord& record);

  // Inserts `record` (already validated; its body exists). `attachment_files` are readable paths, one per
  // record.attachments entry. `status` is items.status: "published" for imports, "draft" for items drafted in
  // the staff workspace (services/publishing.h). Returns the new id.
  Result<int64_t> write(const domain::ItemRecord& record, const std::vector<std::string>& attachment_files,
                        std::optional<int64_t> column_id, const std::string& status = "published");

  // Resolves the references between written records and existing items: sets superseded_by of every record
  // that named a successor and links every interpretation to the document it `interprets`. kInvalid if a named
  // index number is unknown.
  Status link_references();

 private:
  Result<std::string> store_attachment(const std::string& file);

  store::Connection& conn_;
  std::string attachments_dir_;
  std::string now_;
  std::map<std::string, std::unique_ptr<store::BodyRow>> bodies_;
  std::map<std::pair<int64_t, std::string>, int64_t> columns_;
  std::vector<std::pair<int64_t, std::string>> pending_successors_;  // item id, successor index number
  struct PendingInterpretation {
    int64_t item_id;
    std::string document_index;
    std::vector<std::string> forms;
  };
  std::vector<PendingInterpretation> pending_interpretations_;
};

// A column type guessed from a column name (政策文件 → policy, 通知公告 → notice, ...); "static" if nothing fits.
std::string guess_column_type(const std::string& name);

}  // namespace gongkai::services
