// The official working-day calendar (国务院办公厅 holiday notices): which days are working days. A working day
// (工作日) is Monday-Friday not listed as a holiday, plus any Saturday or Sunday listed as a make-up workday
// (调休上班). Years not loaded are unknown: callers must treat dates in them as provisional.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::domain {

struct CalendarEntry {
  Date day;
  bool workday = false;  // true: make-up working day; false: holiday
  std::string name;      // 春节, 国庆节 ...
};

// Parses the text format of data/holidays-cn.txt: "YYYY-MM-DD holiday|workday NAME" per line, '#' comments.
// Fails naming the line for a bad date, an unknown kind, a holiday on a weekend day that is not needed, or a
// duplicate date. Every year that appears counts as loaded.
Result<std::vector<CalendarEntry>> parse_calendar(std::string_view text, std::string_view name);

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(const std::vector<CalendarEntry>& entries);

  bool is_working_day(Date d) const;
  bool year_loaded(int year) const { return years_.count(year) > 0; }
  // The holiday or make-up entry of `d`, or nullptr for an ordinary day.
  const CalendarEntry* exception(Date d) const;
  const std::set<int>& years() const { return years_; }

 private:
  std::map<int, CalendarEntry> by_day_;  // key: days since epoch
  std::set<int> years_;
};

}  // namespace gongkai::domain
