// Staff registration of a paper application with its scanned pages (/staff/cases/new) over real HTTP, on
// SQLite and PostgreSQL: the files are checked and stored on the case as the online form's are, listed on the
// case page and downloaded by staff of the body only; a refused file is named at its field, the rest of the
// form is kept and nothing is stored; the form's token travels inside the multipart body and is checked.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.h"
#include "services/application_files.h"
#include "store/applications.h"
#include "support/sample_files.h"
#include "support/staff_site.h"

namespace gongkai::web {
namespace {

using gongkai::testing::HttpReply;
using gongkai::testing::StaffSite;

constexpr const char* kResidentId = "11010519491231002X";

class StaffCaseRegisterTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { site_ = &sites_.get(GetParam()); }
  static void TearDownTestSuite() {
    site_ = nullptr;
    sites_.clear();
  }

  // The fields of a valid in-person application to edu received today, with the session's token.
  static std::vector<std::pair<std::string, std::string>> paper_fields(const std::string& cookie,
                                                                       const std::string& name) {
    return {{"csrf", site_->csrf_for(cookie)},
            {"body_code", "edu"},
            {"channel", "in_person"},
            {"received_date", china_today()},
            {"applicant_type", "natural_person"},
            {"applicant_name", name},
            {"id_number", kResidentId},
            {"phone", "13800000009"},
            {"request", "2020年校舍维修项目的招标文件"},
            {"form_wanted", "paper"},
            {"delivery_wanted", "pickup"}};
  }
  static int64_t count(const std::string& sql) {
    Result<int64_t> n = site_->connect()->query_int(sql);
    return n ? *n : -1;
  }

  static gongkai::testing::BackendSites sites_;
  static StaffSite* site_;  // the site of the running test's backend
};

gongkai::testing::BackendSites StaffCaseRegisterTest::sites_({{"eduhandler", "edu", "case_handler"},
                                                              {"healthhandler", "health", "case_handler"},
                                                              {"editor", "edu", "editor"}});
StaffSite* StaffCaseRegisterTest::site_ = nullptr;

TEST_P(StaffCaseRegisterTest, ScannedPagesAreStoredOnTheCaseShownAndDownloadableByStaff) {
  const std::string handler = site_->sign_in("eduhandler");
  HttpReply form = site_->get(handler, "/staff/cases/new");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(form.body.find("id=\"f-attachments\" name=\"attachments\" type=\"file\" multiple"),
            std::string::npos);
  EXPECT_NE(form.body.find("最多 3 个文件，每个不超过 5 MB"), std::string::npos);

  const std::string pdf = gongkai::testing::sample_pdf();
  const std::string jpeg = gongkai::testing::sample_jpeg();
  const std::string png = gongkai::testing::sample_png();
  HttpReply r = site_->post_multipart(handler, "/staff/cases/new", paper_fields(handler, "王五"),
                                      {{"attachments", "申请书.pdf", pdf},
                                       {"attachments", "信封.jpg", jpeg},
                                       {"attachments", "身份证复印件.png", png}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find("查询码"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex("<h1>申请 ([^<]+)</h1>")));
  const std::string number = m[1];

  // Stored as the online form's files are: blobs in the content store, application_attachments in order.
  std::unique_ptr<store::Connection> conn = site_->connect();
  std::optional<store::ApplicationRow> row = *store::find_application_by_number(*conn, number);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->channel, "in_person");
  EXPECT_EQ(row->received_date.value_or(""), china_today());
  Result<std::vector<store::ApplicationAttachmentRow>> files =
      store::list_application_attachments(*conn, row->id);
  ASSERT_TRUE(files) << files.status().message();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].file_name, "申请书.pdf");
  EXPECT_EQ((*files)[0].mime_type, "application/pdf");
  EXPECT_EQ((*files)[1].mime_type, "image/jpeg");
  EXPECT_EQ((*files)[2].mime_type, "image/png");
  EXPECT_EQ((*files)[2].size_bytes, static_cast<int64_t>(png.size()));
  // The registration's audit entry names the files.
  Result<int64_t> audited = conn->query_int(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'case.register' AND entity_id = ? AND after_json LIKE ?",
      {number, "%" + (*files)[0].sha256 + "%"});
  ASSERT_TRUE(audited) << audited.status().message();
  EXPECT_EQ(*audited, 1);

  // Listed on the case page, downloadable by staff of the body, by no one else.
  HttpReply page = site_->get(handler, "/staff/cases/" + number);
  ASSERT_EQ(page.status, 200);
  for (const char* name : {"申请书.pdf", "信封.jpg", "身份证复印件.png"}) {
    EXPECT_NE(page.body.find(name), std::string::npos) << name;
  }
  const std::string link = "/staff/cases/" + number + "/attachments/";
  HttpReply first = site_->get(handler, link + "0");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, pdf);
  EXPECT_EQ(first.headers["content-type"], "application/pdf");
  EXPECT_EQ(first.headers["cache-control"], "no-store");
  HttpReply second = site_->get(handler, link + "1");
  EXPECT_EQ(second.body, jpeg);
  EXPECT_EQ(second.headers["content-type"], "image/jpeg");
  EXPECT_EQ(site_->get(site_->sign_in("healthhandler"), link + "0").status, 404);
  EXPECT_EQ(site_->get("", link + "0").status, 303) << "no session";

  // A form without files still registers (the field may stay empty), and a urlencoded post from a script too.
  HttpReply bare = site_->post_multipart(handler, "/staff/cases/new", paper_fields(handler, "李四"),
                                         {{"attachments", "", ""}});
  EXPECT_EQ(bare.status, 201) << bare.body;
  HttpReply plain = site_->post(handler, "/staff/cases/new", paper_fields(handler, "赵六"));
  EXPECT_EQ(plain.status, 201) << plain.body;
}

TEST_P(StaffCaseRegisterTest, ARefusedFileIsNamedTheFormKeptAndNothingStored) {
  const std::string handler = site_->sign_in("eduhandler");
  const int64_t cases = count("SELECT COUNT(*) FROM applications");
  const int64_t attachments = count("SELECT COUNT(*) FROM application_attachments");
  // A PNG named .pdf beside a good file, a type outside the allowlist, one file too many, one too large.
  const std::vector<std::vector<StaffSite::File>> refused = {
      {{"attachments", "好的.pdf", gongkai::testing::sample_pdf()},
       {"attachments", "伪装的扫描件.pdf", gongkai::testing::sample_png()}},
      {{"attachments", "run.exe", std::string("MZ\x90\x00\x03\x00\x00\x00", 8)}},
      {{"attachments", "a.pdf", gongkai::testing::sample_pdf()},
       {"attachments", "b.pdf", gongkai::testing::sample_pdf()},
       {"attachments", "c.pdf", gongkai::testing::sample_pdf()},
       {"attachments", "d.pdf", gongkai::testing::sample_pdf()}},
      {{"attachments", "整本扫描.pdf",
        gongkai::testing::sample_pdf() + std::string(services::kMaxApplicationFileBytes, 'x')}},
  };
  const char* named[] = {"伪装的扫描件.pdf", "run.exe", "最多上传 3 个附件", "整本扫描.pdf"};
  for (size_t case_idx = 0; case_idx < refused.size(); ++case_idx) {
    HttpReply r =
        site_->post_multipart(handler, "/staff/cases/new", paper_fields(handler, "钱七"), refused[case_idx]);
    EXPECT_EQ(r.status, 400) << named[case_idx] << ": " << r.body.substr(0, 400);
    EXPECT_NE(r.body.find(named[case_idx]), std::string::npos) << "the refused file is named: " << r.body;
    EXPECT_NE(r.body.find("id=\"e-attachments\""), std::string::npos) << "at its field";
    EXPECT_NE(r.body.find("href=\"#f-attachments\">附件："), std::string::npos) << "in the error summary";
    EXPECT_NE(r.body.find("value=\"钱七\""), std::string::npos) << "the rest of the form is kept";
    EXPECT_NE(r.body.find("2020年校舍维修项目的招标文件"), std::string::npos);
    EXPECT_NE(r.body.find("请重新选择附件"), std::string::npos);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM applications"), cases);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application_attachments"), attachments);
}

TEST_P(StaffCaseRegisterTest, TheTokenInsideTheMultipartBodyIsChecked) {
  const std::string handler = site_->sign_in("eduhandler");
  const int64_t cases = count("SELECT COUNT(*) FROM applications");
  std::vector<std::pair<std::string, std::string>> forged = paper_fields(handler, "孙八");
  forged.front().second = "forged";
  const std::vector<StaffSite::File> scan = {{"attachments", "申请书.pdf", gongkai::testing::sample_pdf()}};
  EXPECT_EQ(site_->post_multipart(handler, "/staff/cases/new", forged, scan).status, 403);
  forged.erase(forged.begin());
  EXPECT_EQ(site_->post_multipart(handler, "/staff/cases/new", forged, scan).status, 403);
  EXPECT_EQ(site_->post_multipart("", "/staff/cases/new", paper_fields(handler, "孙八"), scan).status, 303);
  const std::string editor = site_->sign_in("editor");
  EXPECT_EQ(site_->post_multipart(editor, "/staff/cases/new", paper_fields(editor, "孙八"), scan).status, 403)
      << "no case.handle anywhere";
  // A body that is not multipart at all comes back as the form with the reason; nothing is registered.
  HttpReply broken = gongkai::testing::http_request(
      site_->port(), "POST", "/staff/cases/new",
      handler + "Content-Type: multipart/form-data; boundary=zz\r\n", "garbage");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("id=\"e-attachments\""), std::string::npos) << broken.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM applications"), cases);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffCaseRegisterTest,
                         ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::web
