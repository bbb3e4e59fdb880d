// Repository of administrative reconsideration and litigation cases about disclosure decisions (migration 007,
// annual report table 四).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct ReviewRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string kind;    // reconsideration, litigation_direct, litigation_after_review
  std::string filed_date;
  std::string result;  // upheld, corrected, other, pending
  std::optional<std::string> closed_date;
  std::optional<int64_t> application_id;
};

// Inserts `row` and returns its id; kConflict when a CHECK refuses it (closed_date with pending, …).
Result<int64_t> insert_review(Connection& conn, const ReviewRow& row);
// Reviews of `body_id` filed in `year`, in filing order.
Result<std::vector<ReviewRow>> list_reviews(Connection& conn, int64_t body_id, int year);

}  // namespace gongkai::store
