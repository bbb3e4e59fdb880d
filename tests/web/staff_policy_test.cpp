// The policy desk over real HTTP: attachment uploads on drafts, the normative-document registry (filing,
// validity), clean-up campaigns, consultations from period to published feedback on the portal, and the audit
// log — each route with the right role, without a session, with a role that lacks the permission, with a user of
// another body guessing ids, and without the CSRF token.
#include <gtest/gtest.h>

#include <memory>
#include <regex>

#include "common/clock.h"
#include "support/sample_files.h"
#include "support/staff_site.h"
#include "web/html.h"

namespace gongkai::web {
namespace {

using gongkai::testing::HttpReply;
using gongkai::testing::StaffSite;

// Runs on SQLite and on PostgreSQL (test_backends()): one site per backend, made by the first test that needs
// it.
class StaffPolicyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { site_ = &sites_.get(GetParam()); }
  static void TearDownTestSuite() {
    site_ = nullptr;
    sites_.clear();
  }

  // A published item of `kind` in edu, drafted by the editor and released by the reviewer.
  static int64_t published(const std::string& title, const std::string& kind, const std::string& written = "") {
    const std::string editor = site_->sign_in("editor");
    const std::string reviewer = site_->sign_in("reviewer");
    const int64_t id = site_->create_draft(editor, title, kind, "edu", written);
    EXPECT_GT(id, 0);
    EXPECT_EQ(site_->act(editor, id, "submit").status, 303);
    EXPECT_EQ(site_->act(reviewer, id, "approve").status, 303);
    EXPECT_EQ(site_->act(reviewer, id, "publish").status, 303);
    return id;
  }
  static int64_t stat(const std::string& key) { return site_->county_stat(key); }

  static gongkai::testing::BackendSites sites_;
  static StaffSite* site_;  // the site of the running test's backend
};

gongkai::testing::BackendSites StaffPolicyTest::sites_({{"editor", "edu", "editor"},
                                                        {"reviewer", "edu", "reviewer"},
                                                        {"healthrev", "health", "reviewer"},
                                                        {"healthoffice", "health", "disclosure_office"},
                                                        {"office", "county", "disclosure_office"},
                                                        {"auditor", "edu", "auditor"},
                                                        {"countyrev", "county", "reviewer"}});
StaffSite* StaffPolicyTest::site_ = nullptr;

TEST_P(StaffPolicyTest, UploadsAttachmentsToDraftsOnly) {
  const std::string editor = site_->sign_in("editor");
  const int64_t id = site_->create_draft(editor, "附件测试草稿");
  const std::string target = "/staff/items/" + std::to_string(id) + "/attachments";
  const std::string csrf = site_->csrf_for(editor);
  HttpReply ok = site_->post_multipart(editor, target, {{"csrf", csrf}},
                                       {{"file", "通知.pdf", gongkai::testing::sample_pdf()},
                                        {"file", "统计表.xlsx", gongkai::testing::sample_xlsx()}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  HttpReply page = site_->get(editor, "/staff/items/" + std::to_string(id));
  EXPECT_NE(page.body.find("通知.pdf"), std::string::npos);
  EXPECT_NE(page.body.find("统计表.xlsx"), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  // A PNG calling itself PDF is refused with the reason next to the field; nothing is stored.
  HttpReply fake = site_->post_multipart(editor, target, {{"csrf", csrf}},
                                         {{"file", "伪装.pdf", gongkai::testing::sample_png()},
                                          {"file", "好的.pdf", gongkai::testing::sample_pdf()}});
  EXPECT_EQ(fake.status, 400);
  EXPECT_NE(fake.body.find("类型与扩展名不符"), std::string::npos);
  EXPECT_NE(fake.body.find("id=\"e-file\""), std::string::npos);
  EXPECT_EQ(site_->get(editor, "/staff/items/" + std::to_string(id)).body.find("好的.pdf"), std::string::npos);
  HttpReply exe = site_->post_multipart(editor, target, {{"csrf", csrf}}, {{"file", "run.exe", "MZ\x90"}});
  EXPECT_EQ(exe.status, 400);
  EXPECT_NE(exe.body.find("不允许上传"), std::string::npos);
  // No CSRF token, a broken body, another body's user, a guessed id, no session.
  EXPECT_EQ(site_->post_multipart(editor, target, {}, {{"file", "a.pdf", gongkai::testing::sample_pdf()}}).status, 403);
  EXPECT_EQ(site_->post_multipart(editor, target, {{"csrf", "forged"}}, {{"file", "a.pdf", "x"}}).status, 403);
  EXPECT_EQ(gongkai::testing::http_request(site_->port(), "POST", target,
                                           editor + "Content-Type: multipart/form-data; boundary=zz\r\n", "garbage")
                .status,
            400);
  const std::string other = site_->sign_in("healthoffice");
  EXPECT_EQ(site_->post_multipart(other, target, {{"csrf", site_->csrf_for(other)}},
                                  {{"file", "a.pdf", gongkai::testing::sample_pdf()}})
                .status,
            404);
  EXPECT_EQ(site_->post_multipart(editor, "/staff/items/99999999/attachments", {{"csrf", csrf}},
                                  {{"file", "a.pdf", gongkai::testing::sample_pdf()}})
                .status,
            404);
  HttpReply anonymous = site_->post_multipart("", target, {{"csrf", csrf}}, {{"file", "a.pdf", "x"}});
  EXPECT_EQ(anonymous.status, 303);
  // Once submitted, no more attachments.
  ASSERT_EQ(site_->act(editor, id, "submit").status, 303);
  EXPECT_EQ(site_->post_multipart(editor, target, {{"csrf", csrf}}, {{"file", "a.pdf", gongkai::testing::sample_pdf()}})
                .status,
            409);
}

TEST_P(StaffPolicyTest, FilingIsRecordedByTheOfficeOnly) {
  const int64_t before = stat("normative_filed");
  const int64_t id = published("示例县教育局关于规范校外培训的通知", "normative", china_today());
  const std::string sid = std::to_string(id);
  const std::string office = site_->sign_in("office");
  HttpReply page = site_->get(office, "/staff/policies/" + sid);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("缺少政策解读"), std::string::npos);  // published without an interpretation
  EXPECT_NE(site_->get(office, "/staff/policies?filed=no").body.find("规范校外培训"), std::string::npos);
  // Bad input: a clear error per field, nothing stored.
  HttpReply bad = site_->post(office, "/staff/policies/" + sid + "/filing",
                              {{"csrf", site_->csrf_for(office)}, {"filed_with", ""}, {"filed_on", "2020-02-30"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("id=\"e-filed_with\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"e-filed_on\""), std::string::npos);
  EXPECT_EQ(stat("normative_filed"), before);
  // The editor may read the registry but not record filings; another body's office sees nothing.
  const std::string editor = site_->sign_in("editor");
  EXPECT_EQ(site_->get(editor, "/staff/policies/" + sid).status, 200);
  EXPECT_EQ(site_->post(editor, "/staff/policies/" + sid + "/filing",
                        {{"csrf", site_->csrf_for(editor)}, {"filed_with", "示例市人民政府"}, {"filed_on", china_today()}})
                .status,
            403);
  const std::string other = site_->sign_in("healthoffice");
  EXPECT_EQ(site_->get(other, "/staff/policies/" + sid).status, 404);
  EXPECT_EQ(site_->post(other, "/staff/policies/" + sid + "/filing",
                        {{"csrf", site_->csrf_for(other)}, {"filed_with", "示例市人民政府"}, {"filed_on", china_today()}})
                .status,
            404);
  EXPECT_EQ(site_->get(other, "/staff/policies").body.find("规范校外培训"), std::string::npos);
  EXPECT_EQ(site_->post(office, "/staff/policies/" + sid + "/filing",
                        {{"filed_with", "示例市人民政府"}, {"filed_on", china_today()}})
                .status,
            403);  // no CSRF token
  HttpReply filed = site_->post(office, "/staff/policies/" + sid + "/filing",
                                {{"csrf", site_->csrf_for(office)}, {"filed_with", "示例市人民政府"},
                                 {"filed_on", china_today()}, {"filing_number", "示备〔2026〕1号"}});
  ASSERT_EQ(filed.status, 303) << filed.body;
  EXPECT_NE(site_->get(office, "/staff/policies/" + sid).body.find("示备〔2026〕1号"), std::string::npos);
  EXPECT_EQ(stat("normative_filed"), before + 1);
  // The audit log names the filing; the auditor sees it, the editor may not open the log.
  const std::string auditor = site_->sign_in("auditor");
  HttpReply log = site_->get(auditor, "/staff/audit?what=policy.filing");
  ASSERT_EQ(log.status, 200);
  EXPECT_NE(log.body.find("示备〔2026〕1号"), std::string::npos);
  EXPECT_EQ(site_->get(editor, "/staff/audit").status, 403);
}

TEST_P(StaffPolicyTest, CleanupCampaignDecidesAndMarksValidity) {
  const int64_t doc = published("示例县教育局关于旧制度的规定", "normative", "2020-03-01");
  const std::string office = site_->sign_in("office");
  HttpReply bad = site_->post(office, "/staff/cleanup",
                              {{"csrf", site_->csrf_for(office)}, {"body", "county"}, {"name", ""},
                               {"cutoff_date", "2099-12-31"}, {"decided_on", "2020-01-01"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("id=\"e-name\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"e-decided_on\""), std::string::npos);
  HttpReply created = site_->post(office, "/staff/cleanup",
                                  {{"csrf", site_->csrf_for(office)}, {"body", "county"}, {"name", "测试清理"},
                                   {"cutoff_date", "2099-12-31"}, {"decided_on", "2099-12-31"}});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string campaign = created.headers["location"];
  HttpReply page = site_->get(office, campaign);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("旧制度的规定"), std::string::npos);
  const std::string decide = campaign + "/decide";
  // The county's reviewer sees the campaign but cannot decide; the edu editor and another body's office do not
  // see the county's campaign at all; a document outside it is refused.
  const std::string reviewer = site_->sign_in("countyrev");
  EXPECT_EQ(site_->get(reviewer, campaign).status, 200);
  EXPECT_EQ(site_->post(reviewer, decide, {{"csrf", site_->csrf_for(reviewer)}, {"item", std::to_string(doc)}, {"decision", "repealed"}})
                .status,
            403);
  const std::string editor = site_->sign_in("editor");
  EXPECT_EQ(site_->get(editor, campaign).status, 404);
  const std::string other = site_->sign_in("healthoffice");
  EXPECT_EQ(site_->get(other, campaign).status, 404);
  EXPECT_EQ(site_->post(other, decide, {{"csrf", site_->csrf_for(other)}, {"item", std::to_string(doc)}, {"decision", "repealed"}})
                .status,
            404);
  EXPECT_EQ(site_->post(office, decide, {{"csrf", site_->csrf_for(office)}, {"item", "99999999"}, {"decision", "valid"}})
                .status,
            404);
  EXPECT_EQ(site_->post(office, decide, {{"csrf", site_->csrf_for(office)}, {"item", std::to_string(doc)}, {"decision", "maybe"}})
                .status,
            400);
  EXPECT_EQ(site_->post(office, decide, {{"item", std::to_string(doc)}, {"decision", "repealed"}}).status, 403);
  HttpReply done = site_->post(office, decide,
                               {{"csrf", site_->csrf_for(office)}, {"item", std::to_string(doc)}, {"decision", "repealed"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(site_->post(office, decide, {{"csrf", site_->csrf_for(office)}, {"item", std::to_string(doc)}, {"decision", "valid"}})
                .status,
            409);
  // 失效废止 is marked on the original page.
  HttpReply original = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(doc));
  EXPECT_NE(original.body.find("废止"), std::string::npos);
  HttpReply summary = site_->get(office, campaign + "?show=all");
  EXPECT_NE(summary.body.find("<td id=\"sum-repealed\">1</td>"), std::string::npos);
}

TEST_P(StaffPolicyTest, ConsultationFromCommentsToPublishedFeedback) {
  const int64_t before = stat("consultation_feedbacks");
  const int64_t id = published("关于示例县教育布局调整方案征求意见的公告", "consultation");
  const std::string sid = std::to_string(id);
  const std::string editor = site_->sign_in("editor");
  const std::string today = china_today();
  EXPECT_EQ(gongkai::testing::http_get(site_->port(), "/consultations/" + sid).status, 404);  // no period yet
  HttpReply period = site_->post(editor, "/staff/consultations/" + sid + "/period",
                                 {{"csrf", site_->csrf_for(editor)}, {"opens_on", today}, {"closes_on", today}});
  ASSERT_EQ(period.status, 303) << period.body;
  // The public form: no JavaScript, errors per field, a honeypot, and the comment stored for moderation.
  const std::string form_target = "/consultations/" + sid + "/comments";
  // Each post answers the arithmetic question of a freshly opened form (web/abuse_guard), or `answer`
  // instead.
  auto post_form = [&](const std::string& fields, std::optional<std::string> answer = std::nullopt) {
    const auto [token, right] = gongkai::testing::solve_challenge(
        gongkai::testing::http_get(site_->port(), "/consultations/" + sid).body);
    return gongkai::testing::http_request(site_->port(), "POST", form_target,
                                          "Content-Type: application/x-www-form-urlencoded\r\n",
                                          fields + "&challenge=" + url_encode(token) +
                                              "&challenge_answer=" + url_encode(answer.value_or(right)));
  };
  EXPECT_NE(
      gongkai::testing::http_get(site_->port(), "/consultations/" + sid).body.find("name=\"challenge\""),
      std::string::npos);
  HttpReply missing = post_form("comment=&contact=");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("id=\"e-contact\""), std::string::npos);
  // A wrong answer is refused beside the question, the typed comment kept on the form and nothing stored.
  HttpReply wrong = post_form("contact=13900000000&comment=%E9%94%99%E7%AD%94", "199");  // 错答
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("id=\"e-challenge\""), std::string::npos);
  EXPECT_NE(wrong.body.find("不正确"), std::string::npos);
  EXPECT_NE(wrong.body.find(">错答</textarea>"), std::string::npos);
  auto comment = [&](const std::string& text) {
    return post_form("author_name=&contact=13800000000&comment=" + text);
  };
  EXPECT_EQ(comment("%E5%BB%BA%E8%AE%AE%E4%BF%9D%E7%95%99%E6%9D%91%E5%B0%8F").status, 303);  // 建议保留村小
  EXPECT_EQ(comment("spam").status, 303);
  HttpReply robot = gongkai::testing::http_request(site_->port(), "POST", form_target,
                                                   "Content-Type: application/x-www-form-urlencoded\r\n",
                                                   "contact=x&comment=buy&website=http%3A%2F%2Fspam");
  EXPECT_EQ(robot.status, 303);
  HttpReply staff_page = site_->get(editor, "/staff/consultations/" + sid);
  ASSERT_EQ(staff_page.status, 200);
  EXPECT_NE(staff_page.body.find("建议保留村小"), std::string::npos);
  EXPECT_EQ(staff_page.body.find("buy"), std::string::npos);  // the honeypot stored nothing
  EXPECT_EQ(staff_page.body.find("错答"), std::string::npos);  // nor the wrong answer
  std::vector<std::string> ids;
  const std::regex comment_field("name=\"comment\" value=\"([0-9]+)\"");
  for (auto it = std::sregex_iterator(staff_page.body.begin(), staff_page.body.end(), comment_field);
       it != std::sregex_iterator(); ++it) {
    if (std::find(ids.begin(), ids.end(), (*it)[1].str()) == ids.end()) ids.push_back((*it)[1]);
  }
  ASSERT_EQ(ids.size(), 2u);
  const std::string base = "/staff/consultations/" + sid;
  // Another body's staff and the auditor cannot moderate; guessed comment ids of another consultation fail.
  const std::string other = site_->sign_in("healthoffice");
  EXPECT_EQ(site_->post(other, base + "/moderate", {{"csrf", site_->csrf_for(other)}, {"comment", ids[0]}, {"status", "accepted"}}).status, 404);
  EXPECT_EQ(site_->get(other, base).status, 404);
  const std::string reviewer = site_->sign_in("reviewer");
  EXPECT_EQ(site_->post(reviewer, base + "/moderate", {{"csrf", site_->csrf_for(reviewer)}, {"comment", ids[0]}, {"status", "accepted"}}).status, 403);
  EXPECT_EQ(site_->post(editor, base + "/moderate", {{"comment", ids[0]}, {"status", "accepted"}}).status, 403);  // CSRF
  HttpReply early = site_->post(editor, base + "/feedback", {{"csrf", site_->csrf_for(editor)}});
  EXPECT_EQ(early.status, 400);  // still open: the page says so
  EXPECT_NE(early.body.find("征集期尚未结束"), std::string::npos);
  ASSERT_EQ(site_->post(editor, base + "/moderate", {{"csrf", site_->csrf_for(editor)}, {"comment", ids[0]}, {"status", "accepted"}}).status, 303);
  ASSERT_EQ(site_->post(editor, base + "/moderate", {{"csrf", site_->csrf_for(editor)}, {"comment", ids[1]}, {"status", "rejected"}}).status, 303);
  EXPECT_EQ(site_->post(editor, base + "/respond", {{"csrf", site_->csrf_for(editor)}, {"comment", ids[0]}, {"response", "not_adopted"}}).status, 400);  // a reason is needed
  ASSERT_EQ(site_->post(editor, base + "/respond",
                        {{"csrf", site_->csrf_for(editor)}, {"comment", ids[0]}, {"response", "partly_adopted"}, {"reason", "保留教学点，合并高年级"}})
                .status,
            303);
  ASSERT_EQ(site_->post(editor, base + "/close", {{"csrf", site_->csrf_for(editor)}}).status, 303);
  EXPECT_EQ(comment("too late").status, 400);  // closed: refused on the form
  EXPECT_EQ(stat("consultation_feedbacks"), before);
  ASSERT_EQ(site_->post(editor, base + "/feedback", {{"csrf", site_->csrf_for(editor)}, {"summary", "感谢参与。"}}).status, 303);
  EXPECT_EQ(stat("consultation_feedbacks"), before + 1);
  HttpReply public_page = gongkai::testing::http_get(site_->port(), "/consultations/" + sid);
  ASSERT_EQ(public_page.status, 200);
  EXPECT_NE(public_page.body.find("部分采纳"), std::string::npos);
  EXPECT_NE(public_page.body.find("保留教学点，合并高年级"), std::string::npos);
  EXPECT_EQ(public_page.body.find("13800000000"), std::string::npos);  // contacts are never shown
  EXPECT_EQ(public_page.body.find("spam"), std::string::npos);         // rejected comments are never shown
  EXPECT_NE(gongkai::testing::http_get(site_->port(), "/items/" + sid).body.find("/consultations/" + sid), std::string::npos);
  // One address gets a burst of five posts, then 429 with Retry-After (web/abuse_guard's token bucket); the
  // missing-field post, the wrong answer, the two comments and "too late" above used all five.
  HttpReply flood = comment("flood");
  EXPECT_EQ(flood.status, 429);
  EXPECT_FALSE(flood.headers["retry-after"].empty());
}

TEST_P(StaffPolicyTest, AuditSearchExportAndVerify) {
  const std::string auditor = site_->sign_in("auditor");
  site_->create_draft(site_->sign_in("editor"), "审计检索用草稿");
  HttpReply all = site_->get(auditor, "/staff/audit?who=editor&what=item");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("item.create"), std::string::npos);
  HttpReply csv = site_->get(auditor, "/staff/audit?what=item.create&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("审计检索用草稿"), std::string::npos);
  // The health office's audit scope does not cover edu.
  EXPECT_EQ(site_->get(site_->sign_in("healthoffice"), "/staff/audit?format=csv").body.find("审计检索用草稿"), std::string::npos);
  HttpReply verify = site_->post(auditor, "/staff/audit/verify", {{"csrf", site_->csrf_for(auditor)}});
  ASSERT_EQ(verify.status, 200);
  EXPECT_NE(verify.body.find("日志完整"), std::string::npos);
  EXPECT_EQ(site_->post(auditor, "/staff/audit/verify", {}).status, 403);
  // Tampering directly in the database shows on the button.
  std::unique_ptr<store::Connection> conn = site_->connect();
  ASSERT_TRUE(conn->exec(conn->dialect() == store::Dialect::kPostgresql
                             ? "DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log"
                             : "DROP TRIGGER IF EXISTS audit_log_no_update"));
  ASSERT_TRUE(conn->exec("UPDATE audit_log SET actor_label = 'mallory' WHERE id = 2"));
  HttpReply broken = site_->post(auditor, "/staff/audit/verify", {{"csrf", site_->csrf_for(auditor)}});
  EXPECT_NE(broken.body.find("日志可能被篡改"), std::string::npos);
}

TEST_P(StaffPolicyTest, EveryNewRouteWithoutASessionGoesToSignIn) {
  const std::pair<const char*, const char*> routes[] = {
      {"GET", "/staff/policies"},          {"GET", "/staff/policies/1"},        {"POST", "/staff/policies/1/filing"},
      {"POST", "/staff/policies/1/validity"}, {"GET", "/staff/cleanup"},       {"POST", "/staff/cleanup"},
      {"GET", "/staff/cleanup/1"},         {"POST", "/staff/cleanup/1/decide"}, {"GET", "/staff/catalog"},
      {"GET", "/staff/consultations"},     {"GET", "/staff/consultations/1"},   {"POST", "/staff/consultations/1/close"},
      {"POST", "/staff/consultations/1/feedback"}, {"GET", "/staff/audit"},     {"POST", "/staff/audit/verify"},
      {"POST", "/staff/items/1/attachments"},
  };
  for (const auto& [method, target] : routes) {
    for (const std::string& cookie : {std::string(), std::string("Cookie: gk_session=forged\r\n")}) {
      HttpReply r = gongkai::testing::http_request(site_->port(), method, target,
                                                   cookie + "Content-Type: application/x-www-form-urlencoded\r\n", "csrf=x");
      EXPECT_EQ(r.status, 303) << method << " " << target;
      EXPECT_EQ(r.headers["location"].rfind("/staff/login?next=", 0), 0u) << method << " " << target;
    }
  }
}

TEST_P(StaffPolicyTest, QuarterListAsPageAndCsv) {
  const int64_t id = published("示例县教育局关于季度清单测试的通知", "normative", china_today());
  (void)id;
  const std::string office = site_->sign_in("office");
  const std::string today = china_today();
  const std::string q = std::to_string((std::stoi(today.substr(5, 2)) + 2) / 3);
  HttpReply page = site_->get(office, "/staff/catalog?body=county&year=" + today.substr(0, 4) + "&quarter=" + q);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("季度清单测试"), std::string::npos);
  HttpReply csv = site_->get(office, "/staff/catalog?body=county&year=" + today.substr(0, 4) + "&quarter=" + q + "&format=csv");
  EXPECT_NE(csv.body.find("季度清单测试"), std::string::npos);
  EXPECT_NE(csv.body.find("文号,标题"), std::string::npos);
  EXPECT_EQ(site_->get(office, "/staff/catalog?body=county&year=2020&quarter=7").status, 400);
  // Another body's office asking for edu's list gets nothing.
  EXPECT_EQ(site_->get(site_->sign_in("healthoffice"), "/staff/catalog?body=edu").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffPolicyTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::web
