// Tests of the 信息处理费 scales (国办函〔2020〕109号): hand-computed band sums.
#include "domain/fees.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(FeeTest, NthApplicationOfTheMonth) {
  struct Case {
    int64_t nth;
    Yuan fee;
    const char* why;
  };
  const Case cases[] = {
      {1, 0, "1-10 free"},         {10, 0, "1-10 free"},        {11, 100, "11-30: 100"},  {30, 100, "11-30: 100"},
      {31, 200, "31-40: 200"},     {40, 200, "31-40: 200"},     {41, 300, "41-50: 300"},  {51, 400, "51-60: 400"},
      {100, 800, "91-100: 800"},   {101, 900, "101-110: 900"},
  };
  for (const Case& c : cases) {
    Result<Yuan> fee = application_fee(c.nth);
    ASSERT_TRUE(fee.is_ok()) << c.nth;
    EXPECT_EQ(*fee, c.fee) << c.nth << ": " << c.why;
    EXPECT_EQ(*fee_for(FeeMethod::kPerApplication, c.nth), c.fee);
  }
}

TEST(FeeTest, MonthTotals) {
  struct Case {
    int64_t count;
    Yuan total;
    const char* why;
  };
  const Case cases[] = {
      {0, 0, "nothing"},
      {10, 0, "all free"},
      {11, 100, "one at 100"},
      {30, 2000, "20 × 100"},
      {35, 3000, "109号's own example: 20 × 100 + 5 × 200"},
      {40, 4000, "20 × 100 + 10 × 200"},
      {41, 4300, "+ 1 × 300"},
      {50, 7000, "20 × 100 + 10 × 200 + 10 × 300"},
      {51, 7400, "+ 1 × 400"},
  };
  for (const Case& c : cases) {
    Result<Yuan> total = applications_total_fee(c.count);
    ASSERT_TRUE(total.is_ok()) << c.count;
    EXPECT_EQ(*total, c.total) << c.count << ": " << c.why;
  }
  // The total is the sum of the n-th fees.
  Yuan sum = 0;
  for (int64_t nth = 1; nth <= 120; ++nth) {
    sum += *application_fee(nth);
    EXPECT_EQ(*applications_total_fee(nth), sum) << nth;
  }
}

TEST(FeeTest, PagesChargedBandByBand) {
  struct Case {
    int64_t pages;
    Yuan fee;
    const char* why;
  };
  const Case cases[] = {
      {0, 0, "nothing"},
      {30, 0, "≤30 free"},
      {31, 10, "1 page at 10"},
      {100, 700, "70 × 10"},
      {101, 720, "70 × 10 + 1 × 20"},
      {200, 2700, "70 × 10 + 100 × 20"},
      {201, 2740, "+ 1 × 40"},
      {250, 4700, "70 × 10 + 100 × 20 + 50 × 40"},
  };
  for (const Case& c : cases) {
    Result<Yuan> fee = page_fee(c.pages);
    ASSERT_TRUE(fee.is_ok()) << c.pages;
    EXPECT_EQ(*fee, c.fee) << c.pages << ": " << c.why;
    EXPECT_EQ(*fee_for(FeeMethod::kPerPage, c.pages), c.fee);
  }
}

TEST(FeeTest, MethodsAndBadInput) {
  EXPECT_EQ(*fee_for(FeeMethod::kNone, 500), 0);
  EXPECT_FALSE(application_fee(0).is_ok());
  EXPECT_FALSE(applications_total_fee(-1).is_ok());
  EXPECT_FALSE(page_fee(-5).is_ok());
  EXPECT_FALSE(page_fee(kMaxFeeUnits + 1).is_ok());
  EXPECT_NE(page_fee(-5).status().message().find("out of range"), std::string::npos);
  for (FeeMethod m : {FeeMethod::kNone, FeeMethod::kPerApplication, FeeMethod::kPerPage}) {
    EXPECT_EQ(parse_fee_method(fee_method_code(m)), m);
  }
  EXPECT_FALSE(parse_fee_method("both").has_value());
  // The tables are what 109号 says.
  ASSERT_EQ(per_page_bands().size(), 4u);
  EXPECT_FALSE(per_page_bands().back().last.has_value());
  EXPECT_EQ(per_application_tail().first, 31);
}

}  // namespace
}  // namespace gongkai::domain
