// Tests of `import applications` and `import reviews` on SQLite and PostgreSQL: good JSON Lines and CSV, GBK
// input, and hostile records (forged IDs, impossible dates, unknown outcomes, replies before receipt, duplicate
// references), each reported as line + field with nothing written.
#include "services/case_import.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>

#include "services/bodies.h"
#include "services/stats.h"
#include "store/reviews.h"
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

class CaseImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
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
                                 body_spec("dept", "示例县教育局", "department", "gov")}) {
      ASSERT_TRUE(add_body(*conn_, spec));
    }
    ASSERT_TRUE(tx.commit());
  }

  std::string write_file(const std::string& name, const std::string& bytes) {
    const std::string path = dir_.file(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    return path;
  }
  int64_t count(const char* table) { return *conn_->query_int(std::string("SELECT COUNT(*) FROM ") + table); }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
};

const char* const kGoodLines =
    R"({"body":"dept","received_date":"2020-03-02","channel":"online","applicant_type":"natural_person","request":"申请公开某小学扩建项目的批复文件","applicant_name":"李四","id_number":"11010519491231002X","outcome":"granted","replied_date":"2020-03-20","reference":"W-1"})"
    "\n"
    R"({"body":"gov","received_date":"2020-06-15","channel":"mail","applicant_type":"business","request":"申请公开2019年县级财政预算执行情况","id_number":"91350100M000100Y43","outcome":"partial","replied_date":"2020-07-10","reference":"W-2"})"
    "\n\n"
    R"({"body":"dept","received_date":"2020-12-21","channel":"in_person","applicant_type":"legal_service","request":"申请公开某建设项目环境影响评价文件"})"
    "\n";

TEST_P(CaseImportTest, GoodJsonLinesImportEverything) {
  const std::string path = write_file("cases.jsonl", kGoodLines);
  Result<ImportReport> report = import_applications(*inst_, path, {});
  ASSERT_TRUE(report) << report.status().message();
  ASSERT_TRUE(report->errors.empty()) << report->errors.front().to_string(path);
  EXPECT_EQ(report->imported, 3u);
  EXPECT_EQ(count("applications"), 3);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM applications WHERE replied_date IS NULL AND due_date IS NOT NULL"),
            1);
  Result<std::map<std::string, int64_t>> figures = yearly_stats(*inst_, {"gov", 2020, false, false});
  ASSERT_TRUE(figures) << figures.status().message();
  EXPECT_EQ(figures->at("applications_received"), 3);
  EXPECT_EQ(figures->at("applications_online"), 1);
  EXPECT_EQ(figures->at("applications_in_person"), 1);
  EXPECT_EQ(figures->at("applications_mail"), 1);
  StatsQuery own{"gov", 2020, false, true};
  EXPECT_EQ(yearly_stats(*inst_, own)->at("applications_received"), 1);
  EXPECT_EQ(yearly_stats(*inst_, {"gov", 2021, false, false})->at("applications_received"), 0);

  // The same references again: refused as already imported, nothing added.
  Result<ImportReport> again = import_applications(*inst_, path, {});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->errors.size(), 2u);
  EXPECT_EQ(again->errors[0].to_string("f"), "f:1: reference: W-1 is already imported for dept");
  EXPECT_EQ(count("applications"), 3);
}

TEST_P(CaseImportTest, HostileRecordsAreReportedByLineAndFieldAndNothingIsWritten) {
  const std::string base = R"("channel":"in_person","applicant_type":"natural_person","request":"申请公开")";
  struct Line {
    std::string json;
    const char* expected;  // ImportError::to_string("f")
  };
  const std::vector<Line> lines = {
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"id_number":"11010519491231003X"})",
       "f:1: id_number: resident ID number: checksum: expected 8, found X"},
      {R"({"body":"dept","received_date":"2021-02-30",)" + base + "}",
       "f:2: received_date: '2021-02-30' is not a real date (expected YYYY-MM-DD)"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"outcome":"granted.partly","replied_date":"2020-03-05"})",
       "f:3: outcome: 'granted.partly' is not an outcome code (spec/contracts.md)"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"outcome":"granted","replied_date":"2020-03-01"})",
       "f:4: replied_date: 2020-03-01 is before received_date 2020-03-02"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"reference":"R-1"})", nullptr},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"reference":"R-1"})",
       "f:6: reference: R-1 appears twice in this file for dept"},
      {R"({"body":"nobody","received_date":"2020-03-02",)" + base + "}",
       "f:7: body: no body has the code 'nobody' (see `gongkai bodies`)"},
      {R"({"body":"dept","received_date":"2020-03-02","channel":"in_person","applicant_type":"natural_person"})",
       "f:8: request: is required"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"outcome":"granted"})",
       "f:9: replied_date: is required with an outcome"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"colour":"red"})",
       "f:10: colour: is not a field of this format"},
      {R"({"body":"dept","received_date":"2020-03-02",)" + base + R"(,"phone":13800000000})",
       "f:11: phone: must be a string"},
      {"not json", "f:12: line is not a JSON object"},
  };
  std::string text;
  for (const Line& l : lines) text += l.json + "\n";
  const std::string path = write_file("bad.jsonl", text);
  Result<ImportReport> report = import_applications(*inst_, path, {});
  ASSERT_TRUE(report) << report.status().message();
  std::vector<std::string> got;
  for (const ImportError& e : report->errors) got.push_back(e.to_string("f"));
  std::vector<std::string> expected;
  for (const Line& l : lines) {
    if (l.expected) expected.push_back(l.expected);
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(count("applications"), 0);
  EXPECT_EQ(count("application_events"), 0);
  EXPECT_EQ(count("application_serials"), 0);
}

TEST_P(CaseImportTest, GbkCsvIsDetectedAndConverted) {
  const std::string utf8 =
      "body,received_date,channel,applicant_type,request,applicant_name,outcome,replied_date\n"
      "dept,2020-05-06,in_person,natural_person,\"申请公开城关镇棚户区改造补偿标准，含附件\",王五,"
      "unavailable.not_held,2020-05-20\n";
  Result<std::string> gbk = io::utf8_to_gb18030(utf8);
  ASSERT_TRUE(gbk);
  const std::string path = write_file("cases.csv", *gbk);
  Result<ImportReport> report = import_applications(*inst_, path, {});
  ASSERT_TRUE(report) << report.status().message();
  ASSERT_TRUE(report->errors.empty()) << report->errors.front().to_string(path);
  EXPECT_EQ(report->encoding, io::SourceEncoding::kGb18030);
  Result<store::Rows> rows = conn_->query("SELECT request, applicant_name, outcome FROM applications");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().get_text(0), "申请公开城关镇棚户区改造补偿标准，含附件");
  EXPECT_EQ(rows->front().get_text(1), "王五");
}

TEST_P(CaseImportTest, CsvHeaderProblemsAreReported) {
  const std::string path = write_file("h.csv", "body,received_date,channel,request,request,shoe\n");
  Result<ImportReport> report = import_applications(*inst_, path, {});
  ASSERT_TRUE(report);
  std::vector<std::string> got;
  for (const ImportError& e : report->errors) got.push_back(e.to_string("f"));
  EXPECT_EQ(got, (std::vector<std::string>{"f:1: request: appears twice in the header",
                                           "f:1: shoe: is not a column of this format",
                                           "f:1: applicant_type: required column is missing from the header"}));
}

TEST_P(CaseImportTest, ReviewsImportWithTheirLinkAndRefuseBadRecords) {
  ASSERT_TRUE(import_applications(*inst_, write_file("cases.jsonl", kGoodLines), {}));
  const std::string good =
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"upheld","closed_date":"2020-06-01","application_reference":"W-1"})"
      "\n"
      R"({"body":"gov","kind":"litigation_direct","filed_date":"2020-08-01","result":"pending"})"
      "\n";
  Result<ImportReport> ok = import_reviews(*inst_, write_file("reviews.jsonl", good), {});
  ASSERT_TRUE(ok) << ok.status().message();
  ASSERT_TRUE(ok->errors.empty()) << ok->errors.front().to_string("f");
  EXPECT_EQ(ok->imported, 2u);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM reviews WHERE application_id IS NOT NULL"), 1);

  const std::string bad =
      R"({"body":"dept","kind":"appeal","filed_date":"2020-04-10","result":"upheld","closed_date":"2020-06-01"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"won","closed_date":"2020-06-01"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"upheld"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"pending","closed_date":"2020-06-01"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"other","closed_date":"2020-04-01"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2021-02-29","result":"pending"})" "\n"
      R"({"body":"dept","kind":"reconsideration","filed_date":"2020-04-10","result":"pending","application_reference":"W-404"})" "\n";
  Result<ImportReport> refused = import_reviews(*inst_, write_file("bad-reviews.jsonl", bad), {});
  ASSERT_TRUE(refused);
  std::vector<std::string> got;
  for (const ImportError& e : refused->errors) got.push_back(e.to_string("f"));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "f:1: kind: 'appeal' is not one of reconsideration, litigation_direct, litigation_after_review",
                     "f:2: result: 'won' is not one of upheld, corrected, other, pending",
                     "f:3: closed_date: is required with result upheld",
                     "f:4: closed_date: is given for a pending (尚未审结) case",
                     "f:5: closed_date: 2020-04-01 is before filed_date 2020-04-10",
                     "f:6: filed_date: '2021-02-29' is not a real date (expected YYYY-MM-DD)",
                     "f:7: application_reference: no application of dept has the reference W-404"}));
  EXPECT_EQ(count("reviews"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseImportTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
