// Table-driven tests of the inspection rules (data/monitor-rules.tsv as embedded) and of date finding in text.
#include <gtest/gtest.h>

#include "common/embedded.h"
#include "domain/monitor_rules.h"
#include "domain/text_dates.h"

namespace gongkai::domain {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

const MonitorRules& rules() {
  static const MonitorRules r = *MonitorRules::parse(embedded::monitor_rules(), "monitor-rules.tsv");
  return r;
}

TEST(TextDates, FindsEveryCommonForm) {
  struct Case {
    const char* text;
    std::vector<std::string> dates;
  } cases[] = {
      {"发布日期：2026-11-28", {"2026-11-28"}},
      {"2026年11月28日 14:00", {"2026-11-28"}},
      {"2026年1月8日", {"2026-01-08"}},
      {"[2026/11/28]", {"2026-11-28"}},
      {"2026.11.28 通知", {"2026-11-28"}},
      {"2026-11-28 10:30:00", {"2026-11-28"}},
      {"a 2020-2-3 b 2019-12-31", {"2020-02-03", "2019-12-31"}},
      {"2021-02-30", {}},               // not a real day
      {"120261128 2026-11-289", {}},    // glued to digits
      {"2026-11/28", {}},               // mixed separators
      {"2026年11月28", {}},             // 年 form needs 日
      {"1899-01-01 3000-01-01", {}},    // out of range
      {"电话 0571-8888-1234", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> got;
    for (Date x : find_dates(c.text)) got.push_back(x.to_string());
    EXPECT_EQ(got, c.dates) << c.text;
  }
  EXPECT_EQ(latest_date("2020-01-02 2021-03-04 2020-12-31")->to_string(), "2021-03-04");
  EXPECT_FALSE(latest_date("无日期").has_value());
}

TEST(MonitorRules, EmbeddedTableParsesAndCitesSources) {
  ASSERT_GE(rules().all().size(), 15u);
  for (const MonitorRule& r : rules().all()) {
    EXPECT_FALSE(r.source.empty()) << r.id;
    if (r.kind == "veto") {
      EXPECT_EQ(r.grade, "red") << r.id;
    }
  }
  EXPECT_EQ(rules().find("site.unreachable")->param("min_probes_per_day", 0), 20);
  EXPECT_EQ(rules().find("site.unreachable")->param("timeout_s", 0), 15);
  EXPECT_EQ(rules().find("column.policy_stale")->points, 5);
  EXPECT_EQ(rules().column_rule("news")->id, "column.news_stale");
  EXPECT_EQ(rules().column_rule("policy")->id, "column.policy_stale");
  EXPECT_EQ(rules().column_rule("anything")->id, "column.overdue");
}

TEST(MonitorRules, ParseRefusesBadTablesNamingTheLine) {
  struct Case {
    const char* text;
    const char* message_part;
  } cases[] = {
      {"a\tsite\tred\tveto\t5\t-\t0\t-\tx\n", "expected 10"},
      {"a\tmoon\tred\tveto\t5\t-\t0\t-\tx\ty\n", "scope"},
      {"a\tsite\tblue\tveto\t5\t-\t0\t-\tx\ty\n", "grade"},
      {"a\tsite\tred\tveto\tfive\t-\t0\t-\tx\ty\n", "threshold"},
      {"a\tsite\tred\tveto\t5\t-\t0\tk=v\tx\ty\n", "params"},
      {"# c\na\tsite\tred\tveto\t5\t-\t0\t-\tx\ty\na\tsite\tred\tveto\t5\t-\t0\t-\tx\ty\n", "t.tsv:3: id: duplicate"},
  };
  for (const Case& c : cases) {
    Result<MonitorRules> r = MonitorRules::parse(c.text, "t.tsv");
    ASSERT_FALSE(r.is_ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().message();
  }
}

TEST(MonitorRules, WordingDictionaryFindsTermsWithContext) {
  Result<std::vector<WordingEntry>> dict = parse_wording(embedded::monitor_wording(), "monitor-wording.tsv");
  ASSERT_TRUE(dict.is_ok()) << dict.status().message();
  std::vector<WordingHit> hits = find_wording("根据《中华人民共和国政府信息公开条列》规定，现予公布。", *dict);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entry->category, "serious");
  EXPECT_NE(hits[0].excerpt.find("政府信息公开条列"), std::string::npos);
  EXPECT_TRUE(find_wording("依据《政府信息公开条例》", *dict).empty());
  EXPECT_FALSE(parse_wording("rude\tx\ty\n", "w").is_ok());
  EXPECT_FALSE(parse_wording("serious\t\ty\n", "w").is_ok());
}

std::vector<std::string> rule_ids(const std::vector<MonitorViolation>& v) {
  std::vector<std::string> out;
  for (const MonitorViolation& x : v) out.push_back(x.rule_id);
  return out;
}

ColumnObservation column(const char* type, std::optional<const char*> latest, int entries = 3,
                         std::optional<int> interval = std::nullopt) {
  ColumnObservation c;
  c.url = std::string("http://x/") + type;
  c.name = type;
  c.type = type;
  c.fetched = true;
  c.entries = entries;
  c.interval_days = interval;
  if (latest) c.latest = d(*latest);
  return c;
}

TEST(MonitorRules, ColumnStalenessFollowsTheTable) {
  struct Case {
    ColumnObservation col;
    std::vector<std::string> expected;
  } cases[] = {
      {column("news", "2026-11-16"), {}},                          // 14 days: still fresh
      {column("news", "2026-11-15"), {"column.news_stale"}},       // 15 days
      {column("notice", "2026-06-03"), {}},                        // 180 days
      {column("notice", "2026-06-02"), {"column.notice_stale"}},
      {column("policy", "2026-05-01"), {"column.policy_stale"}},
      {column("static", "2026-11-20", 3, 7), {"column.overdue"}},  // the county rule: its own interval
      {column("static", "2020-01-01"), {}},                        // no interval: not expected to change
      {column("news", std::nullopt, 0), {"column.blank"}},
      {[] { auto c = column("news", std::nullopt, 0); c.undated_entries = 2; return c; }(), {"column.news_stale"}},
      {[] { auto c = column("news", "2020-01-01"); c.fetched = false; return c; }(), {}},
  };
  for (Case& c : cases) {
    SiteObservation s;
    s.as_of = d("2026-11-30");
    s.home_fetched = false;
    s.columns = {c.col};
    EXPECT_EQ(rule_ids(evaluate_site(rules(), s)), c.expected) << c.col.type << " " << c.col.entries;
  }
}

TEST(MonitorRules, SiteLevelVetoes) {
  SiteObservation s;
  s.as_of = d("2026-11-30");
  s.home_url = "http://x/";
  s.home_fetched = true;
  s.home_latest = d("2026-11-16");  // 14 days: fresh
  EXPECT_TRUE(evaluate_site(rules(), s).empty());
  s.home_latest = d("2026-11-15");
  EXPECT_EQ(rule_ids(evaluate_site(rules(), s)), std::vector<std::string>{"site.home_stale"});
  // Navigation-only home page: the columns' latest date decides.
  s.home_latest.reset();
  s.columns = {column("static", "2026-11-29")};
  EXPECT_TRUE(evaluate_site(rules(), s).empty());

  // Five stale news/notice/policy columns make the 栏目不更新 veto; four do not.
  s.columns.clear();
  for (int n = 0; n < 4; ++n) s.columns.push_back(column("news", "2026-01-01"));
  s.columns.push_back(column("static", "2026-11-29"));
  EXPECT_EQ(rule_ids(evaluate_site(rules(), s)).size(), 4u);
  s.columns.push_back(column("policy", "2025-01-01"));
  std::vector<std::string> ids = rule_ids(evaluate_site(rules(), s));
  EXPECT_EQ(ids.front(), "site.stale_columns");
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "site.overdue_columns"), 0);

  // Five blank columns.
  s.columns.clear();
  for (int n = 0; n < 5; ++n) s.columns.push_back(column("news", std::nullopt, 0));
  s.columns.push_back(column("static", "2026-11-29"));
  ids = rule_ids(evaluate_site(rules(), s));
  EXPECT_EQ(ids.front(), "site.blank_columns");
  EXPECT_EQ(ids.size(), 6u);
}

TEST(MonitorRules, AvailabilityNeedsEnoughProbesAndFivePercent) {
  struct Case {
    int probes, failures, days;
    bool veto;
  } cases[] = {
      {140, 7, 7, true},    // 5% over a week at 20 a day
      {140, 6, 7, false},   // 4.3%
      {139, 20, 7, false},  // fewer than 20 a day: not enough to judge
      {24, 2, 1, true},
      {0, 0, 0, false},
  };
  for (const Case& c : cases) {
    SiteObservation s;
    s.as_of = d("2026-11-30");
    s.probes = ProbeSummary{c.probes, c.failures, c.days};
    std::vector<std::string> ids = rule_ids(evaluate_site(rules(), s));
    EXPECT_EQ(!ids.empty() && ids[0] == "site.unreachable", c.veto) << c.probes << "/" << c.failures;
  }
}

TEST(MonitorRules, PageProblemsTakeTheirGradeFromTheTable) {
  SiteObservation s;
  s.as_of = d("2026-11-30");
  s.problems = {{"link.dead_internal", "http://x/gone", "http://x/a", "404"},
                {"content.serious_error", "http://x/a", "", "条列"},
                {"no.such.rule", "http://x/b", "", ""}};
  std::vector<MonitorViolation> v = evaluate_site(rules(), s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].grade, "yellow");
  EXPECT_EQ(v[0].found_on, "http://x/a");
  EXPECT_EQ(v[1].grade, "red");
}

TEST(MonitorRules, NewMediaAccountsWeeklyAndTwoWeeks) {
  struct Case {
    const char* last;
    const char* expected;  // "" none
  } cases[] = {
      {"2026-11-23", ""},                  // 7 days
      {"2026-11-22", "newmedia.weekly"},   // 8 days: county rule
      {"2026-11-16", "newmedia.weekly"},   // 14 days
      {"2026-11-15", "newmedia.dormant"},  // 15 days: veto
      {nullptr, "newmedia.dormant"},       // never updated since opening in 2025
  };
  for (const Case& c : cases) {
    AccountObservation a{"newmedia:wechat:x", "x", d("2025-01-01"), std::nullopt};
    if (c.last) a.last_update = d(c.last);
    std::optional<MonitorViolation> v = evaluate_account(rules(), a, d("2026-11-30"));
    EXPECT_EQ(v ? v->rule_id : "", c.expected) << (c.last ? c.last : "never");
  }
  // A new account is measured from its opening.
  AccountObservation fresh{"s", "n", d("2026-11-28"), std::nullopt};
  EXPECT_FALSE(evaluate_account(rules(), fresh, d("2026-11-30")).has_value());
}

}  // namespace
}  // namespace gongkai::domain
