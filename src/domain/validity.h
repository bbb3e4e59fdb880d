// The validity lifecycle of documents (有效性): 有效 → 修订后有效 → 失效 / 废止. 《政府网站发展指引》
// (国办发〔2017〕47号): when a document is amended, repealed or expires, publish that promptly and mark it on the
// original document's page — so every change carries a date and, where there is one, the successor document.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::domain {

struct ValidityChange {
  std::optional<std::string> from;  // current 有效性; nullopt for an item that never had one
  std::string to;
  Date effective_on;
  Date published_on;         // the document's own publication date
  bool has_successor = false;  // a superseding/amending document is linked
};

// OK if the change is allowed; otherwise an invalid status saying why. Rules (table in validity.cpp):
// 有效 may become 修订后有效, 失效 or 废止; 修订后有效 may be amended again, expire or be repealed; 失效 and 废止 are
// final. 修订后有效 needs the amending document linked. The effective date may not precede publication.
Status check_validity_change(const ValidityChange& change);

// Whether `value` is one of the four labels.
bool is_validity(std::string_view value);

}  // namespace gongkai::domain
