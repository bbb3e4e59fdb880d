// SQLite online backup: a consistent copy while a writer keeps committing, and restoring from it.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/database.h"
#include "store/migrations.h"
#include "support/test_databases.h"

namespace gongkai::store {
namespace {

TEST(SqliteBackupTest, CopyIsConsistentWhileWritersRun) {
  gongkai::testing::TestDatabase source("sqlite");
  std::atomic<bool> stop{false};
  std::atomic<int> committed{0};
  std::thread writer([&] {
    std::unique_ptr<Connection> c = source.connect();
    for (int n = 0; !stop && n < 100000; ++n) {
      Transaction tx(*c, TxMode::kWrite);
      // Two rows per transaction: a consistent copy always holds an even number.
      if (c->exec("INSERT INTO settings (key, value) VALUES (?, 'a')", {"a" + std::to_string(n)}) &&
          c->exec("INSERT INTO settings (key, value) VALUES (?, 'b')", {"b" + std::to_string(n)}) && tx.commit()) {
        ++committed;
      }
    }
  });
  while (committed < 200) std::this_thread::yield();
  gongkai::testing::TempDir dir;
  const std::string copy = dir.file("backup.db");
  Status s = source.db().backup_to(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(s) << s.message();

  // Restore: the copy is a complete installation database of its own.
  Result<std::unique_ptr<Database>> restored = open_database(copy);
  ASSERT_TRUE(restored);
  std::unique_ptr<Connection> c = *(*restored)->connect();
  Result<int64_t> rows = c->query_int("SELECT COUNT(*) FROM settings");
  ASSERT_TRUE(rows);
  EXPECT_GE(*rows, 400);
  EXPECT_EQ(*rows % 2, 0) << "backup holds half a transaction";
  EXPECT_GE(*schema_version(*c), 1);
  Result<int64_t> integrity_ok = c->query_int("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'");
  EXPECT_EQ(*integrity_ok, 1);
}

TEST(SqliteBackupTest, UnwritableTargetIsAnIoError) {
  gongkai::testing::TestDatabase source("sqlite");
  Status s = source.db().backup_to("/nonexistent-dir/backup.db");
  EXPECT_EQ(s.code(), StatusCode::kIo) << s.message();
}

}  // namespace
}  // namespace gongkai::store
