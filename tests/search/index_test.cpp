// The index end to end: a handful of items indexed into a temporary index, then tables of queries with the
// ids they must find — 2-character words inside longer text, phrases (a gap breaks a phrase), traditional
// characters, 文号 in every bracket form, fields, filters, facets, date order, snippets, hostile input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "search/index.h"
#include "search/searcher.h"
#include "support/test_databases.h"

namespace gongkai::search {
namespace {

std::vector<IndexDocument> corpus() {
  auto doc = [](int64_t id, std::string title, std::string content, std::optional<std::string> doc_number,
                std::string date, std::string kind, std::optional<std::string> validity,
                std::string body_code, std::string body_name) {
    return IndexDocument{id,
                         std::move(title),
                         std::move(content),
                         std::move(doc_number),
                         std::move(date),
                         std::move(kind),
                         std::move(validity),
                         std::move(body_code),
                         std::move(body_name)};
  };
  return {
      doc(1, "关于进一步做好政府信息公开工作的通知",
          "<p>各单位要依法做好政府信息公开工作，</p><p>切实保护个人隐私。</p>", "示政发〔2020〕12号",
          "2020-03-15", "normative", "有效", "county", "示例县人民政府"),
      doc(2, "示例县教育局2021年招生工作方案", "<p>做好义务教育招生工作，信息的公开透明是关键。</p>",
          std::nullopt, "2021-05-01", "notice", std::nullopt, "edu", "示例县教育局"),
      doc(3, "隐私保护指引", "个人信息保护的基本要求。", std::nullopt, "2019-01-10", "document", "失效",
          "edu", "示例县教育局"),
      doc(4, "年度工作总结", "本年度政府信息公开工作取得明显成效，没有发生泄露隐私的事件。", std::nullopt,
          "2020-12-30", "news", std::nullopt, "county", "示例县人民政府"),
      doc(5, "<script>测试</script>公告", "<p>&lt;script&gt;alert(1)&lt;/script&gt; 本公告内容依法公开。</p>",
          std::nullopt, "2021-02-02", "notice", std::nullopt, "town", "城关镇人民政府"),
      doc(6, "政府資訊公開條例解讀", "依法公開政府資訊，保護隱私。", std::nullopt, "2020-06-01",
          "interpretation", std::nullopt, "county", "示例县人民政府"),
      doc(7, "关于印发实施方案的通知", "现将实施方案印发给你们。", "示政办发〔2021〕3号", "2021-08-01",
          "normative", "有效", "county", "示例县人民政府"),
      doc(8, "COVID-19 防控 通知", "Ｃｏｖｉｄ vaccination schedule", std::nullopt, "2022-01-05", "notice",
          std::nullopt, "health", "示例县卫生健康局"),
      doc(9, "引用文件的说明", "根据示政发〔2020〕12号文件精神，制定本说明。", std::nullopt, "2021-03-03",
          "news", std::nullopt, "county", "示例县人民政府"),
  };
}

class SearchIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(index_dir());
    ASSERT_TRUE(writer) << writer.status().message();
    for (const IndexDocument& doc : corpus()) ASSERT_TRUE((*writer)->put(doc));
    ASSERT_TRUE((*writer)->commit());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string index_dir() { return dir_->file("search"); }

  void SetUp() override {
    Result<std::unique_ptr<Searcher>> searcher = Searcher::open(index_dir());
    ASSERT_TRUE(searcher) << searcher.status().message();
    searcher_ = std::move(*searcher);
  }

  SearchResult run(SearchRequest request) {
    Result<SearchResult> result = searcher_->search(request);
    EXPECT_TRUE(result) << request.query << ": " << result.status().message();
    return result ? *result : SearchResult{};
  }
  SearchResult run(const std::string& query) {
    SearchRequest request;
    request.query = query;
    return run(request);
  }
  static std::vector<int64_t> ids(const SearchResult& result) {
    std::vector<int64_t> out;
    for (const SearchHit& hit : result.hits) out.push_back(hit.id);
    return out;
  }
  static std::set<int64_t> id_set(const SearchResult& result) {
    std::vector<int64_t> v = ids(result);
    return {v.begin(), v.end()};
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};

testing::TempDir* SearchIndexTest::dir_ = nullptr;

TEST_F(SearchIndexTest, FindsWhatItShould) {
  const struct {
    std::string query;
    std::set<int64_t> ids;
  } cases[] = {
      // 2-character words inside longer text.
      {"隐私", {1, 3, 4, 6}},
      {"公开", {1, 2, 4, 5, 6}},
      {"招生", {2}},
      // Traditional and full-width queries find simplified text, and the other way round.
      {"隱私", {1, 3, 4, 6}},
      {"公開", {1, 2, 4, 5, 6}},
      {"资讯", {6}},
      {"ＣＯＶＩＤ", {8}},
      {"covid", {8}},
      {"Vaccination", {8}},
      // Longer words need every adjacent pair: "信息的公开" is not 信息公开.
      {"信息公开", {1, 4}},
      {"\"信息公开\"", {1, 4}},
      {"\"信息 公开\"", {1, 4}},  // a space inside a phrase does not matter in Chinese
      {"\"的公开\"", {2}},
      {"\"公开信息\"", {}},
      {"政府 隐私", {1, 4, 6}},
      // Fields.
      {"title:隐私", {3}},
      {"标题:通知", {1, 7, 8}},
      {"机构:教育局", {2, 3}},
      {"机构:教育局 招生", {2}},
      // 文号 in any form: the document itself and the one that cites it.
      {"示政发〔2020〕12号", {1, 9}},
      {"示政发[2020]12号", {1, 9}},
      {"示政发（2020）12", {1, 9}},
      {"示政发 [2020] 12 号", {1, 9}},
      {"示政发【2020】12号", {1, 9}},
      {"示政发﹝2020﹞12号", {1, 9}},
      {"示政發〔２０２０〕１２號", {1, 9}},
      {"示政发〔2020〕120号", {}},
      {"文号:示政发〔2020〕12号", {1, 9}},
      {"文号:示政办发〔2021〕", {7}},  // an incomplete number is a prefix over 文号 keys
      {"docno:示政", {1, 7}},
  };
  for (const auto& c : cases) EXPECT_EQ(id_set(run(c.query)), c.ids) << c.query;
}

TEST_F(SearchIndexTest, DocNumberRanksTheDocumentItselfFirst) {
  for (const char* query : {"示政发〔2020〕12号", "示政发 [2020] 12 号", "文号:示政发(2020)12"}) {
    const SearchResult result = run(query);
    ASSERT_FALSE(result.hits.empty()) << query;
    EXPECT_EQ(result.hits.front().id, 1) << query;
    EXPECT_EQ(result.hits.front().doc_number, "示政发〔2020〕12号");
  }
}

TEST_F(SearchIndexTest, TitleHitRanksFirst) {
  const struct {
    std::string query;
    int64_t first;
  } cases[] = {{"隐私", 3}, {"招生", 2}, {"解读", 6}, {"实施方案", 7}};
  for (const auto& c : cases) {
    const SearchResult result = run(c.query);
    ASSERT_FALSE(result.hits.empty()) << c.query;
    EXPECT_EQ(result.hits.front().id, c.first) << c.query;
  }
}

TEST_F(SearchIndexTest, Filters) {
  const struct {
    std::string query;
    std::vector<std::string> bodies;
    std::optional<int> year;
    std::optional<std::string> kind, validity;
    std::set<int64_t> ids;
  } cases[] = {
      {"公开", {}, 2020, {}, {}, {1, 4, 6}},
      {"公开", {"edu"}, {}, {}, {}, {2}},
      {"公开", {"edu", "town"}, {}, {}, {}, {2, 5}},
      {"隐私", {}, {}, "document", {}, {3}},
      {"隐私", {}, {}, {}, "失效", {3}},
      {"隐私", {}, {}, {}, "有效", {1}},
      {"隐私", {"nobody"}, {}, {}, {}, {}},
      {"", {"edu"}, {}, {}, {}, {2, 3}},  // no words: every item of the filter, newest first
      {"", {}, 2022, {}, {}, {8}},
  };
  for (const auto& c : cases) {
    SearchRequest request;
    request.query = c.query;
    request.body_codes = c.bodies;
    request.year = c.year;
    request.kind = c.kind;
    request.validity = c.validity;
    const SearchResult result = run(request);
    EXPECT_EQ(id_set(result), c.ids) << c.query;
    EXPECT_EQ(result.total, static_cast<int64_t>(c.ids.size())) << c.query;
  }
}

TEST_F(SearchIndexTest, Facets) {
  SearchRequest request;
  request.query = "公开";
  request.facets = true;
  const SearchResult result = run(request);
  ASSERT_EQ(result.total, 5);
  auto counts = [&](const std::string& facet) {
    std::map<std::string, int64_t> out;
    for (const FacetCount& c : result.facets.at(facet)) out[c.value] = c.count;
    return out;
  };
  EXPECT_EQ(counts("body"), (std::map<std::string, int64_t>{{"county", 3}, {"edu", 1}, {"town", 1}}));
  EXPECT_EQ(counts("year"), (std::map<std::string, int64_t>{{"2020", 3}, {"2021", 2}}));
  EXPECT_EQ(counts("kind"), (std::map<std::string, int64_t>{
                                {"normative", 1}, {"notice", 2}, {"news", 1}, {"interpretation", 1}}));
  EXPECT_EQ(counts("validity"), (std::map<std::string, int64_t>{{"有效", 1}}));
  EXPECT_EQ(result.facets.at("body").front().value, "county");  // highest count first
}

TEST_F(SearchIndexTest, SortsByDate) {
  SearchRequest request;
  request.query = "公开";
  request.sort = SortOrder::kNewest;
  EXPECT_EQ(ids(run(request)), (std::vector<int64_t>{2, 5, 4, 6, 1}));
}

TEST_F(SearchIndexTest, LimitAndOffsetPage) {
  SearchRequest request;
  request.query = "公开";
  request.sort = SortOrder::kNewest;
  request.limit = 2;
  request.offset = 2;
  const SearchResult result = run(request);
  EXPECT_EQ(ids(result), (std::vector<int64_t>{4, 6}));
  EXPECT_EQ(result.total, 5);
}

TEST_F(SearchIndexTest, HitsCarryWhatTheContractNeeds) {
  const SearchResult result = run("招生");
  ASSERT_EQ(result.hits.size(), 1u);
  const SearchHit& hit = result.hits.front();
  EXPECT_EQ(hit.id, 2);
  EXPECT_EQ(hit.title, "示例县教育局2021年招生工作方案");
  EXPECT_FALSE(hit.doc_number);
  EXPECT_EQ(hit.body_code, "edu");
  EXPECT_EQ(hit.body_name, "示例县教育局");
  EXPECT_EQ(hit.publish_date, "2021-05-01");
  EXPECT_EQ(hit.url, "/items/2");
  EXPECT_EQ(hit.kind, "notice");
}

TEST_F(SearchIndexTest, SnippetsHighlightAndEscape) {
  const struct {
    std::string query;
    int64_t id;
    std::string contains;
  } cases[] = {
      {"招生", 2, "<mark>招生</mark>"},
      {"隐私", 1, "<mark>隐私</mark>"},
      {"隱私", 6, "<mark>隐私</mark>"},  // traditional text is shown simplified, so it can be marked
      {"\"信息公开\"", 4, "<mark>信息公开</mark>"},
      {"covid", 8, "<mark>Covid</mark>"},  // case kept, full-width folded
      {"公告", 5, "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"个人信息", 3, "<mark>个人信息</mark>保护的基本要求"},  // the text after a match is kept
  };
  for (const auto& c : cases) {
    const SearchResult result = run(c.query);
    auto hit = std::find_if(result.hits.begin(), result.hits.end(),
                            [&](const SearchHit& h) { return h.id == c.id; });
    ASSERT_NE(hit, result.hits.end()) << c.query;
    EXPECT_NE(hit->snippet.find(c.contains), std::string::npos) << c.query << ": " << hit->snippet;
    EXPECT_EQ(hit->snippet.find("<script"), std::string::npos) << c.query << ": " << hit->snippet;
    EXPECT_EQ(hit->snippet.find('\n'), std::string::npos) << c.query << ": " << hit->snippet;
  }
}

TEST_F(SearchIndexTest, RelaxesToAnyWordAndSuggests) {
  const SearchResult result = run("隐私 招生");  // no item has both
  EXPECT_TRUE(result.relaxed);
  EXPECT_EQ(id_set(result), (std::set<int64_t>{1, 2, 3, 4, 6}));
  ASSERT_FALSE(result.suggestions.empty());
  EXPECT_EQ(result.suggestions.front(), "隐私");  // dropping 招生 finds the most

  const SearchResult phrase = run("\"公开信息\"");
  EXPECT_EQ(phrase.total, 0);
  EXPECT_FALSE(phrase.relaxed);

  const SearchResult traditional = run("公開信息 招生");
  EXPECT_NE(std::find(traditional.suggestions.begin(), traditional.suggestions.end(), "公开信息 招生"),
            traditional.suggestions.end());
}

TEST_F(SearchIndexTest, HostileQueriesGiveCleanErrorsOrEmptyResults) {
  const struct {
    std::string query;
    bool ok;
  } cases[] = {
      {"<script>alert(1)</script>", true},
      {"\"", true},
      {"\"\"\"", true},
      {"！！！。。。", true},
      {"((((", true},
      {"title:", true},
      {"文号:〔〕", true},
      {"*", true},
      {"AND OR NOT", true},
      {std::string(600, 'x'), true},
      {std::string(10 * 1024, 'a'), false},
      {"abc\xff\xfe", false},
      {std::string("a\0b", 3), true},
  };
  for (const auto& c : cases) {
    SearchRequest request;
    request.query = c.query;
    Result<SearchResult> result = searcher_->search(request);
    EXPECT_EQ(result.is_ok(), c.ok) << c.query.substr(0, 40);
    if (!result) {
      EXPECT_EQ(result.status().code(), StatusCode::kInvalid);
      continue;
    }
    for (const SearchHit& hit : result->hits) EXPECT_EQ(hit.snippet.find("<script"), std::string::npos);
  }
}

TEST_F(SearchIndexTest, ReplaceAndRemove) {
  testing::TempDir dir;
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("search"));
  ASSERT_TRUE(writer);
  std::vector<IndexDocument> docs = corpus();
  for (const IndexDocument& doc : docs) ASSERT_TRUE((*writer)->put(doc));
  docs[1].title = "示例县教育局2021年转学工作方案";  // replaces item 2
  ASSERT_TRUE((*writer)->put(docs[1]));
  ASSERT_TRUE((*writer)->remove(3));
  ASSERT_TRUE((*writer)->remove(12345));  // absent: fine
  ASSERT_TRUE((*writer)->commit());
  EXPECT_EQ(*(*writer)->document_count(), static_cast<int64_t>(docs.size()) - 1);
  writer->reset();

  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir.file("search"));
  ASSERT_TRUE(searcher);
  SearchRequest request;
  request.query = "转学";
  EXPECT_EQ((*searcher)->search(request)->total, 1);
  request.query = "指引";
  EXPECT_EQ((*searcher)->search(request)->total, 0);
}

TEST_F(SearchIndexTest, OneWriterAtATime) {
  Result<std::unique_ptr<IndexWriter>> first = IndexWriter::open(index_dir());
  ASSERT_TRUE(first) << first.status().message();
  Result<std::unique_ptr<IndexWriter>> second = IndexWriter::open(index_dir());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("another gongkai process"), std::string::npos);
}

TEST_F(SearchIndexTest, MissingIndexIsNotFound) {
  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir_->file("no-such-index"));
  ASSERT_FALSE(searcher);
  EXPECT_EQ(searcher.status().code(), StatusCode::kNotFound);
}

// Many documents over ten years: the newest-first page must be exactly the brute-force order, whatever the
// page, also when the latest years alone cannot fill it (the narrowing by years is an optimisation only).
TEST(SearchNewestFirstTest, PagesMatchTheFullSortAcrossYears) {
  testing::TempDir dir;
  std::vector<IndexDocument> docs;
  for (int64_t id = 1; id <= 300; ++id) {
    // Dates spread over 2015-2024, denser in old years, and a few documents sharing a day.
    const int year = 2015 + static_cast<int>((id * 7) % 10 * (id % 3 == 0 ? 1 : 0) + (id % 3 == 0 ? 0 : id % 4));
    const int month = 1 + static_cast<int>(id % 12), day = 1 + static_cast<int>((id * 13) % 28);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    docs.push_back(IndexDocument{id, "第" + std::to_string(id) + "号通知", id % 5 == 0 ? "防汛工作" : "日常工作",
                                 std::nullopt, date, "notice", std::nullopt, "county", "示例县人民政府"});
  }
  {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("search"));
    ASSERT_TRUE(writer);
    for (const IndexDocument& doc : docs) ASSERT_TRUE((*writer)->put(doc));
    ASSERT_TRUE((*writer)->commit());
  }
  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir.file("search"));
  ASSERT_TRUE(searcher);
  for (const std::string& query : {std::string("工作"), std::string("防汛")}) {
    std::vector<std::pair<std::string, int64_t>> expected;  // date, id: newest first, later id first on ties
    for (const IndexDocument& doc : docs) {
      if (query == "工作" || doc.content.find("防汛") != std::string::npos) expected.emplace_back(doc.publish_date, doc.id);
    }
    std::sort(expected.begin(), expected.end(), std::greater<>());
    for (auto [offset, limit] : {std::pair{0, 10}, std::pair{0, 3}, std::pair{25, 10}, std::pair{55, 20}, std::pair{0, 100}}) {
      SearchRequest request;
      request.query = query;
      request.sort = SortOrder::kNewest;
      request.offset = offset;
      request.limit = limit;
      Result<SearchResult> result = (*searcher)->search(request);
      ASSERT_TRUE(result) << result.status().message();
      EXPECT_EQ(result->total, static_cast<int64_t>(expected.size())) << query;
      std::vector<std::string> got, want;
      for (const SearchHit& hit : result->hits) got.push_back(hit.publish_date);
      for (size_t idx = static_cast<size_t>(offset); idx < expected.size() && idx < static_cast<size_t>(offset + limit); ++idx) {
        want.push_back(expected[idx].first);
      }
      EXPECT_EQ(got, want) << query << " offset " << offset << " limit " << limit;
    }
  }
}

// A rebuild writes shards on several threads and merges them: the merged index finds every document once.
// Past check_at_least a plain search stops counting and extrapolates; a filtered one keeps Xapian's estimate,
// never more than the filter allows. 4 000 documents, every third one about 垃圾分类 (a 4-character run: an AND of
// three bigrams, which Xapian itself would estimate at about the bound).
TEST(SearchEstimateTest, TotalsPastTheCountingBound) {
  testing::TempDir dir;
  {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("search"));
    ASSERT_TRUE(writer);
    for (int64_t id = 1; id <= 4000; ++id) {
      const std::string date = id <= 2000 ? "2020-05-01" : "2021-05-01";
      ASSERT_TRUE((*writer)->put(IndexDocument{id, "第" + std::to_string(id) + "号通知",
                                               id % 3 == 0 ? "推进垃圾分类工作" : "日常工作安排", std::nullopt,
                                               date, "notice", std::nullopt, "county", "示例县人民政府"}));
    }
    ASSERT_TRUE((*writer)->commit());
  }
  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir.file("search"));
  ASSERT_TRUE(searcher);
  const int64_t exact = 4000 / 3;  // 1 333
  SearchRequest request;
  request.query = "垃圾分类";
  request.check_at_least = 100;
  Result<SearchResult> plain = (*searcher)->search(request);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->total_exact);
  EXPECT_NEAR(static_cast<double>(plain->total), static_cast<double>(exact), exact * 0.05);

  request.check_at_least = 2000;  // above the matches: counted exactly
  Result<SearchResult> counted = (*searcher)->search(request);
  ASSERT_TRUE(counted);
  EXPECT_TRUE(counted->total_exact);
  EXPECT_EQ(counted->total, exact);

  request.check_at_least = 100;
  request.facet_check_at_least = 100;
  request.year = 2020;  // the first half of the docid range: extrapolating would double it
  Result<SearchResult> filtered = (*searcher)->search(request);
  ASSERT_TRUE(filtered);
  EXPECT_LE(filtered->total, 2000 / 3 + 1);
  EXPECT_GE(filtered->total, 100);
}

// Facets count every match, whatever facet_check_at_least says: documents are visited in docid order, which is
// the order they were added, so counts of the first matches only would describe the oldest years alone. 3 000
// documents over three years and two bodies; then a change to the index (a new revision) shows in the counts.
TEST(SearchFacetTest, CountsAreExactPastTheCountingBound) {
  testing::TempDir dir;
  auto doc = [](int64_t id, const std::string& year) {
    return IndexDocument{id,          "第" + std::to_string(id) + "号通知", id % 2 == 0 ? "防汛工作安排" : "日常工作",
                         std::nullopt, year + "-05-01",                     id % 3 == 0 ? "policy" : "notice",
                         std::nullopt, id % 4 == 0 ? "edu" : "county",      "示例县"};
  };
  {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("search"));
    ASSERT_TRUE(writer);
    for (int64_t id = 1; id <= 3000; ++id) ASSERT_TRUE((*writer)->put(doc(id, std::to_string(2019 + (id - 1) / 1000))));
    ASSERT_TRUE((*writer)->commit());
  }
  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir.file("search"));
  ASSERT_TRUE(searcher);
  SearchRequest request;
  request.query = "防汛";
  request.facets = true;
  request.check_at_least = 10;
  request.facet_check_at_least = 10;
  auto facet = [](const SearchResult& r, const std::string& name) {
    std::map<std::string, int64_t> out;
    for (const FacetCount& c : r.facets.at(name)) out[c.value] = c.count;
    return out;
  };
  Result<SearchResult> result = (*searcher)->search(request);
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_TRUE(result->total_exact);
  EXPECT_EQ(result->total, 1500);
  EXPECT_EQ(facet(*result, "year"), (std::map<std::string, int64_t>{{"2019", 500}, {"2020", 500}, {"2021", 500}}));
  EXPECT_EQ(facet(*result, "body"), (std::map<std::string, int64_t>{{"county", 750}, {"edu", 750}}));
  EXPECT_EQ(facet(*result, "kind"), (std::map<std::string, int64_t>{{"notice", 1000}, {"policy", 500}}));
  EXPECT_EQ(result->facets.at("year").front().value, "2019");  // ties: by value

  {  // a document moves to 2022 and another body: the next search sees the new revision
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("search"));
    ASSERT_TRUE(writer);
    IndexDocument moved = doc(2, "2022");
    moved.body_code = "health";
    ASSERT_TRUE((*writer)->put(moved));
    ASSERT_TRUE((*writer)->remove(4));
    ASSERT_TRUE((*writer)->commit());
  }
  ASSERT_TRUE((*searcher)->refresh());
  result = (*searcher)->search(request);
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ(result->total, 1499);
  EXPECT_EQ(facet(*result, "year"),
            (std::map<std::string, int64_t>{{"2019", 498}, {"2020", 500}, {"2021", 500}, {"2022", 1}}));
  EXPECT_EQ(facet(*result, "body"), (std::map<std::string, int64_t>{{"county", 749}, {"edu", 749}, {"health", 1}}));
}

TEST(SearchShardTest, CompactMergesShards) {
  testing::TempDir dir;
  std::vector<IndexDocument> docs = corpus();
  std::vector<std::string> shards;
  for (size_t shard_idx = 0; shard_idx < 2; ++shard_idx) {
    shards.push_back(dir.file("shard" + std::to_string(shard_idx)));
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(shards.back(), WriteMode::kFreshBuild);
    ASSERT_TRUE(writer);
    for (size_t doc_idx = shard_idx; doc_idx < docs.size(); doc_idx += 2) ASSERT_TRUE((*writer)->put_new(docs[doc_idx]));
    ASSERT_TRUE((*writer)->finish());
  }
  ASSERT_TRUE(compact_index(shards, dir.file("merged")));
  Result<std::unique_ptr<Searcher>> searcher = Searcher::open(dir.file("merged"));
  ASSERT_TRUE(searcher);
  EXPECT_EQ((*searcher)->document_count(), static_cast<int64_t>(docs.size()));
  SearchRequest request;
  request.query = "公开";
  request.sort = SortOrder::kNewest;
  Result<SearchResult> result = (*searcher)->search(request);
  ASSERT_TRUE(result);
  std::vector<int64_t> found;
  for (const SearchHit& hit : result->hits) found.push_back(hit.id);
  EXPECT_EQ(found, (std::vector<int64_t>{2, 5, 4, 6, 1}));
  // Replacing a document by id still works on the merged index.
  {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::open(dir.file("merged"));
    ASSERT_TRUE(writer);
    docs[1].title = "示例县教育局工作方案";
    docs[1].content = "完全不同的内容";
    ASSERT_TRUE((*writer)->put(docs[1]));
    ASSERT_TRUE((*writer)->commit());
    EXPECT_EQ(*(*writer)->document_count(), static_cast<int64_t>(docs.size()));
  }
  ASSERT_TRUE((*searcher)->refresh());
  request.query = "招生";
  EXPECT_EQ((*searcher)->search(request)->total, 0);
}

}  // namespace
}  // namespace gongkai::search
