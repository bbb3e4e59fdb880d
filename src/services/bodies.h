// Bodies (机构): adding with validation, listing.
#pragma once

#include <string>
#include <vector>

#include "store/bodies.h"

namespace gongkai::services {

struct BodySpec {
  std::string code;
  std::string name;
  std::string type = "department";
  std::string parent_code;    // "" for a root body
  std::string index_prefix;   // "" = the code
  std::string index_pattern;  // "" = {prefix}/{year}-{serial:5}
  std::string address, phone, postcode;
  int64_t sort_order = 0;
};

// Checks `spec` and inserts it. kInvalid for a bad code (letters, digits, '-', '_', '.', 1-64 chars), unknown
// type, bad index pattern, or a missing parent; kConflict if the code exists. Returns the new body's id.
Result<int64_t> add_body(store::Connection& conn, const BodySpec& spec);

}  // namespace gongkai::services
