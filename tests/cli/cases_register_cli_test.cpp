// `gongkai cases register`: a valid in-person application is registered with its receipt date and shown by
// `cases open`; a forged ID number exits 2 naming the field and stores nothing. `cases act` and `cases register`
// are audited like the web's acts and refuse what the web refuses. `cases digest`: red / yellow per unit and the
// day before's arrivals and answers, worked out by hand over the 2025 calendar (清明 4-6 April).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/test_databases.h"

namespace gongkai {
namespace {

struct GkRun {
  int code = -1;
  std::string out, err;
};

GkRun gk(const testing::TempDir& dir, const std::string& args) {
  const std::string out = dir.file("out.txt"), err = dir.file("err.txt");
  const std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE '" GONGKAI_BINARY "' " + args +
                              " --data-dir '" + dir.path() + "/inst' >'" + out + "' 2>'" + err + "' </dev/null";
  const int status = std::system(command.c_str());
  GkRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ostringstream o, e;
  o << std::ifstream(out).rdbuf();
  e << std::ifstream(err).rdbuf();
  r.out = o.str();
  r.err = e.str();
  return r;
}

TEST(CasesRegisterCliTest, RegistersOrRefusesWithTheField) {
  testing::TempDir dir;
  ASSERT_EQ(gk(dir, "init").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code edu --name 示例县教育局").code, 0);
  GkRun bad = gk(dir, "cases register --body edu --channel in_person --received 2020-03-02 --applicant-type natural_person "
                    "--id-number 110105194912310021 --request 某文件");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("id_number"), std::string::npos) << bad.err;
  GkRun none = gk(dir, "cases open --json");
  EXPECT_EQ(none.out.find("edu-"), std::string::npos) << none.out;
  GkRun ok = gk(dir, "cases register --body edu --channel mail --unsigned-mail --received 2020-03-02 "
                   "--applicant-type natural_person --name 王五 --id-number 11010519491231002X --request 某文件 --json");
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"number\":\"edu-2020-0001\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"query_code\""), std::string::npos);
  GkRun show = gk(dir, "cases show edu-2020-0001 --json");
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("\"received_date\":\"2020-03-02\""), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("\"due\":\"2020-03-30\""), std::string::npos) << "20 working days from 2020-03-03";
}

// The audit entries of `action` in `gongkai audit export --json` output.
int audit_entries(const std::string& export_jsonl, const std::string& action) {
  int n = 0;
  for (size_t at = export_jsonl.find("\"action\":\"" + action + "\""); at != std::string::npos;
       at = export_jsonl.find("\"action\":\"" + action + "\"", at + 1)) {
    ++n;
  }
  return n;
}

TEST(CasesRegisterCliTest, ActAndRegisterAreAuditedLikeTheWeb) {
  testing::TempDir dir;
  ASSERT_EQ(gk(dir, "init").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code edu --name 示例县教育局").code, 0);
  ASSERT_EQ(gk(dir, "cases register --body edu --channel in_person --received 2020-03-02 "
                    "--applicant-type natural_person --name 王五 --request 某文件").code, 0);
  ASSERT_EQ(gk(dir, "cases act edu-2020-0001 --kind start_handling --date 2020-03-03").code, 0);
  // 条例 Art. 33 ¶2: an extension records its approval, at the command line as on the web; nothing is written.
  GkRun no_approval = gk(dir, "cases act edu-2020-0001 --kind extend --date 2020-03-05 --days 10");
  EXPECT_EQ(no_approval.code, 2) << no_approval.err;
  EXPECT_NE(no_approval.err.find("approval"), std::string::npos) << no_approval.err;
  GkRun extended = gk(dir, "cases act edu-2020-0001 --kind extend --date 2020-03-05 --days 10 --detail 张主任批准");
  ASSERT_EQ(extended.code, 0) << extended.err;
  EXPECT_EQ(gk(dir, "cases act edu-2099-0001 --kind confirm --date 2020-03-05").code, 2) << "unknown number";
  GkRun log = gk(dir, "audit export --json");
  ASSERT_EQ(log.code, 0) << log.err;
  EXPECT_EQ(audit_entries(log.out, "case.register"), 1) << log.out;
  EXPECT_EQ(audit_entries(log.out, "case.start_handling"), 1) << log.out;
  EXPECT_EQ(audit_entries(log.out, "case.extend"), 1) << log.out;
  EXPECT_NE(log.out.find("\"actor_label\":\"cli:"), std::string::npos) << "the operator is named: " << log.out;
  EXPECT_EQ(gk(dir, "audit verify").code, 0);
}

TEST(CasesRegisterCliTest, DigestMarksPerUnitAndYesterday) {
  testing::TempDir dir;
  ASSERT_EQ(gk(dir, "init").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code county --name 示例县人民政府 --type government").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code edu --name 示例县教育局 --parent county --type department").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code health --name 示例县卫生健康局 --parent county --type department").code, 0);
  const std::string person = " --channel in_person --applicant-type natural_person --name 王五 --request 某文件";
  // Received Mon 3 March 2025: 20 working days from the 4th end on Mon 31 March.
  ASSERT_EQ(gk(dir, "cases register --body edu --received 2025-03-03" + person).code, 0);
  // Received Mon 10 March: from the 11th, 15 days to 31 March, 1-3 April, 清明 4 April skipped, due Tue 8 April.
  ASSERT_EQ(gk(dir, "cases register --body edu --received 2025-03-10" + person).code, 0);
  // Arrived on the 26th (due 24 April: not marked on the 27th).
  ASSERT_EQ(gk(dir, "cases register --body health --received 2025-03-26" + person).code, 0);
  // Answered on the 26th.
  GkRun answered = gk(dir, "cases register --body health --received 2025-03-05" + person + " --json");
  ASSERT_EQ(answered.code, 0) << answered.err;
  ASSERT_EQ(gk(dir, "cases act health-2025-0002 --kind decide --date 2025-03-25 --outcome granted "
                    "--detail 条例第三十六条第（二）项").code, 0);
  ASSERT_EQ(gk(dir, "cases act health-2025-0002 --kind reply --date 2025-03-26").code, 0);

  GkRun digest = gk(dir, "cases digest --date 2025-03-27 --json");
  ASSERT_EQ(digest.code, 0) << digest.err;
  // Thu 27 March: to Mon 31 March 2 working days left (red); to Tue 8 April 7 (28, 31, 1, 2, 3, 7, 8: yellow).
  EXPECT_NE(digest.out.find("\"date\":\"2025-03-27\",\"totals\":{\"answered\":1,\"arrived\":1,\"red\":1,\"yellow\":1}"),
            std::string::npos)
      << digest.out;
  EXPECT_NE(digest.out.find("{\"due_date\":\"2025-03-31\",\"number\":\"edu-2025-0001\",\"stage\":\"registered\","
                            "\"working_days_left\":2}"),
            std::string::npos)
      << digest.out;
  EXPECT_NE(digest.out.find("{\"due_date\":\"2025-04-08\",\"number\":\"edu-2025-0002\",\"stage\":\"registered\","
                            "\"working_days_left\":7}"),
            std::string::npos)
      << digest.out;
  EXPECT_NE(digest.out.find("\"arrived\":[{\"number\":\"health-2025-0001\""), std::string::npos) << digest.out;
  EXPECT_NE(digest.out.find("\"answered\":[{\"number\":\"health-2025-0002\",\"outcome\":\"granted\""),
            std::string::npos)
      << digest.out;
  // --body narrows to a unit (and the bodies below it); the text form names the unit and the totals.
  GkRun edu = gk(dir, "cases digest --date 2025-03-27 --body edu");
  ASSERT_EQ(edu.code, 0) << edu.err;
  EXPECT_NE(edu.out.find("示例县教育局（edu）"), std::string::npos) << edu.out;
  EXPECT_EQ(edu.out.find("health-2025"), std::string::npos) << edu.out;
  EXPECT_NE(edu.out.find("合计：红色 1 件，黄色 1 件，昨日收到 0 件，昨日答复 0 件"), std::string::npos) << edu.out;
  // A day later the first is due in 1 working day; on 1 April it is overdue.
  GkRun later = gk(dir, "cases digest --date 2025-04-01 --body edu --json");
  EXPECT_NE(later.out.find("\"number\":\"edu-2025-0001\",\"stage\":\"registered\",\"working_days_left\":-1"),
            std::string::npos)
      << later.out;
  EXPECT_EQ(gk(dir, "cases digest --date 2025-02-30").code, 2);
  EXPECT_EQ(gk(dir, "cases digest --body nosuch").code, 2);
}

}  // namespace
}  // namespace gongkai
