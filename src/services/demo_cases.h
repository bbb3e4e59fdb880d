// The demo county's disclosure-on-application cases: the seed report's 23 applications of 2020 (11 online,
// 8 in person, 4 by mail; 3 to the county government and its office), all answered within 2020, and open cases
// of the current year in every stage with their events.
#pragma once

#include <string>

#include "domain/calendar.h"
#include "domain/date.h"
#include "store/database.h"

namespace gongkai::services {

struct DemoCaseReport {
  int cases_2020 = 0;
  int cases_current = 0;
};

// Writes the cases through CaseDesk on `conn`, which must be in a write transaction, with the ID key of
// `data_dir`. Deterministic apart from the random query codes and encryption nonces. Current-year cases are
// dated up to `today` (none when today is in 2020).
Result<DemoCaseReport> add_demo_cases(store::Connection& conn, const std::string& data_dir,
                                      const domain::WorkCalendar& calendar, domain::Date today);

}  // namespace gongkai::services
