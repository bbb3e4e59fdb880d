// The public application form and the tracking page over real HTTP on a real SQLite installation: a valid
// application is stored (stage submitted, ID sealed) and acknowledged with a number and query code; forged IDs,
// missing Art. 29 fields, a wrong challenge answer and a filled honeypot are refused with nothing stored;
// tracking answers the holder of number + code and says the same to a wrong code and an unknown number;
// both forms are rate limited per client.
#include "web/public_cases.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "services/applications.h"
#include "services/bodies.h"
#include "services/case_intake.h"
#include "store/applications.h"
#include "support/http_client.h"
#include "support/multipart_body.h"
#include "support/sample_files.h"
#include "support/test_databases.h"
#include "web/html.h"

namespace gongkai::web {
namespace {

using gongkai::testing::http_get;
using gongkai::testing::http_request;
using gongkai::testing::HttpReply;

// A valid resident ID (GB 11643-1999 checksum) and credit code (GB 32100-2015).
constexpr const char* kResidentId = "11010519491231002X";
constexpr const char* kCreditCode = "91350100M000100Y43";

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + url_encode(v);
  return body;
}

// The challenge token and the answer to the question on a form page.
std::pair<std::string, std::string> solve(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"challenge\" value=\"([^\"]+)\""))) return {"", ""};
  const std::string token = m[1];
  if (!std::regex_search(html, m, std::regex("请回答：(.+?)(加|减)(.+?)等于多少？"))) return {token, ""};
  const int a = parse_small_number(m[1].str());
  const int b = parse_small_number(m[3].str());
  return {token, std::to_string(m[2] == "加" ? a + b : a - b)};
}

class PublicCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GE(sodium_init(), 0);
    dir_ = new gongkai::testing::TempDir();
    services::InstallationOptions where{dir_->path(), dir_->file("gongkai.db")};
    inst_ = services::Installation::create(where)->release();
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    ASSERT_TRUE(services::add_body(*conn, {"county", "示例县人民政府", "government", "", "339999", "", "", "", "", 0}));
    ASSERT_TRUE(services::add_body(*conn, {"edu", "示例县教育局", "department", "county", "33999903", "", "", "", "", 1}));
    portal_ = Portal::create(*inst_, PortalOptions{})->release();
    PublicCasesOptions options;
    options.trust_proxy = true;  // each test speaks as its own client through X-Forwarded-For
    options.apply_limit = {3, 1};
    options.track_limit = {4, 1};
    cases_ = PublicCases::create(*inst_, *portal_, options)->release();
    http::Router router;
    portal_->register_routes(router);
    cases_->register_routes(router);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    server_ = new http::Server(so, std::move(router));
    ASSERT_TRUE(server_->start());
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete cases_;
    delete portal_;
    delete inst_;
    delete dir_;
  }

  static std::string from(const std::string& ip) { return "X-Forwarded-For: " + ip + "\r\n"; }

  static std::vector<std::pair<std::string, std::string>> valid_fields() {
    return {{"applicant_type", "natural_person"}, {"applicant_name", "张三"}, {"id_number", kResidentId},
            {"phone", "0571-88888888"},          {"address", "示例县人民路1号"}, {"body_code", "edu"},
            {"request", "2020年示例县义务教育阶段学校招生划片方案"}, {"doc_number", "示教〔2020〕3号"},
            {"form_wanted", "paper"},            {"delivery_wanted", "post"}};
  }

  // Opens the form as `ip`, fills in `fields` and the challenge, posts it.
  static HttpReply apply(const std::string& ip, std::vector<std::pair<std::string, std::string>> fields,
                         bool answer_right = true) {
    HttpReply page = http_get(port_, "/apply", from(ip));
    EXPECT_EQ(page.status, 200);
    auto [token, answer] = solve(page.body);
    EXPECT_FALSE(token.empty());
    EXPECT_FALSE(answer.empty());
    fields.push_back({"challenge", token});
    fields.push_back({"challenge_answer", answer_right ? answer : std::to_string(std::stoi(answer.empty() ? "0" : answer) + 1)});
    return http_request(port_, "POST", "/apply", from(ip) + "Content-Type: application/x-www-form-urlencoded\r\n",
                        form(fields));
  }

  // As apply(), as the page's multipart/form-data form with `files` in its attachments field.
  static HttpReply apply_with_files(const std::string& ip, std::vector<std::pair<std::string, std::string>> fields,
                                    const std::vector<std::pair<std::string, std::string>>& files) {
    HttpReply page = http_get(port_, "/apply", from(ip));
    EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
    auto [token, answer] = solve(page.body);
    fields.push_back({"challenge", token});
    fields.push_back({"challenge_answer", answer});
    std::vector<gongkai::testing::MultipartFile> parts;
    for (const auto& [name, content] : files) parts.push_back({"attachments", name, content});
    return http_request(port_, "POST", "/apply",
                        from(ip) + "Content-Type: multipart/form-data; boundary=" + gongkai::testing::kTestBoundary +
                            "\r\n",
                        gongkai::testing::multipart_body(fields, parts));
  }

  static int64_t count_rows(const std::string& table) {
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    return *conn->query_int("SELECT COUNT(*) FROM " + table);
  }

  static int64_t count_applications() {
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    return *conn->query_int("SELECT COUNT(*) FROM applications");
  }

  static gongkai::testing::TempDir* dir_;
  static services::Installation* inst_;
  static Portal* portal_;
  static PublicCases* cases_;
  static http::Server* server_;
  static int port_;
};
gongkai::testing::TempDir* PublicCasesTest::dir_ = nullptr;
services::Installation* PublicCasesTest::inst_ = nullptr;
Portal* PublicCasesTest::portal_ = nullptr;
PublicCases* PublicCasesTest::cases_ = nullptr;
http::Server* PublicCasesTest::server_ = nullptr;
int PublicCasesTest::port_ = 0;

std::string match1(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

TEST_F(PublicCasesTest, ValidApplicationIsStoredThenAcknowledgedAndTrackable) {
  const int64_t before = count_applications();
  HttpReply r = apply("198.51.100.1", valid_fields());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  const std::string number = match1(r.body, "id=\"app-number\">([^<]+)<");
  const std::string code = match1(r.body, "id=\"query-code\">([^<]+)<");
  ASSERT_FALSE(number.empty());
  ASSERT_EQ(code.size(), 10u);
  EXPECT_EQ(count_applications(), before + 1);

  std::unique_ptr<store::Connection> conn = *inst_->connect();
  std::optional<store::ApplicationRow> row = *store::find_application_by_number(*conn, number);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->stage, "submitted") << "online: received when both sides confirm (Art. 31)";
  EXPECT_FALSE(row->received_date);
  EXPECT_EQ(row->channel, "online");
  EXPECT_EQ(row->id_masked.value_or(""), "110105********002X");
  EXPECT_EQ(row->id_sealed.value_or("").find(kResidentId), std::string::npos);
  EXPECT_NE(row->query_code_hash, code);
  EXPECT_NE(row->request.find("示教〔2020〕3号"), std::string::npos);
  EXPECT_EQ(row->form_wanted.value_or(""), "纸质文本");

  // Tracking: the holder sees the status (lower case accepted), nothing personal.
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  HttpReply t = http_request(port_, "POST", "/apply/track",
                             from("198.51.100.1") + "Content-Type: application/x-www-form-urlencoded\r\n",
                             form({{"number", number}, {"code", lower}}));
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_NE(t.body.find("待确认"), std::string::npos);
  EXPECT_NE(t.body.find("示例县教育局"), std::string::npos);
  EXPECT_EQ(t.body.find("张三"), std::string::npos);
  EXPECT_EQ(t.body.find("110105"), std::string::npos);
}

TEST_F(PublicCasesTest, WrongCodeAndUnknownNumberAnswerAlike) {
  HttpReply r = apply("198.51.100.2", valid_fields());
  ASSERT_EQ(r.status, 201);
  const std::string number = match1(r.body, "id=\"app-number\">([^<]+)<");
  auto track = [&](const std::string& n, const std::string& c) {
    return http_request(port_, "POST", "/apply/track",
                        from("198.51.100.3") + "Content-Type: application/x-www-form-urlencoded\r\n",
                        form({{"number", n}, {"code", c}}));
  };
  HttpReply wrong_code = track(number, "ABCDEFGHJK");
  HttpReply unknown = track("edu-2026-9999", "ABCDEFGHJK");
  EXPECT_EQ(wrong_code.status, 404);
  EXPECT_EQ(unknown.status, 404);
  // The pages differ only in the echoed number.
  const std::string a = std::regex_replace(wrong_code.body, std::regex(number), "N");
  const std::string b = std::regex_replace(unknown.body, std::regex("edu-2026-9999"), "N");
  EXPECT_EQ(a, b);
}

TEST_F(PublicCasesTest, FieldErrorsInChineseAndNothingStored) {
  const int64_t before = count_applications();
  struct Case {
    std::string field, value, error_field, fragment;
  };
  const std::vector<Case> cases = {
      {"id_number", "110105194912310021", "id_number", "校验位"},
      {"id_number", "11010519491331002X", "id_number", "出生日期"},
      {"id_number", "1101051949", "id_number", "应为18位"},
      {"applicant_name", "", "applicant_name", "请填写申请人姓名"},
      {"request", "  ", "request", "特征性描述"},
      {"phone", "", "phone", "联系电话"},
      {"delivery_wanted", "email", "address", "电子邮箱"},
      {"applicant_type", "robot", "applicant_type", "申请人类型"},
      {"form_wanted", "", "form_wanted", "提供形式"},
  };
  int client = 10;
  for (const Case& c : cases) {
    auto fields = valid_fields();
    for (auto& [k, v] : fields) {
      if (k == c.field) v = c.value;
    }
    HttpReply r = apply("198.51.100." + std::to_string(client++), fields);
    EXPECT_EQ(r.status, 400) << c.field << "=" << c.value;
    const std::string error = match1(r.body, "id=\"e-" + c.error_field + "\">([^<]+)<");
    EXPECT_NE(error.find(c.fragment), std::string::npos) << c.field << "=" << c.value << ": " << error;
    EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  }
  // An organisation needs a valid 统一社会信用代码.
  auto org = valid_fields();
  for (auto& [k, v] : org) {
    if (k == "applicant_type") v = "business";
    if (k == "id_number") v = "91350100M000100Y44";
  }
  HttpReply bad_org = apply("198.51.100.40", org);
  EXPECT_EQ(bad_org.status, 400);
  EXPECT_NE(match1(bad_org.body, "id=\"e-id_number\">([^<]+)<").find("统一社会信用代码"), std::string::npos);
  EXPECT_EQ(count_applications(), before);
  for (auto& [k, v] : org) {
    if (k == "id_number") v = kCreditCode;
  }
  EXPECT_EQ(apply("198.51.100.41", org).status, 201);
  EXPECT_EQ(count_applications(), before + 1);
}

TEST_F(PublicCasesTest, ChallengeAndHoneypotStopRobots) {
  const int64_t before = count_applications();
  HttpReply wrong = apply("198.51.100.50", valid_fields(), /*answer_right=*/false);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(match1(wrong.body, "id=\"e-challenge\">([^<]+)<").find("不正确"), std::string::npos);
  EXPECT_NE(wrong.body.find("张三"), std::string::npos) << "the values typed are kept";
  auto trapped = valid_fields();
  trapped.push_back({kHoneypotField, "http://spam.example/"});
  EXPECT_EQ(apply("198.51.100.51", trapped).status, 400);
  // No token at all.
  HttpReply none = http_request(port_, "POST", "/apply",
                                from("198.51.100.52") + "Content-Type: application/x-www-form-urlencoded\r\n",
                                form(valid_fields()));
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(count_applications(), before);
}

TEST_F(PublicCasesTest, RateLimitedPerClient) {
  const int64_t before = count_applications();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(apply("203.0.113.9", valid_fields()).status, 201) << i;
  HttpReply limited = apply("203.0.113.9", valid_fields());
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.headers.count("retry-after"));
  EXPECT_EQ(count_applications(), before + 3);
  EXPECT_EQ(apply("203.0.113.10", valid_fields()).status, 201) << "another client is not affected";
  for (int i = 0; i < 4; ++i) {
    HttpReply t = http_request(port_, "POST", "/apply/track",
                               from("203.0.113.11") + "Content-Type: application/x-www-form-urlencoded\r\n",
                               form({{"number", "edu-2026-0001"}, {"code", "X"}}));
    EXPECT_EQ(t.status, 404) << i;
  }
  HttpReply t = http_request(port_, "POST", "/apply/track",
                             from("203.0.113.11") + "Content-Type: application/x-www-form-urlencoded\r\n",
                             form({{"number", "edu-2026-0001"}, {"code", "X"}}));
  EXPECT_EQ(t.status, 429);
}

TEST_F(PublicCasesTest, SupportingDocumentsAreStoredWithTheApplicationForStaffOnly) {
  const std::string pdf = gongkai::testing::sample_pdf();
  const std::string png = gongkai::testing::sample_png();
  HttpReply r = apply_with_files("198.51.100.30", valid_fields(), {{"身份证明.pdf", pdf}, {"scan.png", png}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find("附件 2 个"), std::string::npos);
  const std::string number = match1(r.body, "id=\"app-number\">([^<]+)<");
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  std::optional<store::ApplicationRow> row = *store::find_application_by_number(*conn, number);
  ASSERT_TRUE(row);
  Result<std::vector<store::ApplicationAttachmentRow>> files = store::list_application_attachments(*conn, row->id);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].file_name, "身份证明.pdf");
  EXPECT_EQ((*files)[0].mime_type, "application/pdf");
  EXPECT_EQ((*files)[0].size_bytes, static_cast<int64_t>(pdf.size()));
  EXPECT_EQ((*files)[1].mime_type, "image/png");
  const std::string& sha = (*files)[0].sha256;
  std::ifstream stored(dir_->path() + "/attachments/" + sha.substr(0, 2) + "/" + sha, std::ios::binary);
  std::stringstream bytes;
  bytes << stored.rdbuf();
  EXPECT_EQ(bytes.str(), pdf) << "the file is in the content store";
  // The public attachment route serves only files of published items.
  EXPECT_EQ(http_get(port_, "/attachments/" + sha + "/x.pdf").status, 404);
}

TEST_F(PublicCasesTest, ARefusedFileKeepsTheFormAndStoresNothing) {
  const int64_t applications = count_applications();
  const int64_t attachments = count_rows("application_attachments");
  // A PNG named .pdf, then a type outside the allowlist, then one file too many.
  for (const std::vector<std::pair<std::string, std::string>>& files :
       {std::vector<std::pair<std::string, std::string>>{{"证明.pdf", gongkai::testing::sample_png()}},
        std::vector<std::pair<std::string, std::string>>{{"run.exe", "MZ\x90\x00\x03\x00\x00\x00"}},
        std::vector<std::pair<std::string, std::string>>{{"a.pdf", gongkai::testing::sample_pdf()},
                                                         {"b.pdf", gongkai::testing::sample_pdf()},
                                                         {"c.pdf", gongkai::testing::sample_pdf()},
                                                         {"d.pdf", gongkai::testing::sample_pdf()}}}) {
    HttpReply r = apply_with_files("198.51.100.31", valid_fields(), files);
    EXPECT_EQ(r.status, 400) << files.front().first;
    EXPECT_NE(r.body.find("id=\"e-attachments\""), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("href=\"#f-attachments\">附件："), std::string::npos) << "in the error summary";
    EXPECT_NE(r.body.find("value=\"张三\""), std::string::npos) << "the rest of the form is kept";
    EXPECT_NE(r.body.find("请重新选择附件"), std::string::npos);
  }
  EXPECT_EQ(count_applications(), applications);
  EXPECT_EQ(count_rows("application_attachments"), attachments);
  // A file over the size limit is refused by name, not by a broken connection.
  HttpReply big = apply_with_files("198.51.100.32", valid_fields(),
                                   {{"big.pdf", gongkai::testing::sample_pdf() +
                                                    std::string(services::kMaxApplicationFileBytes, 'x')}});
  EXPECT_EQ(big.status, 400) << big.body.substr(0, 400);
  EXPECT_NE(big.body.find("big.pdf"), std::string::npos) << "the refused file is named";
  EXPECT_NE(big.body.find("value=\"张三\""), std::string::npos);
  EXPECT_EQ(count_applications(), applications);
}

}  // namespace
}  // namespace gongkai::web
