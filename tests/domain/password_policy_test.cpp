// Tests of the credential rules: login names and password strength, as tables.
#include "domain/password_policy.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(PasswordPolicyTest, Passwords) {
  struct Case {
    std::string password;
    const char* login;
    bool ok;
    const char* message_part;  // expected in the message when refused
  };
  const Case cases[] = {
      {"Tr0ub4dor&3", "wangfang", true, ""},
      {"correcthorse1", "wangfang", true, ""},              // lower + digit
      {"CORRECTHORSE!", "wangfang", true, ""},              // upper + other
      {"政务公开平台密码很长abc", "wangfang", true, ""},    // CJK counts as "other", 13 characters
      {"Abcdefgh1", "wangfang", false, "at least 10"},      // 9 characters
      {"政务公开密码1", "wangfang", false, "at least 10"},  // 7 characters, 19 bytes
      {"aaaaaaaaaaaa", "wangfang", false, "two kinds"},     // one class
      {"ABCDEFGHIJKL", "wangfang", false, "two kinds"},
      {"123456789012", "wangfang", false, "two kinds"},
      {"!@#$%^&*()_+", "wangfang", false, "two kinds"},
      {"政务公开政务公开政务公开", "wangfang", false, "two kinds"},  // all "other"
      {"my-wangfang-2024", "wangfang", false, "login name"},
      {"My-WANGFANG-2024", "wangfang", false, "login name"},  // ignoring case
      {"wangfang", "wangfang", false, "at least 10"},
      {"tab\there12345", "wangfang", false, "control"},
      {std::string("nul\0here12345", 13), "wangfang", false, "control"},
      {"bad\xff"
       "utf8-12345",
       "wangfang", false, "UTF-8"},
      {"overlong\xc0\xaf"
       "12345",
       "wangfang", false, "UTF-8"},
      {"truncated12345\xe6\x94", "wangfang", false, "UTF-8"},
      {std::string(1025, 'a') + "1", "wangfang", false, "too long"},
      {std::string(1000, 'a') + "1", "wangfang", true, ""},
  };
  for (const Case& c : cases) {
    Status s = check_password(c.password, c.login);
    EXPECT_EQ(s.is_ok(), c.ok) << c.password.substr(0, 40) << ": " << s.message();
    if (!c.ok) {
      EXPECT_EQ(s.code(), StatusCode::kInvalid);
      EXPECT_NE(s.message().find(c.message_part), std::string::npos) << s.message();
      if (c.password.size() >= 6) {
        EXPECT_EQ(s.message().find(c.password), std::string::npos) << "the message repeats the password";
      }
    }
  }
}

TEST(PasswordPolicyTest, LoginNames) {
  struct Case {
    const char* login;
    bool ok;
  };
  const Case cases[] = {
      {"wangfang", true},   {"wang.fang", true}, {"w_f-2024", true},   {"wf@edu.example.gov.cn", true},
      {"7up", true},        {"", false},         {".wang", false},     {"-wang", false},
      {"Wang", false},  // not normalised
      {"wang fang", false}, {"王芳", false},     {"wang/fang", false}, {"wang'--", false},
  };
  for (const Case& c : cases) EXPECT_EQ(check_login_name(c.login).is_ok(), c.ok) << c.login;
  EXPECT_TRUE(check_login_name(std::string(64, 'a')));
  EXPECT_FALSE(check_login_name(std::string(65, 'a')));
  EXPECT_EQ(normalize_login("WangFang@Edu"), "wangfang@edu");
  EXPECT_EQ(normalize_login("王芳A"), "王芳a") << "only ASCII is lowered";
}

}  // namespace
}  // namespace gongkai::domain
