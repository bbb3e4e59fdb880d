// Item validation rules.
#include "domain/item.h"

#include <set>

#include "domain/date.h"
#include "domain/kind_fields.h"
#include "domain/validity.h"
#include "domain/vocabulary.h"

namespace gongkai::domain {
namespace {

bool has_control_char(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string shown(const std::string& s) {
  if (s.size() <= 60) return "'" + s + "'";
  return "'" + s.substr(0, 60) + "…'";
}

void check_short(std::vector<FieldError>& errors, const char* field, const std::optional<std::string>& value) {
  if (!value) return;
  if (value->size() > kMaxShortFieldBytes) {
    errors.push_back({field, "longer than " + std::to_string(kMaxShortFieldBytes) + " bytes"});
  } else if (has_control_char(*value)) {
    errors.push_back({field, "contains a control character"});
  }
}

}  // namespace

std::vector<FieldError> validate_item(const ItemRecord& item) {
  std::vector<FieldError> errors;
  if (item.title.empty()) {
    errors.push_back({"title", "is required"});
  } else if (item.title.size() > kMaxTitleBytes) {
    errors.push_back({"title", "longer than " + std::to_string(kMaxTitleBytes) + " bytes"});
  } else if (has_control_char(item.title)) {
    errors.push_back({"title", "contains a control character (line break or tab)"});
  }
  if (item.body.empty()) errors.push_back({"body", "is required (a body code)"});
  if (item.content.size() > kMaxContentBytes) {
    errors.push_back({"content", "is " + std::to_string(item.content.size()) + " bytes, over the limit of " +
                                     std::to_string(kMaxContentBytes)});
  }

  std::optional<Date> published;
  if (item.publish_date.empty()) {
    errors.push_back({"publish_date", "is required (YYYY-MM-DD)"});
  } else if (!(published = Date::parse(item.publish_date))) {
    errors.push_back({"publish_date", shown(item.publish_date) + " is not a valid date (YYYY-MM-DD)"});
  }
  std::optional<Date> written;
  if (item.written_date && !(written = Date::parse(*item.written_date))) {
    errors.push_back({"written_date", shown(*item.written_date) + " is not a valid date (YYYY-MM-DD)"});
  }
  if (published && written && *written > *published) {
    errors.push_back({"written_date", *item.written_date + " is after publish_date " + item.publish_date});
  }

  if (!find_term(item_kinds(), item.kind)) {
    errors.push_back({"kind", shown(item.kind) + " is not a known kind (" + list_codes(item_kinds()) + ")"});
  }
  if (item.validity && !is_validity(*item.validity)) {
    errors.push_back({"validity", shown(*item.validity) + " is not one of 有效, 修订后有效, 失效, 废止"});
  }
  if (item.validity_date) {
    std::optional<Date> d = Date::parse(*item.validity_date);
    if (!d) {
      errors.push_back({"validity_date", shown(*item.validity_date) + " is not a valid date (YYYY-MM-DD)"});
    } else if (!item.validity) {
      errors.push_back({"validity_date", "given without validity"});
    } else if (published && *d < *published) {
      errors.push_back({"validity_date", *item.validity_date + " is before publish_date " + item.publish_date});
    }
  }
  if (item.superseded_by && !item.validity) errors.push_back({"superseded_by", "given without validity"});
  if (item.superseded_by && item.index_number && *item.superseded_by == *item.index_number) {
    errors.push_back({"superseded_by", "names the item itself"});
  }
  if (item.content.find('\0') != std::string::npos) errors.push_back({"content", "contains a NUL character"});
  if (item.column) {
    const std::string& path = *item.column;
    if (path.empty() || path.front() == '/' || path.back() == '/' || path.find("//") != std::string::npos) {
      errors.push_back({"column", shown(path) + " is not a column path (names separated by single '/')"});
    }
  }
  if (item.validity == "修订后有效" && !item.superseded_by) {
    errors.push_back({"superseded_by", "is required for 修订后有效 (the index number of the amending document)"});
  }

  std::set<std::string> seen;
  for (const std::string& ch : item.channels) {
    if (!find_term(channels(), ch)) {
      errors.push_back({"channels", shown(ch) + " is not a channel (" + list_codes(channels()) + ")"});
    } else if (!seen.insert(ch).second) {
      errors.push_back({"channels", ch + " is listed twice"});
    }
  }
  if (item.interprets && item.kind != "interpretation") {
    errors.push_back({"interprets", "is only for kind interpretation (this item is " + shown(item.kind) + ")"});
  }
  if (item.interprets && item.index_number && *item.interprets == *item.index_number) {
    errors.push_back({"interprets", "names the item itself"});
  }
  if (!item.interpretation_forms.empty() && item.kind != "interpretation") {
    errors.push_back({"interpretation_forms", "is only for kind interpretation"});
  }
  std::set<std::string> seen_forms;
  for (const std::string& form : item.interpretation_forms) {
    if (!find_term(interpretation_forms(), form)) {
      errors.push_back({"interpretation_forms", shown(form) + " is not a form (" +
                                                    list_codes(interpretation_forms()) + ")"});
    } else if (!seen_forms.insert(form).second) {
      errors.push_back({"interpretation_forms", form + " is listed twice"});
    }
  }
  check_short(errors, "doc_number", item.doc_number);
  check_short(errors, "interprets", item.interprets);
  check_short(errors, "subject", item.subject);
  check_short(errors, "column", item.column);
  check_short(errors, "index_number", item.index_number);
  if (item.index_number && item.index_number->empty()) errors.push_back({"index_number", "is empty"});
  for (FieldError& e : validate_facts(item.kind, item.facts, /*require_all=*/false))
    errors.push_back(std::move(e));
  if (item.source_url && item.source_url->size() > 2000) errors.push_back({"source_url", "longer than 2000 bytes"});
  for (const std::string& path : item.attachments) {
    if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos) {
      errors.push_back({"attachments", shown(path) + " must be a path inside the import file's folder"});
    }
  }
  return errors;
}

std::vector<std::string> effective_channels(const ItemRecord& item) {
  if (item.channels.empty()) return {"portal"};
  return item.channels;
}

}  // namespace gongkai::domain
