// Tests of the validity lifecycle (有效 → 修订后有效 → 失效 / 废止).
#include "domain/validity.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(ValidityTest, TransitionTable) {
  struct Case {
    const char* from;  // "" = none
    const char* to;
    bool successor;
    bool allowed;
  };
  const Case cases[] = {
      {"", "有效", false, true},           {"有效", "修订后有效", true, true},   {"有效", "修订后有效", false, false},
      {"有效", "失效", false, true},       {"有效", "废止", false, true},        {"有效", "废止", true, true},
      {"修订后有效", "修订后有效", true, true}, {"修订后有效", "废止", false, true}, {"修订后有效", "失效", false, true},
      {"失效", "有效", false, false},      {"废止", "有效", false, false},       {"废止", "修订后有效", true, false},
      {"失效", "废止", false, false},      {"有效", "有效", false, false},       {"有效", "作废", false, false},
      {"修订后有效", "有效", false, false},
  };
  const Date published = *Date::parse("2019-01-01");
  const Date effective = *Date::parse("2020-09-30");
  for (const Case& c : cases) {
    ValidityChange change;
    if (*c.from) change.from = c.from;
    change.to = c.to;
    change.effective_on = effective;
    change.published_on = published;
    change.has_successor = c.successor;
    Status s = check_validity_change(change);
    EXPECT_EQ(s.is_ok(), c.allowed) << c.from << " -> " << c.to << ": " << s.message();
  }
}

TEST(ValidityTest, ChangeCannotPrecedePublication) {
  ValidityChange change{std::string("有效"), "废止", *Date::parse("2018-12-31"), *Date::parse("2019-01-01"), false};
  Status s = check_validity_change(change);
  EXPECT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("before the document was published"), std::string::npos) << s.message();
}

TEST(ValidityTest, RepealedIsFinalWithAClearReason) {
  ValidityChange change{std::string("废止"), "有效", *Date::parse("2021-01-01"), *Date::parse("2019-01-01"), false};
  Status s = check_validity_change(change);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("already 废止"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace gongkai::domain
