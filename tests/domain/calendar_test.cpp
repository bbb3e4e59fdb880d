// Tests of the holiday calendar: parsing the official file and working-day lookups across its hard cases.
#include "domain/calendar.h"

#include <gtest/gtest.h>

#include "common/embedded.h"

namespace gongkai::domain {
namespace {

WorkCalendar official() {
  Result<std::vector<CalendarEntry>> entries = parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt");
  EXPECT_TRUE(entries.is_ok()) << entries.status().message();
  return WorkCalendar(*entries);
}

TEST(CalendarTest, OfficialCalendarLoadsEveryYear2020To2026) {
  WorkCalendar cal = official();
  for (int year = 2020; year <= 2026; ++year) EXPECT_TRUE(cal.year_loaded(year)) << year;
  EXPECT_FALSE(cal.year_loaded(2027));
}

TEST(CalendarTest, WorkingDays) {
  struct Case {
    const char* day;
    bool working;
    const char* why;
  };
  const Case cases[] = {
      {"2020-01-19", true, "Sunday make-up workday before Spring Festival"},
      {"2020-01-31", false, "Spring Festival extended (国办发明电〔2020〕1号)"},
      {"2020-02-01", false, "make-up Saturday cancelled by the extension"},
      {"2020-02-03", true, "first working day after the extension"},
      {"2020-04-26", true, "Sunday make-up workday for Labour Day"},
      {"2020-10-08", false, "National Day / Mid-Autumn"},
      {"2020-10-10", true, "Saturday make-up workday"},
      {"2024-02-09", true, "除夕 2024 (a Friday) is not an official holiday"},
      {"2024-02-04", true, "Sunday make-up workday"},
      {"2024-02-12", false, "Spring Festival"},
      {"2026-11-27", true, "ordinary Friday"},
      {"2026-11-28", false, "ordinary Saturday"},
  };
  WorkCalendar cal = official();
  for (const Case& c : cases) EXPECT_EQ(cal.is_working_day(*Date::parse(c.day)), c.working) << c.day << ": " << c.why;
}

TEST(CalendarTest, RefusesBadLines) {
  struct Case {
    const char* text;
    const char* message_part;
  };
  const Case cases[] = {
      {"2021-02-30 holiday 春节\n", "not a valid date"},
      {"2021-02-10 vacation 春节\n", "holiday or workday"},
      {"2021-02-10 holiday\n", "missing the holiday name"},
      {"2021-02-10 workday 春节\n", "only a weekend day"},
      {"2021-02-11 holiday 春节\n2021-02-11 holiday 春节\n", "listed twice"},
  };
  for (const Case& c : cases) {
    Result<std::vector<CalendarEntry>> r = parse_calendar(c.text, "cal.txt");
    ASSERT_FALSE(r.is_ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().message();
    EXPECT_EQ(r.status().message().rfind("cal.txt:", 0), 0u) << r.status().message();
  }
}

}  // namespace
}  // namespace gongkai::domain
