// The site check against local test sites over real sockets: an in-process gongkai HTTP server playing a
// government website with planted problems (stale and blank columns, an undated article, wording errors, a GBK
// page, dead links, a redirect loop, a robots.txt ban, an endless link trap), and a raw socket server for hosts
// that never answer or drip. Each finding is asserted, and nothing else may be found.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "common/embedded.h"
#include "domain/monitor_rules.h"
#include "http/http.h"
#include "io/text_encoding.h"
#include "monitor/fetcher.h"
#include "monitor/html_page.h"
#include "monitor/robots.h"
#include "monitor/site_check.h"
#include "monitor/test_sites.h"

namespace gongkai::monitor {
namespace {

using namespace std::chrono_literals;
using testing::GovSite;
using testing::test_page;

FetchOptions quick_options() {
  FetchOptions o;
  o.connect_timeout_ms = 1000;
  o.total_timeout_ms = 1500;
  o.per_host_concurrency = 2;
  o.per_host_interval_ms = 2;
  return o;
}

const domain::MonitorRules& rules() {
  static const domain::MonitorRules r = *domain::MonitorRules::parse(embedded::monitor_rules(), "rules");
  return r;
}
const std::vector<domain::WordingEntry>& wording() {
  static const std::vector<domain::WordingEntry> w = *domain::parse_wording(embedded::monitor_wording(), "wording");
  return w;
}

// 互动回应差: in a message column, messages of the last year that waited (or wait) more than 3 months for an
// answer are one red finding with the count and the oldest; a message answered in 2 days and one from more
// than a year ago are not counted.
TEST(SiteCheck, MessagesWaitingMoreThanThreeMonths) {
  testing::RawSite raw;
  GovSite site(raw.url(""));
  SiteTarget target;
  target.home_url = site.url("/");
  target.columns = {{site.url("/messages"), "咨询投诉", "interaction", std::nullopt}};
  target.page_budget = 3;
  Fetcher fetcher(quick_options());
  SiteCheck check =
      check_site(fetcher, target, wording(), *domain::Date::parse("2026-11-30"), [](int, int) {});
  ASSERT_EQ(check.observation.columns.size(), 1u);
  const domain::ColumnObservation& col = check.observation.columns[0];
  ASSERT_EQ(col.messages.size(), 4u);
  EXPECT_EQ(col.messages[1].asked.to_string(), "2026-07-01");
  EXPECT_FALSE(col.messages[1].answered.has_value());  // 未回复
  EXPECT_EQ(col.messages[2].answered->to_string(), "2026-07-20");
  std::vector<domain::MonitorViolation> found;
  for (const domain::MonitorViolation& v : domain::evaluate_site(rules(), check.observation)) {
    if (v.rule_id == "column.unanswered") found.push_back(v);
  }
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].grade, "red");
  EXPECT_EQ(found[0].subject, site.url("/messages"));
  EXPECT_NE(found[0].excerpt.find("2条留言超过90天未答复"), std::string::npos) << found[0].excerpt;
  EXPECT_NE(found[0].excerpt.find("2026-03-02「咨询社保转移」"), std::string::npos) << found[0].excerpt;
  // Before the oldest wait passed 90 days (2026-05-31) nothing is late.
  check.observation.as_of = *domain::Date::parse("2026-05-31");
  check.observation.columns[0].messages.erase(check.observation.columns[0].messages.begin(),
                                              check.observation.columns[0].messages.begin() + 2);
  for (const domain::MonitorViolation& v : domain::evaluate_site(rules(), check.observation)) {
    EXPECT_NE(v.rule_id, "column.unanswered") << v.excerpt;
  }
}

TEST(SiteCheck, FindsEveryPlantedProblemAndNothingElse) {
  testing::RawSite raw;
  GovSite site(raw.url(""));
  SiteTarget target;
  target.home_url = site.url("/");
  target.columns = {{site.url("/news"), "工作动态", "news", 14},
                    {site.url("/notice"), "通知公告", "notice", std::nullopt},
                    {site.url("/blank"), "空白栏目", "news", 14},
                    {site.url("/gbk"), "乡镇动态", "news", 14}};
  target.page_budget = 40;
  Fetcher fetcher(quick_options());
  const auto started = std::chrono::steady_clock::now();
  int progress_calls = 0;
  SiteCheck check = check_site(fetcher, target, wording(), *domain::Date::parse("2026-11-30"),
                               [&](int, int) { ++progress_calls; });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::set<std::pair<std::string, std::string>> got;
  std::map<std::string, domain::MonitorViolation> by_subject;
  const std::string origin = site.url("");
  for (const domain::MonitorViolation& v : domain::evaluate_site(rules(), check.observation)) {
    std::string subject = v.subject.starts_with(origin) ? v.subject.substr(origin.size()) : v.subject;
    if (subject.starts_with(raw.url(""))) subject = "raw" + subject.substr(raw.url("").size());
    got.emplace(v.rule_id, subject);
    by_subject[subject] = v;
  }
  const std::set<std::pair<std::string, std::string>> expected = {
      {"column.news_stale", "/news"},         // latest 2026-11-01, 29 days
      {"column.blank", "/blank"},
      {"page.no_date", "/a/2"},
      {"content.serious_error", "/a/3"},      // 条列
      {"content.forbidden", "/gbk"},          // found only if the GBK page was decoded
      {"link.dead_internal", "/missing"},
      {"link.dead_internal", "/loop"},
      {"link.dead_external", "raw/never"},
      // raw/drip is not dead: an off-site link is only checked, and it did start to answer.
  };
  EXPECT_EQ(got, expected);
  EXPECT_EQ(by_subject["/a/2"].found_on, site.url("/news"));
  EXPECT_EQ(by_subject["/missing"].found_on, site.url("/"));
  EXPECT_NE(by_subject["/missing"].excerpt.find("HTTP 404"), std::string::npos);
  EXPECT_NE(by_subject["/loop"].excerpt.find("redirect"), std::string::npos);
  EXPECT_NE(by_subject["raw/never"].excerpt.find("timed out"), std::string::npos);
  EXPECT_EQ(by_subject["/news"].date_seen->to_string(), "2026-11-01");
  EXPECT_NE(by_subject["/gbk"].excerpt.find("网络赌场"), std::string::npos);

  // Columns read right, from bad HTML and from GBK.
  ASSERT_EQ(check.observation.columns.size(), 4u);
  EXPECT_EQ(check.observation.columns[0].entries, 3);
  EXPECT_EQ(check.observation.columns[1].latest->to_string(), "2026-11-20");
  EXPECT_EQ(check.observation.columns[3].latest->to_string(), "2026-11-28");
  EXPECT_EQ(check.observation.home_latest->to_string(), "2026-11-27");

  // The trap ends at the budget; robots.txt is obeyed; the host's concurrency cap held.
  EXPECT_EQ(check.pages_fetched, 40);
  EXPECT_TRUE(check.budget_exhausted);
  EXPECT_EQ(site.hits("/private/secret"), 0);
  EXPECT_LE(site.max_in_flight(), 2);
  EXPECT_GT(progress_calls, 0);
  // Hosts that never answer or drip cost their timeout once, in parallel with the rest.
  EXPECT_LT(seconds, 12.0);
}

TEST(SiteCheck, HostsThatDripOrNeverAnswerAreFindingsNotStalls) {
  testing::RawSite raw;
  SiteTarget target;
  target.home_url = raw.url("/drip");
  target.columns = {{raw.url("/never-column"), "工作动态", "news", 14}};
  Fetcher fetcher(quick_options());
  const auto started = std::chrono::steady_clock::now();
  SiteCheck check = check_site(fetcher, target, wording(), *domain::Date::parse("2026-11-30"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
  std::vector<domain::MonitorViolation> v = domain::evaluate_site(rules(), check.observation);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].rule_id, "page.fetch_failed");
  EXPECT_EQ(v[1].rule_id, "page.fetch_failed");
  EXPECT_NE(v[0].excerpt.find("timed out"), std::string::npos) << v[0].excerpt;  // the slow drip, cut at the total timeout
  EXPECT_FALSE(check.observation.home_fetched);
}

TEST(Fetcher, CapsBodiesAndReportsStatus) {
  testing::RawSite raw;
  GovSite site(raw.url(""));
  FetchOptions o = quick_options();
  o.max_body_bytes = 1000;
  Fetcher fetcher(o);
  std::vector<FetchResult> r =
      fetcher.fetch_all({{site.url("/big"), false}, {site.url("/missing"), false}, {site.url("/big"), true}});
  EXPECT_TRUE(r[0].ok());
  EXPECT_TRUE(r[0].truncated);
  EXPECT_EQ(r[0].body.size(), 1000u);
  EXPECT_EQ(r[1].status, 404);
  EXPECT_FALSE(r[1].ok());
  EXPECT_TRUE(r[2].ok());
  EXPECT_TRUE(r[2].body.empty());
  EXPECT_EQ(fetcher.fetch_all({{"ftp://127.0.0.1/x", false}})[0].error, "not an http(s) URL");
}

TEST(Probe, FifteenSecondRuleWithAShortClock) {
  testing::RawSite raw;
  FetchOptions o = quick_options();
  Fetcher fetcher(o);
  EXPECT_TRUE(probe(fetcher, raw.url("/fine"), 1500).ok);
  ProbeResult never = probe(fetcher, raw.url("/never"), 1500);
  EXPECT_FALSE(never.ok);
  EXPECT_FALSE(never.error.empty());
}

TEST(Robots, LongestMatchWinsAndAgentsAreChosen) {
  Robots r = Robots::parse("User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.php$\n"
                           "\nUser-agent: gongkai\nDisallow: /nogk\nCrawl-delay: 2\n",
                           "gongkai-monitor");
  EXPECT_TRUE(r.allowed("/private/x"));  // our own group applies, not *
  EXPECT_FALSE(r.allowed("/nogk/a"));
  EXPECT_EQ(*r.crawl_delay_ms(), 2000);
  Robots star = Robots::parse("User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.php$\n", "other");
  struct Case {
    const char* path;
    bool allowed;
  } cases[] = {{"/", true}, {"/private/a", false}, {"/private/open/1", true}, {"/x/index.php", false},
               {"/x/index.php?a=1", true}, {"/privat", true}};
  for (const Case& c : cases) EXPECT_EQ(star.allowed(c.path), c.allowed) << c.path;
  EXPECT_FALSE(Robots::disallow_all().allowed("/"));
  EXPECT_TRUE(Robots().allowed("/anything"));
}

TEST(HtmlPage, ListingEntriesSkipNavigationAndPublicationDatesAreFound) {
  HtmlPage p = parse_html(test_page("t", "<ul><li><a href=\"/a\">甲</a><time datetime=\"2026-01-02\">2026-01-02</time></li>"
                                    "<li><a href=\"/b\">乙</a></li></ul>"));
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[0].date->to_string(), "2026-01-02");
  EXPECT_FALSE(p.entries[1].date.has_value());
  EXPECT_EQ(p.links.size(), 4u);  // two in the nav, two in the listing
  EXPECT_EQ(parse_html("<meta name=\"PubDate\" content=\"2025-03-04 10:00\"><p>x</p>").publication_date->to_string(),
            "2025-03-04");
  EXPECT_EQ(parse_html("<p>发布时间：2025年3月4日</p>").publication_date->to_string(), "2025-03-04");
  EXPECT_FALSE(parse_html("<p>电话 0571-8888</p>").publication_date.has_value());
  EXPECT_EQ(charset_of("text/html; charset=\"GBK\""), "gbk");
  EXPECT_EQ(resolve_url("http://a.cn/x/y.html", "../z.html#frag"), "http://a.cn/z.html");
  EXPECT_EQ(resolve_url("http://a.cn/x/", "javascript:void(0)"), "");
  EXPECT_EQ(resolve_url("http://a.cn/x/y?p=1", "#main"), "http://a.cn/x/y?p=1");  // the same page
  EXPECT_EQ(resolve_url("http://a.cn/x/y?p=1", "?p=2#top"), "http://a.cn/x/y?p=2");
  EXPECT_EQ(host_key("http://a.cn/x"), "a.cn:80");
}

}  // namespace
}  // namespace gongkai::monitor
