// Holiday calendar parsing and working-day lookup.
#include "domain/calendar.h"

#include <sstream>

namespace gongkai::domain {

Result<std::vector<CalendarEntry>> parse_calendar(std::string_view text, std::string_view name) {
  std::vector<CalendarEntry> entries;
  std::set<int> seen;
  std::istringstream in{std::string(text)};
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto where = [&](const std::string& what) {
      return Status::invalid(std::string(name) + ":" + std::to_string(line_no) + ": " + what);
    };
    std::istringstream fields(line);
    std::string day, kind, label;
    fields >> day >> kind;
    std::getline(fields >> std::ws, label);
    std::optional<Date> d = Date::parse(day);
    if (!d) return where("'" + day + "' is not a valid date (YYYY-MM-DD)");
    if (kind != "holiday" && kind != "workday") return where("kind must be holiday or workday, not '" + kind + "'");
    if (label.empty()) return where("missing the holiday name");
    const bool weekend = d->iso_weekday() >= 6;
    if (kind == "workday" && !weekend) return where(day + " is a weekday; only a weekend day can be a make-up workday");
    if (!seen.insert(d->days_since_epoch()).second) return where(day + " is listed twice");
    entries.push_back({*d, kind == "workday", label});
  }
  return entries;
}

WorkCalendar::WorkCalendar(const std::vector<CalendarEntry>& entries) {
  for (const CalendarEntry& e : entries) {
    by_day_[e.day.days_since_epoch()] = e;
    years_.insert(e.day.year());
  }
}

const CalendarEntry* WorkCalendar::exception(Date d) const {
  auto it = by_day_.find(d.days_since_epoch());
  return it == by_day_.end() ? nullptr : &it->second;
}

bool WorkCalendar::is_working_day(Date d) const {
  if (const CalendarEntry* e = exception(d)) return e->workday;
  return d.iso_weekday() <= 5;
}

}  // namespace gongkai::domain
