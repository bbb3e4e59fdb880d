// The store suite: every test runs on SQLite and on PostgreSQL (tests/support/test_databases.h).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "services/bodies.h"
#include "store/bodies.h"
#include "store/items.h"
#include "store/migrations.h"
#include "support/test_databases.h"

namespace gongkai::store {
namespace {

using gongkai::testing::TestDatabase;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
    ASSERT_TRUE(conn_);
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> conn_;
};

TEST_P(StoreTest, ValuesRoundTripWithTheirTypes) {
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES (?, ?)", {std::string("k"), std::string("值")}));
  Result<Rows> rows = conn_->query("SELECT key, value, 42, NULL FROM settings WHERE key = ?", {std::string("k")});
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), 1u);
  const Row& r = rows->front();
  EXPECT_EQ(r.get_text(0), "k");
  EXPECT_EQ(r.get_text(1), "值");
  EXPECT_EQ(r.get_int(2), 42);
  EXPECT_TRUE(r.is_null(3));
  EXPECT_EQ(r.get_opt_text(3), std::nullopt);
}

TEST_P(StoreTest, UniqueViolationIsAConflict) {
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  Status s = conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '2')");
  EXPECT_EQ(s.code(), StatusCode::kConflict) << s.message();
}

TEST_P(StoreTest, CheckConstraintIsAConflict) {
  services::BodySpec spec;
  spec.code = "c";
  spec.name = "县";
  spec.type = "government";
  ASSERT_TRUE(services::add_body(*conn_, spec));
  Status s = conn_->exec(
      "INSERT INTO items (body_id, index_number, title, publish_date, kind, key_area, created_at, updated_at) "
      "VALUES (1, 'x', 't', '2020-01-01', 'news', 7, 'now', 'now')");
  EXPECT_EQ(s.code(), StatusCode::kConflict) << s.message();
}

TEST_P(StoreTest, TransactionRollsBackUnlessCommitted) {
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('gone', '1')"));
  }
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 0);
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('kept', '1')"));
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 1);
}

TEST_P(StoreTest, MigrationsAreIdempotentAndChecksummed) {
  Result<int> before = schema_version(*conn_);
  ASSERT_TRUE(before);
  EXPECT_GE(*before, 1);
  Result<MigrationReport> again = migrate(*conn_);
  ASSERT_TRUE(again) << again.status().message();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(*schema_version(*conn_), *before);

  // The same file name with different content: refused, nothing applied.
  const std::vector<embedded::File>& real = GetParam() == "sqlite" ? embedded::sqlite_migrations()
                                                                   : embedded::postgresql_migrations();
  std::vector<embedded::File> tampered = real;
  std::string changed = std::string(tampered[0].content) + "\n-- edited after release\n";
  tampered[0].content = changed;
  Result<MigrationReport> refused = migrate_with(*conn_, tampered);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("checksum"), std::string::npos) << refused.status().message();

  // A database newer than the binary (an applied migration this binary lacks) is refused too.
  ASSERT_TRUE(conn_->exec(
      "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '999_future.sql', 'x', 'now')"));
  Result<MigrationReport> newer = migrate(*conn_);
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.status().message().find("999_future.sql"), std::string::npos) << newer.status().message();
}

TEST_P(StoreTest, ConcurrentWritersAllSucceed) {
  // Four threads, each with its own connection, each committing 50 write transactions (read-modify-write of a
  // shared row plus an insert). On SQLite BEGIN IMMEDIATE + busy_timeout must give no SQLITE_BUSY.
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('counter', '0')"));
  constexpr int kThreads = 4, kPerThread = 50;
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mutex;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      std::unique_ptr<Connection> c = db_->connect();
      for (int n = 0; n < kPerThread; ++n) {
        Transaction tx(*c, TxMode::kWrite);
        Status s = tx.status();
        Result<Rows> cur = s ? c->query("SELECT value FROM settings WHERE key = 'counter'") : Result<Rows>(s);
        if (cur) {
          const int64_t next = std::stoll(cur->front().get_text(0)) + 1;
          s = c->exec("UPDATE settings SET value = ? WHERE key = 'counter'", {std::to_string(next)});
          if (s) {
            s = c->exec("INSERT INTO settings (key, value) VALUES (?, 'x')",
                        {"t" + std::to_string(thread_idx) + "-" + std::to_string(n)});
          }
          if (s) s = tx.commit();
        } else {
          s = cur.status();
        }
        if (!s) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (failures++ == 0) first_failure = s.message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 1 + kThreads * kPerThread);
  if (GetParam() == "sqlite") {
    // SQLite serialises writers, so the read-modify-write counter is exact there.
    Result<Rows> counter = conn_->query("SELECT value FROM settings WHERE key = 'counter'");
    EXPECT_EQ(counter->front().get_text(0), std::to_string(kThreads * kPerThread));
  }
}

TEST_P(StoreTest, IndexSerialsAreUniqueUnderConcurrency) {
  services::BodySpec spec;
  spec.code = "b";
  spec.name = "某局";
  spec.type = "department";
  ASSERT_TRUE(services::add_body(*conn_, spec));
  constexpr int kThreads = 4, kPerThread = 25;
  std::mutex m;
  std::multiset<int> serials;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&] {
      std::unique_ptr<Connection> c = db_->connect();
      for (int n = 0; n < kPerThread; ++n) {
        Transaction tx(*c, TxMode::kWrite);
        Result<int> serial = next_index_serial(*c, 1, 2020);
        if (serial && tx.commit()) {
          std::lock_guard<std::mutex> lock(m);
          serials.insert(*serial);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(serials.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(std::set<int>(serials.begin(), serials.end()).size(), serials.size()) << "a serial was handed out twice";
  EXPECT_EQ(*serials.rbegin(), kThreads * kPerThread);
  // Raising the mark never lowers it.
  ASSERT_TRUE(raise_index_serial(*conn_, 1, 2020, 5));
  Result<int> next = next_index_serial(*conn_, 1, 2020);
  EXPECT_EQ(*next, kThreads * kPerThread + 1);
}

TEST_P(StoreTest, BodiesTreeAndLookups) {
  services::BodySpec county;
  county.code = "county";
  county.name = "示例县人民政府";
  county.type = "government";
  ASSERT_TRUE(services::add_body(*conn_, county));
  services::BodySpec dept = county;
  dept.code = "dept";
  dept.name = "示例县教育局";
  dept.type = "department";
  dept.parent_code = "county";
  ASSERT_TRUE(services::add_body(*conn_, dept));

  services::BodySpec orphan = dept;
  orphan.code = "orphan";
  orphan.parent_code = "nowhere";
  Result<int64_t> r = services::add_body(*conn_, orphan);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
  Result<int64_t> dup = services::add_body(*conn_, dept);
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  services::BodySpec bad = county;
  bad.code = "bad code!";
  EXPECT_EQ(services::add_body(*conn_, bad).status().code(), StatusCode::kInvalid);
  bad.code = "bad-pattern";
  bad.index_pattern = "{prefix}/{serial}";
  EXPECT_EQ(services::add_body(*conn_, bad).status().code(), StatusCode::kInvalid);

  Result<std::vector<BodyRow>> all = list_bodies(*conn_);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).code, "county");
  EXPECT_EQ(all->at(1).parent_code, "county");
  Result<std::optional<BodyRow>> found = find_body(*conn_, "dept");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->name, "示例县教育局");
  EXPECT_EQ((*found)->index_pattern, "{prefix}/{year}-{serial:5}");
  EXPECT_FALSE(*find_body(*conn_, "nobody"));
}

TEST_P(StoreTest, SiteVersionRisesOncePerCommittedChangeAndNeverOnRollback) {
  Result<int64_t> start = site_version(*conn_);
  ASSERT_TRUE(start) << start.status().message();
  services::BodySpec spec;
  spec.code = "c";
  spec.name = "县";
  spec.type = "government";
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    ASSERT_TRUE(services::add_body(*conn_, spec));  // a body and its columns: several marked writes
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(*site_version(*conn_), *start + 1) << "one raise per transaction, however many rows";
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    conn_->mark_site_changed();
  }  // rolled back
  EXPECT_EQ(*site_version(*conn_), *start + 1);
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('k', 'v')"));
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(*site_version(*conn_), *start + 1) << "a write that does not touch the site raises nothing";
}

TEST_P(StoreTest, InterpretationLinksAndForms) {
  EXPECT_EQ(encode_forms({"text", "video"}), ",text,video,");
  EXPECT_EQ(decode_forms(",text,video,"), (std::vector<std::string>{"text", "video"}));
  EXPECT_TRUE(decode_forms("").empty());
  services::BodySpec spec;
  spec.code = "c";
  spec.name = "县";
  spec.type = "government";
  ASSERT_TRUE(services::add_body(*conn_, spec));
  auto add = [&](const std::string& index) {
    ItemRow row;
    row.body_id = 1;
    row.index_number = index;
    row.title = index;
    row.publish_date = "2020-01-01";
    row.kind = "normative";
    return *insert_item(*conn_, row, "2020-01-01T00:00:00Z");
  };
  const int64_t doc = add("d"), interp = add("i");
  ASSERT_TRUE(link_interpretation(*conn_, interp, doc, {"text", "audio"}));
  ASSERT_TRUE(link_interpretation(*conn_, interp, doc, {"graphic"}));  // replaces
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM interpretation_links"), 1);
  Result<Rows> forms = conn_->query("SELECT forms FROM interpretation_links WHERE interpretation_id = ?", {interp});
  EXPECT_EQ(forms->front().get_text(0), ",graphic,");
  EXPECT_EQ(link_interpretation(*conn_, interp, interp, {}).code(), StatusCode::kConflict) << "not itself";
  EXPECT_EQ(link_interpretation(*conn_, interp, 9999, {}).code(), StatusCode::kConflict) << "no such document";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
