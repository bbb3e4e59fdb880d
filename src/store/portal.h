// Read-side queries of the public portal: listings with paging, one item with everything its page shows, the
// 公开目录 catalog, and the policy-document library. All SQL for the portal's reads lives here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/bodies.h"
#include "store/items.h"

namespace gongkai::store {

// One line of a listing.
struct ItemSummary {
  int64_t id = 0;
  std::string title;
  std::string publish_date;
  std::optional<std::string> doc_number;
  std::string index_number;
  std::string body_code, body_name;
  std::optional<std::string> validity;
  std::string kind;
  std::string excerpt;  // first characters of the content (catalog 内容概述); empty unless asked for
};

struct Page {
  std::vector<ItemSummary> items;
  int64_t total = 0;
};

// Published items of one column, newest first.
Result<Page> list_column_items(Connection& conn, int64_t column_id, int offset, int limit);
// Published items of a body (and optionally the bodies below it) whose column path is `column_path` or below it,
// newest first. An empty path means all columns.
Result<Page> list_body_items(Connection& conn, int64_t body_id, bool include_children, const std::string& column_path,
                             int offset, int limit);

struct CatalogFilter {
  std::optional<int64_t> body_id;  // the body and all below it
  std::optional<int> year;
};
// 公开目录 (条例 Art. 12): 索引, 名称, 内容概述, 生成日期 of published items, newest first; excerpt filled.
Result<Page> catalog(Connection& conn, const CatalogFilter& filter, int offset, int limit);

struct PolicyFilter {
  std::optional<int64_t> body_id;           // the body and all below it
  std::optional<int> year;                  // year of 成文日期 (or publication when absent)
  std::string doc_number_prefix;            // e.g. 示政发
  std::string subject;                      // substring of 主题分类
  std::string validity;                     // 有效 修订后有效 失效 废止
  std::string kind;                         // document | normative; empty = both
};
// The policy-document library: documents and normative documents, newest first.
Result<Page> policy_documents(Connection& conn, const PolicyFilter& filter, int offset, int limit);

struct ItemDetail {
  ItemRow row;
  std::string body_code, body_name;
  std::optional<int64_t> column_id;
  std::string column_name, column_path;
  std::vector<std::string> channels;
  struct Attachment {
    std::string file_name, sha256, mime_type;
    int64_t size_bytes = 0;
  };
  std::vector<Attachment> attachments;
  std::optional<ItemSummary> successor;           // the document that amended / repealed this one
  std::vector<ItemSummary> superseded;            // documents this one amended / repealed
  // A document: its published interpretations with their forms (codes). An interpretation: the document it
  // explains (the two directions of 政策解读 linking).
  struct Interpretation {
    ItemSummary item;
    std::vector<std::string> forms;
  };
  std::vector<Interpretation> interpretations;
  std::optional<ItemSummary> interpreted_document;
  std::vector<std::string> interpretation_forms;  // this interpretation's own forms
};
// The item with `id` in any status (the caller decides what a withdrawn or draft item shows), or nullopt.
Result<std::optional<ItemDetail>> item_detail(Connection& conn, int64_t id);

// The attachment (file name, mime type) stored under `sha256` for some item, or nullopt.
Result<std::optional<ItemDetail::Attachment>> find_attachment(Connection& conn, const std::string& sha256);

// The distinct years that have published policy documents, newest first (filter choices).
Result<std::vector<int>> policy_years(Connection& conn);

// For sitemap.xml: ids and publish dates of published items, newest first, at most `limit`.
Result<std::vector<std::pair<int64_t, std::string>>> recent_item_ids(Connection& conn, int limit);

}  // namespace gongkai::store
