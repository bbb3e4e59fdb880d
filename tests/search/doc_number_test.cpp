// 文号 tables: every bracket form of one number has one key; things that are not numbers do not parse.
#include "search/doc_number.h"

#include <gtest/gtest.h>

#include "search/normalize.h"

namespace gongkai::search {
namespace {

std::string fold(const std::string& text) {
  Result<const Normalizer*> n = Normalizer::get();
  EXPECT_TRUE(n) << n.status().message();
  return (*n)->fold(text);
}

TEST(DocNumberTest, AllFormsHaveOneKey) {
  const char* forms[] = {
      "示政发〔2020〕12号", "示政发[2020]12号",     "示政发（2020）12",    "示政发 [2020] 12 号",
      "示政发(2020)12号",   "示政发［2020］12号",   "示政发【2020】12号",  "示政发﹝2020﹞12号",
      "示政发〖2020〗12号", "示政发〔2020〕第12号", "示政发〔2020〕012号", "示政發〔２０２０〕１２號",
  };
  for (const char* form : forms) {
    EXPECT_EQ(doc_number_key(fold(form)), "示政发〔2020〕12") << form;
    std::optional<DocNumber> parsed = parse_doc_number(fold(form));
    ASSERT_TRUE(parsed) << form;
    EXPECT_EQ(parsed->issuer, "示政发");
    EXPECT_EQ(parsed->year, "2020");
    EXPECT_EQ(parsed->serial, "12");
  }
}

TEST(DocNumberTest, DifferentNumbersDiffer) {
  EXPECT_NE(doc_number_key(fold("示政发〔2020〕12号")), doc_number_key(fold("示政发〔2020〕120号")));
  EXPECT_NE(doc_number_key(fold("示政发〔2020〕12号")), doc_number_key(fold("示政办发〔2020〕12号")));
  EXPECT_NE(doc_number_key(fold("示政发〔2020〕12号")), doc_number_key(fold("示政发〔2021〕12号")));
}

TEST(DocNumberTest, NotDocNumbers) {
  const char* texts[] = {
      "",
      "示政发",                   // no year or serial
      "示政发〔2020〕",           // no serial
      "〔2020〕12号",             // no issuer
      "示政发〔20〕12号",         // two-digit year
      "示政发〔3020〕12号",       // implausible year
      "示政发〔2020〕1234567号",  // serial too long
      "示政发〔2020〕12号关于",   // text after the number
      "2020年政府信息公开工作年度报告",
      "示政发2020 12号",  // year without brackets
      "hello world",
  };
  for (const char* text : texts) EXPECT_FALSE(parse_doc_number(fold(text))) << text;
}

TEST(DocNumberTest, LooseKeysOfOtherText) {
  const struct {
    const char* text;
    const char* key;
  } cases[] = {
      {"示政发 〔2020〕", "示政发〔2020〕"},  // an incomplete number keeps its shape (prefix searches)
      {"示政发[2020", "示政发〔2020"},
      {"国办函 12 号", "国办函12"},
      {"   ", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(doc_number_key(fold(c.text)), c.key) << c.text;
  EXPECT_LE(doc_number_key(std::string(500, 'x')).size(), 200u);
}

}  // namespace
}  // namespace gongkai::search
