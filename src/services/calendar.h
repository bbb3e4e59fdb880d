// The working-day calendar a command should count with: the installation's own (an administrator may load new
// years into it) when there is an installation, otherwise the official calendar compiled into the binary.
#pragma once

#include <string>

#include "domain/calendar.h"
#include "services/installation.h"

namespace gongkai::services {

struct CalendarChoice {
  domain::WorkCalendar calendar;
  bool from_installation = false;  // false: the embedded data/holidays-cn.txt
  std::string source;              // for people: the database it came from, or "embedded holidays-cn.txt"
};

// The calendar of the installation at `options` when one exists there; the embedded official calendar when
// there is none (Installation::open reports kNotFound). Fails with the installation's status for any other
// trouble (a broken database is not silently replaced by the embedded calendar).
Result<CalendarChoice> working_calendar(const InstallationOptions& options);

// The embedded official calendar alone.
Result<domain::WorkCalendar> embedded_calendar();

}  // namespace gongkai::services
