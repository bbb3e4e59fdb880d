// The audit log on SQLite and PostgreSQL: the chain is intact after normal use and after concurrent appends,
// and verification finds rows changed, deleted or reordered with raw SQL; secrets are redacted; the canonical
// form covers every field.
#include "services/audit.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <functional>
#include <thread>

#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using gongkai::testing::TestDatabase;
using nlohmann::json;

const std::chrono::sys_seconds kAt = std::chrono::sys_days{std::chrono::year{2024} / 5 / 1};

AuditEvent event(const std::string& action, int n) {
  AuditEvent e;
  e.actor = {std::nullopt, "cli:tester", ""};
  e.action = action;
  e.entity_type = "item";
  e.entity_id = std::to_string(n);
  e.body_id = 1;
  e.before = json{{"title", "旧标题 " + std::to_string(n)}};
  e.after = json{{"title", "新标题 " + std::to_string(n)}};
  return e;
}

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
  }

  // Appends `n` entries, one transaction each.
  void append(int n) {
    for (int entry_idx = 0; entry_idx < n; ++entry_idx) {
      store::Transaction tx(*conn_, store::TxMode::kWrite);
      ASSERT_TRUE(tx.status());
      Result<int64_t> id = append_audit(*conn_, event("item.update", entry_idx), kAt);
      ASSERT_TRUE(id) << id.status().message();
      ASSERT_TRUE(tx.commit());
    }
  }

  // Raw SQL as someone with database access would run it: first the guard triggers go.
  void tamper(const std::string& sql) {
    const bool pg = GetParam() == "postgresql";
    ASSERT_TRUE(
        conn_->exec_script(pg ? "DROP TRIGGER audit_log_no_update ON audit_log; "
                                "DROP TRIGGER audit_log_no_delete ON audit_log"
                              : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"));
    ASSERT_TRUE(conn_->exec_script(sql)) << sql;
  }

  AuditVerifyReport verify() {
    Result<AuditVerifyReport> report = verify_audit(*conn_);
    EXPECT_TRUE(report) << report.status().message();
    return report ? *report : AuditVerifyReport{};
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_P(AuditTest, AnIntactChainVerifies) {
  AuditVerifyReport empty = verify();
  EXPECT_TRUE(empty.intact);
  EXPECT_EQ(empty.entries, 0);
  EXPECT_EQ(empty.head_hash, "");

  append(5);
  AuditVerifyReport report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 5);
  Result<store::Rows> head = conn_->query("SELECT hash, prev_hash FROM audit_log ORDER BY id");
  ASSERT_TRUE(head);
  EXPECT_EQ(report.head_hash, head->back().get_text(0));
  EXPECT_EQ(head->front().get_text(1), kAuditGenesisHash);
  EXPECT_EQ(head->at(1).get_text(1), head->at(0).get_text(0)) << "each entry names the one before";
}

TEST_P(AuditTest, AnUpdatedRowIsFound) {
  append(5);
  tamper("UPDATE audit_log SET after_json = '{\"title\":\"改过的\"}' WHERE id = 3");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 3);
  EXPECT_NE(report.problem.find("hash does not match its contents"), std::string::npos) << report.problem;
  EXPECT_EQ(report.entries, 2);
}

TEST_P(AuditTest, AnUpdatedRowWithARecomputedHashBreaksTheNextLink) {
  append(5);
  Result<std::vector<store::AuditRow>> rows = store::read_audit_rows(*conn_, 2, 1);
  ASSERT_TRUE(rows && rows->size() == 1);
  store::AuditRow forged = rows->front();
  forged.actor_label = "someone-else";
  forged.hash = audit_entry_hash(forged);
  tamper("UPDATE audit_log SET actor_label = 'someone-else', hash = '" + forged.hash + "' WHERE id = 3");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 4);
  EXPECT_NE(report.problem.find("prev_hash does not match the hash of entry 3"), std::string::npos)
      << report.problem;
}

TEST_P(AuditTest, ADeletedMiddleRowIsFound) {
  append(5);
  tamper("DELETE FROM audit_log WHERE id = 3");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 4);
  EXPECT_NE(report.problem.find("follows entry 2"), std::string::npos) << report.problem;
  EXPECT_NE(report.problem.find("entry 3 is missing"), std::string::npos) << report.problem;
}

TEST_P(AuditTest, SeveralDeletedRowsAreNamed) {
  append(6);
  tamper("DELETE FROM audit_log WHERE id IN (3, 4)");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 5);
  EXPECT_NE(report.problem.find("entries 3-4 are missing"), std::string::npos) << report.problem;
}

TEST_P(AuditTest, ADeletedRowWithRenumberedIdsIsFound) {
  append(5);
  tamper("DELETE FROM audit_log WHERE id = 3; UPDATE audit_log SET id = id - 1 WHERE id > 3");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 3);
  EXPECT_NE(report.problem.find("prev_hash"), std::string::npos) << report.problem;
}

TEST_P(AuditTest, ReorderedRowsAreFound) {
  append(5);
  tamper(
      "UPDATE audit_log SET id = 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; "
      "UPDATE audit_log SET id = 3 WHERE id = 100");
  AuditVerifyReport report = verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_id, 2);
}

TEST_P(AuditTest, ConcurrentAppendersKeepOneChain) {
  constexpr int kThreads = 4, kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      std::unique_ptr<store::Connection> c = db_->connect();
      for (int n = 0; n < kPerThread; ++n) {
        store::Transaction tx(*c, store::TxMode::kWrite);
        Result<int64_t> id = tx.status()
                                 ? append_audit(*c, event("thread." + std::to_string(thread_idx), n), kAt)
                                 : Result<int64_t>(tx.status());
        if (!id || !tx.commit()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  AuditVerifyReport report = verify();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, kThreads * kPerThread);
}

TEST_P(AuditTest, SecretsAreRedacted) {
  AuditEvent e = event("user.update", 1);
  e.before = json{{"password", "hunter2-secret"},
                  {"login", "wangfang"},
                  {"nested", {{"session_token", "tok-123456"}, {"Secret_Key", "key-987654"}}},
                  {"list", json::array({json{{"newPassword", "pw-555555"}}, "plain"})}};
  e.after = json{{"csrf_token_hash", "abc-424242"}, {"display_name", "王芳"}};
  {
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(append_audit(*conn_, e, kAt));
    ASSERT_TRUE(tx.commit());
  }
  Result<store::Rows> rows = conn_->query("SELECT before_json, after_json FROM audit_log");
  ASSERT_TRUE(rows && rows->size() == 1);
  const std::string stored = rows->front().get_text(0) + rows->front().get_text(1);
  for (const char* secret : {"hunter2-secret", "tok-123456", "key-987654", "pw-555555", "abc-424242"}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret << " in " << stored;
  }
  const json before = json::parse(rows->front().get_text(0));
  EXPECT_EQ(before["password"], "[redacted]");
  EXPECT_EQ(before["login"], "wangfang");
  EXPECT_EQ(before["nested"]["Secret_Key"], "[redacted]");
  EXPECT_EQ(before["list"][1], "plain");
  EXPECT_EQ(json::parse(rows->front().get_text(1))["display_name"], "王芳");
}

TEST_P(AuditTest, AppendingNeedsAWriteTransactionAndTheEssentials) {
  EXPECT_EQ(append_audit(*conn_, event("x.y", 1), kAt).status().code(), StatusCode::kInternal);
  store::Transaction tx(*conn_, store::TxMode::kWrite);
  AuditEvent no_action = event("", 1);
  EXPECT_EQ(append_audit(*conn_, no_action, kAt).status().code(), StatusCode::kInvalid);
  AuditEvent no_actor = event("x.y", 1);
  no_actor.actor.label.clear();
  EXPECT_EQ(append_audit(*conn_, no_actor, kAt).status().code(), StatusCode::kInvalid);
}

TEST_P(AuditTest, ExportReadsEveryEntryInOrder) {
  append(3);
  std::vector<json> exported;
  ASSERT_TRUE(export_audit(*conn_, [&](const store::AuditRow& row) {
    exported.push_back(audit_row_to_json(row));
    return Status::ok();
  }));
  ASSERT_EQ(exported.size(), 3u);
  EXPECT_EQ(exported[0]["id"], 1);
  EXPECT_EQ(exported[2]["after"]["title"], "新标题 2");
  EXPECT_EQ(exported[0]["actor_user_id"], nullptr);
  EXPECT_EQ(exported[0]["at"], "2024-05-01T00:00:00Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Pure parts: no database.

TEST(AuditFormTest, EveryFieldIsCovered) {
  store::AuditRow base;
  base.id = 7;
  base.at = "2024-05-01T00:00:00Z";
  base.actor_user_id = 3;
  base.actor_label = "wangfang";
  base.remote_addr = "192.0.2.1";
  base.action = "item.publish";
  base.entity_type = "item";
  base.entity_id = "42";
  base.body_id = 5;
  base.before_json = "{}";
  base.after_json = "{\"a\":1}";
  base.prev_hash = std::string(kAuditGenesisHash);
  const std::string h = audit_entry_hash(base);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(audit_entry_hash(base), h) << "deterministic";
  const std::vector<std::pair<const char*, std::function<void(store::AuditRow&)>>> changes = {
      {"id", [](store::AuditRow& r) { r.id = 8; }},
      {"at", [](store::AuditRow& r) { r.at = "2024-05-01T00:00:01Z"; }},
      {"actor_user_id", [](store::AuditRow& r) { r.actor_user_id = std::nullopt; }},
      {"actor_label", [](store::AuditRow& r) { r.actor_label = "lifang"; }},
      {"remote_addr", [](store::AuditRow& r) { r.remote_addr = std::nullopt; }},
      {"action", [](store::AuditRow& r) { r.action = "item.withdraw"; }},
      {"entity_type", [](store::AuditRow& r) { r.entity_type = "case"; }},
      {"entity_id", [](store::AuditRow& r) { r.entity_id = ""; }},  // empty is not NULL
      {"body_id", [](store::AuditRow& r) { r.body_id = 6; }},
      {"before_json", [](store::AuditRow& r) { r.before_json = std::nullopt; }},
      {"after_json", [](store::AuditRow& r) { r.after_json = "{\"a\":2}"; }},
      {"prev_hash", [](store::AuditRow& r) { r.prev_hash[0] = '1'; }},
      // Moving text between adjacent fields changes the hash too (length-prefixed fields).
      {"field boundary",
       [](store::AuditRow& r) {
         r.actor_label = "wangfang1";
         r.remote_addr = "92.0.2.1";
       }},
  };
  for (const auto& [what, change] : changes) {
    store::AuditRow changed = base;
    change(changed);
    EXPECT_NE(audit_entry_hash(changed), h) << what;
  }
  store::AuditRow with_hash = base;
  with_hash.hash = "anything";
  EXPECT_EQ(audit_entry_hash(with_hash), h) << "the stored hash is not part of what it covers";
}

TEST(AuditFormTest, UtcTimestamps) {
  const std::chrono::sys_seconds t = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} +
                                     std::chrono::hours{23} + std::chrono::minutes{59} +
                                     std::chrono::seconds{58};
  EXPECT_EQ(format_utc(t), "2024-02-29T23:59:58Z");
  EXPECT_EQ(parse_utc("2024-02-29T23:59:58Z"), t);
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-02-29 23:59:58Z", "2024-02-29T24:00:00Z",
                          "2024-02-29T23:59:58", "2024-02-29T23:59:58+08:00", "", "2024-1-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_utc(bad)) << bad;
  }
}

}  // namespace
}  // namespace gongkai::services
