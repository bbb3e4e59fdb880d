// Tests of the decision-making openness kinds' own fields (domain/kind_fields.h): the table, and each check
// with a failing and a passing value.
#include "domain/kind_fields.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

using Facts = std::map<std::string, std::string>;

TEST(KindFieldsTest, TheDecisionKindsHaveTheirFieldsAndOthersNone) {
  struct Case {
    const char* kind;
    std::vector<std::string> required;
  };
  const Case cases[] = {
      {"survey", {"topic", "starts_on", "ends_on"}},
      {"exec_meeting", {"session", "held_on"}},
      {"npc_result", {"number", "handling_unit", "result_category"}},
      {"cppcc_result", {"number", "handling_unit", "result_category"}},
      {"press_conference", {"held_on", "speakers"}},
      {"interview", {"held_on", "guests"}},
      {"news", {}},
      {"normative", {}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> required;
    for (const FactField& f : kind_fields(c.kind)) {
      if (f.required) required.push_back(std::string(f.code));
      EXPECT_FALSE(f.label.empty()) << c.kind;
      EXPECT_EQ(f.type == FactType::kChoice, !f.choices.empty()) << c.kind << "." << f.code;
      EXPECT_LE(f.code.size(), 40u);  // item_facts.field CHECK (migration 015)
    }
    EXPECT_EQ(required, c.required) << c.kind;
  }
}

TEST(KindFieldsTest, EachCheckNamesItsField) {
  struct Case {
    const char* name;
    const char* kind;
    Facts facts;
    bool require_all;
    std::vector<std::string> fields;  // the fields with errors, in order
  };
  const Case cases[] = {
      {"complete survey",
       "survey",
       {{"topic", "公交线路"},
        {"starts_on", "2020-03-01"},
        {"ends_on", "2020-03-31"},
        {"responses", "1203"},
        {"method", "online"}},
       true,
       {}},
      {"imports may leave fields out", "survey", {{"topic", "公交线路"}}, false, {}},
      {"the form may not", "survey", {{"topic", "公交线路"}}, true, {"fact.starts_on", "fact.ends_on"}},
      {"empty values are absent",
       "survey",
       {{"topic", ""}},
       true,
       {"fact.topic", "fact.starts_on", "fact.ends_on"}},
      {"end before start",
       "survey",
       {{"starts_on", "2020-03-31"}, {"ends_on", "2020-03-01"}},
       false,
       {"fact.ends_on"}},
      {"impossible date", "press_conference", {{"held_on", "2021-02-30"}}, false, {"fact.held_on"}},
      {"negative count", "survey", {{"responses", "-3"}}, false, {"fact.responses"}},
      {"count with text", "survey", {{"responses", "12份"}}, false, {"fact.responses"}},
      {"huge count", "interview", {{"questions", "99999999999"}}, false, {"fact.questions"}},
      {"unknown category", "npc_result", {{"result_category", "D"}}, false, {"fact.result_category"}},
      {"known category", "cppcc_result", {{"result_category", "B"}}, false, {}},
      {"field of another kind", "news", {{"topic", "x"}}, false, {"fact.topic"}},
      {"line break in one-line text", "interview", {{"guests", "张三\n李四"}}, false, {"fact.guests"}},
      {"line breaks in long text", "exec_meeting", {{"topics", "一、审议A\n二、审议B"}}, false, {}},
      {"over-long text", "exec_meeting", {{"session", std::string(300, 'x')}}, false, {"fact.session"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldError& e : validate_facts(c.kind, c.facts, c.require_all)) {
      fields.push_back(e.field);
      EXPECT_FALSE(e.message.empty()) << c.name;
    }
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(KindFieldsTest, ValidateItemChecksFactsOfItsKind) {
  ItemRecord r;
  r.title = "2020年城区公交线路优化民意调查";
  r.body = "demo";
  r.publish_date = "2020-04-01";
  r.kind = "survey";
  r.facts = {{"responses", "many"}};
  std::vector<FieldError> errors = validate_item(r);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "fact.responses");
  r.facts = {{"responses", "1203"}};
  EXPECT_TRUE(validate_item(r).empty());
}

TEST(KindFieldsTest, ChoicesShowTheirLabels) {
  const FactField* f = find_kind_field("npc_result", "result_category");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(fact_display(*f, "A"), "A类（所提问题已经解决或采纳）");
  EXPECT_EQ(fact_display(*find_kind_field("survey", "topic"), "A"), "A");
  EXPECT_EQ(find_kind_field("survey", "number"), nullptr);
}

}  // namespace
}  // namespace gongkai::domain
