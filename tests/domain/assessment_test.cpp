// The assessment rules table and the scoring method, table-driven: the embedded file parses, bad files fail
// with the line and field, and each case of {facts, expected score, veto, passed, bonus counted} holds.
#include "domain/assessment.h"

#include <gtest/gtest.h>

#include "common/embedded.h"

namespace gongkai::domain {
namespace {

TEST(AssessmentRulesTest, TheEmbeddedTableParsesAndNamesItsSources) {
  Result<AssessmentRules> rules =
      AssessmentRules::parse(embedded::assessment_rules(), "assessment-rules.tsv");
  ASSERT_TRUE(rules) << rules.status().message();
  EXPECT_GE(rules->all().size(), 10u);
  for (const AssessmentRule& r : rules->all()) EXPECT_FALSE(r.source.empty()) << r.id;
  ASSERT_NE(rules->find("deduct.policy_stale"), nullptr);
  EXPECT_EQ(rules->find("deduct.policy_stale")->points, 5);  // 国办秘函〔2019〕19号: −5
}

TEST(AssessmentRulesTest, BadFilesFailNamingLineAndField) {
  const struct {
    const char* text;
    const char* expected;
  } cases[] = {
      {"a\tdeduction\tfinding:x\t1\t-\t标签\n", "t:1: expected 7"},
      {"# c\na\tpenalty\tfinding:x\t1\t-\t标签\t来源\n", "t:2: kind"},
      {"a\tdeduction\tweather\t1\t-\t标签\t来源\n", "t:1: basis"},
      {"a\tdeduction\tfinding:x\t-1\t-\t标签\t来源\n", "t:1: points"},
      {"a\tdeduction\tfinding:x\t1\tten\t标签\t来源\n", "t:1: cap"},
      {"a\tdeduction\tfinding:x\t1\t-\t标签\t\n", "t:1: source"},
      {"a\tbonus\thighlight\t1\t-\t标签\t来源\na\tbonus\thighlight\t1\t-\t标签\t来源\n", "t:2: id"},
  };
  for (const auto& c : cases) {
    Result<AssessmentRules> r = AssessmentRules::parse(c.text, "t");
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().message();
  }
}

TEST(AssessmentScoreTest, ScoringMethod) {
  Result<AssessmentRules> rules = AssessmentRules::parse(
      "veto\tveto\tfinding-kind:veto\t0\t-\t否决\t来源\n"
      "blank\tdeduction\tfinding:column.blank\t2\t6\t空白栏目\t来源\n"
      "late\tdeduction\tcircular:escalated\t15\t-\t逾期\t来源\n"
      "on_time\tbonus\tcircular:on_time\t0.5\t1\t按期\t来源\n"
      "praise\tbonus\thighlight\t1\t-\t表扬\t来源\n",
      "t");
  ASSERT_TRUE(rules);
  const struct {
    const char* name;
    std::map<std::string, int64_t> facts;
    double score;
    bool veto, passed, bonus;
  } cases[] = {
      {"nothing found", {}, 100, false, true, true},
      {"deductions add up", {{"finding:column.blank", 2}}, 96, false, true, true},
      {"a cap limits a rule", {{"finding:column.blank", 9}}, 94, false, true, true},
      {"bonuses above 80, capped",
       {{"circular:on_time", 5}, {"highlight:praise", 1}},
       102,
       false,
       true,
       true},
      {"no bonus at 80 or below",
       {{"circular:escalated", 2}, {"highlight:praise", 3}},
       70,
       false,
       true,
       false},
      {"below 60 fails", {{"circular:escalated", 3}}, 55, false, false, false},
      {"a veto fails and gets no bonus",
       {{"finding-kind:veto", 1}, {"highlight:praise", 1}},
       100,
       true,
       false,
       false},
      {"never below zero", {{"circular:escalated", 9}}, 0, false, false, false},
  };
  for (const auto& c : cases) {
    UnitScore s = score_unit(*rules, c.facts);
    EXPECT_DOUBLE_EQ(s.score, c.score) << c.name;
    EXPECT_EQ(s.veto, c.veto) << c.name;
    EXPECT_EQ(s.passed, c.passed) << c.name;
    EXPECT_EQ(s.bonus_counted, c.bonus) << c.name;
  }
  EXPECT_EQ(format_points(98.5), "98.5");
  EXPECT_EQ(format_points(100), "100");
  EXPECT_EQ(format_points(0.25), "0.3");
}

}  // namespace
}  // namespace gongkai::domain
