// The monitoring service on SQLite and PostgreSQL against a local test site over real sockets: registration
// with its checks, a run writing findings (each column's problems to the unit running it), idempotent re-runs,
// a circular with its re-checks (a finding closes only when a re-check passes; an overdue circular escalates),
// new-media accounts with CSV import (all or nothing) and dormancy, the stats figures and the weekly circular.
#include "services/monitoring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

#include "io/text_encoding.h"
#include "monitor/test_sites.h"
#include "services/bodies.h"
#include "services/stats.h"
#include "store/monitoring.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

BodySpec body_spec(const std::string& code, const std::string& name, const std::string& type,
                   const std::string& parent_code) {
  BodySpec spec;
  spec.code = code;
  spec.name = name;
  spec.type = type;
  spec.parent_code = parent_code;
  return spec;
}

class MonitoringTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    InstallationOptions where;
    where.data_dir = dir_.file("data");
    where.database_url = db_->url();
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    ASSERT_TRUE(inst) << inst.status().message();
    inst_ = std::move(*inst);
    Result<std::unique_ptr<store::Connection>> conn = inst_->connect();
    ASSERT_TRUE(conn);
    conn_ = std::move(*conn);
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    for (const BodySpec& spec : {body_spec("gov", "示例县人民政府", "government", ""),
                                 body_spec("dept", "示例县教育局", "department", "gov"),
                                 body_spec("town", "示例县城关镇人民政府", "township", "gov")}) {
      ASSERT_TRUE(add_body(*conn_, spec));
    }
    ASSERT_TRUE(tx.commit());
  }

  MonitorRunOptions run_options(const std::string& as_of, const std::string& site = "portal") {
    MonitorRunOptions o;
    o.site = site;
    o.as_of = as_of;
    o.progress = false;
    o.fetch.connect_timeout_ms = 1000;
    o.fetch.total_timeout_ms = 1500;
    o.fetch.per_host_interval_ms = 1;
    return o;
  }

  std::set<std::string> rules_of(const SiteRunReport& r) {
    std::set<std::string> out;
    for (const store::FindingRow& f : r.findings) out.insert(f.rule_id + " " + f.body_code);
    return out;
  }

  int64_t count(const std::string& sql) { return *conn_->query_int(sql); }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_P(MonitoringTest, RegistrationRefusesBadInputAndChangesNothing) {
  gongkai::testing::RawSite raw;
  gongkai::testing::GovSite site(raw.url(""));
  ASSERT_TRUE(add_monitor_site(*inst_, {"portal", "示例县政府网", "gov", site.url("/"), 40}));
  EXPECT_EQ(add_monitor_site(*inst_, {"portal", "x", "gov", site.url("/"), 40}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(add_monitor_site(*inst_, {"p2", "x", "nobody", site.url("/"), 40}).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(add_monitor_site(*inst_, {"p3", "x", "gov", "ftp://x/", 40}).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(add_monitor_column(*inst_, {"portal", "动态", "/news", "gossip", 14, ""}).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(add_monitor_column(*inst_, {"portal", "动态", "http://elsewhere.cn/news", "news", 14, ""}).status().code(),
            StatusCode::kInvalid);
  EXPECT_EQ(add_monitor_column(*inst_, {"portal", "动态", "/news", "news", 0, ""}).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(add_monitor_column(*inst_, {"nosite", "动态", "/news", "news", 14, ""}).status().code(), StatusCode::kInvalid);
  ASSERT_TRUE(add_monitor_column(*inst_, {"portal", "动态", "/news", "news", 14, "dept"}));
  EXPECT_EQ(add_monitor_column(*inst_, {"portal", "动态", "/news", "news", 14, ""}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_sites"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_columns"), 1);
  EXPECT_EQ(run_monitor(*inst_, run_options("2026-11-30", "nosuch")).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(run_monitor(*inst_, run_options("2026-02-30")).status().code(), StatusCode::kInvalid);
}

TEST_P(MonitoringTest, RunsRecheckAndCloseOnlyWhenARecheckPasses) {
  gongkai::testing::RawSite raw;
  gongkai::testing::GovSite site(raw.url(""));
  ASSERT_TRUE(add_monitor_site(*inst_, {"portal", "示例县政府网", "gov", site.url("/"), 40}));
  ASSERT_TRUE(add_monitor_column(*inst_, {"portal", "教育动态", "/news", "news", 14, "dept"}));
  ASSERT_TRUE(add_monitor_column(*inst_, {"portal", "城关镇动态", "/blank", "news", 14, "town"}));
  ASSERT_TRUE(add_monitor_column(*inst_, {"portal", "通知公告", "/notice", "notice", std::nullopt, ""}));

  Result<MonitorRunReport> first = run_monitor(*inst_, run_options("2026-11-30"));
  ASSERT_TRUE(first) << first.status().message();
  ASSERT_EQ(first->sites.size(), 1u);
  const std::set<std::string> expected = {
      "column.news_stale dept", "page.no_date dept",  // /a/2 is listed in the education bureau's column
      "column.blank town",      "content.serious_error gov", "content.forbidden gov",
      "link.dead_internal gov", "link.dead_external gov"};
  EXPECT_EQ(rules_of(first->sites[0]), expected);
  const int64_t findings_after_first = count("SELECT COUNT(*) FROM monitor_findings");
  EXPECT_EQ(findings_after_first, static_cast<int64_t>(first->sites[0].findings.size()));
  EXPECT_EQ(first->sites[0].findings_new, findings_after_first);

  // The same day again: the same run, the same findings, nothing duplicated.
  Result<MonitorRunReport> again = run_monitor(*inst_, run_options("2026-11-30"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sites[0].run_id, first->sites[0].run_id);
  EXPECT_EQ(again->sites[0].findings_new, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings"), findings_after_first);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_runs"), 1);

  // A circular to the education bureau lists its two findings; yellow ones are re-checked a week later.
  CircularSpec spec;
  spec.body_code = "dept";
  spec.issued_on = "2026-11-30";
  Result<store::CircularRow> circular = issue_circular(*inst_, spec);
  ASSERT_TRUE(circular) << circular.status().message();
  EXPECT_EQ(circular->number, "监测通报〔2026〕1号");
  EXPECT_EQ(circular->findings, 2);
  EXPECT_EQ(circular->deadline, "2026-12-07");  // 5 working days
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_rechecks WHERE due_on = '2026-12-07'"), 2);
  EXPECT_EQ(issue_circular(*inst_, spec).status().code(), StatusCode::kInvalid);  // nothing left to list
  EXPECT_TRUE(answer_circular(*inst_, circular->number, "已更新教育动态栏目", "2026-12-01"));
  EXPECT_FALSE(answer_circular(*inst_, circular->number, "", "2026-12-01"));

  // The unit fixes its column; a check before the re-check is due does not close the finding.
  site.set_news_latest("2026-12-01");
  Result<MonitorRunReport> early = run_monitor(*inst_, run_options("2026-12-02"));
  ASSERT_TRUE(early);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings WHERE rule_id = 'column.news_stale' AND state = 'open'"), 1);
  // Findings not on a circular close as soon as a check no longer sees them: none here (the site is unchanged).
  // The re-check passes for the column, fails for the undated article; the circular stays open and, past its
  // deadline, escalates.
  Result<MonitorRunReport> recheck = run_monitor(*inst_, run_options("2026-12-08"));
  ASSERT_TRUE(recheck) << recheck.status().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings WHERE rule_id = 'column.news_stale' AND state = 'closed'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings WHERE rule_id = 'page.no_date' AND state = 'open'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_rechecks WHERE passed = 1"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_rechecks WHERE passed = 0"), 1);
  EXPECT_EQ(recheck->circulars_escalated, 1);
  Result<std::optional<store::CircularRow>> after = store::find_circular(*conn_, circular->number);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->state, "escalated");

  // Stats: one circular in 2026 in the county's scope, none in the township's.
  Result<std::map<std::string, int64_t>> county = yearly_stats(*inst_, {"gov", 2026, false, false});
  ASSERT_TRUE(county) << county.status().message();
  EXPECT_EQ(county->at("rectification_circulars"), 1);
  EXPECT_EQ(yearly_stats(*inst_, {"town", 2026, false, false})->at("rectification_circulars"), 0);

  // The weekly circular of the week of 2026-11-30.
  Result<WeeklyReport> weekly = weekly_report(*inst_, "2026-W49");
  ASSERT_TRUE(weekly) << weekly.status().message();
  EXPECT_EQ(weekly->from, "2026-11-30");
  EXPECT_EQ(weekly->to, "2026-12-06");
  EXPECT_EQ(weekly->new_findings.size(), static_cast<size_t>(findings_after_first));
  EXPECT_EQ(weekly->circulars.size(), 1u);
  EXPECT_FALSE(weekly_report(*inst_, "2026-W54").is_ok());
  EXPECT_EQ(iso_week_monday("2020-W01")->to_string(), "2019-12-30");
  EXPECT_EQ(iso_week_monday("2026-W53")->to_string(), "2026-12-28");
}

TEST_P(MonitoringTest, NewMediaAccountsImportAndDormancy) {
  ASSERT_TRUE(add_newmedia_account(*inst_, {"dept", "wechat", "示例教育", "2026-01-05", "", "", "", "active"}));
  ASSERT_TRUE(add_newmedia_account(*inst_, {"town", "weibo", "@城关镇", "2019-01-01", "", "", "", "active"}));
  ASSERT_TRUE(add_newmedia_account(*inst_, {"town", "douyin", "城关镇抖音", "2018-01-01", "", "", "2019-12-01", "active"}));
  EXPECT_EQ(add_newmedia_account(*inst_, {"dept", "wechat", "示例教育", "2026-01-05", "", "", "", "active"}).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(add_newmedia_account(*inst_, {"dept", "myspace", "x", "2026-01-05", "", "", "", "active"}).status().code(),
            StatusCode::kInvalid);

  // A bad line anywhere: nothing imported, the line named.
  const std::string bad = dir_.file("bad.csv");
  std::ofstream(bad) << "platform,account,posted_on,title\nwechat,示例教育,2026-11-20,开学通知\n"
                        "wechat,示例教育,2026-11-31,不存在的日子\nweibo,无此账号,2026-11-20,x\n";
  Result<NewMediaImportReport> r = import_newmedia_updates(*inst_, bad);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_NE(r->errors[0].find("bad.csv:3: posted_on"), std::string::npos) << r->errors[0];
  EXPECT_NE(r->errors[1].find("bad.csv:4: account"), std::string::npos) << r->errors[1];
  EXPECT_EQ(count("SELECT COUNT(*) FROM newmedia_updates"), 0);

  // A GBK file from a platform export.
  const std::string good = dir_.file("good.csv");
  std::ofstream(good, std::ios::binary)
      << *io::utf8_to_gb18030("platform,account,posted_on,title,url\nwechat,示例教育,2026-11-26,开学通知,\n"
                              "weibo,@城关镇,2026-11-10,城关镇防汛提醒,https://weibo.example/1\n");
  r = import_newmedia_updates(*inst_, good);
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(r->errors.empty());
  EXPECT_EQ(r->added, 2u);
  EXPECT_EQ(import_newmedia_updates(*inst_, good)->duplicates, 2u);
  EXPECT_TRUE(add_newmedia_update(*inst_, "wechat", "示例教育", "2026-11-27", "通知", ""));
  EXPECT_EQ(add_newmedia_update(*inst_, "wechat", "示例教育", "2025-01-01", "x", "").status().code(), StatusCode::kInvalid);

  // A full run (no sites registered) checks the accounts: @城关镇 silent 20 days = veto; 示例教育 fresh.
  MonitorRunOptions o = run_options("2026-11-30", "");
  Result<MonitorRunReport> run = run_monitor(*inst_, o);
  ASSERT_TRUE(run) << run.status().message();
  EXPECT_EQ(run->accounts_checked, 2);  // the closed account is not checked
  EXPECT_EQ(run->account_findings, 1);
  store::FindingFilter filter;
  Result<std::vector<store::FindingRow>> open = store::list_findings(*conn_, filter);
  ASSERT_TRUE(open && open->size() == 1u);
  EXPECT_EQ((*open)[0].rule_id, "newmedia.dormant");
  EXPECT_EQ((*open)[0].grade, "red");
  EXPECT_EQ((*open)[0].body_code, "town");
  // It posts again: the next check closes the finding (not on a circular).
  EXPECT_TRUE(add_newmedia_update(*inst_, "weibo", "@城关镇", "2026-12-01", "城关镇冬季供暖", ""));
  ASSERT_TRUE(run_monitor(*inst_, run_options("2026-12-01", "")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings WHERE state = 'open'"), 0);

  // Stats: accounts open in the year, by owner type; the douyin account closed in 2019 counts for 2019 only.
  Result<std::map<std::string, int64_t>> y2026 = yearly_stats(*inst_, {"gov", 2026, false, false});
  ASSERT_TRUE(y2026);
  EXPECT_EQ(y2026->at("newmedia_accounts_departments"), 1);
  EXPECT_EQ(y2026->at("newmedia_departments"), 1);
  EXPECT_EQ(y2026->at("newmedia_accounts_townships"), 1);
  EXPECT_EQ(y2026->at("newmedia_townships"), 1);
  Result<std::map<std::string, int64_t>> y2019 = yearly_stats(*inst_, {"gov", 2019, false, false});
  EXPECT_EQ(y2019->at("newmedia_accounts_townships"), 2);
  EXPECT_EQ(y2019->at("newmedia_townships"), 1);
  EXPECT_EQ(y2019->at("newmedia_accounts_departments"), 0);
}

TEST(MonitoringSchedule, ProbesSpreadOverTheDayAndRechecksFollowTheCalendar) {
  std::vector<int> times = probe_schedule(24, 100);
  ASSERT_EQ(times.size(), 24u);
  EXPECT_EQ(times[0], 100);
  EXPECT_EQ(times[1], 3700);
  EXPECT_EQ(probe_schedule(5, 0).size(), 20u);  // never fewer than the rule's 20
  domain::WorkCalendar calendar(*domain::parse_calendar("2026-10-01 holiday 国庆节\n2026-10-02 holiday 国庆节\n"
                                                        "2026-10-10 workday 国庆节\n", "t"));
  const domain::Date wed = *domain::Date::parse("2026-09-30");
  EXPECT_EQ(recheck_date(calendar, wed, "red").to_string(), "2026-10-05");  // over the holiday and the weekend
  EXPECT_EQ(recheck_date(calendar, wed, "yellow").to_string(), "2026-10-07");
  EXPECT_EQ(add_working_days(calendar, *domain::Date::parse("2026-10-09"), 1).to_string(), "2026-10-10");  // make-up Saturday
}

// The supervision desk's listing: scope, grade, state and ids are conditions of the query, a page is a LIMIT,
// and the count agrees with the rows; checked against filtering every finding by hand.
TEST_P(MonitoringTest, FindingsAreFilteredCountedAndPagedInTheQuery) {
  std::map<std::string, int64_t> body;
  for (const char* code : {"gov", "dept", "town"}) {
    body[code] = *conn_->query_int(std::string("SELECT id FROM bodies WHERE code = '") + code + "'");
  }
  store::Transaction tx(*conn_, store::TxMode::kWrite);
  ASSERT_TRUE(tx.status());
  const char* codes[] = {"gov", "dept", "town"};
  for (int i = 0; i < 45; ++i) {
    store::FindingInput f;
    f.body_id = body[codes[i % 3]];
    f.rule_id = i % 4 == 0 ? "site.blank_column" : "site.stale_column";
    f.grade = i % 5 == 0 ? "red" : "yellow";
    f.subject = "栏目" + std::to_string(100 + i);
    f.found_on = "https://example.gov.cn/c" + std::to_string(i);
    ASSERT_TRUE(store::record_finding(*conn_, f, std::nullopt, "2026-11-30"));
  }
  ASSERT_TRUE(conn_->exec("UPDATE monitor_findings SET state = 'closed', closed_on = '2026-12-01' WHERE id % 7 = 0"));
  ASSERT_TRUE(tx.commit());

  store::FindingFilter every;
  every.state.reset();
  Result<std::vector<store::FindingRow>> all = store::list_findings(*conn_, every);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 45u);
  // The order: red first, then rule, subject, id.
  for (size_t i = 1; i < all->size(); ++i) {
    const store::FindingRow &a = (*all)[i - 1], &b = (*all)[i];
    EXPECT_LE(std::tie(a.grade, a.rule_id, a.subject, a.id), std::tie(b.grade, b.rule_id, b.subject, b.id));
  }
  EXPECT_EQ(all->front().grade, "red");

  struct Case {
    std::optional<std::string> state, grade;
    std::vector<std::string> bodies;
  };
  for (const Case& c : std::vector<Case>{{"open", std::nullopt, {"gov", "dept", "town"}},
                                         {"closed", "yellow", {"dept"}},
                                         {std::nullopt, "red", {"gov", "town"}},
                                         {"open", "red", {}}}) {
    store::FindingFilter filter;
    filter.state = c.state;
    filter.grade = c.grade;
    filter.body_ids.emplace();
    for (const std::string& code : c.bodies) filter.body_ids->push_back(body[code]);
    std::vector<int64_t> expected;
    for (const store::FindingRow& f : *all) {
      if (c.state && f.state != *c.state) continue;
      if (c.grade && f.grade != *c.grade) continue;
      if (std::find(filter.body_ids->begin(), filter.body_ids->end(), f.body_id) == filter.body_ids->end()) continue;
      expected.push_back(f.id);
    }
    const std::string what = c.state.value_or("any") + "/" + c.grade.value_or("any") + "/" +
                             std::to_string(c.bodies.size()) + " bodies";
    Result<int64_t> total = store::count_findings(*conn_, filter);
    ASSERT_TRUE(total) << total.status().message();
    EXPECT_EQ(*total, static_cast<int64_t>(expected.size())) << what;
    // Pages of 4 put together are the whole list, in order.
    std::vector<int64_t> paged;
    filter.limit = 4;
    for (filter.offset = 0; filter.offset < *total + 4; filter.offset += 4) {
      Result<std::vector<store::FindingRow>> page = store::list_findings(*conn_, filter);
      ASSERT_TRUE(page) << page.status().message();
      EXPECT_LE(page->size(), 4u);
      for (const store::FindingRow& f : *page) paged.push_back(f.id);
    }
    EXPECT_EQ(paged, expected) << what;
  }
  // By id: only those, and an id of nothing is simply absent.
  store::FindingFilter by_id;
  by_id.state.reset();
  by_id.ids = {(*all)[3].id, (*all)[10].id, 999999};
  Result<std::vector<store::FindingRow>> picked = store::list_findings(*conn_, by_id);
  ASSERT_TRUE(picked);
  std::set<int64_t> got;
  for (const store::FindingRow& f : *picked) got.insert(f.id);
  EXPECT_EQ(got, (std::set<int64_t>{(*all)[3].id, (*all)[10].id}));
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitoringTest, ::testing::ValuesIn(gongkai::testing::test_backends()));

}  // namespace
}  // namespace gongkai::services
