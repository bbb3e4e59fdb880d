// Normalisation tables: NFKC + case folding, traditional → simplified, junk bytes and control characters.
#include "search/normalize.h"

#include <gtest/gtest.h>

namespace gongkai::search {
namespace {

const Normalizer& normalizer() {
  Result<const Normalizer*> n = Normalizer::get();
  EXPECT_TRUE(n) << n.status().message();
  return **n;
}

struct Case {
  std::string input;
  std::string folded;
};

TEST(NormalizeTest, FoldTable) {
  const Case cases[] = {
      {"ＡＢＣ", "abc"},  // full-width letters → half-width, lower case
      {"１２３", "123"},  // full-width digits
      {"ＣＯＶＩＤ－１９", "covid-19"},
      {"Straße", "strasse"},  // full case folding
      {"隱私", "隐私"},       // traditional → simplified
      {"公開", "公开"},
      {"政府資訊公開條例", "政府资讯公开条例"},
      {"乾燥", "干燥"},                                      // character conversion ...
      {"乾隆", "乾隆"},                                      // ... but not where a phrase says otherwise
      {"关于政府信息公开的通知", "关于政府信息公开的通知"},  // simplified text is unchanged
      {"示政发﹝2020﹞12号", "示政发〔2020〕12号"},          // small tortoise-shell brackets → 〔〕
      {"（2020）［2020］", "(2020)[2020]"},                  // full-width brackets → ASCII
      {"a　b", "a b"},                                       // ideographic space
      {"a\x01"
       "b\x7f"
       "c",
       "a b c"},  // control characters become spaces
      {"a\xff"
       "b",
       "a b"},  // invalid UTF-8 becomes a space
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(normalizer().fold(c.input), c.folded) << c.input;
}

TEST(NormalizeTest, DisplayKeepsCase) {
  const Case cases[] = {
      {"ＡＢＣ隱私", "ABC隐私"},
      {"保护，隐私：（一）１２", "保护，隐私：（一）12"},  // Chinese punctuation stays full-width
      {"COVID-19 疫情", "COVID-19 疫情"},
      {"&lt;script&gt;", "&lt;script&gt;"},
  };
  for (const Case& c : cases) EXPECT_EQ(normalizer().display(c.input), c.folded) << c.input;
}

TEST(NormalizeTest, ToSimplifiedChangesOnlyCharacters) {
  EXPECT_EQ(normalizer().to_simplified("隱私ＡＢＣ"), "隐私ＡＢＣ");
  EXPECT_EQ(normalizer().to_simplified("plain ascii"), "plain ascii");
}

TEST(NormalizeTest, FoldIsIdempotent) {
  for (std::string text : {"ＡＢＣ隱私", "示政发（2020）12号", "Straße 公開 COVID"}) {
    const std::string once = normalizer().fold(text);
    EXPECT_EQ(normalizer().fold(once), once) << text;
  }
}

}  // namespace
}  // namespace gongkai::search
