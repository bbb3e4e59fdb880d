// An information item (政府信息) as it crosses gongkai's edges: the record of the import/export format
// (spec/contracts.md, "Item import"), with the checks that need no database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongkai::domain {

struct ItemRecord {
  std::string title;                          // required
  std::string body;                           // required: body code
  std::string publish_date;                   // required: 发布日期 YYYY-MM-DD
  std::string content;                        // text or HTML
  std::optional<std::string> doc_number;      // 文号
  std::optional<std::string> written_date;    // 成文日期
  std::optional<std::string> column;          // column path
  std::optional<std::string> subject;         // 主题分类
  std::string kind = "news";
  std::optional<std::string> validity;        // 有效 修订后有效 失效 废止
  std::optional<std::string> validity_date;   // when the current validity took effect (extension)
  std::optional<std::string> superseded_by;   // index number of the superseding document (extension)
  std::vector<std::string> channels;          // empty means {"portal"}
  bool key_area = false;
  bool emergency = false;
  std::optional<std::string> index_number;    // 索引号; generated when absent
  std::optional<std::string> source_url;
  std::vector<std::string> attachments;       // paths relative to the import file
  // Kind interpretation only: the index number of the document it explains (linked both ways on the portal),
  // and its forms (codes of domain::interpretation_forms(): text, audio, video, graphic, media).
  std::optional<std::string> interprets;
  std::vector<std::string> interpretation_forms;
  // The kind's own fields (domain/kind_fields.h: a survey's topic and period, a handling result's number and
  // category, …), by field code. Empty values are not kept.
  std::map<std::string, std::string> facts;
};

struct FieldError {
  std::string field;
  std::string message;
};

// Limits of one item (bytes of UTF-8).
inline constexpr size_t kMaxTitleBytes = 1000;
inline constexpr size_t kMaxContentBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxShortFieldBytes = 200;

// Every problem of `item` that can be seen without a database: required fields, date formats and order,
// vocabularies, lengths, control characters. Empty when the record is well-formed.
std::vector<FieldError> validate_item(const ItemRecord& item);

// The channels an item is published on: its own list, or {"portal"} when it names none.
std::vector<std::string> effective_channels(const ItemRecord& item);

}  // namespace gongkai::domain
