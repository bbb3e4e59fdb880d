// Publication dates as they are written on Chinese government pages: 2026-11-28, 2026年11月28日, 2026/11/28,
// 2026.11.28, with or without leading zeros (and 2026-11-28 10:30). Used by the crawler to read column listings.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace gongkai::domain {

// Every real calendar date (years 1990-2199) written in `text`, in order of appearance. A candidate must not
// be glued to further digits (so 120261128 and 2026-11-289 are no dates) and must be a real day (2021-02-30 is
// skipped). Mixed separators (2026-11/28) are not dates.
std::vector<Date> find_dates(std::string_view text);

// The latest date in `text`, or nullopt if there is none.
std::optional<Date> latest_date(std::string_view text);

}  // namespace gongkai::domain
