// `gongkai cases register`: a valid in-person application is registered with its receipt date and shown by
// `cases open`; a forged ID number exits 2 naming the field and stores nothing.
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

}  // namespace
}  // namespace gongkai
