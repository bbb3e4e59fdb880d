// The publishing workflow's transition table and the Art. 26 working-day count, as tables of cases.
#include "domain/workflow.h"

#include <gtest/gtest.h>

#include "domain/roles.h"
#include "domain/text_diff.h"

namespace gongkai::domain {
namespace {

Date d(const char* text) { return *Date::parse(text); }

TEST(Workflow, TransitionTable) {
  struct Case {
    const char* action;
    const char* from;
    bool author;
    const char* comment;
    const char* publish_date;
    const char* expected;  // next state, or "!" + the failure kind
  };
  const Case cases[] = {
      {"submit", "draft", true, "", "2026-12-01", "submitted"},
      {"submit", "submitted", true, "", "2026-12-01", "!conflict"},
      {"approve", "submitted", false, "", "2026-12-01", "approved"},
      {"approve", "submitted", true, "", "2026-12-01", "!denied"},  // separation of duties
      {"approve", "draft", false, "", "2026-12-01", "!conflict"},
      {"return", "submitted", false, "请补充依据", "2026-12-01", "draft"},
      {"return", "approved", false, "日期有误", "2026-12-01", "draft"},
      {"return", "submitted", false, "  ", "2026-12-01", "!invalid"},  // a reason is required
      {"publish", "approved", true, "", "2026-12-01", "published"},
      {"publish", "approved", true, "", "2026-11-20", "published"},
      {"publish", "approved", true, "", "2026-12-08", "scheduled"},  // a date ahead: scheduled
      {"publish", "submitted", true, "", "2026-12-01", "!conflict"},  // not before review
      {"publish", "draft", true, "", "2026-12-01", "!conflict"},
      {"cancel", "scheduled", false, "", "2026-12-08", "approved"},
      {"release", "scheduled", false, "", "2026-12-08", "published"},
      {"withdraw", "published", false, "内容有误", "2026-12-01", "withdrawn"},
      {"withdraw", "published", false, "", "2026-12-01", "!invalid"},
      {"unpublish", "published", false, "重复发布", "2026-12-01", "unpublished"},
      {"withdraw", "withdrawn", false, "x", "2026-12-01", "!conflict"},
      {"unpublish", "unpublished", false, "x", "2026-12-01", "!conflict"},
      {"submit", "published", true, "", "2026-12-01", "!conflict"},
      {"delete", "draft", true, "", "2026-12-01", "!conflict"},
  };
  for (const Case& c : cases) {
    TransitionRequest r;
    r.action = c.action;
    r.from = c.from;
    r.actor_is_author = c.author;
    r.comment = c.comment;
    r.publish_date = Date::parse(c.publish_date);
    r.today = d("2026-12-01");
    Result<std::string> to = next_state(r);
    const std::string expected = c.expected;
    SCOPED_TRACE(std::string(c.action) + " from " + c.from);
    if (expected[0] != '!') {
      ASSERT_TRUE(to) << to.status().message();
      EXPECT_EQ(*to, expected);
      continue;
    }
    ASSERT_FALSE(to);
    if (expected == "!denied") {
      EXPECT_TRUE(is_permission_denied(to.status()));
    } else if (expected == "!conflict") {
      EXPECT_EQ(to.status().code(), StatusCode::kConflict);
    } else {
      EXPECT_EQ(to.status().code(), StatusCode::kInvalid);
    }
  }
}

TEST(Workflow, EveryActionNamesARealPermissionAndState) {
  for (const WorkflowAction& a : workflow_actions()) {
    SCOPED_TRACE(std::string(a.code));
    EXPECT_NE(find_workflow_state(a.from), nullptr);
    EXPECT_NE(find_workflow_state(a.to), nullptr);
    if (!a.permission.empty()) {
      EXPECT_TRUE(is_action(a.permission));
    }
  }
  // Visibility: only published and withdrawn items are on the public site.
  for (const WorkflowState& s : workflow_states()) {
    const std::string expected = s.code == "published" ? "published" : s.code == "withdrawn" ? "withdrawn" : "draft";
    EXPECT_EQ(s.visibility, expected) << s.code;
  }
  EXPECT_TRUE(find_workflow_state("draft")->editable);
  EXPECT_FALSE(find_workflow_state("submitted")->editable);
}

TEST(Workflow, Article26WorkingDays) {
  // 2026-10-01..07 国庆 holidays; 2026-10-10 (Saturday) a make-up working day — a calendar for the test.
  std::vector<CalendarEntry> entries;
  for (int day = 1; day <= 7; ++day) entries.push_back({Date::from_ymd(2026, 10, day), false, "国庆节"});
  entries.push_back({d("2026-10-10"), true, "国庆节"});
  WorkCalendar cal(entries);
  struct Case {
    const char* produced;
    const char* published;
    int working_days;
    bool late;
  };
  const Case cases[] = {
      {"2026-11-02", "2026-11-02", 0, false},   // same day
      {"2026-11-02", "2026-11-01", 0, false},   // before (bad data): no days
      {"2026-11-02", "2026-11-30", 20, false},  // Mon + 4 weeks: exactly 20
      {"2026-11-02", "2026-12-01", 21, true},
      {"2026-11-06", "2026-11-09", 1, false},   // Friday → Monday: one working day
      {"2026-09-30", "2026-10-09", 2, false},   // over the holiday: only 10-08 and 10-09
      {"2026-09-30", "2026-10-10", 3, false},   // the make-up Saturday counts
  };
  for (const Case& c : cases) {
    EXPECT_EQ(working_days_between(cal, d(c.produced), d(c.published)), c.working_days)
        << c.produced << " → " << c.published;
    EXPECT_EQ(published_late(cal, d(c.produced), d(c.published)), c.late) << c.produced << " → " << c.published;
  }
}

TEST(TextDiff, Lines) {
  using K = DiffLine::Kind;
  std::vector<DiffLine> diff = diff_lines(split_lines("a\nb\nc"), split_lines("a\nB\nc\nd\n"));
  std::vector<std::pair<K, std::string>> got;
  for (const auto& l : diff) got.emplace_back(l.kind, l.text);
  const std::vector<std::pair<K, std::string>> expected = {
      {K::kSame, "a"}, {K::kRemoved, "b"}, {K::kAdded, "B"}, {K::kSame, "c"}, {K::kAdded, "d"}};
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(diff_lines({}, {}).empty());
  EXPECT_EQ(split_lines("x\r\ny").at(0), "x");
}

}  // namespace
}  // namespace gongkai::domain
