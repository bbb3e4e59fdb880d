// The accounts repository on SQLite and PostgreSQL: users, grants and the subtrees they reach, sessions,
// throttle counters (also under concurrency), and the audit log's append-only guard.
#include "store/accounts.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "services/bodies.h"
#include "store/audit.h"
#include "support/test_databases.h"

namespace gongkai::store {
namespace {

using gongkai::testing::TestDatabase;

class AccountsStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
    // county ── edu, town ── village;  other
    county_ = add_body("county", "government", "");
    edu_ = add_body("edu", "department", "county");
    town_ = add_body("town", "township", "county");
    village_ = add_body("village", "township", "town");
    other_ = add_body("other", "government", "");
  }

  int64_t add_body(const std::string& code, const std::string& type, const std::string& parent) {
    services::BodySpec spec;
    spec.code = code;
    spec.name = code + " 机构";
    spec.type = type;
    spec.parent_code = parent;
    Result<int64_t> id = services::add_body(*conn_, spec);
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  int64_t add_user(const std::string& login, int64_t body_id) {
    Result<int64_t> id =
        insert_user(*conn_, NewUser{login, "姓名", body_id, "$argon2id$fake", "2024-01-01T00:00:00Z"});
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Connection> conn_;
  int64_t county_ = 0, edu_ = 0, town_ = 0, village_ = 0, other_ = 0;
};

TEST_P(AccountsStoreTest, UsersRoundTripAndLoginsAreUnique) {
  const int64_t id = add_user("wangfang", edu_);
  Result<std::optional<UserRow>> found = find_user_by_login(*conn_, "wangfang");
  ASSERT_TRUE(found && *found) << found.status().message();
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->body_code, "edu");
  EXPECT_EQ((*found)->password_changed_at, "2024-01-01T00:00:00Z");
  EXPECT_FALSE((*found)->disabled_at);
  EXPECT_FALSE((*found)->last_login_at);

  Result<int64_t> dup =
      insert_user(*conn_, NewUser{"wangfang", "另一人", town_, "h", "2024-01-02T00:00:00Z"});
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict) << dup.status().message();

  ASSERT_TRUE(set_password_hash(*conn_, id, "$argon2id$new", "2024-02-01T00:00:00Z"));
  ASSERT_TRUE(set_last_login(*conn_, id, "2024-02-02T00:00:00Z"));
  ASSERT_TRUE(set_disabled(*conn_, id, "2024-03-01T00:00:00Z"));
  ASSERT_TRUE(set_disabled(*conn_, id, "2024-04-01T00:00:00Z"));  // the first date stays
  Result<std::optional<UserRow>> after = find_user_by_id(*conn_, id);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->password_hash, "$argon2id$new");
  EXPECT_EQ((*after)->last_login_at, "2024-02-02T00:00:00Z");
  EXPECT_EQ((*after)->disabled_at, "2024-03-01T00:00:00Z");
  EXPECT_FALSE(*find_user_by_login(*conn_, "nobody"));
  EXPECT_FALSE(*find_user_by_id(*conn_, 9999));

  add_user("aaa", county_);
  Result<std::vector<UserRow>> all = list_users(*conn_);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).login, "aaa");
}

TEST_P(AccountsStoreTest, GrantsAndTheSubtreesTheyReach) {
  const int64_t id = add_user("li", edu_);
  EXPECT_EQ(*insert_grant(*conn_, id, "editor", edu_, "2024-01-01T00:00:00Z"), true);
  EXPECT_EQ(*insert_grant(*conn_, id, "editor", edu_, "2024-01-02T00:00:00Z"), false) << "granted twice";
  EXPECT_EQ(*insert_grant(*conn_, id, "case_handler", town_, "2024-01-01T00:00:00Z"), true);

  Result<std::vector<GrantRow>> grants = list_grants(*conn_, id);
  ASSERT_TRUE(grants);
  ASSERT_EQ(grants->size(), 2u);
  EXPECT_EQ(grants->at(0).role, "case_handler");
  EXPECT_EQ(grants->at(0).body_code, "town");
  EXPECT_EQ(grants->at(1).granted_at, "2024-01-01T00:00:00Z");

  Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> links = grant_subtrees(*conn_, id);
  ASSERT_TRUE(links);
  std::map<int64_t, std::optional<int64_t>> reached(links->begin(), links->end());
  const std::map<int64_t, std::optional<int64_t>> expected = {
      {edu_, county_}, {town_, county_}, {village_, town_}};
  EXPECT_EQ(reached, expected) << "edu, town and the village below town; not the county nor the other county";

  EXPECT_EQ(*delete_grant(*conn_, id, "editor", edu_), true);
  EXPECT_EQ(*delete_grant(*conn_, id, "editor", edu_), false);
  EXPECT_EQ(list_grants(*conn_, std::nullopt)->size(), 1u);
  EXPECT_TRUE(grant_subtrees(*conn_, add_user("nogrants", county_))->empty());
}

TEST_P(AccountsStoreTest, SessionsLiveAndDie) {
  const int64_t id = add_user("zhao", edu_);
  SessionRow s{
      "hash-a",   id,          "00ff", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T12:00:00Z",
      "10.0.0.1", std::nullopt};
  ASSERT_TRUE(insert_session(*conn_, s));
  EXPECT_EQ(insert_session(*conn_, s).code(), StatusCode::kConflict);
  SessionRow idle = s;
  idle.token_hash = "hash-b";
  ASSERT_TRUE(insert_session(*conn_, idle));

  Result<std::optional<SessionRow>> found = find_session(*conn_, "hash-a");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->remote_addr, "10.0.0.1");
  EXPECT_FALSE((*found)->user_agent);

  EXPECT_EQ(*touch_session(*conn_, "hash-a", "2024-01-01T00:20:00Z"), true);
  EXPECT_EQ(*touch_session(*conn_, "hash-a", "2024-01-01T00:10:00Z"), false) << "never moves backwards";
  EXPECT_EQ((*find_session(*conn_, "hash-a"))->last_seen_at, "2024-01-01T00:20:00Z");

  // At 00:45 with a 30-minute idle limit: hash-b (last seen 00:00) is idle, hash-a (00:20) is not.
  EXPECT_EQ(*delete_expired_sessions(*conn_, "2024-01-01T00:45:00Z", "2024-01-01T00:15:00Z"), 1);
  EXPECT_FALSE(*find_session(*conn_, "hash-b"));
  // Past the absolute expiry everything goes.
  EXPECT_EQ(*delete_expired_sessions(*conn_, "2024-01-01T12:00:00Z", "2024-01-01T11:59:00Z"), 1);

  ASSERT_TRUE(insert_session(*conn_, s));
  idle.token_hash = "hash-c";
  ASSERT_TRUE(insert_session(*conn_, idle));
  EXPECT_EQ(*delete_session(*conn_, "hash-a"), true);
  EXPECT_EQ(*delete_session(*conn_, "hash-a"), false);
  EXPECT_EQ(*delete_user_sessions(*conn_, id), 1);
  EXPECT_FALSE(*find_session(*conn_, "hash-c"));
}

TEST_P(AccountsStoreTest, ThrottleWindowsAndLocks) {
  const std::string cutoff_before_all = "2024-01-01T00:00:00Z";
  // Failures at 10:00, 10:05, 10:10 in a 15-minute window count up.
  EXPECT_EQ(*record_failure(*conn_, kThrottleLogin, "li", "2024-05-01T10:00:00Z", cutoff_before_all), 1);
  EXPECT_EQ(*record_failure(*conn_, kThrottleLogin, "li", "2024-05-01T10:05:00Z", "2024-05-01T09:50:00Z"), 2);
  EXPECT_EQ(*record_failure(*conn_, kThrottleLogin, "li", "2024-05-01T10:10:00Z", "2024-05-01T09:55:00Z"), 3);
  // At 10:16 the window (started 10:00) is over: counting starts again.
  EXPECT_EQ(*record_failure(*conn_, kThrottleLogin, "li", "2024-05-01T10:16:00Z", "2024-05-01T10:01:00Z"), 1);
  // Another subject and another scope count apart.
  EXPECT_EQ(*record_failure(*conn_, kThrottleAddress, "li", "2024-05-01T10:16:00Z", "2024-05-01T10:01:00Z"),
            1);

  const std::vector<std::pair<std::string, std::string>> both = {{kThrottleLogin, "li"},
                                                                 {kThrottleAddress, "10.0.0.9"}};
  EXPECT_FALSE(*locked_until(*conn_, both, "2024-05-01T10:17:00Z"));
  ASSERT_TRUE(lock_subject(*conn_, kThrottleLogin, "li", "2024-05-01T10:31:00Z"));
  EXPECT_EQ(*locked_until(*conn_, both, "2024-05-01T10:17:00Z"), "2024-05-01T10:31:00Z");
  EXPECT_FALSE(*locked_until(*conn_, both, "2024-05-01T10:31:00Z")) << "unlocked at the instant named";
  EXPECT_FALSE(*locked_until(*conn_, {{kThrottleLogin, ""}}, "2024-05-01T10:17:00Z"));

  // Stale rows: the window over and no lock running.
  EXPECT_EQ(*delete_stale_throttle(*conn_, "2024-05-01T10:20:00Z", "2024-05-01T10:20:00Z"), 1)
      << "the address row goes; the locked login row stays";
  EXPECT_EQ(*delete_stale_throttle(*conn_, "2024-05-01T10:40:00Z", "2024-05-01T10:40:00Z"), 1);
  ASSERT_TRUE(clear_failures(*conn_, kThrottleLogin, "li"));
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM login_throttle"), 0);
}

TEST_P(AccountsStoreTest, ConcurrentFailuresAreAllCounted) {
  // Four nodes counting failures of one login at once: the single upsert statement loses none.
  constexpr int kThreads = 4, kPerThread = 10;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&] {
      std::unique_ptr<Connection> c = db_->connect();
      for (int n = 0; n < kPerThread; ++n) {
        Transaction tx(*c, TxMode::kWrite);
        Result<int64_t> count =
            record_failure(*c, kThrottleLogin, "target", "2024-05-01T10:00:00Z", "2024-05-01T09:45:00Z");
        if (!count || !tx.commit()) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(*conn_->query_int("SELECT failures FROM login_throttle WHERE subject = 'target'"),
            kThreads * kPerThread);
}

TEST_P(AccountsStoreTest, AuditLogRefusesUpdateAndDelete) {
  Transaction tx(*conn_, TxMode::kWrite);
  ASSERT_TRUE(lock_audit_chain(*conn_));
  AuditRow row;
  row.id = 1;
  row.at = "2024-01-01T00:00:00Z";
  row.actor_label = "cli:test";
  row.action = "test.append";
  row.entity_type = "test";
  row.prev_hash = std::string(64, '0');
  row.hash = std::string(64, 'a');
  ASSERT_TRUE(insert_audit_row(*conn_, row));
  ASSERT_TRUE(tx.commit());
  Result<std::optional<AuditHead>> head = audit_head(*conn_);
  ASSERT_TRUE(head && *head);
  EXPECT_EQ((*head)->id, 1);

  EXPECT_FALSE(conn_->exec("UPDATE audit_log SET action = 'other' WHERE id = 1"));
  EXPECT_FALSE(conn_->exec("DELETE FROM audit_log WHERE id = 1"));
  if (GetParam() == "postgresql") {
    EXPECT_FALSE(conn_->exec("TRUNCATE audit_log"));
  }
  Result<std::vector<AuditRow>> rows = read_audit_rows(*conn_, 0, 10);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().action, "test.append");
  EXPECT_FALSE(rows->front().actor_user_id);
  EXPECT_FALSE(rows->front().before_json);

  // The lock must be taken inside a transaction.
  EXPECT_EQ(lock_audit_chain(*conn_).code(), StatusCode::kInternal);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsStoreTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::store
