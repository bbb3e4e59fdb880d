// Calendar: SQL.
#include "store/calendar.h"

#include <set>

#include "common/clock.h"

namespace gongkai::store {

Status replace_calendar_years(Connection& conn, const std::vector<domain::CalendarEntry>& entries) {
  std::set<int> years;
  for (const auto& e : entries) years.insert(e.day.year());
  const std::string now = utc_now_iso();
  for (int year : years) {
    GK_RETURN_IF_ERROR(conn.exec("DELETE FROM calendar_days WHERE day >= ? AND day < ?",
                                 {std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"}));
    GK_RETURN_IF_ERROR(conn.exec(
        "INSERT INTO calendar_years (year, loaded_at) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET loaded_at = "
        "excluded.loaded_at",
        {int64_t{year}, now}));
  }
  for (const auto& e : entries) {
    GK_RETURN_IF_ERROR(conn.exec("INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)",
                                 {e.day.to_string(), std::string(e.workday ? "workday" : "holiday"), e.name}));
  }
  return Status::ok();
}

Result<int64_t> count_calendar_years(Connection& conn) {
  return conn.query_int("SELECT COUNT(*) FROM calendar_years");
}

Result<domain::WorkCalendar> load_calendar(Connection& conn) {
  Result<Rows> rows = conn.query("SELECT day, kind, name FROM calendar_days ORDER BY day");
  if (!rows) return rows.status();
  std::vector<domain::CalendarEntry> entries;
  for (const Row& r : *rows) {
    std::optional<domain::Date> d = domain::Date::parse(r.get_text(0));
    if (!d) return Status::internal("calendar_days holds an invalid date: " + r.get_text(0));
    entries.push_back({*d, r.get_text(1) == "workday", r.get_text(2)});
  }
  return domain::WorkCalendar(entries);
}

}  // namespace gongkai::store
