// The demo county's supervision records: its 46 new-media accounts (27 of 17 departments, 19 of 19 townships,
// seed 一（五）) plus the county's own, with update records for 2020 and the current year; the 42
// rectification circulars of 2020 (seed 一（六）) with their findings and passed re-checks; the portal
// registered as a monitored site; and problems planted on the portal for `monitor run` to find: a stale column,
// a blank column and a dead link (all dated in the current year, so no 2020 figure moves), one account silent
// for 20 days and one for 10.
#pragma once

#include <string>

#include "domain/calendar.h"
#include "domain/date.h"
#include "store/database.h"

namespace gongkai::services {

struct DemoMonitoringReport {
  int accounts = 0;
  int updates = 0;
  int circulars_2020 = 0;
};

// The planted problems, for tests and docs: rule id and what it is about.
inline constexpr const char* kDemoMonitoringSite = "demo-portal";
inline constexpr const char* kDemoPortalUrl = "http://127.0.0.1:8080/";

// Writes on `conn`, which must be in a write transaction, after the demo's bodies, columns and items exist.
// Deterministic for a given `today` (>= 2020-12-31 for the current-year parts to be planted).
Result<DemoMonitoringReport> add_demo_monitoring(store::Connection& conn, const std::string& attachments_dir,
                                                 const domain::WorkCalendar& calendar, domain::Date today);

}  // namespace gongkai::services
