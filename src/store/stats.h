// Yearly activity figures read from the records (the `stats` command, section 一 of the annual report).
#pragma once

#include <map>
#include <string>

#include "store/database.h"

namespace gongkai::store {

// Counts of one calendar year for a body, or for it and every body below it. Keys are those of spec/contracts.md
// that the records hold; see services/stats.h for what each means.
Result<std::map<std::string, int64_t>> yearly_item_figures(Connection& conn, int64_t body_id, bool include_children,
                                                           int year);

}  // namespace gongkai::store
