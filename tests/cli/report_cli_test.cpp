// Tests of `gongkai report check` as scripts use it (spec/contracts.md): the built binary on the report fixtures, its
// exit codes (0 no errors, 1 errors, 2 unreadable / not a report) and its JSON; no installation is needed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_databases.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CheckRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fixture(const std::string& name) { return std::string(GONGKAI_SOURCE_DIR) + "/tests/report/fixtures/" + name; }

// The empty directory the command runs in.
const testing::TempDir& run_dir() {
  static testing::TempDir dir;
  return dir;
}

// Runs `gongkai report check <args>` from run_dir() (no data directory exists).
CheckRun report_check(const std::string& args) {
  const testing::TempDir& dir = run_dir();
  static int counter = 0;
  const std::string out = dir.file("out" + std::to_string(counter));
  const std::string err = dir.file("err" + std::to_string(counter++));
  const std::string command = "cd '" + dir.path() + "' && env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE '" +
                              std::string(GONGKAI_BINARY) + "' report check " + args + " >'" + out + "' 2>'" + err +
                              "' </dev/null";
  const int status = std::system(command.c_str());
  CheckRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

std::string describe(const CheckRun& r) { return "exit " + std::to_string(r.exit_code) + "\n" + r.out.substr(0, 3000) + "\n" + r.err; }

TEST(ReportCli, CleanReportExitsZeroWithTheContractJson) {
  CheckRun r = report_check("'" + fixture("2019-official.html") + "' --json");
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["year"], 2019);
  EXPECT_EQ(j["format"], "2019");
  EXPECT_EQ(j["body"], "示例县");
  EXPECT_EQ(j["tables"]["table3"]["new"]["total"], 859);
  EXPECT_EQ(j["tables"]["table3"]["total"]["total"], 805);
  EXPECT_EQ(j["tables"]["table3"]["carry_forward"]["total"], 72);
  EXPECT_EQ(j["tables"]["table4"]["reconsideration"]["total"], 14);
  EXPECT_EQ(j["tables"]["table2"]["licensing"]["change"], -8);
  EXPECT_TRUE(j["violations"].is_array());
  EXPECT_TRUE(j["violations"].empty());
  EXPECT_TRUE(r.err.empty());
  EXPECT_FALSE(fs::exists(fs::path(run_dir().path()) / "gongkai-data"));  // needs no installation
}

TEST(ReportCli, PlantedErrorsExitOneAndNameTheRule) {
  struct Case {
    const char* file;
    const char* rule;
  } cases[] = {{"2019-wrong-total.html", "t3.result_sum"},
               {"2019-broken-balance.html", "t3.column_balance"},
               {"2019-narrative-number.html", "narrative.number"},
               {"2019-missing-section.html", "sections.missing"}};
  for (const Case& c : cases) {
    CheckRun r = report_check("'" + fixture(c.file) + "' --json");
    ASSERT_EQ(r.exit_code, 1) << c.file << describe(r);
    json j = json::parse(r.out);
    bool found = false;
    for (const json& v : j["violations"]) {
      EXPECT_TRUE(v.contains("where") && v.contains("expected") && v.contains("found") && v.contains("message"));
      if (v["rule"] == c.rule && v["severity"] == "error") found = true;
    }
    EXPECT_TRUE(found) << c.file << describe(r);
  }
}

TEST(ReportCli, WarningsAloneExitZero) {
  CheckRun r = report_check("'" + fixture("2020-stale-year.html") + "'");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("narrative.year"), std::string::npos) << describe(r);
}

TEST(ReportCli, BlankCellIsNullInJson) {
  CheckRun r = report_check("'" + fixture("2019-blank-cell.html") + "' --json");
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(json::parse(r.out)["tables"]["table3"]["withheld.state_secret"]["research"].is_null());
}

TEST(ReportCli, LostTablesAndNonReportsExitTwoWithTheReason) {
  CheckRun r = report_check("'" + fixture("seed-taishun-2020-tables-lost.txt") + "' --json");
  ASSERT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("tables are missing"), std::string::npos) << describe(r);
  EXPECT_NE(json::parse(r.out)["error"].get<std::string>().find("tables are missing"), std::string::npos);
  CheckRun missing = report_check("/nonexistent/report.html");
  EXPECT_EQ(missing.exit_code, 2) << describe(missing);
  CheckRun no_args = report_check("");
  EXPECT_EQ(no_args.exit_code, 2) << describe(no_args);
}

TEST(ReportCli, PreviousYearOption) {
  CheckRun r = report_check("'" + fixture("2020-text.txt") + "' --previous '" + fixture("2019-official.html") + "' --json");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  CheckRun bad = report_check("'" + fixture("2019-official.html") + "' --previous '" + fixture("2019-official.html") + "'");
  EXPECT_EQ(bad.exit_code, 1) << describe(bad);
  EXPECT_NE(bad.out.find("t3.carry_over"), std::string::npos) << describe(bad);
}

TEST(ReportCli, FolderBatchSummarisesAndUsesLastYear) {
  testing::TempDir dir;
  for (const char* f : {"2019-official.html", "2020-text.txt", "2021-subtotal.html", "seed-taishun-2020-tables-lost.txt"})
    fs::copy_file(fixture(f), dir.file(f));
  { std::ofstream(dir.file("notes.md")) << "ignored"; }
  CheckRun r = report_check("'" + dir.path() + "' --json");
  ASSERT_EQ(r.exit_code, 1) << describe(r);  // the seed file cannot be checked
  json j = json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 4u);
  for (const json& item : j) {
    if (item["file"] == "seed-taishun-2020-tables-lost.txt") {
      EXPECT_NE(item["error"].get<std::string>().find("tables are missing"), std::string::npos);
      continue;
    }
    EXPECT_TRUE(item["violations"].empty()) << item.dump(1);
  }
  CheckRun text = report_check("'" + dir.path() + "'");
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("示例县"), std::string::npos) << describe(text);
  EXPECT_NE(text.out.find("cannot be checked"), std::string::npos) << describe(text);

  // The 2020 report's 上年结转 no longer equals 2019's 结转下年度: the batch finds it.
  std::string t = slurp(dir.file("2020-text.txt"));
  const std::string from = "| 二、上年结转政府信息公开申请数量 | 66 | 4 | 0 | 0 | 2 | 0 | 72 |";
  ASSERT_NE(t.find(from), std::string::npos);
  t.replace(t.find(from), from.size(), "| 二、上年结转政府信息公开申请数量 | 60 | 4 | 0 | 0 | 2 | 0 | 66 |");
  { std::ofstream(dir.file("2020-text.txt"), std::ios::trunc) << t; }
  fs::remove(dir.file("seed-taishun-2020-tables-lost.txt"));
  CheckRun carried = report_check("'" + dir.path() + "' --json");
  EXPECT_EQ(carried.exit_code, 1) << describe(carried);
  EXPECT_NE(carried.out.find("t3.carry_over"), std::string::npos) << describe(carried);
}

}  // namespace
}  // namespace gongkai
