// Tests of the gongkai command line as scripts use it (spec/contracts.md): the real binary, its stdout, stderr and
// exit codes (0 ok, 2 bad usage or input), and the demo county's 2020 figures.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/text_encoding.h"
#include "support/test_databases.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `gongkai <args>` (args already shell-quoted where needed) with the data-directory environment cleared,
// so only the options given count.
CliRun run_gongkai(const std::string& args) {
  static gongkai::testing::TempDir capture;
  static std::atomic<int> counter{0};
  const int n = counter++;
  const std::string out_file = capture.file("out-" + std::to_string(n));
  const std::string err_file = capture.file("err-" + std::to_string(n));
  const std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE " + shell_quote(GONGKAI_BINARY) + " " +
                              args + " >" + shell_quote(out_file) + " 2>" + shell_quote(err_file) + " </dev/null";
  CliRun run;
  const int status = std::system(command.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(out_file);
  run.err = read_file(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return run;
}

std::string describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\n--- stdout:\n" + run.out.substr(0, 2000) + "\n--- stderr:\n" +
         run.err.substr(0, 2000);
}

class CliTest : public ::testing::Test {
 protected:
  // `gongkai --data-dir <test dir>/data <args>`
  CliRun gk(const std::string& args) { return run_gongkai("--data-dir " + shell_quote(data_dir()) + " " + args); }
  std::string data_dir() const { return dir_.file("data"); }

  void init_with_body() {
    CliRun init = gk("init");
    ASSERT_EQ(init.exit_code, 0) << describe(init);
    CliRun add = gk("bodies add --code b --name " + shell_quote("示例县人民政府") + " --type government");
    ASSERT_EQ(add.exit_code, 0) << describe(add);
  }

  gongkai::testing::TempDir dir_;
};

TEST_F(CliTest, InitCreatesAnInstallationAndIsIdempotent) {
  CliRun init = gk("init");
  ASSERT_EQ(init.exit_code, 0) << describe(init);
  EXPECT_NE(init.out.find("installation ready"), std::string::npos) << describe(init);
  EXPECT_TRUE(fs::exists(data_dir() + "/gongkai.db"));
  EXPECT_TRUE(fs::is_directory(data_dir() + "/attachments"));

  CliRun again = gk("init --json");
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  json doc = json::parse(again.out);
  EXPECT_EQ(doc["data_dir"], data_dir());
  EXPECT_GE(doc["schema_version"].get<int>(), 1);

  CliRun bodies = gk("bodies --json");
  ASSERT_EQ(bodies.exit_code, 0) << describe(bodies);
  EXPECT_EQ(json::parse(bodies.out), json::array());
}

TEST_F(CliTest, BodiesAddThenList) {
  ASSERT_EQ(gk("init").exit_code, 0);
  CliRun gov = gk("bodies add --code gov --name " + shell_quote("示例县人民政府") + " --type government");
  ASSERT_EQ(gov.exit_code, 0) << describe(gov);
  // Global options may also follow the subcommand.
  CliRun edu = run_gongkai("bodies add --code edu --name " + shell_quote("示例县教育局") + " --parent gov --data-dir " +
                           shell_quote(data_dir()) + " --json");
  ASSERT_EQ(edu.exit_code, 0) << describe(edu);
  EXPECT_EQ(json::parse(edu.out)["code"], "edu");

  CliRun list = gk("bodies --json");
  ASSERT_EQ(list.exit_code, 0) << describe(list);
  const json bodies = json::parse(list.out);
  ASSERT_EQ(bodies.size(), 2u) << list.out;
  EXPECT_EQ(bodies[0]["code"], "gov");
  EXPECT_EQ(bodies[0]["name"], "示例县人民政府");
  EXPECT_EQ(bodies[0]["type"], "government");
  EXPECT_TRUE(bodies[0]["parent"].is_null());
  EXPECT_EQ(bodies[0]["index_pattern"], "{prefix}/{year}-{serial:5}");
  EXPECT_EQ(bodies[1]["code"], "edu");
  EXPECT_EQ(bodies[1]["type"], "department");
  EXPECT_EQ(bodies[1]["parent"], "gov");

  CliRun text = gk("bodies");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("示例县教育局"), std::string::npos) << text.out;
}

TEST_F(CliTest, BodiesAddRefusesBadInput) {
  ASSERT_EQ(gk("init").exit_code, 0);
  ASSERT_EQ(gk("bodies add --code gov --name G --type government").exit_code, 0);
  struct Case {
    const char* what;
    std::string args;
    const char* stderr_part;
  };
  const Case cases[] = {
      {"bad type", "bodies add --code x --name X --type ministry", "--type"},
      {"bad code", "bodies add --code " + shell_quote("bad code!") + " --name X", "letters"},
      {"existing code", "bodies add --code gov --name Again", "gov"},
      {"unknown parent", "bodies add --code x --name X --parent nope", "nope"},
      {"missing name", "bodies add --code x", "--name"},
      {"bad index pattern", "bodies add --code x --name X --index-pattern " + shell_quote("{prefix}-{serial}"), "year"},
  };
  for (const Case& c : cases) {
    CliRun run = gk(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.what << "\n" << describe(run);
    EXPECT_NE(run.err.find(c.stderr_part), std::string::npos) << c.what << "\n" << describe(run);
  }
  CliRun list = gk("bodies --json");
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_EQ(json::parse(list.out).size(), 1u) << list.out;
}

TEST_F(CliTest, MissingInstallationIsBadUsageWithAHint) {
  for (const char* args : {"stats --body demo-county --year 2020", "stats --body demo-county --year 2020 --json",
                           "bodies", "bodies add --code x --name X", "export items"}) {
    CliRun run = gk(args);
    EXPECT_EQ(run.exit_code, 2) << args << "\n" << describe(run);
    EXPECT_NE(run.err.find("gongkai init"), std::string::npos) << args << "\n" << describe(run);
    EXPECT_EQ(run.out, "") << args;
  }
  EXPECT_FALSE(fs::exists(data_dir())) << "a read command must not create an installation";
}

TEST_F(CliTest, BadUsageExitsWithTwo) {
  ASSERT_EQ(gk("init").exit_code, 0);
  struct Case {
    const char* args;
    int exit_code;
  };
  const Case cases[] = {
      {"frobnicate", 2},
      {"", 2},
      {"import", 2},
      {"import items", 2},
      {"import widgets x.jsonl", 2},
      {"stats --body demo-county", 2},
      {"stats --body demo-county --year abc", 2},
      {"stats --body nope --year 2020", 2},
      {"stats --body nope --year 1800", 2},
      {"export items --format xml", 2},
      {"demo --scale 0", 2},
      {"--help", 0},
  };
  for (const Case& c : cases) {
    CliRun run = gk(c.args);
    EXPECT_EQ(run.exit_code, c.exit_code) << c.args << "\n" << describe(run);
    if (c.exit_code == 2) {
      EXPECT_NE(run.err, "") << c.args << ": a usage error must say what is wrong";
    }
  }
}

TEST_F(CliTest, ImportItemsReportsFileAndLine) {
  init_with_body();
  const std::string bad = dir_.file("bad.jsonl");
  write_file(bad, R"({"title":"好","body":"b","publish_date":"2020-03-05"})"
                  "\n" R"({"title":"坏","body":"b","publish_date":"2021-02-30"})"
                  "\n" R"({"title":"坏","body":"nobody","publish_date":"2020-03-05"})"
                  "\n");
  CliRun refused = gk("import items " + shell_quote(bad));
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_NE(refused.err.find(bad + ":2: publish_date: "), std::string::npos) << describe(refused);
  EXPECT_NE(refused.err.find(bad + ":3: body: "), std::string::npos) << describe(refused);
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos) << describe(refused);
  CliRun empty = gk("export items");
  ASSERT_EQ(empty.exit_code, 0) << describe(empty);
  EXPECT_EQ(empty.out, "");

  CliRun refused_json = gk("import items --json " + shell_quote(bad));
  EXPECT_EQ(refused_json.exit_code, 2) << describe(refused_json);
  json report = json::parse(refused_json.out);
  EXPECT_EQ(report["imported"], 0);
  ASSERT_EQ(report["errors"].size(), 2u);
  EXPECT_EQ(report["errors"][0]["line"], 2);
  EXPECT_EQ(report["errors"][0]["field"], "publish_date");

  const std::string latin1 = dir_.file("latin1.csv");
  write_file(latin1, "title,body,publish_date\ncaf\xe9,b,2020-03-05\n");
  CliRun mojibake = gk("import items " + shell_quote(latin1));
  EXPECT_EQ(mojibake.exit_code, 2) << describe(mojibake);
  EXPECT_NE(mojibake.err.find(latin1 + ":2:"), std::string::npos) << describe(mojibake);

  CliRun missing = gk("import items " + shell_quote(dir_.file("absent.jsonl")));
  EXPECT_EQ(missing.exit_code, 2) << describe(missing);
  EXPECT_NE(missing.err.find("absent.jsonl"), std::string::npos) << describe(missing);
}

TEST_F(CliTest, ImportApplicationsReportsFileAndLineThenImports) {
  init_with_body();
  const std::string bad = dir_.file("cases.jsonl");
  write_file(bad, R"({"body":"b","received_date":"2020-03-02","channel":"online","applicant_type":"natural_person","request":"申请公开某文件","id_number":"11010519491231003X"})"
                  "\n" R"({"body":"b","received_date":"2020-03-02","channel":"mail","applicant_type":"business","request":"申请公开某文件","outcome":"granted","replied_date":"2020-02-28"})"
                  "\n");
  CliRun refused = gk("import applications " + shell_quote(bad));
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_NE(refused.err.find(bad + ":1: id_number: "), std::string::npos) << describe(refused);
  EXPECT_NE(refused.err.find(bad + ":2: replied_date: 2020-02-28 is before received_date"), std::string::npos)
      << describe(refused);
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos) << describe(refused);

  const std::string good = dir_.file("good.jsonl");
  write_file(good, R"({"body":"b","received_date":"2020-03-02","channel":"online","applicant_type":"natural_person","request":"申请公开某文件","id_number":"11010519491231002X","reference":"A1"})"
                   "\n" R"({"body":"b","received_date":"2020-03-03","channel":"in_person","applicant_type":"business","request":"申请公开某批复","outcome":"granted","replied_date":"2020-03-10"})"
                   "\n");
  CliRun run = gk("import applications " + shell_quote(good));
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  EXPECT_NE(run.out.find("imported 2 applications"), std::string::npos) << describe(run);
  CliRun stats = gk("stats --body b --year 2020 --json");
  ASSERT_EQ(stats.exit_code, 0) << describe(stats);
  const json figures = json::parse(stats.out);
  EXPECT_EQ(figures["applications_received"], 2);
  EXPECT_EQ(figures["applications_online"], 1);
  EXPECT_EQ(figures["applications_in_person"], 1);
  EXPECT_EQ(figures["applications_mail"], 0);

  CliRun open = gk("cases open --json");
  ASSERT_EQ(open.exit_code, 0) << describe(open);
  const json cases = json::parse(open.out);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["number"], "b-2020-0001");
  EXPECT_EQ(cases[0]["id_number"], "110105********002X") << "only the masked number leaves the store";
  CliRun refused_act = gk("cases act b-2020-0001 --kind reply --date 2020-03-05");
  EXPECT_EQ(refused_act.exit_code, 2) << describe(refused_act);
  CliRun show = gk("cases show b-2020-0001 --json");
  ASSERT_EQ(show.exit_code, 0) << describe(show);
  EXPECT_EQ(json::parse(show.out)["deadline"]["working_days"], 20);

  const std::string reviews = dir_.file("reviews.csv");
  write_file(reviews, "body,kind,filed_date,result,closed_date,application_reference\n"
                      "b,reconsideration,2020-05-06,upheld,2020-07-01,A1\n");
  CliRun imported = gk("import reviews " + shell_quote(reviews));
  EXPECT_EQ(imported.exit_code, 0) << describe(imported);
  EXPECT_NE(imported.out.find("imported 1 reviews"), std::string::npos) << describe(imported);
}

TEST_F(CliTest, ImportItemsGoodFile) {
  init_with_body();
  const std::string good = dir_.file("good.jsonl");
  write_file(good, R"({"title":"一","body":"b","publish_date":"2020-03-05"})"
                   "\n" R"({"title":"二","body":"b","publish_date":"2020-03-06","channels":["weibo"]})"
                   "\n");
  CliRun dry = gk("import items --dry-run " + shell_quote(good));
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_NE(dry.out.find("nothing imported"), std::string::npos) << describe(dry);
  EXPECT_EQ(gk("export items").out, "");

  CliRun run = gk("import items " + shell_quote(good));
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  EXPECT_NE(run.out.find("imported 2 items"), std::string::npos) << describe(run);

  CliRun exported = gk("export items --body b --year 2020");
  ASSERT_EQ(exported.exit_code, 0) << describe(exported);
  std::istringstream lines(exported.out);
  std::vector<json> items;
  for (std::string line; std::getline(lines, line);) items.push_back(json::parse(line));
  ASSERT_EQ(items.size(), 2u) << exported.out;
  EXPECT_EQ(items[0]["index_number"], "b/2020-00001");
  EXPECT_EQ(items[1]["index_number"], "b/2020-00002");
  EXPECT_EQ(items[1]["channels"], json::array({"weibo"}));

  CliRun stats = gk("stats --body b --year 2020 --json");
  ASSERT_EQ(stats.exit_code, 0) << describe(stats);
  const json figures = json::parse(stats.out);
  EXPECT_EQ(figures["items_total"], 2);
  EXPECT_EQ(figures["items_portal"], 1);
  EXPECT_EQ(figures["items_weibo"], 1);

  // GBK input is converted, and the report says so.
  Result<std::string> gbk = io::utf8_to_gb18030("title,body,publish_date\n关于印发《工作要点》的通知,b,2021-01-05\n");
  ASSERT_TRUE(gbk);
  const std::string gbk_file = dir_.file("gbk.csv");
  write_file(gbk_file, *gbk);
  CliRun gbk_run = gk("import items --json " + shell_quote(gbk_file));
  ASSERT_EQ(gbk_run.exit_code, 0) << describe(gbk_run);
  const json report = json::parse(gbk_run.out);
  EXPECT_EQ(report["encoding"], "GB18030");
  EXPECT_EQ(report["imported"], 1);
  CliRun year_2021 = gk("export items --year 2021");
  EXPECT_NE(year_2021.out.find("\"title\":\"关于印发《工作要点》的通知\""), std::string::npos) << year_2021.out;
}

// The demo county, created once for the suite (it takes seconds).
class CliDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    setup_ = new CliRun(demo("demo --no-search-index --today 2026-11-28"));
  }
  static void TearDownTestSuite() {
    delete setup_;
    setup_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(setup_->exit_code, 0) << "creating the demo failed\n" << describe(*setup_); }

  static std::string data_dir() { return dir_->file("demo"); }
  static CliRun demo(const std::string& args) {
    return run_gongkai("--data-dir " + shell_quote(data_dir()) + " " + args);
  }
  // The parsed `stats --json` of demo-county 2020 with `extra` options.
  static json stats(const std::string& extra) {
    CliRun run = demo("stats --body demo-county --year 2020 --json " + extra);
    EXPECT_EQ(run.exit_code, 0) << describe(run);
    if (run.exit_code != 0) return json();
    return json::parse(run.out);
  }

  static gongkai::testing::TempDir* dir_;
  static CliRun* setup_;
};

gongkai::testing::TempDir* CliDemoTest::dir_ = nullptr;
CliRun* CliDemoTest::setup_ = nullptr;

// spec/seed-figures.md: the county's 2020 figures that the demo's records reproduce.
const std::map<std::string, int64_t> kSeedFigures2020 = {
    {"items_total", 45543},        {"items_portal", 36102},        {"items_disclosure_site", 5416},
    {"items_weibo", 1234},         {"items_wechat", 2791},         {"exec_meeting_releases", 12},
    {"key_area_items", 661},       {"emergency_items", 119},       {"documents_published", 90},
    {"normative_issued", 20},      {"cleanup_total", 293},         {"cleanup_valid", 127},
    {"cleanup_amended", 3},        {"cleanup_repealed", 163},      {"npc_suggestions", 244},
    {"cppcc_proposals", 211},      {"press_conferences", 12},      {"online_interviews", 6},
    {"consultations", 37},         {"surveys", 8},                 {"normative_with_media_interpretation", 20},
    {"applications_received", 23}, {"applications_online", 11},   {"applications_in_person", 8},
    {"applications_mail", 4},
    {"newmedia_accounts_departments", 27}, {"newmedia_departments", 17}, {"newmedia_accounts_townships", 19},
    {"newmedia_townships", 19},    {"rectification_circulars", 42},
    {"consultation_feedbacks", 37}, {"normative_filed", 19},
};

void expect_seed_figures(const json& figures, const std::string& what) {
  ASSERT_TRUE(figures.is_object()) << what;
  for (const auto& [key, value] : kSeedFigures2020) {
    ASSERT_TRUE(figures.contains(key)) << what << ": " << key << " missing";
    EXPECT_EQ(figures[key].get<int64_t>(), value) << what << ": " << key;
  }
  for (const auto& [key, value] : figures.items()) EXPECT_TRUE(value.is_number_integer()) << what << ": " << key;
}

TEST_F(CliDemoTest, StatsReproduceTheSeedFigures) {
  const json figures = stats("");
  expect_seed_figures(figures, "stats");
  EXPECT_EQ(stats("--include-children"), figures);
  // Options after the subcommand and before it are the same.
  CliRun before = run_gongkai("--data-dir " + shell_quote(data_dir()) +
                              " --json stats --body demo-county --year 2020");
  ASSERT_EQ(before.exit_code, 0) << describe(before);
  EXPECT_EQ(json::parse(before.out), figures);

  const json own = stats("--own-only");
  ASSERT_TRUE(own.contains("items_total"));
  EXPECT_LT(own["items_total"].get<int64_t>(), figures["items_total"].get<int64_t>());
  EXPECT_GT(own["items_total"].get<int64_t>(), 0);
  // spec/seed-figures.md: 3 of the 23 applications went to the county government (2) and its office (1).
  EXPECT_EQ(own["applications_received"], 2);
  CliRun office = demo("stats --body demo-office --year 2020 --json");
  ASSERT_EQ(office.exit_code, 0) << describe(office);
  EXPECT_EQ(json::parse(office.out)["applications_received"], 1);

  CliRun bodies = demo("bodies --json");
  ASSERT_EQ(bodies.exit_code, 0) << describe(bodies);
  const json list = json::parse(bodies.out);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["code"], "demo-county");
  EXPECT_EQ(list.size(), 38u) << "government, office, 17 departments and 19 townships";
}

TEST_F(CliDemoTest, BackupOpensWithTheSameStats) {
  const std::string backup = dir_->file("backup.db");
  CliRun run = demo("backup --out " + shell_quote(backup));
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  ASSERT_TRUE(fs::is_regular_file(backup));
  CliRun from_backup = run_gongkai("--data-dir " + shell_quote(dir_->file("elsewhere")) + " --database " +
                                   shell_quote(backup) + " stats --body demo-county --year 2020 --json");
  ASSERT_EQ(from_backup.exit_code, 0) << describe(from_backup);
  const json figures = json::parse(from_backup.out);
  expect_seed_figures(figures, "backup");
  EXPECT_EQ(figures, stats(""));

  CliRun again = demo("backup --out " + shell_quote(backup));
  EXPECT_EQ(again.exit_code, 2) << "an existing backup is never overwritten\n" << describe(again);
}

// The demo's open applications include one near its limit and one at it, so the digest and the dashboard show
// both marks (services/case_work.h) to whoever tries them.
TEST_F(CliDemoTest, DigestMarksTheOpenCasesNearTheirLimit) {
  CliRun run = demo("cases digest --date 2026-11-28 --json");
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const json digest = json::parse(run.out);
  EXPECT_EQ(digest["totals"]["red"], 1) << run.out;
  EXPECT_EQ(digest["totals"]["yellow"], 1) << run.out;
  std::map<std::string, std::string> marked;
  for (const json& unit : digest["units"]) {
    for (const char* mark : {"red", "yellow"}) {
      if (!unit[mark].empty()) marked[mark] = unit["body"].get<std::string>();
    }
  }
  EXPECT_EQ(marked["red"], "demo-scjgj");
  EXPECT_EQ(marked["yellow"], "demo-rsj");
}

// A highlight recorded in error is withdrawn with a reason; an unknown id or no reason changes nothing.
TEST_F(CliDemoTest, HighlightIsWithdrawnWithAReason) {
  CliRun added = demo("monitor highlight add --body demo-jyj --year 2020 --rule bonus.innovation --note 推行政务公开日");
  ASSERT_EQ(added.exit_code, 0) << describe(added);
  long long id = 0;
  ASSERT_EQ(std::sscanf(added.out.c_str(), "highlight %lld recorded", &id), 1) << added.out;
  const std::string remove = "monitor highlight remove --id " + std::to_string(id);
  CliRun no_reason = demo(remove + " --reason ''");
  EXPECT_EQ(no_reason.exit_code, 2) << describe(no_reason);
  CliRun unknown = demo("monitor highlight remove --id 999999 --reason 登记有误");
  EXPECT_NE(unknown.exit_code, 0) << describe(unknown);
  EXPECT_NE(unknown.err.find("999999"), std::string::npos) << describe(unknown);
  CliRun removed = demo(remove + " --reason 登记有误");
  ASSERT_EQ(removed.exit_code, 0) << describe(removed);
  EXPECT_NE(removed.out.find("withdrawn"), std::string::npos);
  CliRun again = demo(remove + " --reason 登记有误");
  EXPECT_NE(again.exit_code, 0) << "withdrawn once\n" << describe(again);
}

TEST_F(CliDemoTest, RerunNeedsForceAndIsDeterministic) {
  CliRun first = demo("export items");
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  const size_t lines = static_cast<size_t>(std::count(first.out.begin(), first.out.end(), '\n'));
  EXPECT_GT(lines, 45543u);

  CliRun refused = demo("demo --no-search-index --today 2026-11-28");
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << describe(refused);

  CliRun forced = demo("demo --no-search-index --force --today 2026-11-28");
  ASSERT_EQ(forced.exit_code, 0) << describe(forced);
  expect_seed_figures(stats(""), "after --force");

  // Same seed, same county: the export is identical byte for byte.
  CliRun second = demo("export items");
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_EQ(second.out.size(), first.out.size());
  EXPECT_TRUE(second.out == first.out) << "the second demo differs from the first";
}

}  // namespace
}  // namespace gongkai
