// Tests of `gongkai deadline` as scripts use it (spec/contracts.md): the real binary, its JSON keys, the Chinese
// derivation for staff, exit code 2 for bad input, and the choice between the installation's calendar and the
// embedded one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/database.h"
#include "support/test_databases.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CommandRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

class CliDeadlineTest : public ::testing::Test {
 protected:
  // `gongkai --data-dir <test dir>/data <args>` with the data-directory environment cleared.
  CommandRun gk(const std::string& args) {
    static std::atomic<int> counter{0};
    const std::string n = std::to_string(counter++);
    const std::string out = dir_.file("out-" + n), err = dir_.file("err-" + n);
    const std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE '" + std::string(GONGKAI_BINARY) +
                                "' --data-dir '" + data_dir() + "' " + args + " >'" + out + "' 2>'" + err +
                                "' </dev/null";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }
  std::string data_dir() const { return dir_.file("data"); }
  static std::string describe(const CommandRun& run) {
    return "exit " + std::to_string(run.exit_code) + "\n--- stdout:\n" + run.out + "\n--- stderr:\n" + run.err;
  }

  gongkai::testing::TempDir dir_;
};

TEST_F(CliDeadlineTest, JsonPerContractWithTheEmbeddedCalendar) {
  CommandRun run = gk("deadline --received 2020-09-25 --json");
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const json doc = json::parse(run.out);
  // The contract's keys, exactly.
  EXPECT_EQ(doc["received"], "2020-09-25");
  EXPECT_EQ(doc["starts"], "2020-09-27") << "Sunday make-up workday after a Friday receipt";
  EXPECT_EQ(doc["working_days"], 20);
  EXPECT_EQ(doc["due"], "2020-10-29");
  EXPECT_EQ(doc["provisional"], false);
  ASSERT_TRUE(doc["skipped"].is_array());
  ASSERT_EQ(doc["skipped"].size(), 14u) << doc["skipped"].dump();
  EXPECT_EQ(doc["skipped"][0], json({{"date", "2020-09-26"}, {"why", "周末"}}));
  EXPECT_EQ(doc["skipped"][1], json({{"date", "2020-10-01"}, {"why", "国庆节、中秋节"}}));
  // Added keys.
  EXPECT_EQ(doc["calendar"], "embedded");
  ASSERT_EQ(doc["make_up_workdays"].size(), 2u);
  EXPECT_EQ(doc["make_up_workdays"][1]["date"], "2020-10-10");
  EXPECT_FALSE(fs::exists(data_dir())) << "deadline must not create an installation";
}

TEST_F(CliDeadlineTest, OtherPeriodsAndProvisionalYears) {
  struct Case {
    const char* args;
    const char* due;
    bool provisional;
    const char* why;
  };
  const Case cases[] = {
      {"--received 2020-09-25 --working-days 7", "2020-10-12", false, "补正 notice period"},
      {"--received 2020-01-23", "2020-02-28", false, "Spring Festival 2020 extended to 02-02"},
      {"--received 2024-02-03", "2024-03-06", false, "Saturday before Spring Festival 2024"},
      {"--received 2020-03-02 --count-from receipt_day", "2020-03-27", false, "receipt day counted"},
      {"--received 2026-12-15", "2027-01-12", true, "runs into 2027, not loaded"},
  };
  for (const Case& c : cases) {
    CommandRun run = gk(std::string("deadline ") + c.args + " --json");
    ASSERT_EQ(run.exit_code, 0) << c.args << "\n" << describe(run);
    const json doc = json::parse(run.out);
    EXPECT_EQ(doc["due"], c.due) << c.args << ": " << c.why;
    EXPECT_EQ(doc["provisional"], c.provisional) << c.args;
  }
}

TEST_F(CliDeadlineTest, PlainTextExplainsTheDerivationInChinese) {
  CommandRun run = gk("deadline --received 2020-09-25");
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  for (const char* part : {"收到申请：2020-09-25（星期五）", "起算日：  2020-09-27（星期日）", "20个工作日",
                           "截止日期：2020-10-29（星期四）", "2020-10-01（星期四） 至 2020-10-08（星期四） 国庆节、中秋节（8天）",
                           "2020-10-10（星期六） 国庆节、中秋节调休上班", "程序内置"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << part << "\n" << run.out;
  }
  CommandRun provisional = gk("deadline --received 2026-12-15");
  ASSERT_EQ(provisional.exit_code, 0) << describe(provisional);
  EXPECT_NE(provisional.out.find("2027-01-12（星期二）（暂定）"), std::string::npos) << provisional.out;
  EXPECT_NE(provisional.out.find("2027年的节假日安排尚未加载"), std::string::npos) << provisional.out;
}

TEST_F(CliDeadlineTest, BadInputExitsWithTwo) {
  const char* const cases[] = {
      "deadline --received 2021-02-30",
      "deadline --received 2021-2-3",
      "deadline --received tomorrow",
      "deadline --received ''",
      "deadline",
      "deadline --received 2020-03-02 --working-days 0",
      "deadline --received 2020-03-02 --working-days -3",
      "deadline --received 2020-03-02 --working-days 100000",
      "deadline --received 2020-03-02 --working-days abc",
      "deadline --received 2020-03-02 --count-from yesterday",
      "deadline --received 2021-02-30 --json",
  };
  for (const char* args : cases) {
    CommandRun run = gk(args);
    EXPECT_EQ(run.exit_code, 2) << args << "\n" << describe(run);
    EXPECT_NE(run.err, "") << args << ": must say what is wrong";
    EXPECT_EQ(run.out, "") << args;
  }
  CommandRun bad_date = gk("deadline --received 2021-02-30");
  EXPECT_NE(bad_date.err.find("'2021-02-30' is not a real date"), std::string::npos) << bad_date.err;
  CommandRun bad_days = gk("deadline --received 2020-03-02 --working-days 0");
  EXPECT_NE(bad_days.err.find("--working-days: 0 is out of range"), std::string::npos) << bad_days.err;
}

TEST_F(CliDeadlineTest, UsesTheInstallationsCalendar) {
  CommandRun init = gk("init");
  ASSERT_EQ(init.exit_code, 0) << describe(init);
  CommandRun same = gk("deadline --received 2020-09-25 --json");
  ASSERT_EQ(same.exit_code, 0) << describe(same);
  EXPECT_EQ(json::parse(same.out)["calendar"], "installation");
  EXPECT_EQ(json::parse(same.out)["due"], "2020-10-29") << "init loads the official calendar";

  // An installation whose calendar lacks the National Day holidays counts them as working days: from Fri
  // 2020-09-25, Sun 09-27 (make-up, still listed) d1, 09-28..30 d2-4, 10-01/02 d5-6, Sat/Sun 10-03/04 now plain
  // weekend, 10-05..09 d7-11, Sat 10-10 make-up d12, 10-12..16 d13-17, 10-19..21 d18-20.
  {
    Result<std::unique_ptr<store::Database>> db = store::open_database(data_dir() + "/gongkai.db");
    ASSERT_TRUE(db.is_ok()) << db.status().message();
    Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
    ASSERT_TRUE(conn.is_ok()) << conn.status().message();
    Status s = (*conn)->exec("DELETE FROM calendar_days WHERE day >= ? AND day <= ?",
                             {std::string("2020-10-01"), std::string("2020-10-08")});
    ASSERT_TRUE(s.is_ok()) << s.message();
  }
  CommandRun changed = gk("deadline --received 2020-09-25 --json");
  ASSERT_EQ(changed.exit_code, 0) << describe(changed);
  const json doc = json::parse(changed.out);
  EXPECT_EQ(doc["calendar"], "installation");
  EXPECT_EQ(doc["due"], "2020-10-21");
  EXPECT_EQ(doc["skipped"][1], json({{"date", "2020-10-03"}, {"why", "周末"}}));
}

}  // namespace
}  // namespace gongkai
