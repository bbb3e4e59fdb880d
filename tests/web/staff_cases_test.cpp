// The staff case pages over real HTTP on a real SQLite installation: every route without a session, without the
// CSRF token, for a user without case permissions, for a handler of another body (guessed numbers answer like
// unknown ones), and the handler's journey confirm → 补正 (once) → corrected → consult → answered → extend (with
// approval) → decide (with basis) → reply → deliver → archive, each act audited; the ID number masked on every
// page except the audited reveal; staff registration of an in-person application.
#include "web/staff_cases.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "common/clock.h"
#include "services/applications.h"
#include "services/bodies.h"
#include "services/case_intake.h"
#include "store/applications.h"
#include "render/pdf_tools.h"
#include "support/http_client.h"
#include "support/sample_files.h"
#include "support/test_databases.h"
#include "web/html.h"

namespace gongkai::web {
namespace {

using gongkai::testing::http_get;
using gongkai::testing::http_request;
using gongkai::testing::HttpReply;

constexpr const char* kPassword = "Kn0wn-Secret-Passw0rd";
constexpr const char* kResidentId = "11010519491231002X";

std::string form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + url_encode(v);
  return body;
}

std::string match1(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class StaffCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GE(sodium_init(), 0);
    dir_ = new gongkai::testing::TempDir();
    services::InstallationOptions where{dir_->path(), dir_->file("gongkai.db")};
    inst_ = services::Installation::create(where)->release();
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    ASSERT_TRUE(services::add_body(*conn, {"county", "示例县人民政府", "government", "", "339999", "", "", "", "", 0}));
    ASSERT_TRUE(services::add_body(*conn, {"edu", "示例县教育局", "department", "county", "33999903", "", "", "", "", 1}));
    ASSERT_TRUE(services::add_body(*conn, {"health", "示例县卫生健康局", "department", "county", "33999904", "", "", "", "", 2}));
    portal_ = Portal::create(*inst_, PortalOptions{})->release();
    StaffOptions options;
    options.security.password_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
    options.security.password_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
    staff_ = new Staff(*inst_, *portal_, options);
    cases_ = new StaffCases(*inst_, *portal_, *staff_, false);
    const services::Actor cli = services::Actor::command_line("test");
    for (auto [login, body, role] : {std::tuple{"office", "county", "disclosure_office"},
                                     std::tuple{"eduhandler", "edu", "case_handler"},
                                     std::tuple{"healthhandler", "health", "case_handler"},
                                     std::tuple{"editor", "edu", "editor"}}) {
      Result<int64_t> id = staff_->accounts().create_user(
          *conn, cli, services::NewUserSpec{login, std::string("测试") + login, body, role, kPassword});
      ASSERT_TRUE(id) << id.status().message();
    }
    http::Router router;
    portal_->register_routes(router);
    staff_->register_routes(router);
    cases_->register_routes(router);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    server_ = new http::Server(so, std::move(router));
    ASSERT_TRUE(server_->start());
    port_ = server_->port();
    for (const char* login : {"office", "eduhandler", "healthhandler", "editor"}) cookies_[login] = sign_in(login);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete cases_;
    delete staff_;
    delete portal_;
    delete inst_;
    delete dir_;
  }

  static std::string sign_in(const std::string& login) {
    HttpReply page = http_get(port_, "/staff/login");
    const std::string pre = match1(page.headers["set-cookie"], std::string(kLoginCsrfCookie) + "=([^;]+)");
    const std::string csrf = match1(page.body, "name=\"csrf\" value=\"([^\"]+)\"");
    HttpReply r = http_request(port_, "POST", "/staff/login",
                               "Cookie: " + std::string(kLoginCsrfCookie) + "=" + pre +
                                   "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                               form({{"csrf", csrf}, {"login", login}, {"password", kPassword}}));
    EXPECT_EQ(r.status, 303) << r.body;
    return "Cookie: " + std::string(kSessionCookie) + "=" +
           match1(r.headers["set-cookie"], std::string(kSessionCookie) + "=([^;]+)") + "\r\n";
  }
  static std::string csrf_for(const std::string& cookie) {
    return match1(http_get(port_, "/staff", cookie).body, "name=\"csrf\" value=\"([^\"]+)\"");
  }
  static HttpReply post(const std::string& login, const std::string& target,
                        std::vector<std::pair<std::string, std::string>> fields, bool with_csrf = true) {
    const std::string cookie = login.empty() ? "" : cookies_[login];
    if (with_csrf && !login.empty()) fields.push_back({"csrf", csrf_for(cookie)});
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + url_encode(v);
    return http_request(port_, "POST", target, cookie + "Content-Type: application/x-www-form-urlencoded\r\n", body);
  }
  static HttpReply act(const std::string& login, const std::string& number, const std::string& kind,
                       const std::string& detail = "", std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.push_back({"kind", kind});
    extra.push_back({"on_date", china_today()});
    extra.push_back({"detail", detail});
    return post(login, "/staff/cases/" + number + "/act", extra);
  }
  // An online application to `body` (awaiting confirmation).
  static std::string online_case(const std::string& body) {
    services::NewApplication a;
    a.body_code = body;
    a.channel = "online";
    a.applicant_type = "natural_person";
    a.applicant_name = "李四";
    a.id_number = kResidentId;
    a.phone = "13800000000";
    a.request = "2020年学校食堂招标文件";
    Result<services::Registered> r = services::register_application(*inst_, a);
    EXPECT_TRUE(r) << r.status().message();
    return r ? r->number : "";
  }
  static int64_t audit_count(const std::string& action, const std::string& number) {
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    return *conn->query_int("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", {action, number});
  }

  static gongkai::testing::TempDir* dir_;
  static services::Installation* inst_;
  static Portal* portal_;
  static Staff* staff_;
  static StaffCases* cases_;
  static http::Server* server_;
  static int port_;
  static std::map<std::string, std::string> cookies_;
};
gongkai::testing::TempDir* StaffCasesTest::dir_ = nullptr;
services::Installation* StaffCasesTest::inst_ = nullptr;
Portal* StaffCasesTest::portal_ = nullptr;
Staff* StaffCasesTest::staff_ = nullptr;
StaffCases* StaffCasesTest::cases_ = nullptr;
http::Server* StaffCasesTest::server_ = nullptr;
int StaffCasesTest::port_ = 0;
std::map<std::string, std::string> StaffCasesTest::cookies_;

TEST_F(StaffCasesTest, EveryRouteNeedsASessionAndPostsNeedTheToken) {
  const std::string number = online_case("edu");
  for (const std::string& target : {std::string("/staff/cases"), std::string("/staff/cases/new"),
                                    "/staff/cases/" + number}) {
    HttpReply r = http_get(port_, target);
    EXPECT_EQ(r.status, 303) << target;
    EXPECT_EQ(r.headers["location"].rfind("/staff/login", 0), 0u) << target;
  }
  for (const std::string& target : {std::string("/staff/cases/new"), "/staff/cases/" + number + "/act",
                                    "/staff/cases/" + number + "/reveal", "/staff/cases/" + number + "/art44"}) {
    EXPECT_EQ(post("", target, {{"kind", "confirm"}}).status, 303) << target;
    EXPECT_EQ(post("eduhandler", target, {{"kind", "confirm"}, {"on_date", china_today()}}, false).status, 403)
        << target;
  }
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  EXPECT_EQ(store::find_application_by_number(*conn, number)->value().stage, "submitted") << "nothing changed";
}

TEST_F(StaffCasesTest, OutsideTheScopeAGuessedNumberLooksUnknown) {
  const std::string number = online_case("edu");
  for (const char* login : {"healthhandler", "editor"}) {
    HttpReply page = http_get(port_, "/staff/cases/" + number, cookies_[login]);
    HttpReply unknown = http_get(port_, "/staff/cases/edu-2099-9999", cookies_[login]);
    EXPECT_EQ(page.status, 404) << login;
    EXPECT_EQ(unknown.status, 404) << login;
    EXPECT_EQ(page.body.find("李四"), std::string::npos) << login;
    EXPECT_EQ(act(login, number, "confirm").status, 404) << login;
    EXPECT_EQ(post(login, "/staff/cases/" + number + "/reveal", {{"reason", "核对"}}).status, 404) << login;
    EXPECT_EQ(post(login, "/staff/cases/" + number + "/art44", {{"note", "x"}}).status, 404) << login;
    HttpReply listing = http_get(port_, "/staff/cases", cookies_[login]);
    EXPECT_EQ(listing.status, 200);
    EXPECT_EQ(listing.body.find(number), std::string::npos) << login;
  }
  EXPECT_EQ(http_get(port_, "/staff/cases/new", cookies_["editor"]).status, 403);
  // Registering for a body outside one's grants is refused, nothing stored.
  HttpReply r = post("healthhandler", "/staff/cases/new",
                     {{"body_code", "edu"}, {"channel", "in_person"}, {"received_date", china_today()},
                      {"applicant_type", "natural_person"}, {"applicant_name", "王五"}, {"id_number", kResidentId},
                      {"phone", "13800000001"}, {"request", "某文件"}, {"form_wanted", "paper"},
                      {"delivery_wanted", "pickup"}});
  EXPECT_EQ(r.status, 403);
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM applications WHERE applicant_name = '王五'"), 0);
  EXPECT_EQ(store::find_application_by_number(*conn, number)->value().stage, "submitted");
}

TEST_F(StaffCasesTest, HandlerJourneyEveryActAuditedIllegalOnesRefused) {
  const std::string number = online_case("edu");
  HttpReply listing = http_get(port_, "/staff/cases", cookies_["eduhandler"]);
  EXPECT_NE(listing.body.find(number), std::string::npos);
  EXPECT_EQ(listing.body.find(kResidentId), std::string::npos);

  EXPECT_EQ(act("eduhandler", number, "decide", "x", {{"outcome", "granted"}}).status, 409) << "not yet received";
  EXPECT_EQ(act("eduhandler", number, "confirm").status, 303);
  EXPECT_EQ(act("eduhandler", number, "request_correction", "请写明文件名称，10日内补正").status, 303);
  HttpReply paused = http_get(port_, "/staff/cases/" + number, cookies_["eduhandler"]);
  EXPECT_NE(paused.body.find("等待申请人补正"), std::string::npos);
  EXPECT_EQ(act("eduhandler", number, "correction_received").status, 303);
  HttpReply again = act("eduhandler", number, "request_correction", "再次补正");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("data-refusal=\"once.correction\""), std::string::npos) << "条例第三十条 一次性告知";
  EXPECT_EQ(act("eduhandler", number, "consult_third_party", "某公司（商业秘密）").status, 303);
  EXPECT_EQ(act("eduhandler", number, "consultation_answered", "同意公开").status, 303);
  HttpReply no_approval = act("eduhandler", number, "extend", "", {{"days", "20"}});
  EXPECT_EQ(no_approval.status, 400);
  EXPECT_NE(no_approval.body.find("data-refusal=\"extension.approval\""), std::string::npos);
  HttpReply too_long = act("eduhandler", number, "extend", "张主任批准", {{"days", "25"}});
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find("data-refusal=\"extension.days\""), std::string::npos);
  EXPECT_EQ(act("eduhandler", number, "extend", "张主任批准", {{"days", "20"}}).status, 303);
  HttpReply page = http_get(port_, "/staff/cases/" + number, cookies_["eduhandler"]);
  EXPECT_NE(page.body.find("计算的工作日"), std::string::npos);
  EXPECT_NE(page.body.find("不计算在内的期间"), std::string::npos) << "the consultation pause is shown";
  HttpReply no_basis = act("eduhandler", number, "decide", "", {{"outcome", "granted"}});
  EXPECT_EQ(no_basis.status, 400);
  EXPECT_NE(no_basis.body.find("data-refusal=\"decide.basis\""), std::string::npos) << "basis required";
  EXPECT_EQ(act("eduhandler", number, "decide", "条例第三十六条第（二）项", {{"outcome", "no.such"}}).status, 400);
  EXPECT_EQ(act("eduhandler", number, "decide", "条例第三十六条第（二）项", {{"outcome", "granted"}}).status, 303);
  EXPECT_EQ(act("eduhandler", number, "reply").status, 303);
  EXPECT_EQ(act("eduhandler", number, "deliver", "邮寄").status, 303);
  EXPECT_EQ(act("eduhandler", number, "archive").status, 303);
  for (const char* kind : {"confirm", "request_correction", "correction_received", "consult_third_party",
                           "consultation_answered", "extend", "decide", "reply", "deliver", "archive"}) {
    EXPECT_EQ(audit_count(std::string("case.") + kind, number), 1) << kind;
  }
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  std::optional<store::ApplicationRow> row = *store::find_application_by_number(*conn, number);
  EXPECT_EQ(row->stage, "archived");
  EXPECT_EQ(row->outcome.value_or(""), "granted");
  // The county office supervises and handles below it: it sees the case.
  EXPECT_EQ(http_get(port_, "/staff/cases/" + number, cookies_["office"]).status, 200);
}

TEST_F(StaffCasesTest, IdNumberMaskedExceptTheAuditedReveal) {
  const std::string number = online_case("edu");
  HttpReply page = http_get(port_, "/staff/cases/" + number, cookies_["eduhandler"]);
  EXPECT_EQ(page.body.find(kResidentId), std::string::npos);
  EXPECT_NE(page.body.find("110105********002X"), std::string::npos);
  HttpReply no_reason = post("eduhandler", "/staff/cases/" + number + "/reveal", {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("data-refusal=\"reveal.reason\""), std::string::npos);
  EXPECT_EQ(audit_count("case.reveal_id", number), 0);
  HttpReply shown = post("eduhandler", "/staff/cases/" + number + "/reveal", {{"reason", "邮寄答复核对身份"}});
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find(kResidentId), std::string::npos);
  EXPECT_EQ(audit_count("case.reveal_id", number), 1);
  EXPECT_EQ(http_get(port_, "/staff/cases/" + number, cookies_["eduhandler"]).body.find(kResidentId),
            std::string::npos);
  EXPECT_EQ(post("eduhandler", "/staff/cases/" + number + "/art44", {{"note", "多人申请"}}).status, 303);
  EXPECT_EQ(audit_count("case.art44", number), 1);
}

TEST_F(StaffCasesTest, StaffRegistersAnInPersonApplication) {
  HttpReply bad = post("eduhandler", "/staff/cases/new",
                       {{"body_code", "edu"}, {"channel", "in_person"}, {"received_date", ""},
                        {"applicant_type", "natural_person"}, {"applicant_name", "赵六"},
                        {"id_number", "110105194912310021"}, {"phone", "13800000002"}, {"request", "某文件"},
                        {"form_wanted", "paper"}, {"delivery_wanted", "pickup"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("id=\"e-id_number\""), std::string::npos) << "the ID number's checksum, at its field";
  EXPECT_NE(bad.body.find("id=\"e-received_date\""), std::string::npos);
  HttpReply r = post("eduhandler", "/staff/cases/new",
                     {{"body_code", "edu"}, {"channel", "in_person"}, {"received_date", china_today()},
                      {"applicant_type", "natural_person"}, {"applicant_name", "赵六"}, {"id_number", kResidentId},
                      {"phone", "13800000002"}, {"request", "某文件"}, {"form_wanted", "paper"},
                      {"delivery_wanted", "pickup"}});
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find("查询码"), std::string::npos);
  const std::string number = match1(r.body, "<h1>申请 ([^<]+)</h1>");
  ASSERT_FALSE(number.empty());
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  std::optional<store::ApplicationRow> row = *store::find_application_by_number(*conn, number);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->stage, "registered");
  EXPECT_EQ(row->received_date.value_or(""), china_today());
  EXPECT_EQ(row->receipt_basis.value_or(""), "handed_in");
  EXPECT_TRUE(row->due_date);
  EXPECT_EQ(audit_count("case.register", number), 1);
}

TEST_F(StaffCasesTest, LettersAreGeneratedEditedAndEverySavedVersionKept) {
  const std::string number = online_case("edu");
  ASSERT_EQ(act("eduhandler", number, "confirm").status, 303);
  ASSERT_EQ(act("eduhandler", number, "request_correction", "请写明招标文件的项目名称").status, 303);
  HttpReply correction = http_get(port_, "/staff/cases/" + number + "/letters/correction", cookies_["eduhandler"]);
  ASSERT_EQ(correction.status, 200);
  EXPECT_NE(correction.body.find("请写明招标文件的项目名称"), std::string::npos);
  EXPECT_NE(correction.body.find("第三十条"), std::string::npos);
  // No reply letter before the decision.
  EXPECT_EQ(http_get(port_, "/staff/cases/" + number + "/letters/reply", cookies_["eduhandler"]).status, 409);
  ASSERT_EQ(act("eduhandler", number, "correction_received").status, 303);
  ASSERT_EQ(act("eduhandler", number, "decide", "该信息属于第十五条规定的商业秘密", {{"outcome", "withheld.third_party"}})
                .status,
            303);
  HttpReply reply = http_get(port_, "/staff/cases/" + number + "/letters/reply", cookies_["eduhandler"]);
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("不予公开告知书"), std::string::npos);
  EXPECT_NE(reply.body.find("第十五条"), std::string::npos) << "cites the article of domain/outcomes";
  EXPECT_NE(reply.body.find("行政复议"), std::string::npos);
  EXPECT_NE(reply.body.find("六个月"), std::string::npos);
  EXPECT_NE(reply.body.find("李四"), std::string::npos);
  // Outsiders cannot read or write the letters.
  EXPECT_EQ(http_get(port_, "/staff/cases/" + number + "/letters/reply", cookies_["healthhandler"]).status, 404);
  EXPECT_EQ(post("healthhandler", "/staff/cases/" + number + "/letters/reply", {{"title", "x"}, {"body", "y"}}).status,
            404);
  EXPECT_EQ(post("eduhandler", "/staff/cases/" + number + "/letters/reply", {{"title", "x"}, {"body", " "}}).status,
            400);
  HttpReply draft = post("eduhandler", "/staff/cases/" + number + "/letters/reply",
                         {{"title", "政府信息不予公开告知书"}, {"body", "草稿正文"}, {"send", "0"}});
  EXPECT_EQ(draft.status, 303);
  HttpReply sent = post("eduhandler", "/staff/cases/" + number + "/letters/reply",
                        {{"title", "政府信息不予公开告知书"}, {"body", "定稿正文\n\n第二段"}, {"send", "1"}});
  EXPECT_EQ(sent.status, 303);
  EXPECT_EQ(sent.headers["location"], "/staff/cases/" + number + "/letters/reply/2");
  HttpReply shown = http_get(port_, sent.headers["location"], cookies_["eduhandler"]);
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("定稿正文"), std::string::npos);
  EXPECT_NE(shown.body.find("已于"), std::string::npos);
  // The letter as sent, as a PDF with its text extractable; another body's handler cannot fetch it.
  HttpReply pdf = http_get(port_, sent.headers["location"] + "?format=pdf", cookies_["eduhandler"]);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const std::string pdf_path = dir_->file("letter.pdf");
  { std::ofstream(pdf_path, std::ios::binary) << pdf.body; }
  const std::string pdf_words = gongkai::testing::pdf_text(pdf_path);
  EXPECT_NE(pdf_words.find("定稿正文"), std::string::npos) << pdf_words;
  EXPECT_NE(pdf_words.find("第二段"), std::string::npos) << pdf_words;
  EXPECT_EQ(http_get(port_, sent.headers["location"] + "?format=pdf", cookies_["healthhandler"]).status, 404);
  // The editor shows the latest version.
  EXPECT_NE(http_get(port_, "/staff/cases/" + number + "/letters/reply", cookies_["eduhandler"]).body.find("定稿正文"),
            std::string::npos);
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM case_letters l JOIN applications a ON a.id = l.application_id "
                             "WHERE a.number = ? AND l.kind = 'reply'",
                             {number}),
            2);
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM case_letters l JOIN applications a ON a.id = l.application_id "
                             "WHERE a.number = ? AND l.sent = 1",
                             {number}),
            1);
  EXPECT_FALSE(conn->exec("UPDATE case_letters SET body = 'changed'")) << "sent letters stay as sent";
  EXPECT_EQ(audit_count("case.letter_send", number), 1);
  EXPECT_EQ(audit_count("case.letter_save", number), 1);
}

TEST_F(StaffCasesTest, AssignedToAHandlerOfTheBodyAuditedShownAndFilteredAsMine) {
  const std::string number = online_case("edu");
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  const auto assigned = [&]() { return store::find_application_by_number(*conn, number)->value().handler_user_id; };
  // Outsiders: no session, no token, another body's handler, an editor — nothing changes.
  EXPECT_EQ(post("", "/staff/cases/" + number + "/assign", {{"handler", "eduhandler"}}).status, 303);
  EXPECT_EQ(post("office", "/staff/cases/" + number + "/assign", {{"handler", "eduhandler"}}, false).status, 403);
  EXPECT_EQ(post("healthhandler", "/staff/cases/" + number + "/assign", {{"handler", "healthhandler"}}).status, 404);
  EXPECT_EQ(post("editor", "/staff/cases/" + number + "/assign", {{"handler", "eduhandler"}}).status, 404);
  // Only a case handler of the case's body, only a unit at or below it.
  HttpReply wrong_handler = post("office", "/staff/cases/" + number + "/assign", {{"handler", "healthhandler"}});
  EXPECT_EQ(wrong_handler.status, 400);
  EXPECT_NE(wrong_handler.body.find("data-refusal=\"assign.handler\""), std::string::npos);
  EXPECT_EQ(post("office", "/staff/cases/" + number + "/assign", {{"handler", "editor"}}).status, 400);
  EXPECT_NE(post("office", "/staff/cases/" + number + "/assign", {{"unit", "health"}}).body.find("data-refusal=\"assign.unit\""),
            std::string::npos);
  EXPECT_EQ(post("office", "/staff/cases/" + number + "/assign", {{"unit", "county"}}).status, 400) << "above the body";
  EXPECT_FALSE(assigned());
  EXPECT_EQ(audit_count("case.assign", number), 0);
  // The case page offers exactly the body's handlers.
  HttpReply page = http_get(port_, "/staff/cases/" + number, cookies_["office"]);
  EXPECT_NE(page.body.find("<option value=\"eduhandler\">"), std::string::npos);
  EXPECT_NE(page.body.find("<option value=\"office\">"), std::string::npos) << "the county office covers edu";
  EXPECT_EQ(page.body.find("<option value=\"healthhandler\">"), std::string::npos);

  HttpReply done = post("office", "/staff/cases/" + number + "/assign",
                        {{"handler", "eduhandler"}, {"unit", "edu"}, {"note", "请按期办理"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(audit_count("case.assign", number), 1);
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'case.assign' AND entity_id = ? "
                             "AND after_json LIKE '%handler_user_id%'",
                             {number}),
            1);
  HttpReply shown = http_get(port_, "/staff/cases/" + number, cookies_["eduhandler"]);
  EXPECT_NE(shown.body.find("id=\"case-handler\">测试eduhandler<"), std::string::npos);
  EXPECT_NE(shown.body.find("id=\"case-unit\">示例县教育局<"), std::string::npos);
  EXPECT_NE(shown.body.find("分配承办"), std::string::npos) << "in the history";
  EXPECT_NE(http_get(port_, "/staff/cases?mine=1", cookies_["eduhandler"]).body.find(number), std::string::npos);
  EXPECT_EQ(http_get(port_, "/staff/cases?mine=1", cookies_["office"]).body.find(number), std::string::npos);
  EXPECT_NE(http_get(port_, "/staff/cases", cookies_["office"]).body.find(number), std::string::npos);
  // The same assignment again changes nothing and says so.
  HttpReply same = post("office", "/staff/cases/" + number + "/assign", {{"handler", "eduhandler"}});
  EXPECT_EQ(same.status, 400);
  EXPECT_NE(same.body.find("data-refusal=\"assign.unchanged\""), std::string::npos);
  EXPECT_EQ(audit_count("case.assign", number), 1);
  // The assignment is a note beside the acts: the case goes on.
  EXPECT_EQ(act("eduhandler", number, "confirm").status, 303);
}

TEST_F(StaffCasesTest, AttachmentsAreForStaffOfTheBodyOnly) {
  domain::ApplicationForm f;
  f.body_code = "edu";
  f.applicant_type = "natural_person";
  f.applicant_name = "孙七";
  f.id_number = kResidentId;
  f.phone = "13800000003";
  f.request = "某学校的校舍安全鉴定报告";
  f.form_wanted = "paper";
  f.delivery_wanted = "pickup";
  const std::string pdf = gongkai::testing::sample_pdf();
  Result<services::Registered> reg = services::submit_online_application(*inst_, f, {{"委托书.pdf", pdf}});
  ASSERT_TRUE(reg) << reg.status().message();
  HttpReply page = http_get(port_, "/staff/cases/" + reg->number, cookies_["eduhandler"]);
  EXPECT_NE(page.body.find("委托书.pdf"), std::string::npos);
  const std::string link = "/staff/cases/" + reg->number + "/attachments/0";
  EXPECT_NE(page.body.find(link), std::string::npos);
  HttpReply file = http_get(port_, link, cookies_["eduhandler"]);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  EXPECT_EQ(file.headers["cache-control"], "no-store");
  EXPECT_EQ(http_get(port_, link).status, 303) << "no session";
  EXPECT_EQ(http_get(port_, link, cookies_["healthhandler"]).status, 404);
  EXPECT_EQ(http_get(port_, link, cookies_["editor"]).status, 404);
  EXPECT_EQ(http_get(port_, "/staff/cases/" + reg->number + "/attachments/1", cookies_["eduhandler"]).status, 404);
  EXPECT_EQ(http_get(port_, "/staff/cases/" + reg->number + "/attachments/x", cookies_["eduhandler"]).status, 404);
}

TEST_F(StaffCasesTest, StatisticsPerUnitOfTheScopeWithCsv) {
  // Two cases of 2025 answered: received Mon 3 March; the first replied Mon 10 March (5 working days, in time),
  // the second on Mon 7 April (the deadline was 31 March: 20 days, then 1-3 and 7 April = 24, late).
  for (const char* replied : {"2025-03-10", "2025-04-07"}) {
    services::NewApplication a;
    a.body_code = "health";
    a.channel = "in_person";
    a.applicant_type = "natural_person";
    a.request = "某文件";
    a.received_date = "2025-03-03";
    a.outcome = std::string(replied) == "2025-03-10" ? "granted" : "unavailable.not_held";
    a.replied_date = replied;
    ASSERT_TRUE(services::register_application(*inst_, a));
  }
  EXPECT_EQ(http_get(port_, "/staff/cases/stats?year=2025").status, 303);
  EXPECT_EQ(http_get(port_, "/staff/cases/stats?year=2025", cookies_["editor"]).status, 403);
  EXPECT_EQ(http_get(port_, "/staff/cases/stats?year=abc", cookies_["office"]).status, 400);
  HttpReply office = http_get(port_, "/staff/cases/stats?year=2025", cookies_["office"]);
  ASSERT_EQ(office.status, 200) << office.body;
  EXPECT_NE(office.body.find("<th scope=\"row\">示例县卫生健康局</th><td>2</td><td>2</td><td>1（50%）</td><td>14.5</td>"),
            std::string::npos)
      << office.body;
  EXPECT_NE(office.body.find("（一）予以公开：1"), std::string::npos) << office.body;
  EXPECT_NE(office.body.find("（四）无法提供 1.本机关不掌握相关政府信息：1"), std::string::npos) << "the row with its group";
  EXPECT_NE(office.body.find("示例县教育局"), std::string::npos) << "every unit of the scope, also without cases";
  HttpReply edu = http_get(port_, "/staff/cases/stats?year=2025", cookies_["eduhandler"]);
  ASSERT_EQ(edu.status, 200);
  EXPECT_EQ(edu.body.find("示例县卫生健康局"), std::string::npos) << "only the bodies one may see";
  HttpReply csv = http_get(port_, "/staff/cases/stats?year=2025&format=csv", cookies_["office"]);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF机构代码,机构,收到申请,已答复,按期答复,平均答复工作日", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("\nhealth,示例县卫生健康局,2,2,1,14.5,1,"), std::string::npos) << csv.body;
}

}  // namespace
}  // namespace gongkai::web
