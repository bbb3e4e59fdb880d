// Tests of 索引号 patterns: validation, formatting, and reading serials back.
#include "domain/index_number.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(IndexNumberTest, ValidatesPatterns) {
  struct Case {
    const char* pattern;
    bool ok;
  };
  const Case cases[] = {
      {"{prefix}/{year}-{serial:5}", true},  {"{prefix}/{yyyymm}-{serial:5}", true}, {"{prefix}-{year}-{serial}", true},
      {"{prefix}/{serial:5}", false},        {"{prefix}/{year}", false},             {"{year}-{serial}-{serial}", false},
      {"{prefix}/{year}-{serial:0}", false}, {"{prefix}/{year}-{nope}", false},      {"{prefix}/{year-{serial}", false},
  };
  for (const Case& c : cases) EXPECT_EQ(validate_index_pattern(c.pattern).is_ok(), c.ok) << c.pattern;
}

TEST(IndexNumberTest, FormatsTheObservedConventions) {
  struct Case {
    const char* pattern;
    const char* prefix;
    const char* date;
    int serial;
    const char* expected;
  };
  const Case cases[] = {
      {"{prefix}/{year}-{serial:5}", "000014349", "2017-03-01", 110, "000014349/2017-00110"},
      {"{prefix}/{year}-{serial:5}", "330522", "2023-12-31", 5094, "330522/2023-05094"},
      {"{prefix}/{yyyymm}-{serial:5}", "11341702486344515H", "2021-10-08", 13, "11341702486344515H/202110-00013"},
      {"{prefix}/{year}-{serial:5}", "339999", "2020-01-02", 123456, "339999/2020-123456"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(format_index_number(c.pattern, c.prefix, *Date::parse(c.date), c.serial), c.expected);
  }
}

TEST(IndexNumberTest, ParsesYearAndSerialOfTheBodysOwnPattern) {
  const char* pattern = "{prefix}/{year}-{serial:5}";
  struct Case {
    const char* pattern;
    const char* number;
    int year;    // 0: not of the pattern
    int serial;
  };
  const Case cases[] = {
      {pattern, "339999/2020-00042", 2020, 42},
      {pattern, "339999/2020-123456", 2020, 123456},
      {pattern, "339999/2019-00042", 2019, 42},  // the year written in the number, not the publication year
      {pattern, "339998/2020-00042", 0, 0},      // another body's prefix
      {pattern, "339999/2020-042", 0, 0},        // serial shorter than its padding
      {pattern, "339999/2020-00042x", 0, 0},
      {pattern, "339999/20a0-00042", 0, 0},
      {"{prefix}/{yyyymm}-{serial:5}", "339999/202110-00013", 2021, 13},
      {"{prefix}/{yyyymm}-{serial:5}", "339999/202113-00013", 0, 0},  // month 13
  };
  for (const Case& c : cases) {
    std::optional<IndexSerial> parsed = parse_index_serial(c.pattern, "339999", c.number);
    if (c.year == 0) {
      EXPECT_FALSE(parsed) << c.number;
      continue;
    }
    ASSERT_TRUE(parsed) << c.number;
    EXPECT_EQ(parsed->year, c.year) << c.number;
    EXPECT_EQ(parsed->serial, c.serial) << c.number;
  }
}

}  // namespace
}  // namespace gongkai::domain
