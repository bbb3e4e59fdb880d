// The supervision desk (/staff/monitor…) over real HTTP, with findings from a real check of a local test
// site: the county office filters findings and issues a circular from selected ones; the education bureau's
// editor sees and answers its own circular; every route without a session (sign-in), with a role lacking the
// permission (403), from another body guessing ids (404), and without the CSRF token (403); sites and columns
// added from the web with bad input refused and nothing changed; the weekly circular as HTML and PDF; every
// change in the audit log.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.h"
#include "monitor/test_sites.h"
#include "render/pdf_tools.h"
#include "services/installation.h"
#include "services/monitoring.h"
#include "store/database.h"
#include "support/staff_site.h"

namespace gongkai::web {
namespace {

using gongkai::testing::HttpReply;
using gongkai::testing::StaffSite;

class StaffMonitorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    raw_ = new gongkai::testing::RawSite();
    gov_ = new gongkai::testing::GovSite(raw_->url(""));
    site_ = new StaffSite({{"office", "county", "disclosure_office"},
                           {"editor", "edu", "editor"},
                           {"reviewer", "edu", "reviewer"},
                           {"healtheditor", "health", "editor"},
                           {"healthoffice", "health", "disclosure_office"}});
    services::Installation& inst = site_->installation();
    ASSERT_TRUE(services::add_monitor_site(inst, {"portal", "示例县政府网", "county", gov_->url("/"), 40}));
    ASSERT_TRUE(services::add_monitor_column(inst, {"portal", "教育动态", "/news", "news", 14, "edu"}));
    ASSERT_TRUE(services::add_monitor_column(inst, {"portal", "卫健动态", "/blank", "news", 14, "health"}));
    ASSERT_TRUE(services::add_newmedia_account(
        inst, {"edu", "wechat", "示例教育", "2020-01-05", "", "", "", "active"}));
    ASSERT_TRUE(services::add_newmedia_update(inst, "wechat", "示例教育", "2026-01-10", "开学通知", ""));
    services::MonitorRunOptions o;
    o.site = "portal";
    o.progress = false;
    o.fetch.connect_timeout_ms = 1000;
    o.fetch.total_timeout_ms = 1500;
    o.fetch.per_host_interval_ms = 1;
    Result<services::MonitorRunReport> run = services::run_monitor(inst, o);
    ASSERT_TRUE(run) << run.status().message();
  }
  static void TearDownTestSuite() {
    delete site_;
    delete gov_;
    delete raw_;
  }

  // The rows of a page's first table (the filters' options name every unit and grade).
  static std::string rows_of(const std::string& html) {
    const size_t from = html.find("<tbody>");
    if (from == std::string::npos) return "";
    return html.substr(from, html.find("</tbody>", from) - from);
  }
  static int64_t count(const std::string& sql) { return *site_->connect()->query_int(sql); }
  static std::vector<std::string> open_ids(const std::string& unit) {
    std::vector<std::string> out;
    Result<store::Rows> rows = site_->connect()->query(
        "SELECT f.id FROM monitor_findings f JOIN bodies b ON b.id = f.body_id WHERE b.code = ? AND f.state "
        "= 'open' "
        "AND f.circular_id IS NULL ORDER BY f.id",
        {unit});
    for (const store::Row& r : *rows) out.push_back(std::to_string(r.get_int(0)));
    return out;
  }
  // POSTs the issue form as `cookie` for `ids`.
  static HttpReply issue(const std::string& cookie, const std::vector<std::string>& ids,
                         bool with_csrf = true) {
    std::vector<std::pair<std::string, std::string>> fields;
    if (with_csrf) fields.emplace_back("csrf", site_->csrf_for(cookie));
    for (const std::string& id : ids) fields.emplace_back("finding", id);
    fields.emplace_back("deadline_days", "5");
    return site_->post(cookie, "/staff/monitor/circulars", fields);
  }

  static gongkai::testing::RawSite* raw_;
  static gongkai::testing::GovSite* gov_;
  static StaffSite* site_;
};

gongkai::testing::RawSite* StaffMonitorTest::raw_ = nullptr;
gongkai::testing::GovSite* StaffMonitorTest::gov_ = nullptr;
StaffSite* StaffMonitorTest::site_ = nullptr;

TEST_F(StaffMonitorTest, EveryRouteNeedsASessionAndThePermission) {
  for (const std::string target :
       {"/staff/monitor", "/staff/monitor/circulars", "/staff/monitor/circulars/1", "/staff/monitor/sites",
        "/staff/monitor/accounts", "/staff/monitor/accounts/1", "/staff/monitor/weekly",
        "/staff/monitor/assessment"}) {
    HttpReply r = gongkai::testing::http_get(site_->port(), target);
    EXPECT_EQ(r.status, 303) << target;
    EXPECT_EQ(r.headers["location"].rfind("/staff/login?next=", 0), 0u) << target;
  }
  for (const std::string target : {"/staff/monitor/circulars", "/staff/monitor/circulars/1/answer",
                                   "/staff/monitor/sites", "/staff/monitor/sites/portal/columns"}) {
    HttpReply r = gongkai::testing::http_request(
        site_->port(), "POST", target, "Content-Type: application/x-www-form-urlencoded\r\n", "a=b");
    EXPECT_EQ(r.status, 303) << target;
  }
  // A reviewer has no monitoring permission at all.
  const std::string reviewer = site_->sign_in("reviewer");
  for (const std::string target :
       {"/staff/monitor", "/staff/monitor/circulars", "/staff/monitor/sites", "/staff/monitor/accounts",
        "/staff/monitor/weekly", "/staff/monitor/assessment"}) {
    EXPECT_EQ(site_->get(reviewer, target).status, 403) << target;
  }
  // A unit's editor sees its own findings but does not supervise: no sites, no weekly circular, no issuing.
  const std::string editor = site_->sign_in("editor");
  EXPECT_EQ(site_->get(editor, "/staff/monitor/sites").status, 403);
  EXPECT_EQ(site_->get(editor, "/staff/monitor/weekly").status, 403);
  EXPECT_EQ(site_->get(editor, "/staff/monitor/assessment").status, 403);
  HttpReply own = site_->get(editor, "/staff/monitor");
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(rows_of(own.body).find("示例县教育局"), std::string::npos);
  EXPECT_EQ(own.body.find("示例县卫生健康局"), std::string::npos);  // another unit: neither rows nor options
  EXPECT_EQ(own.body.find("name=\"finding\""), std::string::npos);  // nothing to select
  const std::vector<std::string> edu = open_ids("edu");
  ASSERT_FALSE(edu.empty());
  EXPECT_EQ(issue(editor, edu).status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM rectification_circulars"), 0);
}

TEST_F(StaffMonitorTest, OfficeIssuesACircularAndTheUnitAnswersIt) {
  const std::string office = site_->sign_in("office");
  HttpReply all = site_->get(office, "/staff/monitor");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(rows_of(all.body).find("动态要闻类栏目2周未更新"), std::string::npos);
  EXPECT_NE(rows_of(all.body).find("示例县卫生健康局"), std::string::npos);
  HttpReply only_edu = site_->get(office, "/staff/monitor?unit=edu&status=open");
  ASSERT_EQ(only_edu.status, 200);
  EXPECT_NE(rows_of(only_edu.body).find("示例县教育局"), std::string::npos);
  EXPECT_EQ(rows_of(only_edu.body).find("示例县卫生健康局"), std::string::npos);
  // State: with one finding closed (for the moment), "closed" lists it alone, "all" lists it with the open ones.
  {
    const std::string closed_id = open_ids("health").front();
    ASSERT_TRUE(site_->connect()->exec(
        "UPDATE monitor_findings SET state = 'closed', closed_on = '2026-01-05' WHERE id = " + closed_id));
    HttpReply closed = site_->get(office, "/staff/monitor?status=closed");
    ASSERT_EQ(closed.status, 200);
    HttpReply every = site_->get(office, "/staff/monitor?status=all");
    ASSERT_EQ(every.status, 200);
    HttpReply open = site_->get(office, "/staff/monitor?status=open");
    const auto rows = [](const std::string& html) {
      const std::string body = rows_of(html);
      size_t n = 0;
      for (size_t at = body.find("<tr"); at != std::string::npos; at = body.find("<tr", at + 1)) ++n;
      return n;
    };
    EXPECT_GT(rows(open.body), 0u);
    EXPECT_EQ(rows(every.body), rows(open.body) + 1);
    EXPECT_EQ(rows(closed.body), 1u);
    ASSERT_TRUE(site_->connect()->exec(
        "UPDATE monitor_findings SET state = 'open', closed_on = NULL WHERE id = " + closed_id));
  }
  HttpReply red = site_->get(office, "/staff/monitor?grade=red");
  ASSERT_EQ(red.status, 200);
  EXPECT_NE(rows_of(red.body).find(">红色<"), std::string::npos);
  EXPECT_EQ(rows_of(red.body).find(">黄色<"), std::string::npos);

  const std::vector<std::string> edu = open_ids("edu");
  const std::vector<std::string> health = open_ids("health");
  ASSERT_FALSE(edu.empty());
  ASSERT_FALSE(health.empty());
  // Refused: no CSRF token, two units on one circular, a guessed id, nothing selected. Nothing written.
  EXPECT_EQ(issue(office, edu, false).status, 403);
  EXPECT_EQ(issue(office, {edu[0], health[0]}).status, 400);
  EXPECT_EQ(issue(office, {"999999"}).status, 404);
  EXPECT_EQ(issue(office, {}).status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM rectification_circulars"), 0);

  HttpReply issued = issue(office, edu);
  ASSERT_EQ(issued.status, 303) << issued.body;
  const std::string location = issued.headers["location"];
  std::smatch m;
  ASSERT_TRUE(std::regex_search(location, m, std::regex("/staff/monitor/circulars/([0-9]+)")));
  const std::string id = m[1];
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_findings WHERE circular_id = " + id),
            static_cast<int64_t>(edu.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.circular_issue'"), 1);
  EXPECT_EQ(issue(office, edu).status, 409);  // already on a circular

  // The health bureau's people do not see it (a guessed id answers like a missing one).
  const std::string health_editor = site_->sign_in("healtheditor");
  const std::string target = "/staff/monitor/circulars/" + id;
  EXPECT_EQ(site_->get(health_editor, target).status, 404);
  EXPECT_EQ(site_
                ->post(health_editor, target + "/answer",
                       {{"csrf", site_->csrf_for(health_editor)}, {"answer", "已整改"}})
                .status,
            404);
  EXPECT_EQ(site_->get(health_editor, "/staff/monitor/circulars").body.find("监测通报"), std::string::npos);

  // The education bureau's editor answers; an empty answer is refused and changes nothing.
  const std::string editor = site_->sign_in("editor");
  HttpReply page = site_->get(editor, target);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("报送整改情况"), std::string::npos);
  EXPECT_EQ(
      site_->post(editor, target + "/answer", {{"csrf", site_->csrf_for(editor)}, {"answer", "  "}}).status,
      400);
  EXPECT_EQ(site_->post(editor, target + "/answer", {{"answer", "已更新"}}).status, 403);  // no CSRF token
  EXPECT_EQ(count("SELECT COUNT(*) FROM rectification_circulars WHERE answer IS NOT NULL"), 0);
  HttpReply answered = site_->post(editor, target + "/answer",
                                   {{"csrf", site_->csrf_for(editor)}, {"answer", "已更新教育动态栏目"}});
  ASSERT_EQ(answered.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM rectification_circulars WHERE state = 'answered'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.circular_answer'"), 1);
  HttpReply after = site_->get(editor, target + "?done=answered");
  EXPECT_NE(after.body.find("已更新教育动态栏目"), std::string::npos);
  // The health bureau's office supervises another body: it does not see the circular.
  const std::string health_office = site_->sign_in("healthoffice");
  EXPECT_EQ(site_->get(health_office, target).status, 404);
}

TEST_F(StaffMonitorTest, SitesColumnsAccountsAndTheWeeklyCircular) {
  const std::string office = site_->sign_in("office");
  HttpReply sites = site_->get(office, "/staff/monitor/sites");
  ASSERT_EQ(sites.status, 200);
  EXPECT_NE(sites.body.find("教育动态"), std::string::npos);
  const std::string csrf = site_->csrf_for(office);
  const int64_t sites_before = count("SELECT COUNT(*) FROM monitor_sites");
  EXPECT_EQ(
      site_
          ->post(office, "/staff/monitor/sites",
                 {{"csrf", csrf}, {"code", "bad"}, {"name", "坏地址"}, {"body", "edu"}, {"url", "ftp://x/"}})
          .status,
      400);
  EXPECT_EQ(site_
                ->post(office, "/staff/monitor/sites",
                       {{"csrf", csrf},
                        {"code", "portal"},
                        {"name", "重复"},
                        {"body", "edu"},
                        {"url", "http://a.cn/"}})
                .status,
            409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_sites"), sites_before);
  HttpReply added = site_->post(office, "/staff/monitor/sites",
                                {{"csrf", csrf},
                                 {"code", "edu-site"},
                                 {"name", "示例县教育局网站"},
                                 {"body", "edu"},
                                 {"url", "http://edu.example.gov.cn/"},
                                 {"check_every_hours", "12"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(count("SELECT check_every_hours FROM monitor_sites WHERE code = 'edu-site'"), 12);
  EXPECT_EQ(
      site_
          ->post(office, "/staff/monitor/sites/edu-site/columns",
                 {{"csrf", csrf}, {"name", "通知公告"}, {"url", "http://elsewhere.cn/x"}, {"type", "notice"}})
          .status,
      400);
  EXPECT_EQ(site_
                ->post(office, "/staff/monitor/sites/edu-site/columns",
                       {{"csrf", csrf}, {"name", "通知公告"}, {"url", "/tzgg"}, {"type", "gossip"}})
                .status,
            400);
  EXPECT_EQ(site_
                ->post(office, "/staff/monitor/sites/edu-site/columns",
                       {{"csrf", csrf},
                        {"name", "通知公告"},
                        {"url", "/tzgg"},
                        {"type", "notice"},
                        {"interval", "30"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('monitor.site_add', 'monitor.column_add') "
                  "AND actor_label = 'office'"),
            2);

  // The health bureau's office supervises only its own body: the county's site is out of reach.
  const std::string health_office = site_->sign_in("healthoffice");
  const std::string hcsrf = site_->csrf_for(health_office);
  EXPECT_EQ(site_
                ->post(health_office, "/staff/monitor/sites/portal/columns",
                       {{"csrf", hcsrf}, {"name", "x"}, {"url", "/x"}, {"type", "notice"}})
                .status,
            404);
  EXPECT_EQ(
      site_
          ->post(
              health_office, "/staff/monitor/sites",
              {{"csrf", hcsrf}, {"code", "c2"}, {"name", "x"}, {"body", "county"}, {"url", "http://b.cn/"}})
          .status,
      403);
  EXPECT_EQ(site_->get(health_office, "/staff/monitor/sites").body.find("示例县政府网"), std::string::npos);

  // Accounts and their update records; another body's account answers 404.
  HttpReply accounts = site_->get(office, "/staff/monitor/accounts");
  ASSERT_EQ(accounts.status, 200);
  EXPECT_NE(accounts.body.find("示例教育"), std::string::npos);
  const std::string account_id =
      std::to_string(count("SELECT id FROM newmedia_accounts WHERE name = '示例教育'"));
  HttpReply account = site_->get(office, "/staff/monitor/accounts/" + account_id);
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("开学通知"), std::string::npos);
  EXPECT_EQ(site_->get(site_->sign_in("healtheditor"), "/staff/monitor/accounts/" + account_id).status, 404);
  EXPECT_EQ(site_->get(office, "/staff/monitor/accounts/abc").status, 404);

  // The weekly circular of the week the check ran in.
  const std::string week_page = site_->get(office, "/staff/monitor/weekly").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(week_page, m,
                                std::regex("name=\"week\" type=\"text\" value=\"([0-9]{4}-W[0-9]{2})\"")));
  const std::string week = m[1];
  HttpReply html = site_->get(office, "/staff/monitor/weekly?week=" + week + "&format=html");
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("示例县教育局"), std::string::npos);
  HttpReply pdf = site_->get(office, "/staff/monitor/weekly?week=" + week + "&format=pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  {
    gongkai::testing::TempDir dir;
    const std::string path = dir.file("weekly.pdf");
    FILE* out = std::fopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(pdf.body.data(), 1, pdf.body.size(), out);
    std::fclose(out);
    std::string text = gongkai::testing::pdf_text(path);
    std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });  // table cells wrap
    EXPECT_NE(text.find("政府网站和政务新媒体监测一周通报"), std::string::npos) << text.substr(0, 400);
    EXPECT_NE(text.find("示例县教育局"), std::string::npos);
    EXPECT_NE(text.find("动态要闻类栏目2周未更新"), std::string::npos);
  }
  EXPECT_EQ(site_->get(office, "/staff/monitor/weekly?week=2026-W99&format=pdf").status, 400);

  // The assessment board of the year: both departments ranked, the education bureau with its deductions.
  HttpReply board = site_->get(office, "/staff/monitor/assessment?year=" + china_today().substr(0, 4));
  ASSERT_EQ(board.status, 200);
  EXPECT_NE(board.body.find("示例县教育局"), std::string::npos);
  EXPECT_NE(board.body.find("示例县卫生健康局"), std::string::npos);
  EXPECT_NE(board.body.find("动态要闻类栏目2周未更新"), std::string::npos);
  EXPECT_EQ(site_->get(office, "/staff/monitor/assessment?year=20x6").status, 400);

  // A highlight earns the education bureau its bonus; refused without CSRF, for another body's supervisor,
  // for a unit's editor, for a rule that is not a highlight and without a note — nothing recorded then.
  const std::string year = china_today().substr(0, 4);
  auto highlight = [&](const std::string& cookie, const std::string& rule, const std::string& note,
                       bool with_csrf = true) {
    std::vector<std::pair<std::string, std::string>> f = {
        {"body", "edu"}, {"year", year}, {"rule", rule}, {"note", note}};
    if (with_csrf) f.emplace_back("csrf", site_->csrf_for(cookie));
    return site_->post(cookie, "/staff/monitor/assessment/highlights", f).status;
  };
  EXPECT_EQ(highlight(office, "bonus.innovation", "推行“政务公开日”", false), 403);
  EXPECT_EQ(highlight(health_office, "bonus.innovation", "推行“政务公开日”"), 404);
  EXPECT_EQ(highlight(site_->sign_in("editor"), "bonus.innovation", "推行“政务公开日”"), 403);
  EXPECT_EQ(highlight(office, "deduct.blank", "推行“政务公开日”"), 400);
  EXPECT_EQ(highlight(office, "bonus.innovation", " "), 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_highlights"), 0);
  EXPECT_EQ(highlight(office, "bonus.innovation", "推行“政务公开日”"), 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.highlight_add'"), 1);
  HttpReply with_bonus = site_->get(office, "/staff/monitor/assessment?year=" + year);
  EXPECT_NE(with_bonus.body.find("推行“政务公开日”"), std::string::npos);
  EXPECT_NE(rows_of(with_bonus.body).find("政务公开创新做法被上级推广 1次 +2"), std::string::npos);

  // Recorded in error, it is withdrawn with a reason: refused without CSRF, a reason, or the permission, and
  // for an id that is not there; then the bonus leaves the board and the audit log keeps what it was.
  const int64_t highlight_id = *site_->connect()->query_int("SELECT MAX(id) FROM assessment_highlights");
  const std::string remove = "/staff/monitor/assessment/highlights/" + std::to_string(highlight_id) + "/remove";
  auto withdraw = [&](const std::string& cookie, const std::string& target, const std::string& reason,
                      bool with_csrf = true) {
    std::vector<std::pair<std::string, std::string>> f = {{"reason", reason}};
    if (with_csrf) f.emplace_back("csrf", site_->csrf_for(cookie));
    return site_->post(cookie, target, f).status;
  };
  EXPECT_EQ(withdraw(office, remove, "登记错了单位", false), 403);
  EXPECT_EQ(withdraw(office, remove, "  "), 400);
  EXPECT_EQ(withdraw(health_office, remove, "登记错了单位"), 404);
  EXPECT_EQ(withdraw(site_->sign_in("editor"), remove, "登记错了单位"), 403);
  EXPECT_EQ(withdraw(office, "/staff/monitor/assessment/highlights/999999/remove", "登记错了单位"), 404);
  EXPECT_EQ(withdraw(office, "/staff/monitor/assessment/highlights/abc/remove", "登记错了单位"), 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_highlights"), 1) << "nothing removed by a refused request";
  EXPECT_EQ(withdraw(office, remove, "登记错了单位"), 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_highlights"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.highlight_remove'"), 1);
  HttpReply without_bonus = site_->get(office, "/staff/monitor/assessment?year=" + year);
  EXPECT_EQ(rows_of(without_bonus.body).find("政务公开创新做法被上级推广"), std::string::npos);
  EXPECT_EQ(withdraw(office, remove, "登记错了单位"), 404) << "withdrawn once";
}

}  // namespace
}  // namespace gongkai::web
