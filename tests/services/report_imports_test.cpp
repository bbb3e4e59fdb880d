// Imported published reports on SQLite and PostgreSQL: a folder of one body's years read, checked (carry-over
// against the year before in the same import) and stored; a re-import replaces and is audited; a bad file
// stops the whole import; the comparison of years and of bodies marks differing cells and the cells findings
// point at; the trend chart of a built report takes earlier years from imports.
#include "services/report_imports.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>

#include "services/bodies.h"
#include "services/report_builder.h"
#include "store/report_imports.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) {
  return std::string(GONGKAI_SOURCE_DIR) + "/tests/report/fixtures/" + name;
}

class ReportImportsTest : public ::testing::TestWithParam<std::string> {
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
    for (const auto& [code, name, type, parent] : {std::tuple{"gov", "示例县人民政府", "government", ""},
                                                   {"dept", "示例县教育局", "department", "gov"}}) {
      BodySpec spec;
      spec.code = code;
      spec.name = name;
      spec.type = type;
      spec.parent_code = parent;
      ASSERT_TRUE(add_body(*conn_, spec));
    }
  }
  // A folder holding copies of the fixtures.
  std::string folder(const std::string& name, std::initializer_list<const char*> files) {
    const std::string path = dir_.file(name);
    fs::create_directories(path);
    for (const char* f : files) fs::copy_file(fixture(f), path + "/" + f);
    return path;
  }
  int64_t count(const std::string& sql) {
    Result<store::Rows> rows = conn_->query(sql);
    EXPECT_TRUE(rows) << rows.status().message();
    return rows ? (*rows)[0].get_int(0) : -1;
  }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_P(ReportImportsTest, ImportsAFolderOfYearsCheckedAgainstEachOther) {
  Result<std::vector<ImportedReportFile>> files = import_checked_reports(
      *inst_, folder("years", {"2019-official.html", "2020-text.txt"}), "dept", std::nullopt, "tester");
  ASSERT_TRUE(files) << files.status().message();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].year, 2019);
  EXPECT_EQ((*files)[0].format, "2019");
  EXPECT_EQ((*files)[0].errors, 0);
  EXPECT_EQ((*files)[1].year, 2020);
  EXPECT_EQ((*files)[1].errors, 0);  // its 上年结转 equals 2019's 结转下年度 (from the same import)
  EXPECT_FALSE((*files)[1].replaced);
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_imports"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.import'"), 2);

  // A corrected file replaces the year's report; the audit entry names what it replaced.
  Result<std::vector<ImportedReportFile>> again =
      import_checked_reports(*inst_, fixture("2019-wrong-total.html"), "dept", 2019, "tester");
  ASSERT_TRUE(again) << again.status().message();
  ASSERT_EQ(again->size(), 1u);
  EXPECT_TRUE(again->front().replaced);
  EXPECT_GT(again->front().errors, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_imports"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.import' AND after_json LIKE "
                  "'%replaced%2019-official.html%'"),
            1);
}

TEST_P(ReportImportsTest, ABadFileStopsTheWholeImport) {
  Result<std::vector<ImportedReportFile>> files = import_checked_reports(
      *inst_, folder("mixed", {"2019-official.html", "seed-taishun-2020-tables-lost.txt"}), "dept",
      std::nullopt, "t");
  ASSERT_FALSE(files);
  EXPECT_EQ(files.status().code(), StatusCode::kInvalid);
  EXPECT_NE(files.status().message().find("seed-taishun-2020-tables-lost.txt"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_imports"), 0);
  // The year the file says is not the one asked for; an unknown body; two files of one year.
  EXPECT_FALSE(import_checked_reports(*inst_, fixture("2019-official.html"), "dept", 2020, "t"));
  EXPECT_FALSE(import_checked_reports(*inst_, fixture("2019-official.html"), "nobody", std::nullopt, "t"));
  EXPECT_FALSE(import_checked_reports(*inst_, folder("twice", {"2019-official.html", "2019-blank-cell.html"}),
                                      "dept", std::nullopt, "t"));
  EXPECT_FALSE(import_checked_reports(*inst_, dir_.file("missing.html"), "dept", std::nullopt, "t"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_imports"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.import'"), 0);
}

TEST_P(ReportImportsTest, ComparesYearsAndBodiesCellByCell) {
  ASSERT_TRUE(import_checked_reports(*inst_, fixture("2019-wrong-total.html"), "dept", std::nullopt, "t"));
  ASSERT_TRUE(import_checked_reports(*inst_, fixture("2020-text.txt"), "dept", std::nullopt, "t"));
  const std::pair<std::string, int> years[] = {{"dept", 2019}, {"dept", 2020}};
  Result<Comparison> c = compare_reports(*inst_, years);
  ASSERT_TRUE(c) << c.status().message();
  ASSERT_EQ(c->columns.size(), 2u);
  EXPECT_EQ(c->columns[0].source, "imported: 2019-wrong-total.html");
  EXPECT_GT(c->columns[0].errors, 0);
  const CompareRow* received = nullptr;
  const CompareRow* total = nullptr;
  for (const CompareRow& r : c->rows) {
    if (r.table == "table3" && r.row == "new") received = &r;
    if (r.table == "table3" && r.row == "total") total = &r;
  }
  ASSERT_TRUE(received && total);
  EXPECT_EQ(received->values[0], 859);
  EXPECT_EQ(received->values[1], 450);
  EXPECT_TRUE(received->differs);
  EXPECT_TRUE(total->flagged[0]);   // 2019's printed 806 is what its findings point at
  EXPECT_FALSE(total->flagged[1]);  // 2020's is right

  // Bodies side by side: one imported, one built from the (empty) records.
  const std::pair<std::string, int> bodies[] = {{"dept", 2020}, {"gov", 2020}};
  Result<Comparison> b = compare_reports(*inst_, bodies);
  ASSERT_TRUE(b) << b.status().message();
  EXPECT_EQ(b->columns[1].source, "records");
  const nlohmann::ordered_json j = comparison_to_json(*b);
  EXPECT_EQ(j["columns"].size(), 2u);
  EXPECT_FALSE(j["rows"].empty());

  const std::pair<std::string, int> one[] = {{"dept", 2020}};
  EXPECT_FALSE(compare_reports(*inst_, one));
  const std::pair<std::string, int> unknown[] = {{"dept", 2020}, {"nobody", 2020}};
  EXPECT_FALSE(compare_reports(*inst_, unknown));
}

TEST_P(ReportImportsTest, TrendTakesEarlierYearsFromImports) {
  ASSERT_TRUE(import_checked_reports(*inst_, folder("years", {"2019-official.html", "2020-text.txt"}), "dept",
                                     std::nullopt, "t"));
  Result<BuiltReport> built = build_annual_report(*inst_, {"dept", 2021, false});
  ASSERT_TRUE(built) << built.status().message();
  ASSERT_EQ(built->trend.size(), 2u);  // 2017 and 2018 have nothing: left out, not 0
  EXPECT_EQ(built->trend[0].year, 2019);
  EXPECT_EQ(built->trend[0].received, 859);
  EXPECT_EQ(built->trend[0].source, "imported");
  EXPECT_EQ(built->trend[1].year, 2020);
  EXPECT_EQ(built->trend[1].received, 450);
  // Another body has no earlier years at all.
  Result<BuiltReport> gov = build_annual_report(*inst_, {"gov", 2021, false});
  ASSERT_TRUE(gov);
  EXPECT_TRUE(gov->trend.empty());
}

TEST(ReportImportListsTest, ParsesYearAndCodeLists) {
  EXPECT_EQ(parse_year_list("2019,2020"), (std::vector<int>{2019, 2020}));
  EXPECT_EQ(parse_year_list("2019-2021"), (std::vector<int>{2019, 2020, 2021}));
  EXPECT_EQ(parse_year_list("2018,2020-2021"), (std::vector<int>{2018, 2020, 2021}));
  EXPECT_TRUE(parse_year_list("2021-2019").empty());
  EXPECT_TRUE(parse_year_list("20x9").empty());
  EXPECT_TRUE(parse_year_list("2000-2030").empty());
  EXPECT_EQ(parse_code_list("a,,b"), (std::vector<std::string>{"a", "b"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportImportsTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
