// Query language tables: user strings → clauses.
#include "search/query.h"

#include <gtest/gtest.h>

#include "search/schema.h"

namespace gongkai::search {
namespace {

const Normalizer& normalizer() {
  Result<const Normalizer*> n = Normalizer::get();
  EXPECT_TRUE(n) << n.status().message();
  return **n;
}

Clause any(const std::string& text) {
  return Clause{Field::kAny, false, text};
}
Clause phrase(const std::string& text) {
  return Clause{Field::kAny, true, text};
}
Clause title(const std::string& text, bool is_phrase = false) {
  return Clause{Field::kTitle, is_phrase, text};
}
Clause docno(const std::string& text) {
  return Clause{Field::kDocNumber, false, text};
}
Clause body(const std::string& text) {
  return Clause{Field::kBodyName, false, text};
}

std::string describe(const std::vector<Clause>& clauses) {
  return "[" + to_query_text(clauses) + "]";
}

TEST(SearchQueryParseTest, Table) {
  const struct {
    std::string raw;
    std::vector<Clause> clauses;
  } cases[] = {
      {"公开", {any("公开")}},
      {"政府 信息公开", {any("政府"), any("信息公开")}},
      {"  公开\t隐私  ", {any("公开"), any("隐私")}},
      {"隱私", {any("隐私")}},  // traditional → simplified
      {"ＣＯＶＩＤ", {any("covid")}},
      {"\"信息公开\"", {phrase("信息公开")}},
      {"“信息公开” 条例", {phrase("信息公开"), any("条例")}},  // Chinese quotation marks
      {"「政府 信息」", {phrase("政府 信息")}},
      {"\"未闭合的引号", {phrase("未闭合的引号")}},  // a lone quote runs to the end
      {"title:隐私", {title("隐私")}},
      {"标题：隐私", {title("隐私")}},  // full-width colon
      {"title:\"政府 信息\"", {title("政府 信息", true)}},
      {"机构:教育局 招生", {body("教育局"), any("招生")}},
      {"unknown:word", {any("unknown:word")}},
      {"示政发〔2020〕12号", {docno("示政发〔2020〕12号")}},
      {"示政发 [2020] 12 号", {docno("示政发[2020]12号")}},  // pieces joined into one 文号
      {"示政发（2020）12", {docno("示政发(2020)12")}},
      {"通知 示政发〔2020〕12号", {any("通知"), docno("示政发〔2020〕12号")}},
      {"示政发〔2020〕12号 实施", {docno("示政发〔2020〕12号"), any("实施")}},
      {"文号:示政发", {docno("示政发")}},  // incomplete: a prefix
      {"docno:示政发〔2020〕12号", {docno("示政发〔2020〕12号")}},
      {"", {}},
      {"   ", {}},
      {"！！！。。。", {}},  // punctuation only
      {"\"", {}},
      {"\"\"", {}},
      {"title:", {}},
      {"文号:", {}},
      {"<script>", {any("<script>")}},
  };
  for (const auto& c : cases) {
    Result<ParsedQuery> parsed = parse_query(c.raw, normalizer());
    ASSERT_TRUE(parsed) << c.raw << ": " << parsed.status().message();
    EXPECT_EQ(parsed->clauses, c.clauses) << c.raw << " gave " << describe(parsed->clauses);
  }
}

TEST(SearchQueryParseTest, RefusesHostileInput) {
  const std::string cases[] = {
      std::string(10 * 1024, 'a'),  // 10 KB
      std::string(kMaxQueryBytes + 1, ' '),
      "abc\xff",   // invalid UTF-8
      "\xc0\xaf",  // overlong
  };
  for (const std::string& raw : cases) {
    Result<ParsedQuery> parsed = parse_query(raw, normalizer());
    ASSERT_FALSE(parsed) << raw.substr(0, 20);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalid);
  }
}

TEST(SearchQueryParseTest, ClauseCountIsCapped) {
  std::string raw;
  for (int word_idx = 0; word_idx < 100; ++word_idx) raw += "词 ";
  Result<ParsedQuery> parsed = parse_query(raw, normalizer());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->clauses.size(), kMaxClauses);
}

TEST(SearchQueryParseTest, WritesClausesBack) {
  EXPECT_EQ(to_query_text({any("公开"), phrase("信息 公开"), title("隐私"), docno("示政发〔2020〕12号"),
                           body("教育局")}),
            "公开 \"信息 公开\" 标题:隐私 文号:示政发〔2020〕12号 机构:教育局");
}

}  // namespace
}  // namespace gongkai::search
