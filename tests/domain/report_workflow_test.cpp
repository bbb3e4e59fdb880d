// Tests of the report-version transition table and the Art. 49 deadlines.
#include "domain/report_workflow.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(ReportWorkflow, TransitionTable) {
  struct Row {
    const char* state;
    const char* action;
    const char* to;  // "" = refused
  };
  const Row rows[] = {
      {"draft", "submit", "submitted"},   {"draft", "approve", "approved"},  {"draft", "publish", ""},
      {"draft", "return", ""},            {"submitted", "return", "returned"}, {"submitted", "approve", "approved"},
      {"submitted", "publish", ""},       {"returned", "submit", ""},        {"returned", "approve", ""},
      {"approved", "publish", "published"}, {"approved", "return", ""},     {"published", "publish", ""},
      {"published", "approve", ""},       {"draft", "bogus", ""},
  };
  for (const Row& r : rows) {
    const std::optional<std::string_view> to = report_version_move(r.state, r.action);
    EXPECT_EQ(to.value_or(""), r.to) << r.state << " " << r.action;
  }
}

TEST(ReportWorkflow, Article49Deadlines) {
  EXPECT_EQ(report_deadline("government", 2020), "2021-03-31");
  EXPECT_EQ(report_deadline("department", 2020), "2021-01-31");
  EXPECT_EQ(report_deadline("township", 2024), "2025-01-31");
  EXPECT_EQ(report_deadline("office", 2020), "2021-01-31");
}

}  // namespace
}  // namespace gongkai::domain
