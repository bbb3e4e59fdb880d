// The fields of the decision-making openness item kinds (决策公开, seed 一（二））: what a 民意调查, a
// 常务会议 release, an NPC suggestion / CPPCC proposal handling result, a 新闻发布会 or an 在线访谈 records
// beyond the common item fields. One table drives the staff form, validation, the item pages and the import
// format's `facts`.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.h"
#include "domain/vocabulary.h"

namespace gongkai::domain {

enum class FactType {
  kText,      // one line, up to kMaxShortFieldBytes
  kLongText,  // several lines, up to kMaxFactTextBytes
  kDate,      // YYYY-MM-DD
  kCount,     // a whole number 0..10,000,000
  kChoice,    // one of `choices` (codes)
};

inline constexpr size_t kMaxFactTextBytes = 20000;

struct FactField {
  std::string_view code;   // stored in item_facts.field
  std::string_view label;  // 简体中文, as on the form and the page
  FactType type;
  bool required;          // required on the staff form (imports may leave it out)
  std::string_view hint;  // a line under the form field
  std::span<const Term> choices = {};
};

// The extra fields of `kind` in form order; empty for kinds without any.
std::span<const FactField> kind_fields(std::string_view kind);
// The field `code` of `kind`, or nullptr.
const FactField* find_kind_field(std::string_view kind, std::string_view code);
// Whether `code` is a field of any kind (a CSV column "fact.<code>" names one).
bool is_fact_code(std::string_view code);
// The choice label of `value` for a kChoice field, else `value` itself.
std::string fact_display(const FactField& field, const std::string& value);

// Problems of `facts` for an item of `kind` (field "fact.<code>", message in 简体中文 naming the field):
// unknown fields, bad dates, counts and choices, over-long or control-character text, an end date before a
// start date; with `require_all`, also every required field left empty. Empty values count as absent.
std::vector<FieldError> validate_facts(std::string_view kind, const std::map<std::string, std::string>& facts,
                                       bool require_all);

}  // namespace gongkai::domain
