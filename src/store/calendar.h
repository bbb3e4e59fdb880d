// Repository of the holiday calendar (calendar_days, calendar_years).
#pragma once

#include <vector>

#include "domain/calendar.h"
#include "store/database.h"

namespace gongkai::store {

// Replaces the stored entries of every year present in `entries` and marks those years loaded.
Status replace_calendar_years(Connection& conn, const std::vector<domain::CalendarEntry>& entries);
// How many calendar years are loaded.
Result<int64_t> count_calendar_years(Connection& conn);
// All stored entries and loaded years.
Result<domain::WorkCalendar> load_calendar(Connection& conn);

}  // namespace gongkai::store
