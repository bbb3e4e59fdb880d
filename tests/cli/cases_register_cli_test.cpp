// `gongkai cases register`: a valid in-person application is registered with its receipt date and shown by
// `cases open`; a forged ID number exits 2 naming the field and stores nothing. `cases act` and `cases register`
// are audited like the web's acts and refuse what the web refuses. `cases assign`: a handler with case.handle on
// the case's body and a unit at or below it, audited; every refusal exits 2 and changes nothing. `cases digest`:
// red / yellow per unit and the day before's arrivals and answers, worked out by hand over the 2025 calendar
// (清明 4-6 April).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "store/database.h"
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

// A new installation with the county and its departments edu and health.
void init_county(const testing::TempDir& dir) {
  ASSERT_EQ(gk(dir, "init").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code county --name 示例县人民政府 --type government").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code edu --name 示例县教育局 --parent county --type department").code, 0);
  ASSERT_EQ(gk(dir, "bodies add --code health --name 示例县卫生健康局 --parent county --type department").code, 0);
}

// What the database holds of case `number`'s assignment: "<handler login>/<unit code>/<assign events>/<audit
// entries case.assign>", "-" for an unassigned part.
std::string assignment(const testing::TempDir& dir, const std::string& number) {
  Result<std::unique_ptr<store::Database>> db = store::open_database(dir.path() + "/inst/gongkai.db");
  if (!db) return "open: " + db.status().message();
  Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
  if (!conn) return "connect: " + conn.status().message();
  Result<store::Rows> rows = (*conn)->query(
      "SELECT COALESCE(u.login, '-'), COALESCE(b.code, '-'), "
      "(SELECT COUNT(*) FROM application_events e WHERE e.application_id = a.id AND e.kind = 'assign'), "
      "(SELECT COUNT(*) FROM audit_log l WHERE l.action = 'case.assign' AND l.entity_id = a.number) "
      "FROM applications a LEFT JOIN users u ON u.id = a.handler_user_id LEFT JOIN bodies b ON b.id = a.unit_body_id "
      "WHERE a.number = ?",
      {number});
  if (!rows) return "query: " + rows.status().message();
  if (rows->empty()) return "no case";
  const store::Row& r = rows->front();
  return r.get_text(0) + "/" + r.get_text(1) + "/" + std::to_string(r.get_int(2)) + "/" + std::to_string(r.get_int(3));
}

TEST(CasesAssignCliTest, AssignsAHandlerOfTheBodyAndAUnitBelowItAudited) {
  testing::TempDir dir;
  ASSERT_NO_FATAL_FAILURE(init_county(dir));
  ASSERT_EQ(gk(dir, "bodies add --code school --name 示例县第一中学 --parent edu --type department").code, 0);
  for (const char* account : {"--login EduHandler --name 王芳 --body edu --role case_handler",
                              "--login second --name 李明 --body edu --role case_handler",
                              "--login healthhandler --name 赵敏 --body health --role case_handler",
                              "--login editor --name 钱进 --body edu --role editor"}) {
    ASSERT_EQ(gk(dir, std::string("user add ") + account).code, 0) << account;
  }
  ASSERT_EQ(gk(dir, "cases register --body edu --channel in_person --received 2020-03-02 "
                    "--applicant-type natural_person --name 王五 --request 某文件").code, 0);
  const std::string number = "edu-2020-0001";

  GkRun ok = gk(dir, "cases assign " + number + " --handler eduhandler --unit school --note 请一中办理 --json");
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"number\":\"" + number + "\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"handler\":{\"login\":\"eduhandler\",\"name\":\"王芳\"}"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"unit\":{\"body\":\"school\",\"name\":\"示例县第一中学\"}"), std::string::npos) << ok.out;
  EXPECT_EQ(assignment(dir, number), "eduhandler/school/1/1");
  GkRun log = gk(dir, "audit export --json");
  ASSERT_EQ(log.code, 0) << log.err;
  EXPECT_EQ(audit_entries(log.out, "case.assign"), 1) << log.out;
  EXPECT_NE(log.out.find("\"actor_label\":\"cli:"), std::string::npos) << "the operator is named: " << log.out;
  EXPECT_NE(log.out.find("请一中办理"), std::string::npos) << "the note is in the audit entry";

  // Each refusal exits 2, says what is wrong in English and Chinese, and changes nothing.
  struct Refusal {
    std::string args, english, chinese;
  };
  const Refusal refusals[] = {
      {"edu-2020-0099 --handler eduhandler", "no application has the number edu-2020-0099", "没有这个申请编号"},
      {number + " --handler nobody", "no user has the login 'nobody'", "没有这个登录名"},
      {number + " --handler healthhandler", "'healthhandler' is not an active case handler", "办理权限"},
      {number + " --handler editor", "'editor' is not an active case handler", "办理权限"},
      {number + " --handler second --unit health", "unit: 'health' is not this body or a body below it",
       "承办单位须为本案受理机构或其下属机构"},
      {number + " --handler second --unit nosuch", "unit: 'nosuch'", "承办单位"},
      {number + " --handler eduhandler --unit school", "already assigned", "分配没有变化"},
      {number + " --handler second --as nobody", "--as: no user has the login 'nobody'", "没有这个登录名"},
      {number + " --handler second --as healthhandler", "permission denied", "--as 指定的工作人员"},
      {number + " --handler second --as editor", "permission denied", "办理权限"},
  };
  for (const Refusal& r : refusals) {
    GkRun refused = gk(dir, "cases assign " + r.args);
    EXPECT_EQ(refused.code, 2) << r.args << ": " << refused.err;
    EXPECT_NE(refused.err.find(r.english), std::string::npos) << r.args << ": " << refused.err;
    EXPECT_NE(refused.err.find(r.chinese), std::string::npos) << r.args << ": " << refused.err;
    EXPECT_EQ(assignment(dir, number), "eduhandler/school/1/1") << r.args;
  }
  EXPECT_NE(gk(dir, "cases assign " + number).code, 0) << "--handler is required";
  // A disabled handler is no longer eligible.
  ASSERT_EQ(gk(dir, "user disable --login second").code, 0);
  EXPECT_EQ(gk(dir, "cases assign " + number + " --handler second").code, 2);
  EXPECT_EQ(assignment(dir, number), "eduhandler/school/1/1");

  // With --as, a handler of the body may reassign; the audit names the operator and the account.
  ASSERT_EQ(gk(dir, "user add --login third --name 孙丽 --body edu --role case_handler").code, 0);
  GkRun as = gk(dir, "cases assign " + number + " --handler third --unit edu --as EduHandler");
  ASSERT_EQ(as.code, 0) << as.err;
  EXPECT_NE(as.out.find("承办人 孙丽（third），承办单位 示例县教育局（edu）"), std::string::npos) << as.out;
  EXPECT_EQ(assignment(dir, number), "third/edu/2/2");
  log = gk(dir, "audit export --json");
  EXPECT_NE(log.out.find(" (as eduhandler)\""), std::string::npos) << log.out;
  EXPECT_EQ(gk(dir, "audit verify").code, 0);
}

TEST(CasesRegisterCliTest, DigestMarksPerUnitAndYesterday) {
  testing::TempDir dir;
  ASSERT_NO_FATAL_FAILURE(init_county(dir));
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
