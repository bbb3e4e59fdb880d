// Tests of `gongkai report build | cell | figures` on the demo county (spec/contracts.md "Report JSON"): the real
// binary, its JSON and exit codes; the 2020 report against spec/seed-figures.md; every cell's drill-down summing to
// the cell; figure validation refusing bad input with nothing changed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/test_databases.h"

namespace gongkai {
namespace {

using nlohmann::json;

struct CmdRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string describe(const CmdRun& r) {
  return "exit " + std::to_string(r.exit_code) + "\n" + r.out.substr(0, 4000) + "\n" + r.err;
}

class ReportBuildCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    setup_ = new CmdRun(gk("demo --no-search-index --today 2026-11-28"));
  }
  static void TearDownTestSuite() {
    delete setup_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(setup_->exit_code, 0) << "creating the demo failed\n" << describe(*setup_); }

  // Runs `gongkai --data-dir <demo> <args>`.
  static CmdRun gk(const std::string& args) {
    static std::atomic<int> counter{0};
    const int n = counter++;
    const std::string out = dir_->file("out-" + std::to_string(n)), err = dir_->file("err-" + std::to_string(n));
    const std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE '" + std::string(GONGKAI_BINARY) +
                                "' --data-dir '" + dir_->file("demo") + "' " + args + " >'" + out + "' 2>'" + err +
                                "' </dev/null";
    const int status = std::system(command.c_str());
    CmdRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }
  static json build(const std::string& extra) {
    CmdRun r = gk("report build --body demo-county --year 2020 --format json " + extra);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  static int errors(const json& report) {
    int n = 0;
    for (const json& c : report["checks"]) n += c["severity"] == "error" ? 1 : 0;
    return n;
  }

  static gongkai::testing::TempDir* dir_;
  static CmdRun* setup_;
};

gongkai::testing::TempDir* ReportBuildCli::dir_ = nullptr;
CmdRun* ReportBuildCli::setup_ = nullptr;

// spec/seed-figures.md and the demo's 23 cases (services/demo_cases.cpp).
TEST_F(ReportBuildCli, Demo2020HasNoErrorsAndTheSeedFigures) {
  const json own = build("");
  ASSERT_TRUE(own.is_object());
  EXPECT_EQ(own["body"], "demo-county");
  EXPECT_EQ(own["year"], 2020);
  EXPECT_EQ(own["format"], "2019");
  EXPECT_EQ(errors(own), 0) << own["checks"].dump(2);
  const std::map<std::string, int64_t> seed = {
      {"items_total", 45543},       {"items_portal", 36102},      {"items_disclosure_site", 5416},
      {"items_weibo", 1234},        {"items_wechat", 2791},       {"applications_received", 23},
      {"applications_online", 11},  {"applications_in_person", 8}, {"applications_mail", 4},
      {"exec_meeting_releases", 12}, {"consultations", 37},       {"surveys", 8},
      {"key_area_items", 661},      {"emergency_items", 119},     {"documents_published", 90},
      {"cleanup_total", 293},       {"cleanup_valid", 127},       {"cleanup_amended", 3},
      {"cleanup_repealed", 163},    {"npc_suggestions", 244},     {"cppcc_proposals", 211},
      {"press_conferences", 12},    {"online_interviews", 6},     {"normative_issued", 20},
      {"normative_with_media_interpretation", 20}};
  for (const auto& [key, value] : seed) EXPECT_EQ(own["figures"].value(key, int64_t{-1}), value) << key;
  // The county government's own table 三: the 3 applications to it and its office.
  EXPECT_EQ(own["table3"]["new"]["total"], 3);
  EXPECT_EQ(own["table3"]["total"]["total"], 3);

  const json area = build("--include-children");
  EXPECT_EQ(errors(area), 0) << area["checks"].dump(2);
  const json& t3 = area["table3"];
  EXPECT_EQ(t3["new"]["total"], 23);
  EXPECT_EQ(t3["carried_over"]["total"], 0);
  EXPECT_EQ(t3["total"]["total"], 23);
  EXPECT_EQ(t3["carry_forward"]["total"], 0);
  const std::map<std::string, int> outcomes = {{"granted", 12},
                                               {"partial", 3},
                                               {"withheld.third_party", 1},
                                               {"withheld.process_info", 1},
                                               {"unavailable.not_held", 3},
                                               {"unavailable.needs_compilation", 1},
                                               {"not_processed.petition", 1},
                                               {"not_processed.duplicate", 1},
                                               {"other", 0}};
  for (const auto& [row, n] : outcomes) EXPECT_EQ(t3[row]["total"], n) << row;
  EXPECT_FALSE(t3.contains("other.no_fee"));  // 2019 format: one （六） row
  EXPECT_EQ(t3["new"]["natural_person"], 18);
  EXPECT_EQ(t3["new"]["business"], 3);
  EXPECT_EQ(t3["new"]["legal_service"], 1);
  EXPECT_EQ(t3["new"]["other_org"], 1);
  EXPECT_EQ(area["table4"]["reconsideration"]["total"], 0);
  EXPECT_EQ(area["table2"]["licensing"]["decisions"], 10856);
  EXPECT_EQ(area["table2"]["penalty"]["change"], -6);
  EXPECT_EQ(area["table2"]["normative"]["new_published"], 20);
  EXPECT_DOUBLE_EQ(area["table2"]["procurement"]["procurement_amount"].get<double>(), 25361.38);
  // Section 一 is drafted with the figures; absent ones are placeholders, never 0.
  const std::string overview = area["sections"][0]["text"];
  EXPECT_NE(overview.find("主动公开政府信息45543条"), std::string::npos) << overview;
  EXPECT_NE(overview.find("本机关本年新收政府信息公开申请23件"), std::string::npos);
  EXPECT_NE(overview.find("全年发布整改通报42次"), std::string::npos) << overview;  // from monitoring (issue #8)
}

TEST_F(ReportBuildCli, OutFileHoldsTheSameJsonAndRendersEveryFormat) {
  const std::string file = dir_->file("report-2020.json");
  CmdRun r = gk("report build --body demo-county --year 2020 --format json --out '" + file + "'");
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const json built = json::parse(slurp(file));
  EXPECT_EQ(built, build(""));
  // HTML and DOCX go back through the checker: it must read the same table 三 and find no error in it.
  for (const char* kind : {"html", "docx"}) {
    const std::string out = dir_->file(std::string("r.") + kind);
    CmdRun rendered = gk("report build --body demo-county --year 2020 --format " + std::string(kind) + " --out '" + out + "'");
    ASSERT_EQ(rendered.exit_code, 0) << kind << ": " << describe(rendered);
    CmdRun checked = gk("report check '" + out + "' --json");
    ASSERT_EQ(checked.exit_code, 0) << kind << ": " << describe(checked);
    const json read = json::parse(checked.out);
    EXPECT_EQ(read["year"], 2020) << kind;
    for (const auto& [row, cells] : built["table3"].items()) {
      for (const auto& [column, value] : cells.items()) {
        EXPECT_EQ(read["tables"]["table3"][row][column], value) << kind << " " << row << "." << column;
      }
    }
  }
  const std::string xlsx = dir_->file("r.xlsx"), pdf = dir_->file("r.pdf");
  ASSERT_EQ(gk("report build --body demo-county --year 2020 --format xlsx --out '" + xlsx + "'").exit_code, 0);
  EXPECT_EQ(slurp(xlsx).substr(0, 2), "PK");  // a zip container
  ASSERT_EQ(gk("report build --body demo-county --year 2020 --format pdf --out '" + pdf + "'").exit_code, 0);
  EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-");
  EXPECT_EQ(gk("report build --body demo-county --year 2020 --format html").exit_code, 2);  // needs --out
  EXPECT_EQ(gk("report build --body demo-county --year 2020 --format odt").exit_code, 2);
  EXPECT_EQ(gk("report build --body nobody --year 2020").exit_code, 2);
  EXPECT_EQ(gk("report build --body demo-county --year 1999").exit_code, 2);
}

TEST_F(ReportBuildCli, A2021ReportUsesThe2021Format) {
  CmdRun run = gk("report build --body demo-county --year 2021 --include-children");
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const json r = json::parse(run.out);
  EXPECT_EQ(r["format"], "2021");
  EXPECT_TRUE(r["table3"].contains("other.no_fee"));
  EXPECT_FALSE(r["table3"].contains("other"));
  EXPECT_TRUE(r["table2"]["normative"].contains("valid"));
  EXPECT_EQ(errors(r), 0) << r["checks"].dump(2);
}

// Every cell of the demo's 2020 report (county-wide): the drill-down list sums to the cell.
TEST_F(ReportBuildCli, EveryCellsDrillDownSumsToTheCell) {
  const json report = build("--include-children");
  ASSERT_TRUE(report.is_object());
  int cells = 0, nonzero = 0;
  for (const char* table : {"table2", "table3", "table4"}) {
    for (const auto& [row, columns] : report[table].items()) {
      for (const auto& [column, value] : columns.items()) {
        CmdRun r = gk(std::string("report cell --json --include-children --body demo-county --year 2020 --table ") +
                   (table + 5) + " --row " + row + " --column " + column);
        ASSERT_EQ(r.exit_code, 0) << table << " " << row << " " << column << "\n" << describe(r);
        const json list = json::parse(r.out);
        double sum = 0;
        for (const json& e : list["entries"]) sum += e["value"].get<double>();
        EXPECT_DOUBLE_EQ(sum, value.is_null() ? 0.0 : value.get<double>()) << table << " " << row << "." << column;
        ++cells;
        nonzero += sum != 0 ? 1 : 0;
      }
    }
  }
  EXPECT_GT(cells, 150);
  EXPECT_GT(nonzero, 30);
  CmdRun granted = gk("report cell --json --include-children --body demo-county --year 2020 --table 3 --row granted "
                   "--column natural_person");
  const json list = json::parse(granted.out);
  ASSERT_FALSE(list["entries"].empty());
  EXPECT_EQ(list["entries"][0]["kind"], "application");
  EXPECT_EQ(gk("report cell --body demo-county --year 2020 --table 3 --row other.no_fee --column total").exit_code, 2);
  EXPECT_EQ(gk("report cell --body demo-county --year 2020 --table 5 --row new --column total").exit_code, 2);
}

TEST_F(ReportBuildCli, FiguresAreValidatedAgainstTheFormatAndBadInputChangesNothing) {
  const std::string before = gk("report figures list --json --body demo-jtj").out;
  struct Bad {
    const char* args;
    const char* message;
  };
  const Bad bad[] = {
      {"--row licensing --column decisions --value -3", "cannot be negative"},
      {"--row licensing --column decisions --value 2.5", "whole number"},
      {"--row licensing --column amount_wan_yuan --value 2", "no column 'amount_wan_yuan'"},  // a 2021 column
      {"--row nonsense --column decisions --value 2", "no row 'nonsense'"},
      {"--row normative --column new_made --value 2", "registry"},
      {"--row licensing --column decisions --value 12abc", "not a number"},
  };
  for (const Bad& b : bad) {
    CmdRun r = gk(std::string("report figures set --body demo-jtj --year 2020 ") + b.args);
    EXPECT_EQ(r.exit_code, 2) << b.args << "\n" << describe(r);
    EXPECT_NE(r.err.find(b.message), std::string::npos) << b.args << "\n" << r.err;
  }
  EXPECT_EQ(gk("report figures list --json --body demo-jtj").out, before);

  const std::string csv = dir_->file("figures.csv");
  std::ofstream(csv) << "body,year,row,column,value\ndemo-jtj,2021,licensing,decisions,40\n"
                        "demo-jtj,2021,fees,amount_wan_yuan,-1.5\n";
  CmdRun refused = gk("report figures import '" + csv + "'");
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_NE(refused.err.find("figures.csv:3"), std::string::npos) << refused.err;
  EXPECT_EQ(gk("report figures list --json --body demo-jtj").out, before);  // all or nothing

  std::ofstream(csv) << "body,year,row,column,value\ndemo-jtj,2021,licensing,decisions,40\n"
                        "demo-jtj,2021,fees,amount_wan_yuan,1.5\n";
  CmdRun ok = gk("report figures import '" + csv + "'");
  ASSERT_EQ(ok.exit_code, 0) << describe(ok);
  const json listed = json::parse(gk("report figures list --json --body demo-jtj --year 2021").out);
  ASSERT_EQ(listed.size(), 2u);
  CmdRun built = gk("report build --body demo-jtj --year 2021");
  const json r = json::parse(built.out);
  EXPECT_EQ(r["table2"]["licensing"]["decisions"], 40);
  EXPECT_DOUBLE_EQ(r["table2"]["fees"]["amount_wan_yuan"].get<double>(), 1.5);
  EXPECT_TRUE(r["table2"]["penalty"]["decisions"].is_null());  // not entered: blank, not 0
}

}  // namespace
}  // namespace gongkai

namespace gongkai {
namespace {

// Text, versions, publication, decisions and the board, as the county office and a department use them.
TEST_F(ReportBuildCli, VersionsDecisionsAndTheDeadlineBoard) {
  const std::string scope = " --body demo-jyj --year 2020";
  ASSERT_EQ(gk("report text" + scope + " --section 5 --text '一是解读形式有待丰富；二是将完善考核。'").exit_code, 0);
  EXPECT_EQ(gk("report text" + scope + " --section 3 --text x").exit_code, 2);
  CmdRun built = gk("report build" + scope);
  const json report = json::parse(built.out);
  EXPECT_EQ(report["sections"][4]["text"], "一是解读形式有待丰富；二是将完善考核。");

  // A warning dismissed with a reason stays dismissed when the report is built again.
  std::string where;
  for (const json& c : report["checks"])
    if (c["rule"] == "build.placeholder") where = c["where_key"];
  ASSERT_FALSE(where.empty()) << report["checks"].dump(2);
  EXPECT_EQ(gk("report dismiss" + scope + " --rule build.placeholder --where '" + where + "' --reason ''").exit_code, 2);
  ASSERT_EQ(gk("report dismiss" + scope + " --rule build.placeholder --where '" + where + "' --reason 本年无此项").exit_code,
            0);
  EXPECT_EQ(gk("report dismiss" + scope + " --rule t3.row_sum --where table3 --reason x").exit_code, 2);
  const json again = json::parse(gk("report build" + scope).out);
  bool kept = false;
  for (const json& c : again["checks"])
    if (c["rule"] == "build.placeholder" && c["where_key"] == where) kept = c["decision"]["decision"] == "dismissed";
  EXPECT_TRUE(kept) << again["checks"].dump(2);

  // draft → submitted → returned; a new draft → submitted → approved → published.
  const json board_before = json::parse(gk("--json report board --body demo-county --year 2020 --today 2021-02-01").out);
  for (const json& row : board_before)
    if (row["body"] == "demo-jyj") {
      EXPECT_TRUE(row["overdue"]) << row.dump();
    }
  EXPECT_EQ(json::parse(gk("--json report draft" + scope).out)["version"], 1);
  ASSERT_EQ(gk("report submit" + scope + " --version 1").exit_code, 0);
  EXPECT_EQ(gk("report return" + scope + " --version 1").exit_code, 2);  // needs a comment
  ASSERT_EQ(gk("report return" + scope + " --version 1 --comment '表二未填'").exit_code, 0);
  EXPECT_EQ(gk("report approve" + scope + " --version 1").exit_code, 2);  // returned stays returned
  EXPECT_EQ(json::parse(gk("--json report draft" + scope).out)["version"], 2);
  EXPECT_EQ(gk("report publish" + scope + " --version 2").exit_code, 2);  // not approved yet
  ASSERT_EQ(gk("report submit" + scope + " --version 2").exit_code, 0);
  ASSERT_EQ(gk("report approve" + scope + " --version 2").exit_code, 0);
  CmdRun published = gk("--json report publish" + scope + " --version 2 --today 2021-01-20");
  ASSERT_EQ(published.exit_code, 0) << describe(published);
  EXPECT_TRUE(json::parse(published.out).contains("item_id"));
  CmdRun items = gk("export items --year 2021");
  EXPECT_NE(items.out.find("示例县教育局2020年政府信息公开工作年度报告"), std::string::npos);

  const json board = json::parse(gk("--json report board --body demo-county --year 2020 --today 2021-02-01").out);
  int rows = 0;
  for (const json& row : board) {
    ++rows;
    if (row["body"] == "demo-jyj") {
      EXPECT_EQ(row["state"], "published");
      EXPECT_EQ(row["version"], 2);
      EXPECT_FALSE(row["overdue"]);
    }
    if (row["body"] == "demo-county") {
      EXPECT_EQ(row["deadline"], "2021-03-31");
      EXPECT_FALSE(row["overdue"]);  // the government's deadline is 31 March
    }
    if (row["body"] == "demo-zjj") {
      EXPECT_TRUE(row["overdue"]);
    }
  }
  EXPECT_GT(rows, 10);

  // Every change above is in the audit log, and the chain verifies.
  EXPECT_EQ(gk("audit verify").exit_code, 0);
  const std::string audit = gk("--json audit export").out;
  for (const char* action : {"report.text", "report.check_decision", "report.draft", "report.return",
                             "report.publish"})
    EXPECT_NE(audit.find(action), std::string::npos) << action;
}

TEST_F(ReportBuildCli, ImportsPublishedReportsAndComparesThem) {
  const std::string fixtures = std::string(GONGKAI_SOURCE_DIR) + "/tests/report/fixtures/";
  // A file whose tables were lost is refused (exit 2) and nothing is stored.
  CmdRun lost = gk("report import '" + fixtures + "seed-taishun-2020-tables-lost.txt' --body demo-jyj");
  EXPECT_EQ(lost.exit_code, 2) << describe(lost);
  EXPECT_NE(lost.err.find("seed-taishun-2020-tables-lost.txt"), std::string::npos);
  CmdRun wrong_year = gk("report import '" + fixtures + "2019-official.html' --body demo-jyj --year 2018");
  EXPECT_EQ(wrong_year.exit_code, 2) << describe(wrong_year);
  CmdRun ok = gk("--json report import '" + fixtures + "2019-official.html' --body demo-jyj");
  ASSERT_EQ(ok.exit_code, 0) << describe(ok);
  const json imported = json::parse(ok.out);
  EXPECT_EQ(imported["imported"][0]["year"], 2019);
  EXPECT_EQ(imported["imported"][0]["errors"], 0);
  // Its 2019 (imported) beside its 2020 (from the records).
  CmdRun cmp = gk("--json report compare --body demo-jyj --years 2019-2020");
  ASSERT_EQ(cmp.exit_code, 0) << describe(cmp);
  const json c = json::parse(cmp.out);
  ASSERT_EQ(c["columns"].size(), 2u);
  EXPECT_EQ(c["columns"][0]["source"], "imported: 2019-official.html");
  EXPECT_EQ(c["columns"][1]["source"], "records");
  bool received = false;
  for (const json& row : c["rows"]) {
    if (row["table"] != "table3" || row["row"] != "new") continue;
    received = true;
    EXPECT_EQ(row["values"][0], 859);
    EXPECT_TRUE(row["differs"]);
  }
  EXPECT_TRUE(received);
  EXPECT_EQ(gk("report compare --body demo-jyj --years 20x9").exit_code, 2);
  EXPECT_EQ(gk("report compare --bodies demo-jyj").exit_code, 2);
  // The 2021 report's trend chart now has 2019 (imported) and 2020 (records).
  const json built = json::parse(gk("report build --body demo-jyj --year 2021").out);
  bool has_2019 = false;
  for (const json& t : built["trend"])
    has_2019 = has_2019 || (t["year"] == 2019 && t["source"] == "imported");
  EXPECT_TRUE(has_2019) << built["trend"].dump();
  // The operator's changes are audited as cli:<os user>.
  const std::string audit = gk("--json audit export").out;
  EXPECT_NE(audit.find("report.import"), std::string::npos);
  EXPECT_NE(audit.find("\"actor_label\":\"cli:"), std::string::npos);
}

}  // namespace
}  // namespace gongkai
