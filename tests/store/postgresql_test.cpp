// Tests of the PostgreSQL store implementation itself, against the test server of scripts/test-postgres.sh:
// placeholders, value types, error mapping, transactions, migrations and the advisory lock, and secrecy of
// passwords.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>

#include "common/embedded.h"
#include "store/database.h"
#include "store/migrations.h"
#include "support/test_databases.h"

namespace gongkai::store {
namespace {

using testing::TestDatabase;

// Each test gets a fresh migrated database on the test server. Skipped only when test_backends() leaves
// PostgreSQL out ($GONGKAI_TEST_NO_PG=1).
class PostgresqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::string> backends = testing::test_backends();
    if (std::find(backends.begin(), backends.end(), "postgresql") == backends.end()) {
      GTEST_SKIP() << "PostgreSQL left out by GONGKAI_TEST_NO_PG=1";
    }
    test_db_.emplace("postgresql");
    conn_ = test_db_->connect();
  }
  TestDatabase& db() { return *test_db_; }

  std::optional<TestDatabase> test_db_;
  std::unique_ptr<Connection> conn_;
};

// A migration list: the embedded PostgreSQL migrations plus extra files.
std::vector<embedded::File> migrations_plus(std::initializer_list<embedded::File> extra) {
  std::vector<embedded::File> files = embedded::postgresql_migrations();
  files.insert(files.end(), extra);
  return files;
}

// The version of the newest embedded PostgreSQL migration (its file name's numeric prefix).
int newest_version() {
  return std::stoi(std::string(embedded::postgresql_migrations().back().name.substr(0, 3)));
}

TEST_F(PostgresqlTest, DialectIsPostgresql) {
  EXPECT_EQ(db().db().dialect(), Dialect::kPostgresql);
  EXPECT_EQ(conn_->dialect(), Dialect::kPostgresql);
}

TEST_F(PostgresqlTest, PlaceholdersAreNumberedOutsideLiteralsAndComments) {
  struct Case {
    std::string sql;
    std::vector<Value> params;
    std::vector<std::string> expected;  // the row, as text
  };
  const std::vector<Case> cases = {
      {"SELECT CAST(? AS BIGINT), CAST(? AS TEXT)", {int64_t{7}, std::string("x")}, {"7", "x"}},
      {"SELECT 'what?', CAST(? AS TEXT)", {std::string("a")}, {"what?", "a"}},
      {"SELECT 'it''s ?', CAST(? AS TEXT), '?'", {std::string("b")}, {"it's ?", "b", "?"}},
      {"SELECT E'back\\'slash ?', CAST(? AS TEXT)", {std::string("c")}, {"back'slash ?", "c"}},
      {"SELECT 1 AS \"odd?name\", CAST(? AS TEXT)", {std::string("d")}, {"1", "d"}},
      {"SELECT CAST(? AS TEXT) -- trailing ? comment\n, CAST(? AS TEXT)",
       {std::string("e"), std::string("f")},
       {"e", "f"}},
      {"SELECT /* a ? /* nested ? */ still ? */ CAST(? AS TEXT)", {std::string("g")}, {"g"}},
      {"SELECT $$dollar ?$$, $tag$tagged ? $$ ?$tag$, CAST(? AS TEXT)",
       {std::string("h")},
       {"dollar ?", "tagged ? $$ ?", "h"}},
      {"SELECT '中文?', CAST(? AS TEXT)", {std::string("政务公开")}, {"中文?", "政务公开"}},
      {"SELECT COALESCE(CAST(? AS TEXT), 'none'), substr(CAST(? AS TEXT), 2, 2)",
       {kNull, std::string("abcd")},
       {"none", "bc"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    Result<Rows> rows = conn_->query(c.sql, c.params);
    ASSERT_TRUE(rows) << rows.status().message();
    ASSERT_EQ(rows->size(), 1u);
    ASSERT_EQ(rows->front().size(), c.expected.size());
    for (size_t column_idx = 0; column_idx < c.expected.size(); ++column_idx) {
      EXPECT_EQ(rows->front().get_text(column_idx), c.expected[column_idx]) << "column " << column_idx;
    }
  }
}

TEST_F(PostgresqlTest, UntypedParameterInSelectListComesBackAsText) {
  Result<Rows> rows = conn_->query("SELECT ?", {int64_t{42}});
  ASSERT_TRUE(rows) << rows.status().message();
  EXPECT_EQ(rows->front().get_int(0), 42);
}

TEST_F(PostgresqlTest, WrongParameterCountIsAnError) {
  Result<Rows> rows = conn_->query("SELECT CAST(? AS BIGINT), '?'", {int64_t{1}, int64_t{2}});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.status().code(), StatusCode::kInternal);
  EXPECT_NE(rows.status().message().find("parameter count"), std::string::npos);
}

TEST_F(PostgresqlTest, ValuesComeBackWithSqliteTypes) {
  ASSERT_TRUE(conn_->exec_script(
      "CREATE TABLE typed (i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION, num NUMERIC, "
      "flag BOOLEAN, t TEXT)"));
  const double third = 1.0 / 3.0;
  ASSERT_TRUE(conn_->exec("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          {int64_t{-3}, int64_t{2000000000}, std::numeric_limits<int64_t>::min(), 1.5, third,
                           std::string("12.25"), int64_t{1}, std::string("文本")}));
  ASSERT_TRUE(conn_->exec("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          {kNull, kNull, kNull, kNull, kNull, kNull, kNull, kNull}));
  Result<Rows> rows =
      conn_->query("SELECT i2, i4, i8, f4, f8, num, flag, t FROM typed ORDER BY i8 NULLS LAST");
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  const Row& row = (*rows)[0];
  EXPECT_EQ(std::get<int64_t>(row.raw(0)), -3);
  EXPECT_EQ(std::get<int64_t>(row.raw(1)), 2000000000);
  EXPECT_EQ(std::get<int64_t>(row.raw(2)), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(std::get<double>(row.raw(3)), 1.5);
  EXPECT_EQ(std::get<double>(row.raw(4)), third);  // full precision both ways
  EXPECT_EQ(std::get<double>(row.raw(5)), 12.25);
  EXPECT_EQ(std::get<int64_t>(row.raw(6)), 1);
  EXPECT_EQ(std::get<std::string>(row.raw(7)), "文本");
  const Row& nulls = (*rows)[1];
  for (size_t column_idx = 0; column_idx < nulls.size(); ++column_idx) {
    EXPECT_TRUE(nulls.is_null(column_idx)) << "column " << column_idx;
  }
}

TEST_F(PostgresqlTest, AggregatesHaveSqliteTypes) {
  // SUM over integers is NUMERIC in PostgreSQL but an integer in SQLite; COUNT is BIGINT; comparisons are
  // BOOLEAN.
  Result<Rows> rows = conn_->query(
      "SELECT COUNT(*), SUM(x), AVG(x), MAX(x) > 2, MIN(x) > 2 FROM (VALUES (1), (2), (4)) AS v(x)");
  ASSERT_TRUE(rows) << rows.status().message();
  const Row& row = rows->front();
  EXPECT_EQ(std::get<int64_t>(row.raw(0)), 3);
  EXPECT_EQ(std::get<int64_t>(row.raw(1)), 7);
  EXPECT_NEAR(std::get<double>(row.raw(2)), 7.0 / 3.0, 1e-12);
  EXPECT_EQ(std::get<int64_t>(row.raw(3)), 1);
  EXPECT_EQ(std::get<int64_t>(row.raw(4)), 0);
}

TEST_F(PostgresqlTest, DoublesRoundTripExactly) {
  ASSERT_TRUE(conn_->exec_script("CREATE TABLE reals (x DOUBLE PRECISION)"));
  const std::vector<double> values = {0.1 + 0.2, M_PI, -1e-300,      1.7976931348623157e308,
                                      5e-324,    0.0,  123456789.125};
  for (double v : values) ASSERT_TRUE(conn_->exec("INSERT INTO reals VALUES (?)", {v}));
  Result<Rows> rows = conn_->query("SELECT x FROM reals");
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), values.size());
  for (size_t row_idx = 0; row_idx < values.size(); ++row_idx) {
    EXPECT_EQ((*rows)[row_idx].get_double(0), values[row_idx]) << "row " << row_idx;
  }
}

TEST_F(PostgresqlTest, ConstraintViolationsAreConflicts) {
  const std::string now = "2024-01-01T00:00:00Z";
  ASSERT_TRUE(
      conn_->exec("INSERT INTO settings (key, value) VALUES (?, ?)", {std::string("k"), std::string("v")}));
  struct Case {
    const char* what;
    std::string sql;
    std::vector<Value> params;
  };
  const std::vector<Case> cases = {
      {"unique", "INSERT INTO settings (key, value) VALUES (?, ?)", {std::string("k"), std::string("w")}},
      {"not null", "INSERT INTO settings (key, value) VALUES (?, ?)", {std::string("k2"), kNull}},
      {"foreign key",
       "INSERT INTO bodies (code, name, type, parent_id, index_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)",
       {std::string("c"), std::string("n"), std::string("office"), int64_t{999}, std::string("p"), now}},
      {"check",
       "INSERT INTO bodies (code, name, type, index_prefix, created_at) VALUES (?, ?, ?, ?, ?)",
       {std::string("c"), std::string("n"), std::string("ministry"), std::string("p"), now}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Status s = conn_->exec(c.sql, c.params);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.code(), StatusCode::kConflict) << s.message();
    EXPECT_NE(s.message().find(c.sql.substr(0, 30)), std::string::npos)
        << "message names the SQL: " << s.message();
  }
  Status syntax = conn_->exec("SELEC 1");
  EXPECT_EQ(syntax.code(), StatusCode::kInternal) << syntax.message();
  EXPECT_NE(syntax.message().find("syntax error"), std::string::npos) << syntax.message();
}

TEST_F(PostgresqlTest, RollbackLeavesNothing) {
  {
    Transaction tx(*conn_, TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    EXPECT_TRUE(conn_->in_transaction());
    ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  }  // destroyed without commit
  EXPECT_FALSE(conn_->in_transaction());
  ASSERT_TRUE(conn_->begin(TxMode::kWrite));
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('b', '2')"));
  ASSERT_TRUE(conn_->rollback());
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 0);
}

TEST_F(PostgresqlTest, CommitAfterAFailedStatementIsRefusedAndRollsBack) {
  ASSERT_TRUE(conn_->begin(TxMode::kWrite));
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  EXPECT_EQ(conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '2')").code(), StatusCode::kConflict);
  Status commit = conn_->commit();
  EXPECT_FALSE(commit);
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 0);
}

TEST_F(PostgresqlTest, CommittedWritesAreSeenByOtherConnections) {
  std::unique_ptr<Connection> other = db().connect();
  Transaction tx(*conn_, TxMode::kWrite);
  ASSERT_TRUE(tx.status());
  ASSERT_TRUE(conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  EXPECT_EQ(*other->query_int("SELECT COUNT(*) FROM settings"), 0);
  ASSERT_TRUE(tx.commit());
  EXPECT_EQ(*other->query_int("SELECT COUNT(*) FROM settings"), 1);
}

TEST_F(PostgresqlTest, ReadTransactionRefusesWrites) {
  Transaction tx(*conn_, TxMode::kRead);
  ASSERT_TRUE(tx.status());
  Status s = conn_->exec("INSERT INTO settings (key, value) VALUES ('a', '1')");
  EXPECT_FALSE(s);
  EXPECT_NE(s.message().find("read-only"), std::string::npos) << s.message();
}

TEST_F(PostgresqlTest, ReadTransactionIsASnapshot) {
  std::unique_ptr<Connection> writer = db().connect();
  Transaction tx(*conn_, TxMode::kRead);
  ASSERT_TRUE(tx.status());
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 0);
  ASSERT_TRUE(writer->exec("INSERT INTO settings (key, value) VALUES ('a', '1')"));
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 0) << "a later commit is not seen";
  ASSERT_TRUE(tx.commit());
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 1);
}

TEST_F(PostgresqlTest, BeginTwiceIsAnError) {
  ASSERT_TRUE(conn_->begin(TxMode::kWrite));
  EXPECT_FALSE(conn_->begin(TxMode::kWrite));
  EXPECT_TRUE(conn_->rollback());
}

TEST_F(PostgresqlTest, SessionIsUtcAndUtf8) {
  Result<Rows> rows = conn_->query("SELECT current_setting('TimeZone'), current_setting('client_encoding')");
  ASSERT_TRUE(rows) << rows.status().message();
  EXPECT_EQ(rows->front().get_text(0), "UTC");
  EXPECT_EQ(rows->front().get_text(1), "UTF8");
}

TEST_F(PostgresqlTest, RepeatedStatementIsPreparedOnce) {
  const std::string sql = "INSERT INTO settings (key, value) VALUES (?, ?)";
  Transaction tx(*conn_, TxMode::kWrite);
  ASSERT_TRUE(tx.status());
  for (int row_idx = 0; row_idx < 200; ++row_idx) {
    ASSERT_TRUE(conn_->exec(sql, {"k" + std::to_string(row_idx), std::string("v")}));
  }
  ASSERT_TRUE(tx.commit());
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = ?",
                              {std::string("INSERT INTO settings (key, value) VALUES ($1, $2)")}),
            1);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 200);
}

TEST_F(PostgresqlTest, CachedStatementSurvivesTableChange) {
  ASSERT_TRUE(conn_->exec_script("CREATE TABLE t (a BIGINT); INSERT INTO t VALUES (1);"));
  ASSERT_TRUE(conn_->query("SELECT * FROM t"));
  ASSERT_TRUE(conn_->exec_script("ALTER TABLE t ADD COLUMN b TEXT"));
  Result<Rows> rows = conn_->query("SELECT * FROM t");  // outside a transaction: re-prepared transparently
  ASSERT_TRUE(rows) << rows.status().message();
  EXPECT_EQ(rows->front().size(), 2u);

  ASSERT_TRUE(conn_->exec_script("ALTER TABLE t ADD COLUMN c TEXT"));
  {
    // Inside a transaction the stale plan fails the statement (and the transaction); the next one works.
    Transaction tx(*conn_, TxMode::kRead);
    ASSERT_TRUE(tx.status());
    Result<Rows> in_tx = conn_->query("SELECT * FROM t");
    EXPECT_FALSE(in_tx);
  }
  rows = conn_->query("SELECT * FROM t");
  ASSERT_TRUE(rows) << rows.status().message();
  EXPECT_EQ(rows->front().size(), 3u);
}

TEST_F(PostgresqlTest, ScriptRunsSeveralStatementsAndReportsFailure) {
  ASSERT_TRUE(
      conn_->exec_script("INSERT INTO settings (key, value) VALUES ('a', 'x?'); INSERT INTO settings (key, "
                         "value) VALUES ('b', '2');"));
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 2);
  Status s =
      conn_->exec_script("INSERT INTO settings (key, value) VALUES ('c', '3'); SELECT * FROM no_such_table;");
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("no_such_table"), std::string::npos) << s.message();
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM settings"), 2) << "a failed script changes nothing";
}

TEST_F(PostgresqlTest, PortableSqlRunsOnTheSchema) {
  const std::string now = "2024-01-01T00:00:00Z";
  const std::string insert =
      "INSERT INTO bodies (code, name, type, parent_id, index_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id";
  Result<Rows> county = conn_->query(insert, {std::string("c"), std::string("某县人民政府"),
                                              std::string("government"), kNull, std::string("C"), now});
  ASSERT_TRUE(county) << county.status().message();
  const int64_t county_id = county->front().get_int(0);
  EXPECT_TRUE(std::holds_alternative<int64_t>(county->front().raw(0)));
  Result<Rows> office = conn_->query(insert, {std::string("c.o"), std::string("县政府办公室"),
                                              std::string("office"), county_id, std::string("CO"), now});
  ASSERT_TRUE(office) << office.status().message();
  Result<Rows> rows = conn_->query(
      "WITH RECURSIVE tree(id, depth) AS (SELECT id, 0 FROM bodies WHERE parent_id IS NULL "
      "UNION ALL SELECT b.id, tree.depth + 1 FROM bodies b JOIN tree ON b.parent_id = tree.id WHERE ? = 1) "
      "SELECT b.code, tree.depth, substr(b.name, 1, 2), COALESCE(b.address, '-') FROM tree JOIN bodies b "
      "ON b.id = tree.id ORDER BY tree.depth",
      {int64_t{1}});
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].get_text(0), "c.o");
  EXPECT_EQ((*rows)[1].get_int(1), 1);
  EXPECT_EQ((*rows)[1].get_text(2), "县政");
  EXPECT_EQ((*rows)[1].get_text(3), "-");
}

TEST_F(PostgresqlTest, SchemaMatchesSqlite) {
  TestDatabase sqlite_db("sqlite");
  std::unique_ptr<Connection> sqlite = sqlite_db.connect();
  Result<Rows> tables = sqlite->query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  ASSERT_TRUE(tables) << tables.status().message();
  ASSERT_FALSE(tables->empty());
  for (const Row& table : *tables) {
    const std::string name = table.get_text(0);
    SCOPED_TRACE(name);
    Result<Rows> sqlite_columns =
        sqlite->query("SELECT name, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", {name});
    ASSERT_TRUE(sqlite_columns) << sqlite_columns.status().message();
    Result<Rows> pg_columns = conn_->query(
        "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND "
        "table_name = ? ORDER BY ordinal_position",
        {name});
    ASSERT_TRUE(pg_columns) << pg_columns.status().message();
    ASSERT_EQ(pg_columns->size(), sqlite_columns->size());
    for (size_t column_idx = 0; column_idx < pg_columns->size(); ++column_idx) {
      const Row& s = (*sqlite_columns)[column_idx];
      const Row& p = (*pg_columns)[column_idx];
      EXPECT_EQ(p.get_text(0), s.get_text(0));
      // SQLite lets an INTEGER PRIMARY KEY be declared without NOT NULL; PostgreSQL keys are always NOT NULL.
      const bool sqlite_not_null = s.get_int(1) == 1 || s.get_int(2) > 0;
      EXPECT_EQ(p.get_text(1) == "NO", sqlite_not_null) << "column " << p.get_text(0);
    }
  }
  Result<Rows> sqlite_indexes =
      sqlite->query("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  Result<Rows> pg_indexes = conn_->query(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' "
      "AND indexname NOT LIKE '%_key' ORDER BY indexname");
  ASSERT_TRUE(sqlite_indexes && pg_indexes);
  ASSERT_EQ(pg_indexes->size(), sqlite_indexes->size());
  for (size_t index_idx = 0; index_idx < pg_indexes->size(); ++index_idx) {
    EXPECT_EQ((*pg_indexes)[index_idx].get_text(0), (*sqlite_indexes)[index_idx].get_text(0));
  }
}

TEST_F(PostgresqlTest, MigrationsAreIdempotent) {
  const int newest = newest_version();
  EXPECT_EQ(*schema_version(*conn_), newest);
  Result<MigrationReport> again = migrate(*conn_);
  ASSERT_TRUE(again) << again.status().message();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->to_version, newest);

  const std::vector<embedded::File> files =
      migrations_plus({{"900_extra.sql", "CREATE TABLE extra (id BIGINT);"}});
  Result<MigrationReport> first = migrate_with(*conn_, files);
  ASSERT_TRUE(first) << first.status().message();
  EXPECT_EQ(first->applied, std::vector<std::string>{"900_extra.sql"});
  EXPECT_EQ(first->to_version, 900);
  Result<MigrationReport> second = migrate_with(*conn_, files);
  ASSERT_TRUE(second) << second.status().message();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(*schema_version(*conn_), 900);
}

TEST_F(PostgresqlTest, ChangedMigrationIsRefused) {
  ASSERT_TRUE(migrate_with(*conn_, migrations_plus({{"900_extra.sql", "CREATE TABLE extra (id BIGINT);"}})));
  Result<MigrationReport> changed =
      migrate_with(*conn_, migrations_plus({{"900_extra.sql", "CREATE TABLE extra (id TEXT);"},
                                            {"901_more.sql", "CREATE TABLE more (id BIGINT);"}}));
  ASSERT_FALSE(changed);
  EXPECT_NE(changed.status().message().find("checksum"), std::string::npos) << changed.status().message();
  EXPECT_EQ(*schema_version(*conn_), 900) << "nothing further applied";
  Result<MigrationReport> unknown = migrate(*conn_);
  ASSERT_FALSE(unknown) << "the database is newer than the embedded migrations";
}

TEST_F(PostgresqlTest, FailedMigrationChangesNothing) {
  Result<MigrationReport> r = migrate_with(
      *conn_,
      migrations_plus({{"900_bad.sql", "CREATE TABLE half (id BIGINT); SELECT * FROM no_such_table;"}}));
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("900_bad.sql"), std::string::npos) << r.status().message();
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'half'"), 0);
  EXPECT_EQ(*schema_version(*conn_), newest_version());
  // The advisory lock was released: another session can migrate.
  std::unique_ptr<Connection> other = db().connect();
  EXPECT_TRUE(migrate(*other));
}

TEST_F(PostgresqlTest, ConcurrentMigrationsApplyOnce) {
  // Slow enough that without the advisory lock both sessions would try to create the table.
  const std::vector<embedded::File> files =
      migrations_plus({{"900_slow.sql", "SELECT pg_sleep(0.3); CREATE TABLE slow (id BIGINT);"}});
  std::unique_ptr<Connection> first = db().connect();
  std::unique_ptr<Connection> second = db().connect();
  std::optional<Result<MigrationReport>> first_result;
  std::optional<Result<MigrationReport>> second_result;
  std::thread first_thread([&] { first_result.emplace(migrate_with(*first, files)); });
  std::thread second_thread([&] { second_result.emplace(migrate_with(*second, files)); });
  first_thread.join();
  second_thread.join();
  ASSERT_TRUE(*first_result) << first_result->status().message();
  ASSERT_TRUE(*second_result) << second_result->status().message();
  EXPECT_EQ((*first_result)->applied.size() + (*second_result)->applied.size(), 1u);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM schema_migrations WHERE version = 900"), 1);
}

TEST(PostgresqlSecrets, PasswordNeverAppearsInMessages) {
  const std::string password = "s3cr3t-Pa55";
  const std::vector<std::string> urls = {
      "postgresql://gongkai:" + password + "@127.0.0.1:1/gongkai",
      "postgres://gongkai:" + password + "@127.0.0.1:1/gongkai?connect_timeout=2",
      "postgresql://gongkai@127.0.0.1:1/gongkai?password=" + password,
      "postgresql://gongkai:s3cr3t%2DPa55@127.0.0.1:1/gongkai",
  };
  for (const std::string& url : urls) {
    SCOPED_TRACE("url #" + std::to_string(&url - urls.data()));
    Result<std::unique_ptr<Database>> db = open_database(url);
    ASSERT_TRUE(db) << db.status().message();
    EXPECT_EQ((*db)->describe(), "127.0.0.1:1/gongkai");
    Result<std::unique_ptr<Connection>> conn = (*db)->connect();
    ASSERT_FALSE(conn);
    EXPECT_EQ(conn.status().code(), StatusCode::kIo);
    EXPECT_EQ(conn.status().message().find(password), std::string::npos) << conn.status().message();
    EXPECT_NE(conn.status().message().find("127.0.0.1:1/gongkai"), std::string::npos)
        << conn.status().message();
    EXPECT_TRUE((*db)->backup_to("/tmp/never-written").code() == StatusCode::kInvalid);
  }
  // A malformed URL: libpq's parser would quote parts of it back.
  Result<std::unique_ptr<Database>> bad =
      open_database("postgresql://gongkai:" + password + "@host:notaport/db?x=%zz");
  if (!bad) {
    EXPECT_EQ(bad.status().message().find(password), std::string::npos) << bad.status().message();
  } else {
    EXPECT_EQ((*bad)->describe().find(password), std::string::npos);
  }
}

TEST(PostgresqlSecrets, DescribeUsesLibpqDefaults) {
  Result<std::unique_ptr<Database>> db = open_database("postgresql://alice@db.example/");
  ASSERT_TRUE(db) << db.status().message();
  EXPECT_EQ((*db)->describe(), "db.example:5432/alice");
}

}  // namespace
}  // namespace gongkai::store
