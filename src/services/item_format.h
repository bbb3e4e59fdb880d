// The item interchange format of spec/contracts.md ("Item import"): one JSON object per line, or CSV with the same
// column names. Used by `import items` and `export items`, so the two are each other's inverse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/item.h"

namespace gongkai::services {

// The columns, in the order export writes them (CSV header).
const std::vector<std::string>& item_columns();

// Reads one JSON object. Field-shape problems (wrong JSON types, unknown fields) are appended to `errors`;
// vocabulary and date checks are domain::validate_item's.
domain::ItemRecord item_from_json(const nlohmann::json& object, std::vector<domain::FieldError>& errors);
nlohmann::ordered_json item_to_json(const domain::ItemRecord& item);

// Reads one CSV record given the header. Lists (channels, attachments) are separated by ';' (also ',' '|' '、');
// booleans are true/false, 1/0, yes/no, 是/否; an empty cell is an absent field.
domain::ItemRecord item_from_csv(const std::vector<std::string>& header, const std::vector<std::string>& fields,
                                 std::vector<domain::FieldError>& errors);
std::vector<std::string> item_to_csv(const domain::ItemRecord& item);

// Problems with a CSV header: unknown or repeated column names, missing required columns.
std::vector<domain::FieldError> check_csv_header(const std::vector<std::string>& header);

}  // namespace gongkai::services
