// Choosing the calendar: the installation's, or the embedded one.
#include "services/calendar.h"

#include "common/embedded.h"
#include "store/calendar.h"

namespace gongkai::services {

Result<domain::WorkCalendar> embedded_calendar() {
  Result<std::vector<domain::CalendarEntry>> entries =
      domain::parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt (embedded)");
  if (!entries) return entries.status();
  return domain::WorkCalendar(*entries);
}

Result<CalendarChoice> working_calendar(const InstallationOptions& options) {
  Result<std::unique_ptr<Installation>> inst = Installation::open(options);
  if (!inst && inst.status().code() == StatusCode::kNotFound) {
    Result<domain::WorkCalendar> official = embedded_calendar();
    if (!official) return official.status();
    return CalendarChoice{std::move(*official), false, "embedded holidays-cn.txt"};
  }
  if (!inst) return inst.status();
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return conn.status();
  Result<domain::WorkCalendar> stored = store::load_calendar(**conn);
  if (!stored) return stored.status();
  return CalendarChoice{std::move(*stored), true, (*inst)->db().describe()};
}

}  // namespace gongkai::services
