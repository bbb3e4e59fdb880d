// Repository of item facts (migration 015): the kind-specific fields of an item (domain/kind_fields.h) as
// (field, value) rows. Callers hold the transaction and validate the values.
#pragma once

#include <map>
#include <string>

#include "store/database.h"

namespace gongkai::store {

// Replaces every fact of `item_id` with `facts` (empty values are skipped); marks the site changed.
Status replace_item_facts(Connection& conn, int64_t item_id, const std::map<std::string, std::string>& facts);
// The facts of `item_id` by field code; empty when it has none.
Result<std::map<std::string, std::string>> item_facts(Connection& conn, int64_t item_id);

}  // namespace gongkai::store
