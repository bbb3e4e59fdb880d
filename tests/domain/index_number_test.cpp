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

TEST(IndexNumberTest, ParsesSerialsOfTheBodysOwnPatternAndYearOnly) {
  const char* pattern = "{prefix}/{year}-{serial:5}";
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2020, "339999/2020-00042"), 42);
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2020, "339999/2020-123456"), 123456);
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2021, "339999/2020-00042"), std::nullopt);  // other year
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2020, "339998/2020-00042"), std::nullopt);  // other body
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2020, "339999/2020-042"), std::nullopt);    // too short
  EXPECT_EQ(parse_index_serial(pattern, "339999", 2020, "339999/2020-00042x"), std::nullopt);
  EXPECT_EQ(parse_index_serial("{prefix}/{yyyymm}-{serial:5}", "a", 2021, "a/202110-00013"), 13);
  EXPECT_EQ(parse_index_serial("{prefix}/{yyyymm}-{serial:5}", "a", 2021, "a/202113-00013"), std::nullopt);
}

}  // namespace
}  // namespace gongkai::domain
