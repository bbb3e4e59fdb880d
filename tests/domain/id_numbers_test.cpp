// Tests of the identity-number checks: numbers whose check characters were computed by hand from the weights of
// GB 11643-1999 and GB 32100-2015, and forgeries made from them.
#include "domain/id_numbers.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

const Date kToday = *Date::parse("2026-12-01");

TEST(IdNumberTest, ResidentIdChecks) {
  struct Case {
    const char* id;
    const char* normalized;  // nullptr: refused
    const char* message_part;
    const char* why;
  };
  const Case cases[] = {
      {"11010519491231002X", "11010519491231002X", "", "the standard's own example: sum mod 11 = 2 -> X"},
      {"11010519491231002x", "11010519491231002X", "", "lowercase x accepted and normalised"},
      {"330522198001011237", "330522198001011237", "", "born 1980-01-01; sum mod 11 = 5 -> 7"},
      {"440301199003071230", "440301199003071230", "", "check 0"},
      {"510108200002294560", "510108200002294560", "", "born 2000-02-29, a leap day"},
      {"110101202612010000", "110101202612010000", "", "born today is not the future"},
      {"11010519491231003X", nullptr, "checksum: expected 8, found X", "one digit changed"},
      {"330522198001101237", nullptr, "checksum: expected 2, found 7", "two digits swapped (01 -> 10)"},
      {"330522198001011238", nullptr, "checksum: expected 7, found 8", "check digit forged"},
      {"510108200102294568", nullptr, "impossible birth date 2001-02-29", "2001 is not a leap year"},
      {"330522198013011234", nullptr, "impossible birth date 1980-13-01", "month 13"},
      {"110101202612020006", nullptr, "in the future", "born tomorrow (valid checksum)"},
      {"33052219800101123", nullptr, "must be 18 characters, found 17", "too short"},
      {"330522800101123", nullptr, "found 15", "old 15-digit numbers are not accepted"},
      {"33052219800101123 7", nullptr, "found 19", "space inside"},
      {"3305221980O1011237", nullptr, "character 11 is 'O'", "letter O for zero"},
      {"33052219800101123Y", nullptr, "character 18 is 'Y', expected a digit or X", "bad check character"},
      {"", nullptr, "found 0", "empty"},
      {"33052219800101123７", nullptr, "character 18 is not a half-width", "full-width digit typed"},
  };
  for (const Case& c : cases) {
    Result<std::string> r = normalize_resident_id(c.id, kToday);
    EXPECT_EQ(check_resident_id(c.id, kToday).is_ok(), r.is_ok()) << c.id;
    if (c.normalized) {
      ASSERT_TRUE(r.is_ok()) << c.id << " (" << c.why << "): " << r.status().message();
      EXPECT_EQ(*r, c.normalized) << c.why;
      continue;
    }
    ASSERT_FALSE(r.is_ok()) << c.id << " should be refused: " << c.why;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << c.id << " (" << c.why << "): " << r.status().message();
  }
}

TEST(IdNumberTest, CreditCodeChecks) {
  struct Case {
    const char* code;
    const char* normalized;
    const char* message_part;
    const char* why;
  };
  const Case cases[] = {
      {"91350100M000100Y43", "91350100M000100Y43", "", "sum mod 31 = 28 -> 31-28 = 3"},
      {"911100007109288314", "911100007109288314", "", "check 4"},
      {"91110000600037341L", "91110000600037341L", "", "check value 20 = L"},
      {"12100000400000624D", "12100000400000624D", "", "a public institution (12), check value 13 = D"},
      {"913305220000000020", "913305220000000020", "", "31 - (sum mod 31) = 31 is written 0"},
      {"91350100m000100y43", "91350100M000100Y43", "", "lowercase accepted and normalised"},
      {"91350100M000100Y53", nullptr, "checksum: expected 6, found 3", "one character changed"},
      {"91350100M000010Y43", nullptr, "checksum: expected J, found 3", "two characters swapped"},
      {"91350100M000100Y44", nullptr, "checksum: expected 3, found 4", "check character forged"},
      {"91350100I000100Y43", nullptr, "character 9 is 'I'", "I is not a code character"},
      {"91350100M0001O0Y43", nullptr, "character 14 is 'O'", "O is not a code character"},
      {"91350100M000100S43", nullptr, "character 16 is 'S'", "S is not a code character"},
      {"91350100M000100Y4", nullptr, "must be 18 characters, found 17", "too short"},
      {"91350100M000100Y4-", nullptr, "character 18 is '-'", "punctuation"},
      {"９1350100M000100Y43", nullptr, "character 1 is not a half-width", "full-width digit typed"},
  };
  for (const Case& c : cases) {
    Result<std::string> r = normalize_credit_code(c.code);
    EXPECT_EQ(check_credit_code(c.code).is_ok(), r.is_ok()) << c.code;
    if (c.normalized) {
      ASSERT_TRUE(r.is_ok()) << c.code << " (" << c.why << "): " << r.status().message();
      EXPECT_EQ(*r, c.normalized) << c.why;
      continue;
    }
    ASSERT_FALSE(r.is_ok()) << c.code << " should be refused: " << c.why;
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << c.code << " (" << c.why << "): " << r.status().message();
  }
}

TEST(IdNumberTest, MasksKeepTheFirstSixAndLastFour) {
  EXPECT_EQ(mask_resident_id("33052219800101123X"), "330522********123X");
  EXPECT_EQ(mask_resident_id("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_credit_code("91350100M000100Y43"), "913501********0Y43");
  EXPECT_EQ(mask_resident_id("12345"), "*****") << "too short to show any part";
  EXPECT_EQ(mask_resident_id("1234567890"), "**********");
  EXPECT_EQ(mask_resident_id(""), "");
  EXPECT_EQ(mask_resident_id("张三的身份证号码"), std::string(24, '*')) << "not ASCII: nothing shown";
}

}  // namespace
}  // namespace gongkai::domain
