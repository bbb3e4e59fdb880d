// Tokenisation: chunks as the index's TermGenerator cuts them, bigrams, ICU dictionary words.
#include "search/tokenize.h"

#include <gtest/gtest.h>

namespace gongkai::search {
namespace {

using Terms = std::vector<std::vector<std::string>>;

Terms chunk_terms(const std::string& text) {
  Terms out;
  for (const Chunk& chunk : text_chunks(text)) out.push_back(chunk.terms);
  return out;
}

TEST(SearchTokenizeTest, Chunks) {
  const struct {
    std::string text;
    Terms chunks;
  } cases[] = {
      {"公开", {{"公", "开"}}},
      {"政府信息公开", {{"政", "府", "信", "息", "公", "开"}}},
      {"公开 信息", {{"公", "开"}, {"信", "息"}}},   // a space ends a run
      {"公开，信息", {{"公", "开"}, {"信", "息"}}},  // so does punctuation
      {"covid-19 疫情", {{"covid"}, {"19"}, {"疫", "情"}}},
      {"2020年", {{"2020"}, {"年"}}},
      {"税", {{"税"}}},
      {"c++ 3.14", {{"c++"}, {"3.14"}}},
      {"！？。，", {}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(chunk_terms(c.text), c.chunks) << c.text;
}

TEST(SearchTokenizeTest, Bigrams) {
  EXPECT_EQ(bigrams(Chunk{{"政", "府", "信", "息"}}), (std::vector<std::string>{"政府", "府信", "信息"}));
  EXPECT_TRUE(bigrams(Chunk{{"税"}}).empty());
}

TEST(SearchTokenizeTest, DictionaryWords) {
  const std::vector<std::string> words = dictionary_words("关于政府信息公开的通知，保护个人隐私");
  for (const char* expected : {"政府", "信息", "公开", "通知", "保护", "个人", "隐私"}) {
    EXPECT_NE(std::find(words.begin(), words.end(), expected), words.end()) << expected;
  }
  for (const std::string& word : words) EXPECT_NE(word, "的");  // single characters are not boost words
  EXPECT_TRUE(dictionary_words("plain english words 123").empty());
}

}  // namespace
}  // namespace gongkai::search
