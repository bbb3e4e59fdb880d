// The annual report pages over real HTTP (/staff/reports…): the report with linked cells and their
// drill-down, figures, section text, decisions on warnings, the versions' workflow from draft to the
// published item, the downloads and the deadline board — each route with the right role, without a session,
// with a role that lacks the permission, with a user of another body guessing codes, and without the CSRF
// token. Every change is audited.
#include <gtest/gtest.h>

#include <fstream>

#include "services/case_import.h"
#include "services/item_import.h"
#include "services/report_figures.h"
#include "store/audit.h"
#include "support/staff_site.h"

namespace gongkai::web {
namespace {

using gongkai::testing::HttpReply;
using gongkai::testing::StaffSite;

constexpr int kYear = 2021;

class StaffReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    site_ = new StaffSite({{"editor", "edu", "editor"},
                           {"office", "county", "disclosure_office"},
                           {"healthoffice", "health", "disclosure_office"},
                           {"auditor", "edu", "auditor"}});
    // Two applications of edu answered in 2021 (table 三 一、新收 natural_person = 2).
    const std::string path = site_->data_dir() + "/cases.jsonl";
    std::ofstream out(path);
    for (const char* day : {"03-02", "04-06"})
      out << R"({"body":"edu","received_date":"2021-)" << day
          << R"(","channel":"in_person","applicant_type":"natural_person","request":"请公开2021年学校招生计划",)"
          << R"("outcome":"granted","replied_date":"2021-05-10"})"
          << "\n";
    out.close();
    services::ImportOptions options;
    options.progress = false;
    Result<services::ImportReport> imported =
        services::import_applications(site_->installation(), path, options);
    ASSERT_TRUE(imported) << imported.status().message();
  }
  static void TearDownTestSuite() { delete site_; }

  static std::string page_of(const std::string& body) {
    return "/staff/reports?body=" + body + "&year=" + std::to_string(kYear);
  }
  static HttpReply post(const std::string& cookie, const std::string& action,
                        std::vector<std::pair<std::string, std::string>> fields,
                        const std::string& body = "edu") {
    fields.push_back({"csrf", site_->csrf_for(cookie)});
    fields.push_back({"body", body});
    fields.push_back({"year", std::to_string(kYear)});
    return site_->post(cookie, "/staff/reports/" + action, fields);
  }
  // Audit entries of action `action` on the report `body`/2021.
  static int audited(const std::string& action, const std::string& body = "edu") {
    std::unique_ptr<store::Connection> conn = site_->connect();
    Result<store::Rows> rows =
        conn->query("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?",
                    {action, body + "/" + std::to_string(kYear)});
    EXPECT_TRUE(rows) << rows.status().message();
    return rows ? static_cast<int>((*rows)[0].get_int(0)) : -1;
  }

  static StaffSite* site_;
};

StaffSite* StaffReportsTest::site_ = nullptr;

TEST_F(StaffReportsTest, WithoutSessionEveryRouteSendsToSignIn) {
  const std::vector<std::string> targets = {
      page_of("edu"),
      "/staff/reports",
      "/staff/reports/cell?body=edu&year=2021&table=3&row=new&column=total",
      "/staff/reports/file?body=edu&year=2021&format=html",
      "/staff/reports/board?body=county&year=2021",
      "/staff/reports/compare?body=edu&years=2020-2021"};
  for (const std::string& target : targets) {
    HttpReply r = site_->get("", target);
    EXPECT_EQ(r.status, 303) << target;
    EXPECT_NE(r.headers["location"].find("/staff/login"), std::string::npos) << target;
  }
  for (const char* action : {"text", "figures", "decide", "draft", "move"}) {
    HttpReply r =
        site_->post("", std::string("/staff/reports/") + action, {{"body", "edu"}, {"year", "2021"}});
    EXPECT_EQ(r.status, 303) << action;
  }
}

TEST_F(StaffReportsTest, ReportPageLinksEveryFigureToItsRecords) {
  const std::string editor = site_->sign_in("editor");
  HttpReply page = site_->get(editor, page_of("edu"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("示例县教育局2021年政府信息公开工作年度报告"), std::string::npos);
  const std::string link =
      "/staff/reports/cell?body=edu&amp;year=2021&amp;table=3&amp;row=new&amp;column=natural_person";
  ASSERT_NE(page.body.find(link), std::string::npos);
  EXPECT_NE(page.body.find(link + "\">2</a>"), std::string::npos);
  HttpReply cell =
      site_->get(editor, "/staff/reports/cell?body=edu&year=2021&table=3&row=new&column=natural_person");
  ASSERT_EQ(cell.status, 200) << cell.body;
  EXPECT_NE(cell.body.find("共 2 条记录，合计 2"), std::string::npos);
  EXPECT_NE(cell.body.find("予以公开"), std::string::npos);  // each case with its outcome
  EXPECT_NE(cell.body.find("href=\"/staff/cases/"), std::string::npos);
  // A cell the format does not have, a bad year, an unknown body.
  EXPECT_EQ(
      site_->get(editor, "/staff/reports/cell?body=edu&year=2021&table=3&row=nonsense&column=total").status,
      400);
  EXPECT_EQ(site_->get(editor, "/staff/reports?body=edu&year=20x1").status, 400);
  EXPECT_EQ(site_->get(editor, "/staff/reports?body=nowhere&year=2021").status, 404);
}

TEST_F(StaffReportsTest, OtherBodiesAndOtherRolesAreRefused) {
  const std::string editor = site_->sign_in("editor");
  const std::string health = site_->sign_in("healthoffice");
  const std::string auditor = site_->sign_in("auditor");
  // Guessing another body's code: 403 on every read route.
  EXPECT_EQ(site_->get(editor, page_of("health")).status, 403);
  EXPECT_EQ(site_->get(health, page_of("edu")).status, 403);
  EXPECT_EQ(site_->get(health, "/staff/reports/cell?body=edu&year=2021&table=3&row=new&column=total").status,
            403);
  EXPECT_EQ(site_->get(health, "/staff/reports/file?body=edu&year=2021&format=html").status, 403);
  EXPECT_EQ(site_->get(auditor, page_of("edu")).status, 403);
  // The board is the supervisor's: not an editor's, not a department office's for the county.
  EXPECT_EQ(site_->get(editor, "/staff/reports/board?body=county&year=2021").status, 403);
  EXPECT_EQ(site_->get(health, "/staff/reports/board?body=county&year=2021").status, 403);
  // Changes of another body's report, and decisions on one's own (the supervisor decides).
  EXPECT_EQ(post(health, "text", {{"section", "5"}, {"text", "越权写入"}}).status, 403);
  EXPECT_EQ(post(health, "draft", {}).status, 403);
  EXPECT_EQ(post(editor, "figures", {{"v.licensing.decisions", "3"}}, "health").status, 403);
  EXPECT_EQ(post(health, "move", {{"version", "1"}, {"action", "approve"}}, "health").status, 403);
  EXPECT_EQ(
      post(editor, "decide", {{"rule", "x"}, {"where", "y"}, {"decision", "dismissed"}, {"reason", "r"}})
          .status,
      403);
  EXPECT_EQ(post(auditor, "draft", {}).status, 403);
  EXPECT_EQ(audited("report.text", "health"), 0);
  EXPECT_EQ(audited("report.draft", "health"), 0);
  // No CSRF token.
  EXPECT_EQ(site_->post(editor, "/staff/reports/draft", {{"body", "edu"}, {"year", "2021"}}).status, 403);
  EXPECT_EQ(
      site_->post(editor, "/staff/reports/draft", {{"body", "edu"}, {"year", "2021"}, {"csrf", "forged"}})
          .status,
      403);
}

TEST_F(StaffReportsTest, FiguresAreValidatedAndAudited) {
  const std::string editor = site_->sign_in("editor");
  // 2021 format: 许可 decisions is a count.
  HttpReply bad = post(editor, "figures", {{"v.licensing.decisions", "-3"}, {"v.penalty.decisions", "5"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("不能填写负数"), std::string::npos) << bad.body;
  Result<std::vector<store::ReportFigureRow>> none =
      services::list_report_figures(site_->installation(), "edu", kYear, false);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());  // all or nothing: the good figure was not written either
  EXPECT_EQ(post(editor, "figures", {{"v.licensing.decisions", "3.5"}}).status, 400);
  EXPECT_EQ(post(editor, "figures", {{"v.normative.made", "3"}}).status, 400);
  HttpReply ok = post(editor, "figures", {{"v.licensing.decisions", "12"}, {"source", "县行政审批系统"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  Result<std::vector<store::ReportFigureRow>> rows =
      services::list_report_figures(site_->installation(), "edu", kYear, false);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().value, 12);
  EXPECT_EQ(rows->front().entered_by, "editor");
  EXPECT_EQ(rows->front().source, "县行政审批系统");
  EXPECT_GE(audited("report.figures"), 1);
  EXPECT_NE(site_->get(editor, page_of("edu")).body.find("value=\"12\""), std::string::npos);
}

TEST_F(StaffReportsTest, WorkflowFromDraftToPublishedItem) {
  const std::string editor = site_->sign_in("editor");
  const std::string office = site_->sign_in("office");
  EXPECT_EQ(post(editor, "text", {{"section", "5"}, {"text", "   "}}).status, 400);
  ASSERT_EQ(post(editor, "text",
                 {{"section", "5"}, {"text", "本年度未发现政府信息公开工作存在的主要问题之外的情况。"}})
                .status,
            303);
  ASSERT_EQ(post(editor, "text", {{"section", "6"}, {"text", "本年度未收取信息处理费。"}}).status, 303);
  EXPECT_EQ(audited("report.text"), 2);
  ASSERT_EQ(post(editor, "draft", {}).status, 303);
  HttpReply page = site_->get(editor, page_of("edu"));
  EXPECT_NE(page.body.find("第1版"), std::string::npos);
  // The editor cannot approve; a department's draft is submitted before the office approves it.
  EXPECT_EQ(post(editor, "move", {{"version", "1"}, {"action", "approve"}}).status, 403);
  EXPECT_EQ(post(office, "move", {{"version", "1"}, {"action", "approve"}}).status, 400);
  ASSERT_EQ(post(editor, "move", {{"version", "1"}, {"action", "submit"}}).status, 303);
  EXPECT_NE(site_->get(office, "/staff").body.find("等待您审核"), std::string::npos);
  // Return needs a comment; then the editor sees it on the dashboard.
  EXPECT_EQ(post(office, "move", {{"version", "1"}, {"action", "return"}, {"comment", ""}}).status, 400);
  ASSERT_EQ(post(office, "move", {{"version", "1"}, {"action", "return"}, {"comment", "请核对表三"}}).status,
            303);
  HttpReply dashboard = site_->get(editor, "/staff");
  EXPECT_NE(dashboard.body.find("已被退回"), std::string::npos);
  EXPECT_NE(dashboard.body.find("请核对表三"), std::string::npos);
  EXPECT_EQ(post(editor, "move", {{"version", "1"}, {"action", "submit"}}).status,
            400);  // returned stays returned
  ASSERT_EQ(post(editor, "draft", {}).status, 303);
  ASSERT_EQ(post(editor, "move", {{"version", "2"}, {"action", "submit"}}).status, 303);
  ASSERT_EQ(post(office, "move", {{"version", "2"}, {"action", "approve"}}).status, 303);
  EXPECT_EQ(post(editor, "move", {{"version", "2"}, {"action", "publish"}}).status, 403);
  ASSERT_EQ(post(office, "move", {{"version", "2"}, {"action", "publish"}}).status, 303);
  std::unique_ptr<store::Connection> conn = site_->connect();
  Result<store::Rows> items = conn->query(
      "SELECT i.title, i.content FROM items i JOIN columns c ON c.id = i.column_id WHERE i.kind = "
      "'annual_report' AND "
      "c.name = '政府信息公开年报'");
  ASSERT_TRUE(items) << items.status().message();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].get_text(0), "示例县教育局2021年政府信息公开工作年度报告");
  // The item is the frozen report in the official layout: its sections and the tables with their spans.
  const std::string content = (*items)[0].get_text(1);
  EXPECT_NE(content.find("本年度未收取信息处理费。"), std::string::npos);
  EXPECT_NE(content.find("id=\"table3\""), std::string::npos);
  EXPECT_NE(content.find("rowspan="), std::string::npos);
  for (const char* action :
       {"report.draft", "report.submit", "report.return", "report.approve", "report.publish"})
    EXPECT_GE(audited(action), 1) << action;
  // The board shows edu published, the others without a version.
  HttpReply board = site_->get(office, "/staff/reports/board?body=county&year=2021");
  ASSERT_EQ(board.status, 200) << board.body;
  EXPECT_NE(board.body.find("示例县教育局"), std::string::npos);
  EXPECT_NE(board.body.find("示例县卫生健康局"), std::string::npos);
  EXPECT_NE(board.body.find("已发布"), std::string::npos);
  EXPECT_NE(board.body.find("已逾期"), std::string::npos);  // health's 2021 report, as of today
}

TEST_F(StaffReportsTest, DecisionsOnWarningsSurviveRechecks) {
  const std::string office = site_->sign_in("office");
  HttpReply page = site_->get(office, page_of("county"));
  ASSERT_EQ(page.status, 200) << page.body;
  // The county's report has warnings (sections with placeholders, Art. 50(四) terms); take the first form.
  const size_t form = page.body.find("action=\"/staff/reports/decide\"");
  ASSERT_NE(form, std::string::npos) << page.body;
  auto hidden = [&](const std::string& name) {
    const std::string key = "name=\"" + name + "\" value=\"";
    const size_t at = page.body.find(key, form);
    return page.body.substr(at + key.size(), page.body.find('"', at + key.size()) - at - key.size());
  };
  const std::string rule = hidden("rule"), where = hidden("where");
  EXPECT_EQ(post(office, "decide",
                 {{"rule", rule}, {"where", where}, {"decision", "dismissed"}, {"reason", ""}}, "county")
                .status,
            400);
  ASSERT_EQ(
      post(
          office, "decide",
          {{"rule", rule}, {"where", where}, {"decision", "dismissed"}, {"reason", "数字由县统计局另行提供"}},
          "county")
          .status,
      303);
  EXPECT_EQ(audited("report.check_decision", "county"), 1);
  // Rebuilt on every view: the decision stays with its finding.
  HttpReply again = site_->get(office, page_of("county"));
  EXPECT_NE(again.body.find("已忽略"), std::string::npos);
  EXPECT_NE(again.body.find("数字由县统计局另行提供"), std::string::npos);
  // A rule that is not a warning of the report.
  EXPECT_EQ(post(office, "decide",
                 {{"rule", "t3.row_sum"},
                  {"where", "table3.new.total"},
                  {"decision", "dismissed"},
                  {"reason", "试图忽略"}},
                 "county")
                .status,
            400);
}

TEST_F(StaffReportsTest, CompareChecksEveryBodyCompared) {
  const std::string editor = site_->sign_in("editor");
  const std::string office = site_->sign_in("office");
  HttpReply years = site_->get(editor, "/staff/reports/compare?body=edu&years=2020-2021");
  ASSERT_EQ(years.status, 200) << years.body;
  EXPECT_NE(years.body.find("平台记录"), std::string::npos);
  EXPECT_NE(years.body.find("aria-label=\"不一致\""), std::string::npos);  // 新收 0 in 2020, 2 in 2021
  // One body out of the editor's reach makes the whole comparison 403; the office reaches both.
  EXPECT_EQ(site_->get(editor, "/staff/reports/compare?bodies=edu,health&year=2021").status, 403);
  EXPECT_EQ(site_->get(office, "/staff/reports/compare?bodies=edu,health&year=2021").status, 200);
  EXPECT_EQ(site_->get(editor, "/staff/reports/compare?body=edu&years=2021").status, 400);
  EXPECT_EQ(site_->get(editor, "/staff/reports/compare?bodies=edu,nowhere&year=2021").status, 404);
}

TEST_F(StaffReportsTest, DownloadsEveryFormat) {
  const std::string editor = site_->sign_in("editor");
  for (const auto& [format, type, magic] : {std::tuple{"html", "text/html", "<!DOCTYPE"},
                                            {"docx", "wordprocessingml", "PK"},
                                            {"xlsx", "spreadsheetml", "PK"},
                                            {"pdf", "application/pdf", "%PDF"}}) {
    HttpReply r = site_->get(editor, std::string("/staff/reports/file?body=edu&year=2021&format=") + format);
    ASSERT_EQ(r.status, 200) << format;
    EXPECT_NE(r.headers["content-type"].find(type), std::string::npos) << format;
    EXPECT_EQ(r.body.rfind(magic, 0), 0u) << format;
    EXPECT_NE(r.headers["content-disposition"].find("attachment"), std::string::npos);
  }
  EXPECT_EQ(site_->get(editor, "/staff/reports/file?body=edu&year=2021&format=exe").status, 400);
}

// The county office sees its own report and, switched with all=1, the summary of every body below it: the
// tables, the drill-down and the downloads count edu's cases; a version drafted from it is marked 汇总. A
// body with nothing below has no switch.
TEST_F(StaffReportsTest, SummaryOfTheBodiesBelowIsItsOwnScope) {
  const std::string office = site_->sign_in("office");
  const std::string cell = "/staff/reports/cell?body=county&year=2021&table=3&row=new&column=natural_person";
  HttpReply own = site_->get(office, page_of("county"));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.body.find("报告范围"), std::string::npos);
  EXPECT_NE(own.body.find("href=\"/staff/reports?body=county&amp;year=2021&amp;all=1\""), std::string::npos);
  EXPECT_NE(site_->get(office, cell).body.find("共 0 条记录"), std::string::npos) << "the county's own: none";

  HttpReply summary = site_->get(office, page_of("county") + "&all=1");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_NE(summary.body.find("<strong aria-current=\"page\">本机关及所属部门、乡镇汇总</strong>"), std::string::npos);
  EXPECT_NE(summary.body.find("year=2021&amp;all=1&amp;table=3&amp;row=new&amp;column=natural_person\">2</a>"), std::string::npos)
      << "the summary's cells count edu's two cases and keep the scope in their links";
  HttpReply drill = site_->get(office, cell + "&all=1");
  ASSERT_EQ(drill.status, 200) << drill.body;
  EXPECT_NE(drill.body.find("共 2 条记录，合计 2"), std::string::npos);
  EXPECT_NE(drill.body.find("all=1"), std::string::npos) << "back to the summary, not the body's own";
  HttpReply file = site_->get(office, "/staff/reports/file?body=county&year=2021&format=html&all=1");
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.body.find(">2<"), std::string::npos);

  // Forms on the summary carry the scope; a version drafted there is frozen with it and shown as such.
  EXPECT_NE(summary.body.find("<input type=\"hidden\" name=\"all\" value=\"1\">"), std::string::npos);
  HttpReply drafted = post(office, "draft", {{"all", "1"}}, "county");
  ASSERT_EQ(drafted.status, 303) << drafted.body;
  EXPECT_NE(drafted.headers["location"].find("all=1"), std::string::npos);
  std::unique_ptr<store::Connection> conn = site_->connect();
  Result<int64_t> frozen = conn->query_int(
      "SELECT COUNT(*) FROM report_versions v JOIN bodies b ON b.id = v.body_id "
      "WHERE b.code = 'county' AND v.year = 2021 AND v.include_children = 1");
  ASSERT_TRUE(frozen) << frozen.status().message();
  EXPECT_EQ(*frozen, 1);
  EXPECT_NE(site_->get(office, page_of("county")).body.find("版（汇总）"), std::string::npos);

  // edu has nothing below it: no switch, and all=1 is its own report.
  const std::string editor = site_->sign_in("editor");
  HttpReply edu = site_->get(editor, page_of("edu") + "&all=1");
  ASSERT_EQ(edu.status, 200);
  EXPECT_EQ(edu.body.find("报告范围"), std::string::npos);
  EXPECT_EQ(edu.body.find("name=\"all\""), std::string::npos);
  // A forged all=1 from edu's form drafts its own report, not a "summary" of nothing.
  ASSERT_EQ(post(editor, "draft", {{"all", "1"}}).status, 303);
  Result<int64_t> edu_summaries = conn->query_int(
      "SELECT COUNT(*) FROM report_versions v JOIN bodies b ON b.id = v.body_id "
      "WHERE b.code = 'edu' AND v.include_children = 1");
  ASSERT_TRUE(edu_summaries) << edu_summaries.status().message();
  EXPECT_EQ(*edu_summaries, 0);
  // The summary of a body out of reach is refused like its report.
  EXPECT_EQ(site_->get(editor, page_of("county") + "&all=1").status, 403);
}

}  // namespace
}  // namespace gongkai::web
