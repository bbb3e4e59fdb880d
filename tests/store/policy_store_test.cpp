// The policy library's and consultations' SQL (migration 011) on SQLite and PostgreSQL: filings, the document
// list and its filters, campaigns with candidates and decisions, comments with moderation and responses, and the
// stats figures normative_filed and consultation_feedbacks.
#include <gtest/gtest.h>

#include "services/bodies.h"
#include "store/consultations.h"
#include "store/items.h"
#include "store/policy.h"
#include "store/stats.h"
#include "support/test_databases.h"

namespace gongkai::store {
namespace {

using gongkai::testing::TestDatabase;

class PolicyStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
    ASSERT_TRUE(conn_);
    services::BodySpec spec;
    spec.code = "c";
    spec.name = "示例县人民政府";
    spec.type = "government";
    ASSERT_TRUE(services::add_body(*conn_, spec));
    body_ = *conn_->query_int("SELECT id FROM bodies WHERE code = 'c'");
  }
  int64_t add(const std::string& index, const std::string& kind, const std::string& written,
              const std::string& published, const std::string& status = "published") {
    ItemRow row;
    row.body_id = body_;
    row.index_number = index;
    row.title = "文件" + index;
    row.doc_number = "示政规〔2020〕" + index + "号";
    row.written_date = written;
    row.publish_date = published;
    row.kind = kind;
    row.validity = "有效";
    row.status = status;
    Result<int64_t> id = insert_item(*conn_, row, "2020-01-01T00:00:00Z");
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> conn_;
  int64_t body_ = 0;
};

TEST_P(PolicyStoreTest, FilingsListsAndStats) {
  const int64_t a = add("1", "normative", "2020-03-01", "2020-03-05");
  const int64_t b = add("2", "normative", "2020-05-01", "2020-05-03");
  add("3", "document", "2020-06-01", "2020-06-02");
  add("4", "normative", "2019-06-01", "2019-06-02");
  ASSERT_TRUE(upsert_filing(*conn_, {a, "示例市人民政府", "2020-03-20", std::string("示备〔2020〕1号"), std::nullopt,
                                     "2020-03-20T00:00:00Z"}));
  ASSERT_TRUE(upsert_filing(*conn_, {a, "示例市人民政府", "2020-03-21", std::nullopt, std::nullopt,
                                     "2020-03-21T00:00:00Z"}));  // corrected
  Result<std::optional<FilingRow>> f = find_filing(*conn_, a);
  ASSERT_TRUE(f && *f);
  EXPECT_EQ((*f)->filed_on, "2020-03-21");
  EXPECT_EQ((*f)->filing_number, std::nullopt);
  PolicyDocFilter filter;
  filter.body_ids = {body_};
  filter.year = 2020;
  Result<PolicyDocPage> page = list_policy_docs(*conn_, filter);
  ASSERT_TRUE(page) << page.status().message();
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_EQ(page->rows[0].id, b);  // newest first
  EXPECT_FALSE(page->rows[0].filed_with.has_value());
  EXPECT_EQ(page->rows[1].filed_with, "示例市人民政府");
  filter.filed = false;
  EXPECT_EQ(list_policy_docs(*conn_, filter)->total, 1);
  filter.filed.reset();
  filter.normative_only = false;
  EXPECT_EQ(list_policy_docs(*conn_, filter)->total, 3);
  Result<std::map<std::string, int64_t>> figures = yearly_item_figures(*conn_, body_, true, 2020);
  ASSERT_TRUE(figures) << figures.status().message();
  EXPECT_EQ(figures->at("normative_filed"), 1);
  EXPECT_EQ(figures->at("consultation_feedbacks"), 0);
}

TEST_P(PolicyStoreTest, CampaignCandidatesAndDecisions) {
  const int64_t old1 = add("1", "normative", "2018-03-01", "2018-03-05");
  const int64_t old2 = add("2", "normative", "2019-12-31", "2020-01-03");
  add("3", "normative", "2020-01-01", "2020-01-03");               // after the cut-off
  add("4", "normative", "2017-01-01", "2017-01-03", "draft");       // never published
  Result<int64_t> id = create_campaign(*conn_, body_, "2020年清理", "2019-12-31", "2020-09-30", {body_},
                                       "2020-09-01T00:00:00Z");
  ASSERT_TRUE(id) << id.status().message();
  Result<std::optional<CampaignRow>> c = find_campaign(*conn_, *id);
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->total, 2);
  EXPECT_EQ((*c)->pending(), 2);
  EXPECT_TRUE(*is_candidate(*conn_, *id, old1));
  EXPECT_FALSE(*is_candidate(*conn_, *id, old1 + 100));
  EXPECT_TRUE(*record_decision(*conn_, *id, old1, "repealed", "已被取代"));
  EXPECT_FALSE(*record_decision(*conn_, *id, old1, "valid", ""));  // the first decision stands
  Result<std::vector<CandidateRow>> undecided = list_candidates(*conn_, *id, true, 0, 50);
  ASSERT_TRUE(undecided) << undecided.status().message();
  ASSERT_EQ(undecided->size(), 1u);
  EXPECT_EQ(undecided->front().doc.id, old2);
  Result<std::vector<CandidateRow>> all = list_candidates(*conn_, *id, false, 0, 50);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().decision, "repealed");
  EXPECT_EQ(*count_undecided(*conn_, {body_}), 1);
  c = find_campaign(*conn_, *id);
  EXPECT_EQ((*c)->repealed, 1);
  Result<std::map<std::string, int64_t>> figures = yearly_item_figures(*conn_, body_, true, 2020);
  EXPECT_EQ(figures->at("cleanup_total"), 1);
  EXPECT_EQ(figures->at("cleanup_repealed"), 1);
  EXPECT_EQ(list_campaigns(*conn_, {body_})->size(), 1u);
}

TEST_P(PolicyStoreTest, CommentsModerationAndFeedback) {
  const int64_t item = add("1", "consultation", "2020-04-01", "2020-04-01");
  ASSERT_TRUE(upsert_consultation(*conn_, item, "2020-04-01", "2020-04-30", "2020-04-01T00:00:00Z"));
  Result<int64_t> c1 = insert_comment(*conn_, item, "2020-04-02T01:00:00Z", std::string("张三"), "138", "意见一");
  Result<int64_t> c2 = insert_comment(*conn_, item, "2020-04-03T01:00:00Z", std::nullopt, "139", "广告");
  ASSERT_TRUE(c1 && c2);
  EXPECT_TRUE(*moderate_comment(*conn_, item, *c1, "accepted", std::nullopt, "2020-04-05T00:00:00Z"));
  EXPECT_TRUE(*moderate_comment(*conn_, item, *c2, "rejected", std::nullopt, "2020-04-05T00:00:00Z"));
  EXPECT_FALSE(*moderate_comment(*conn_, item + 1, *c1, "accepted", std::nullopt, "x"));  // another consultation
  EXPECT_FALSE(*respond_to_comment(*conn_, item, *c2, "adopted", ""));  // not accepted
  EXPECT_TRUE(*respond_to_comment(*conn_, item, *c1, "partly_adopted", "理由"));
  EXPECT_TRUE(*close_consultation(*conn_, item, "2020-04-30"));
  EXPECT_FALSE(*close_consultation(*conn_, item, "2020-05-01"));
  ASSERT_TRUE(publish_feedback(*conn_, item, "2020-05-10", "谢谢"));
  Result<std::optional<ConsultationRow>> c = find_consultation(*conn_, item);
  ASSERT_TRUE(c && *c) << c.status().message();
  EXPECT_EQ((*c)->accepted, 1);
  EXPECT_EQ((*c)->rejected, 1);
  EXPECT_EQ((*c)->partly_adopted, 1);
  EXPECT_EQ((*c)->feedback_published_on, "2020-05-10");
  EXPECT_EQ(list_comments(*conn_, item, std::string("accepted"))->size(), 1u);
  EXPECT_EQ(list_consultations(*conn_, {body_}, std::nullopt, 10)->size(), 1u);
  EXPECT_EQ(list_consultations(*conn_, {body_}, std::string("2020-12-31"), 10)->size(), 0u);  // closed
  EXPECT_EQ(consultation_items(*conn_, "2020-01-01", "2020-12-31")->size(), 1u);
  // A moderated-away comment loses its response.
  EXPECT_TRUE(*moderate_comment(*conn_, item, *c1, "rejected", std::nullopt, "2020-05-11T00:00:00Z"));
  EXPECT_EQ(find_comment(*conn_, *c1)->value().response, std::nullopt);
  Result<std::map<std::string, int64_t>> figures = yearly_item_figures(*conn_, body_, true, 2020);
  EXPECT_EQ(figures->at("consultation_feedbacks"), 1);
  EXPECT_EQ(figures->at("consultations"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PolicyStoreTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
