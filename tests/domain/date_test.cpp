// Tests of calendar dates: strict parsing and arithmetic.
#include "domain/date.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(DateTest, ParsesValidDates) {
  struct Case {
    const char* text;
    int y, m, d;
  };
  const Case cases[] = {{"2020-01-01", 2020, 1, 1}, {"2020-02-29", 2020, 2, 29}, {"2000-02-29", 2000, 2, 29},
                        {"2026-12-31", 2026, 12, 31}, {"1999-09-09", 1999, 9, 9}};
  for (const Case& c : cases) {
    std::optional<Date> d = Date::parse(c.text);
    ASSERT_TRUE(d) << c.text;
    EXPECT_EQ(d->year(), c.y);
    EXPECT_EQ(d->month(), c.m);
    EXPECT_EQ(d->day(), c.d);
    EXPECT_EQ(d->to_string(), c.text);
  }
}

TEST(DateTest, RefusesImpossibleAndMalformedDates) {
  for (const char* text : {"2021-02-30", "2021-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-04-31",
                           "2020-1-1", "20200101", "2020/01/01", "", "2020-01-01 ", " 2020-01-01", "abcd-ef-gh",
                           "2020-01-0a", "1899-12-31", "2020-01-32"}) {
    EXPECT_FALSE(Date::parse(text)) << text;
  }
}

TEST(DateTest, LenientFormats) {
  struct Case {
    const char* text;
    const char* iso;  // nullptr: refused
  };
  const Case cases[] = {{"2020年3月5日", "2020-03-05"}, {"2020/03/05", "2020-03-05"}, {"2020.3.5", "2020-03-05"},
                        {"2020-03-05", "2020-03-05"},  {"2020年2月30日", nullptr},    {"2020年3月", nullptr},
                        {"3月5日", nullptr},            {"2020-03-05x", nullptr}};
  for (const Case& c : cases) {
    std::optional<Date> d = Date::parse_lenient(c.text);
    if (!c.iso) {
      EXPECT_FALSE(d) << c.text;
      continue;
    }
    ASSERT_TRUE(d) << c.text;
    EXPECT_EQ(d->to_string(), c.iso);
  }
}

TEST(DateTest, WeekdaysAndArithmetic) {
  EXPECT_EQ(Date::parse("2020-01-01")->iso_weekday(), 3);  // Wednesday
  EXPECT_EQ(Date::parse("2026-11-28")->iso_weekday(), 6);  // Saturday
  EXPECT_EQ(Date::parse("1970-01-01")->iso_weekday(), 4);
  EXPECT_EQ(Date::parse("2020-02-28")->plus_days(1).to_string(), "2020-02-29");
  EXPECT_EQ(Date::parse("2020-12-31")->plus_days(1).to_string(), "2021-01-01");
  EXPECT_LT(*Date::parse("2020-12-31"), *Date::parse("2021-01-01"));
}

}  // namespace
}  // namespace gongkai::domain
