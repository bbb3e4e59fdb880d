// The search service against real installations (SQLite, and PostgreSQL unless GONGKAI_TEST_NO_PG=1): the
// outbox drain indexes new items and removes drafts and withdrawn ones, an interruption between the index
// commit and the outbox delete is redone correctly, reindex gives the same index as incremental draining, a
// locked index gives a clear error, and the contract JSON.
#include "services/search_service.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "search/index.h"
#include "services/bodies.h"
#include "services/item_import.h"
#include "store/items.h"
#include "store/search_outbox.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

constexpr const char* kItems =
    R"({"title":"关于进一步做好政府信息公开工作的通知","body":"c","publish_date":"2020-03-15","kind":"normative",)"
    R"("doc_number":"示政发〔2020〕12号","validity":"有效","content":"<p>依法公开，保护个人隐私。</p>"})"
    "\n"
    R"({"title":"示例县教育局招生公告","body":"edu","publish_date":"2021-05-01","kind":"notice",)"
    R"("content":"义务教育招生工作安排。"})"
    "\n"
    R"({"title":"城关镇政务公开专栏","body":"town","publish_date":"2021-06-01","content":"镇政務公開。"})"
    "\n";

class SearchServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    InstallationOptions where;
    where.data_dir = dir_.file("data");
    if (GetParam() == "sqlite") {
      where.database_url = dir_.file("data/gongkai.db");
    } else {
      pg_ = std::make_unique<testing::TestDatabase>(GetParam());
      where.database_url = pg_->url();
    }
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    ASSERT_TRUE(inst) << inst.status().message();
    inst_ = std::move(*inst);
    Result<std::unique_ptr<store::Connection>> conn = inst_->connect();
    ASSERT_TRUE(conn) << conn.status().message();
    conn_ = std::move(*conn);
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    for (auto [code, name, type, parent] : {std::tuple{"c", "示例县人民政府", "government", ""},
                                            std::tuple{"edu", "示例县教育局", "department", "c"},
                                            std::tuple{"town", "城关镇人民政府", "township", "c"}}) {
      BodySpec spec;
      spec.code = code;
      spec.name = name;
      spec.type = type;
      spec.parent_code = parent;
      Result<int64_t> id = add_body(*conn_, spec);
      ASSERT_TRUE(id) << id.status().message();
    }
    ASSERT_TRUE(tx.commit());
    const std::string file = dir_.file("items.jsonl");
    std::ofstream(file) << kItems;
    ImportOptions options;
    options.progress = false;
    Result<ImportReport> report = import_items(*inst_, file, options);
    ASSERT_TRUE(report) << report.status().message();
    ASSERT_TRUE(report->errors.empty()) << report->errors.front().to_string(file);
    ASSERT_EQ(report->imported, 3u);
  }

  int64_t outbox_rows() {
    Result<int64_t> n = store::count_search_outbox(*conn_);
    EXPECT_TRUE(n) << n.status().message();
    return n ? *n : -1;
  }

  int64_t item_id(const std::string& title) {
    Result<store::Rows> rows = conn_->query("SELECT id FROM items WHERE title = ?", {title});
    EXPECT_TRUE(rows && rows->size() == 1) << title;
    return rows && !rows->empty() ? rows->front().get_int(0) : -1;
  }

  // Changes an item's status and queues it for the index, in one transaction (as a publishing service does).
  void set_status(int64_t id, const std::string& status) {
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    ASSERT_TRUE(conn_->exec("UPDATE items SET status = ? WHERE id = ?", {status, id}));
    ASSERT_TRUE(store::queue_search_update(*conn_, id, "2021-07-01T00:00:00Z"));
    ASSERT_TRUE(tx.commit());
  }

  // Inserts an item through the store (which queues it) with `status`.
  int64_t insert(const std::string& title, const std::string& status) {
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    EXPECT_TRUE(tx.status());
    Result<int64_t> body = conn_->query_int("SELECT id FROM bodies WHERE code = 'c'");
    EXPECT_TRUE(body);
    store::ItemRow row;
    row.body_id = *body;
    row.index_number = "c/2021-" + std::to_string(next_serial_++);
    row.title = title;
    row.publish_date = "2021-07-01";
    row.kind = "news";
    row.status = status;
    Result<int64_t> id = store::insert_item(*conn_, row, "2021-07-01T00:00:00Z");
    EXPECT_TRUE(id) << id.status().message();
    EXPECT_TRUE(tx.commit());
    return id ? *id : -1;
  }

  // The ids `query` finds (current index; no drain).
  std::set<int64_t> found(const std::string& query, std::optional<std::string> body = {},
                          bool children = false) {
    SearchQuery q;
    q.request.query = query;
    q.request.limit = 100;
    q.body = std::move(body);
    q.include_children = children;
    q.drain_first = false;
    Result<search::SearchResult> result = search_items(*inst_, q);
    EXPECT_TRUE(result) << query << ": " << result.status().message();
    std::set<int64_t> ids;
    if (result) {
      for (const search::SearchHit& hit : result->hits) ids.insert(hit.id);
    }
    return ids;
  }

  int64_t document_count() {
    Result<std::unique_ptr<search::IndexWriter>> writer = search::IndexWriter::open(search_index_dir(*inst_));
    EXPECT_TRUE(writer) << writer.status().message();
    if (!writer) return -1;
    Result<int64_t> n = (*writer)->document_count();
    return n ? *n : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestDatabase> pg_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
  int next_serial_ = 90001;
};

TEST_P(SearchServiceTest, DrainIndexesNewItems) {
  EXPECT_EQ(outbox_rows(), 3);
  Result<DrainReport> report = drain_outbox(*inst_);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->indexed, 3);
  EXPECT_EQ(report->removed, 0);
  EXPECT_EQ(outbox_rows(), 0);

  const int64_t notice = item_id("关于进一步做好政府信息公开工作的通知");
  const int64_t school = item_id("示例县教育局招生公告");
  const int64_t town = item_id("城关镇政务公开专栏");
  EXPECT_EQ(found("公开"), (std::set<int64_t>{notice, town}));
  EXPECT_EQ(found("公開"), (std::set<int64_t>{notice, town}));
  EXPECT_EQ(found("示政发 [2020] 12 号"), (std::set<int64_t>{notice}));
  EXPECT_EQ(found("招生"), (std::set<int64_t>{school}));
  EXPECT_EQ(found("公告", "c", false), (std::set<int64_t>{}));
  EXPECT_EQ(found("公告", "c", true), (std::set<int64_t>{school}));
  EXPECT_EQ(found("公开", "town", false), (std::set<int64_t>{town}));

  // Nothing queued: a second drain does nothing.
  Result<DrainReport> again = drain_outbox(*inst_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->rows, 0);
}

TEST_P(SearchServiceTest, DraftsAndWithdrawnItemsLeaveTheIndex) {
  ASSERT_TRUE(drain_outbox(*inst_));
  const int64_t draft = insert("草稿：防汛工作安排", "draft");
  const int64_t published = insert("防汛工作部署", "published");
  Result<DrainReport> report = drain_outbox(*inst_);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->indexed, 1);
  EXPECT_EQ(report->removed, 1);
  EXPECT_EQ(found("防汛"), (std::set<int64_t>{published}));

  const int64_t notice = item_id("关于进一步做好政府信息公开工作的通知");
  set_status(notice, "withdrawn");
  set_status(draft, "published");
  ASSERT_TRUE(drain_outbox(*inst_));
  EXPECT_EQ(found("示政发〔2020〕12号"), (std::set<int64_t>{}));
  EXPECT_EQ(found("防汛"), (std::set<int64_t>{draft, published}));

  // An outbox row for an item that no longer exists removes it too (and does not fail).
  ASSERT_TRUE(store::queue_search_update(*conn_, 987654, "2021-07-01T00:00:00Z"));
  Result<DrainReport> missing = drain_outbox(*inst_);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->removed, 1);
  EXPECT_EQ(outbox_rows(), 0);
}

TEST_P(SearchServiceTest, InterruptionBetweenIndexCommitAndOutboxDeleteIsRedone) {
  DrainOptions crash;
  crash.before_outbox_delete = [] { return Status::internal("simulated crash"); };
  Result<DrainReport> interrupted = drain_outbox(*inst_, crash);
  ASSERT_FALSE(interrupted);
  EXPECT_EQ(interrupted.status().message(), "simulated crash");
  EXPECT_EQ(outbox_rows(), 3);  // the index has them, but the rows stay to be redone

  const int64_t school = item_id("示例县教育局招生公告");
  set_status(school, "withdrawn");  // a change while the rows wait
  Result<DrainReport> redone = drain_outbox(*inst_);
  ASSERT_TRUE(redone) << redone.status().message();
  EXPECT_EQ(redone->rows, 4);
  EXPECT_EQ(outbox_rows(), 0);
  EXPECT_EQ(found("招生"), (std::set<int64_t>{}));
  EXPECT_EQ(found("公开").size(), 2u);
  EXPECT_EQ(document_count(), 2);

  // Interrupted after the first of several batches: the first batch is done, the rest is redone.
  set_status(school, "published");
  insert("第二批次的事项", "published");
  DrainOptions second_batch_crash;
  second_batch_crash.batch_size = 1;
  int batches = 0;
  second_batch_crash.before_outbox_delete = [&] {
    return ++batches == 2 ? Status::internal("simulated crash") : Status::ok();
  };
  ASSERT_FALSE(drain_outbox(*inst_, second_batch_crash));
  EXPECT_EQ(outbox_rows(), 1);
  ASSERT_TRUE(drain_outbox(*inst_));
  EXPECT_EQ(outbox_rows(), 0);
  EXPECT_EQ(found("招生"), (std::set<int64_t>{school}));
  EXPECT_EQ(document_count(), 4);
}

TEST_P(SearchServiceTest, ReindexEqualsIncremental) {
  insert("草稿不可见", "draft");
  ASSERT_TRUE(drain_outbox(*inst_));
  set_status(item_id("城关镇政务公开专栏"), "withdrawn");
  ASSERT_TRUE(drain_outbox(*inst_));
  const char* queries[] = {"公开", "招生", "示政发〔2020〕12号", "草稿", "政务", "隐私", "机构:教育局"};
  std::map<std::string, std::set<int64_t>> incremental;
  for (const char* q : queries) incremental[q] = found(q);
  const int64_t incremental_count = document_count();

  set_status(item_id("示例县教育局招生公告"), "published");  // queued, then covered by the reindex
  Result<ReindexReport> report = reindex(*inst_, false);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->items, 2);
  EXPECT_EQ(outbox_rows(), 0);
  EXPECT_FALSE(std::filesystem::exists(search_index_dir(*inst_) + ".rebuild"));
  EXPECT_FALSE(std::filesystem::exists(search_index_dir(*inst_) + ".new"));
  for (const char* q : queries) EXPECT_EQ(found(q), incremental[q]) << q;
  EXPECT_EQ(document_count(), incremental_count);
}

TEST_P(SearchServiceTest, ReindexWithoutAnIndexAndRepeatedly) {
  for (int round = 0; round < 2; ++round) {
    Result<ReindexReport> report = reindex(*inst_, false);
    ASSERT_TRUE(report) << report.status().message();
    EXPECT_EQ(report->items, 3);
    EXPECT_EQ(found("公开").size(), 2u);
  }
}

TEST_P(SearchServiceTest, LockedIndexIsAClearErrorAndSearchStillWorks) {
  ASSERT_TRUE(drain_outbox(*inst_));
  insert("锁定期间新增的事项", "published");
  Result<std::unique_ptr<search::IndexWriter>> holder = search::IndexWriter::open(search_index_dir(*inst_));
  ASSERT_TRUE(holder);
  Result<DrainReport> drained = drain_outbox(*inst_);
  ASSERT_FALSE(drained);
  EXPECT_EQ(drained.status().code(), StatusCode::kConflict);
  Result<ReindexReport> rebuilt = reindex(*inst_, false);
  ASSERT_FALSE(rebuilt);
  EXPECT_EQ(rebuilt.status().code(), StatusCode::kConflict);

  SearchQuery q;
  q.request.query = "公开";
  Result<search::SearchResult> result = search_items(*inst_, q);  // drains first: skipped while locked
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ(result->total, 2);
  EXPECT_EQ(outbox_rows(), 1);

  holder->reset();
  q.request.query = "锁定期间";
  result = search_items(*inst_, q);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->total, 1);
  EXPECT_EQ(outbox_rows(), 0);
}

TEST_P(SearchServiceTest, OutboxDeletesExactlyTheRowsGiven) {
  ASSERT_TRUE(drain_outbox(*inst_));
  for (int row = 0; row < 9; ++row)
    ASSERT_TRUE(store::queue_search_update(*conn_, 100 + row, "2021-07-01T00:00:00Z"));
  Result<int64_t> max_id = store::max_search_outbox_id(*conn_);
  ASSERT_TRUE(max_id);
  Result<std::vector<store::OutboxRow>> rows = store::read_search_outbox(*conn_, 0, *max_id, 100);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 9u);
  std::vector<int64_t> ids;
  for (const store::OutboxRow& row : *rows) ids.push_back(row.id);
  // Runs and gaps, out of order, with a duplicate: rows 1-3, 5 and 7-8 of the nine.
  const std::vector<int64_t> doomed = {ids[7], ids[0], ids[1], ids[2], ids[4], ids[6], ids[0]};
  ASSERT_TRUE(store::delete_search_outbox_rows(*conn_, doomed));
  Result<std::vector<store::OutboxRow>> left = store::read_search_outbox(*conn_, 0, *max_id, 100);
  ASSERT_TRUE(left);
  std::vector<int64_t> left_items;
  for (const store::OutboxRow& row : *left) left_items.push_back(row.item_id);
  EXPECT_EQ(left_items, (std::vector<int64_t>{103, 105, 108}));
  // Reading respects the window: after the first row, up to the second.
  Result<std::vector<store::OutboxRow>> window =
      store::read_search_outbox(*conn_, (*left)[0].id, (*left)[1].id, 100);
  ASSERT_TRUE(window);
  ASSERT_EQ(window->size(), 1u);
  EXPECT_EQ(window->front().item_id, 105);
}

TEST_P(SearchServiceTest, BadInput) {
  SearchQuery q;
  q.request.query = "公开";
  q.body = "no-such-body";
  Result<search::SearchResult> unknown = search_items(*inst_, q);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalid);

  q.body.reset();
  q.request.query = std::string(10 * 1024, 'x');
  Result<search::SearchResult> too_long = search_items(*inst_, q);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalid);
}

TEST_P(SearchServiceTest, ContractJson) {
  SearchQuery q;
  q.request.query = "公开";
  q.request.sort = search::SortOrder::kNewest;
  Result<search::SearchResult> result = search_items(*inst_, q);
  ASSERT_TRUE(result) << result.status().message();
  const nlohmann::json json = search_result_json(*result);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json["total"], 2);
  ASSERT_EQ(json["hits"].size(), 2u);
  std::set<std::string> keys;
  for (const auto& [key, value] : json["hits"][0].items()) keys.insert(key);
  EXPECT_EQ(keys,
            (std::set<std::string>{"id", "title", "doc_number", "body", "publish_date", "url", "snippet"}));
  const nlohmann::json& town = json["hits"][0];  // newest first
  EXPECT_EQ(town["title"], "城关镇政务公开专栏");
  EXPECT_TRUE(town["doc_number"].is_null());
  EXPECT_EQ(town["body"], "town");
  EXPECT_EQ(town["publish_date"], "2021-06-01");
  EXPECT_EQ(town["url"], "/items/" + std::to_string(town["id"].get<int64_t>()));
  EXPECT_NE(town["snippet"].get<std::string>().find("<mark>公开</mark>"), std::string::npos)
      << town["snippet"];
  EXPECT_EQ(json["hits"][1]["doc_number"], "示政发〔2020〕12号");

  const nlohmann::json extended = search_result_json(*result, true);
  EXPECT_TRUE(extended.contains("suggestions"));
  EXPECT_EQ(extended["hits"][0]["body_name"], "城关镇人民政府");
}

INSTANTIATE_TEST_SUITE_P(SearchBackends, SearchServiceTest, ::testing::ValuesIn(testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
