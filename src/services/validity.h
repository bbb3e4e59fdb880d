// Changing a document's validity (有效性) through its lifecycle, with the history kept (domain/validity.h).
#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace gongkai::services {

struct ValidityUpdate {
  int64_t item_id = 0;
  std::string to;                         // 有效 修订后有效 失效 废止
  std::string effective_on;               // YYYY-MM-DD
  std::optional<int64_t> superseded_by;   // the amending / repealing document
  std::string reason;
};

// Checks the change against the lifecycle rules and records it (current state + history row) in the caller's
// transaction. kInvalid with the rule's reason if it is not allowed; kNotFound for an unknown item.
Status change_validity(store::Connection& conn, const ValidityUpdate& update);

}  // namespace gongkai::services
