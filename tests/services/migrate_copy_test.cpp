// Tests of `gongkai migrate --to`: a SQLite installation copied into a real PostgreSQL database (the test
// server of scripts/test-postgres.sh) must give the same figures, keep its ids and links, hand out fresh ids
// afterwards, refuse a second copy, and name the table when the two sides differ; the demo county runs on
// PostgreSQL too.
#include "services/migrate_copy.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "services/bodies.h"
#include "services/demo.h"
#include "services/item_import.h"
#include "services/stats.h"
#include "store/items.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;
using gongkai::testing::TempDir;
using gongkai::testing::TestDatabase;

bool postgresql_left_out() {
  const std::vector<std::string> backends = gongkai::testing::test_backends();
  return std::find(backends.begin(), backends.end(), "postgresql") == backends.end();
}

std::unique_ptr<Installation> open_or_die(const std::string& data_dir, const std::string& url, bool create) {
  const InstallationOptions where{data_dir, url};
  Result<std::unique_ptr<Installation>> inst =
      create ? Installation::create(where) : Installation::open(where);
  EXPECT_TRUE(inst) << inst.status().message();
  return inst ? std::move(*inst) : nullptr;
}

std::unique_ptr<store::Connection> connect_or_die(Installation& inst) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  EXPECT_TRUE(conn) << conn.status().message();
  return conn ? std::move(*conn) : nullptr;
}

std::map<std::string, int64_t> stats_of(Installation& inst, const StatsQuery& query) {
  Result<std::map<std::string, int64_t>> stats = yearly_stats(inst, query);
  EXPECT_TRUE(stats) << query.body_code << " " << query.year << ": " << stats.status().message();
  return stats ? *stats : std::map<std::string, int64_t>{};
}

// Every row of `sql`, each as its columns' text joined by '|'.
std::vector<std::string> lines_of(store::Connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  Result<store::Rows> rows = conn.query(sql);
  EXPECT_TRUE(rows) << sql << ": " << rows.status().message();
  if (!rows) return out;
  for (const store::Row& row : *rows) {
    std::string line;
    for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      line += (column_idx ? "|" : "") + (row.is_null(column_idx) ? "NULL" : row.get_text(column_idx));
    }
    out.push_back(line);
  }
  return out;
}

StatsQuery stats_query(const std::string& body, int year, bool own_only = false) {
  StatsQuery query;
  query.body_code = body;
  query.year = year;
  query.own_only = own_only;
  return query;
}

BodySpec body_spec(const std::string& code, const std::string& name, const std::string& type,
                   const std::string& parent_code) {
  BodySpec spec;
  spec.code = code;
  spec.name = name;
  spec.type = type;
  spec.parent_code = parent_code;
  return spec;
}

CopyOptions quiet() {
  CopyOptions options;
  options.progress = false;
  options.batch_rows = 7;  // many batches even for the small installation, and a short last one
  return options;
}

// Items that exercise every table the import writes: channels, attachments and blobs, validity history, and
// successors that point forward (an item superseded by one with a larger id) and backward.
constexpr const char* kItems =
    R"({"title":"示例县政务公开工作要点","body":"b","publish_date":"2020-03-05","kind":"document","doc_number":"示政发〔2020〕1号","written_date":"2020-03-01","subject":"综合政务","channels":["portal","disclosure_site"],"column":"政府信息公开/法定主动公开内容/政策文件"})"
    "\n"
    R"({"index_number":"b/2020-00101","title":"示例县农村集体资产管理办法","body":"b","publish_date":"2020-04-01","kind":"normative","validity":"失效","superseded_by":"b/2020-00102","validity_date":"2020-09-01","channels":["portal"],"attachments":["files/附件1.pdf","files/说明.txt"]})"
    "\n"
    R"({"index_number":"b/2020-00102","title":"示例县农村集体资产管理办法（修订）","body":"b","publish_date":"2020-09-01","kind":"normative","validity":"有效","channels":["portal","wechat"],"key_area":true,"attachments":["files/附件1.pdf"]})"
    "\n"
    R"({"title":"关于防汛工作的紧急通知","body":"dept","publish_date":"2020-07-10","kind":"notice","emergency":true,"channels":["portal","weibo","wechat"],"content":"<p>各乡镇：</p><p>'引号' \"双引号\" 反斜杠\\ 和 ? 问号</p>"})"
    "\n"
    R"({"title":"镇政府工作动态","body":"town","publish_date":"2020-11-30","channels":["weibo"],"source_url":"http://example.gov.cn/a?b=1"})"
    "\n"
    R"({"title":"上年度文件","body":"b","publish_date":"2019-12-31","kind":"document","validity":"修订后有效","superseded_by":"b/2020-00102","channels":["portal"]})"
    "\n"
    R"({"title":"意见征集","body":"b","publish_date":"2020-05-20","kind":"consultation","channels":["portal"]})"
    "\n";

// A fresh SQLite installation with three bodies and the items above, and a fresh empty PostgreSQL database.
class MigrateCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (postgresql_left_out()) GTEST_SKIP() << "PostgreSQL left out by GONGKAI_TEST_NO_PG=1";
    source_ = open_or_die(dir_.file("data"), "", true);
    ASSERT_TRUE(source_);
    std::unique_ptr<store::Connection> conn = connect_or_die(*source_);
    ASSERT_TRUE(conn);
    store::Transaction tx(*conn, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    for (const BodySpec& spec : {body_spec("b", "示例县人民政府", "government", ""),
                                 body_spec("dept", "示例县应急管理局", "department", "b"),
                                 body_spec("town", "示例镇人民政府", "township", "b")}) {
      Result<int64_t> id = add_body(*conn, spec);
      ASSERT_TRUE(id) << id.status().message();
    }
    ASSERT_TRUE(tx.commit());
    write_file("files/附件1.pdf", "%PDF-1.4 fake\n");
    write_file("files/说明.txt", "附件说明");
    ImportOptions import_options;
    import_options.progress = false;
    import_options.create_columns = true;
    Result<ImportReport> report = import_items(*source_, write_file("items.jsonl", kItems), import_options);
    ASSERT_TRUE(report) << report.status().message();
    for (const ImportError& e : report->errors) ADD_FAILURE() << e.to_string("items.jsonl");
    ASSERT_EQ(report->imported, 7u);
    target_.emplace("postgresql");
  }

  std::string write_file(const std::string& name, const std::string& bytes) {
    const fs::path path = fs::path(dir_.path()) / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    EXPECT_TRUE(out.good()) << path;
    return path.string();
  }

  // The PostgreSQL installation, sharing the source's data directory (attachments) as the migration intends.
  std::unique_ptr<Installation> open_target() {
    return open_or_die(dir_.file("data"), target_->url(), false);
  }

  Result<CopyReport> copy() { return copy_installation(*source_, target_->url(), quiet()); }

  TempDir dir_;
  std::unique_ptr<Installation> source_;
  std::optional<TestDatabase> target_;
};

TEST_F(MigrateCopyTest, CopiesEveryTableAndGivesTheSameFigures) {
  Result<CopyReport> report = copy();
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->verified);
  EXPECT_EQ(report->first_mismatch(), nullptr);

  std::map<std::string, int64_t> rows;
  for (const TableCopy& table : report->tables) {
    EXPECT_TRUE(table.verified()) << table.name;
    EXPECT_EQ(table.checksum.size(), 64u) << table.name;
    rows[table.name] = table.rows;
  }
  EXPECT_EQ(rows.count("schema_migrations"), 0u);
  EXPECT_EQ(rows["bodies"], 3);
  EXPECT_EQ(rows["items"], 7);
  EXPECT_EQ(rows["blobs"], 2);
  EXPECT_EQ(rows["item_attachments"], 3);
  EXPECT_EQ(rows["item_channels"], 11);
  EXPECT_GT(rows["validity_events"], 0);
  EXPECT_GT(rows["calendar_days"], 0);
  // Foreign-key order: parents before children.
  auto position = [&](const std::string& name) {
    return std::find_if(report->tables.begin(), report->tables.end(),
                        [&](const TableCopy& t) { return t.name == name; }) -
           report->tables.begin();
  };
  EXPECT_LT(position("bodies"), position("columns"));
  EXPECT_LT(position("columns"), position("items"));
  EXPECT_LT(position("items"), position("validity_events"));
  EXPECT_LT(position("blobs"), position("item_attachments"));

  std::unique_ptr<Installation> target = open_target();
  ASSERT_TRUE(target);
  for (const StatsQuery& query :
       {stats_query("b", 2020), stats_query("b", 2019), stats_query("b", 2020, true),
        stats_query("dept", 2020), stats_query("town", 2020)}) {
    const std::map<std::string, int64_t> expected = stats_of(*source_, query);
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(stats_of(*target, query), expected) << query.body_code << " " << query.year;
  }

  // Ids and links survive: the same rows under the same ids on both sides.
  std::unique_ptr<store::Connection> from = connect_or_die(*source_);
  std::unique_ptr<store::Connection> to = connect_or_die(*target);
  for (const char* sql :
       {"SELECT i.id, i.index_number, i.superseded_by, s.index_number, i.validity, i.content, i.column_id "
        "FROM items i LEFT JOIN items s ON s.id = i.superseded_by ORDER BY i.id",
        "SELECT id, code, parent_id FROM bodies ORDER BY id",
        "SELECT item_id, position, file_name, sha256 FROM item_attachments ORDER BY item_id, position",
        "SELECT id, item_id, from_validity, to_validity, superseded_by FROM validity_events ORDER BY id"}) {
    EXPECT_EQ(lines_of(*to, sql), lines_of(*from, sql)) << sql;
  }
}

TEST_F(MigrateCopyTest, ASecondCopyIntoTheSameDatabaseIsRefused) {
  Result<CopyReport> first = copy();
  ASSERT_TRUE(first) << first.status().message();
  Result<CopyReport> second = copy();
  ASSERT_FALSE(second);
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("already holds data"), std::string::npos)
      << second.status().message();
  // Nothing was added by the refused copy.
  std::unique_ptr<store::Connection> to = target_->connect();
  EXPECT_EQ(lines_of(*to, "SELECT COUNT(*) FROM items"), std::vector<std::string>{"7"});
}

TEST_F(MigrateCopyTest, NewRowsAfterTheCopyGetFreshIds) {
  Result<CopyReport> report = copy();
  ASSERT_TRUE(report) << report.status().message();
  std::unique_ptr<Installation> target = open_target();
  ASSERT_TRUE(target);
  std::unique_ptr<store::Connection> conn = connect_or_die(*target);
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    Result<int64_t> body = add_body(*conn, body_spec("new", "新设机构", "department", "b"));
    ASSERT_TRUE(body) << body.status().message();
    EXPECT_EQ(*body, 4);
    ASSERT_TRUE(tx.commit());
  }
  ImportOptions import_options;
  import_options.progress = false;
  Result<ImportReport> imported = import_items(
      *target,
      write_file(
          "more.jsonl",
          R"({"title":"迁移后的第一条信息","body":"new","publish_date":"2021-01-04","channels":["portal"]})"
          "\n"
          R"({"title":"迁移后修订","body":"b","publish_date":"2021-01-05","kind":"normative","validity":"有效"})"
          "\n"),
      import_options);
  ASSERT_TRUE(imported) << imported.status().message();
  for (const ImportError& e : imported->errors) ADD_FAILURE() << e.to_string("more.jsonl");
  EXPECT_EQ(lines_of(*conn, "SELECT id, index_number FROM items WHERE id > 7 ORDER BY id"),
            (std::vector<std::string>{"8|new/2021-00001", "9|b/2021-00001"}));
  EXPECT_EQ(lines_of(*conn, "SELECT COUNT(*) FROM validity_events WHERE item_id = 9"),
            std::vector<std::string>{"1"});
}

TEST_F(MigrateCopyTest, SelfReferencesToLaterRowsAreCopied) {
  // A body moved under a body created after it; items 2 and 6 already point at item 3.
  std::unique_ptr<store::Connection> conn = connect_or_die(*source_);
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    Result<int64_t> later = add_body(*conn, body_spec("later", "后设机构", "department", "b"));
    ASSERT_TRUE(later) << later.status().message();
    ASSERT_TRUE(conn->exec("UPDATE bodies SET parent_id = ? WHERE code = 'dept'", {*later}));
    ASSERT_TRUE(tx.commit());
  }
  // One row per statement: within one multi-row INSERT PostgreSQL would accept a forward reference anyway.
  CopyOptions row_by_row = quiet();
  row_by_row.batch_rows = 1;
  Result<CopyReport> report = copy_installation(*source_, target_->url(), row_by_row);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->verified);
  std::unique_ptr<store::Connection> to = target_->connect();
  const std::string sql =
      "SELECT b.code, p.code FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id ORDER BY b.id";
  EXPECT_EQ(lines_of(*to, sql), lines_of(*conn, sql));
  EXPECT_EQ(
      lines_of(*to, "SELECT p.code FROM bodies b JOIN bodies p ON p.id = b.parent_id WHERE b.code = 'dept'"),
      std::vector<std::string>{"later"});
}

TEST_F(MigrateCopyTest, VerifyNamesTheTableThatDiffers) {
  Result<CopyReport> report = copy();
  ASSERT_TRUE(report) << report.status().message();
  Result<CopyReport> same = verify_installation_copy(*source_, target_->url(), quiet());
  ASSERT_TRUE(same) << same.status().message();
  EXPECT_TRUE(same->verified);
  for (size_t table_idx = 0; table_idx < report->tables.size(); ++table_idx) {
    EXPECT_EQ(same->tables[table_idx].checksum, report->tables[table_idx].checksum)
        << report->tables[table_idx].name;
  }

  struct Case {
    std::string change;  // on the PostgreSQL side
    std::string table;   // the table verification must name
    bool same_count;
  };
  for (const Case& c :
       {Case{"UPDATE items SET title = title || '!' WHERE id = 3", "items", true},
        Case{"UPDATE items SET title = rtrim(title, '!') WHERE id = 3", "", true},
        Case{"UPDATE bodies SET phone = '' WHERE code = 'town'", "bodies", true},
        Case{"UPDATE bodies SET phone = NULL WHERE code = 'town'", "", true},
        Case{"DELETE FROM item_channels WHERE item_id = 4 AND channel = 'weibo'", "item_channels", false}}) {
    std::unique_ptr<store::Connection> to = target_->connect();
    ASSERT_TRUE(to->exec(c.change)) << c.change;
    Result<CopyReport> verified = verify_installation_copy(*source_, target_->url(), quiet());
    ASSERT_TRUE(verified) << verified.status().message();
    if (c.table.empty()) {
      EXPECT_TRUE(verified->verified) << c.change;
      continue;
    }
    EXPECT_FALSE(verified->verified) << c.change;
    ASSERT_NE(verified->first_mismatch(), nullptr) << c.change;
    EXPECT_EQ(verified->first_mismatch()->name, c.table) << c.change;
    EXPECT_EQ(verified->first_mismatch()->rows == verified->first_mismatch()->target_rows, c.same_count);
  }
}

TEST_F(MigrateCopyTest, RefusesWhatItCannotCopy) {
  Result<CopyReport> to_sqlite = copy_installation(*source_, dir_.file("other.db"), quiet());
  ASSERT_FALSE(to_sqlite);
  EXPECT_EQ(to_sqlite.status().code(), StatusCode::kInvalid);

  std::unique_ptr<Installation> on_postgresql = open_or_die(dir_.file("pg"), target_->url(), true);
  ASSERT_TRUE(on_postgresql);
  Result<CopyReport> from_postgresql = copy_installation(*on_postgresql, target_->url(), quiet());
  ASSERT_FALSE(from_postgresql);
  EXPECT_EQ(from_postgresql.status().code(), StatusCode::kInvalid);

  // The calendar that Installation::create loaded counts as data: the target is not empty.
  Result<CopyReport> into_initialised = copy();
  ASSERT_FALSE(into_initialised);
  EXPECT_EQ(into_initialised.status().code(), StatusCode::kConflict);
  EXPECT_NE(into_initialised.status().message().find("calendar_"), std::string::npos)
      << into_initialised.status().message();

  TestDatabase foreign("postgresql");
  std::unique_ptr<store::Connection> conn = foreign.connect();
  ASSERT_TRUE(conn->exec_script("CREATE TABLE someone_elses (id BIGINT PRIMARY KEY)"));
  Result<CopyReport> into_foreign = copy_installation(*source_, foreign.url(), quiet());
  ASSERT_FALSE(into_foreign);
  EXPECT_EQ(into_foreign.status().code(), StatusCode::kInvalid);
  EXPECT_NE(into_foreign.status().message().find("someone_elses"), std::string::npos)
      << into_foreign.status().message();
  EXPECT_EQ(lines_of(*conn, "SELECT COUNT(*) FROM items"), std::vector<std::string>{"0"});
}

// The command line as scripts use it: exit codes of spec/contracts.md and the --json document.
struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

CliRun run_gongkai(const TempDir& dir, const std::string& args) {
  const std::string out = dir.file("cli.out"), err = dir.file("cli.err");
  const std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE " + shell_quote(GONGKAI_BINARY) +
                              " " + args + " >" + shell_quote(out) + " 2>" + shell_quote(err) + " </dev/null";
  const int status = std::system(command.c_str());
  return CliRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

TEST_F(MigrateCopyTest, CommandPrintsTheTablesAndExitsWithTheContractCodes) {
  const std::string where = "--data-dir " + shell_quote(dir_.file("data"));
  const std::string to = " --to " + shell_quote(target_->url());
  CliRun copied = run_gongkai(dir_, "migrate " + where + to + " --json");
  ASSERT_EQ(copied.exit_code, 0) << copied.out << copied.err;
  const nlohmann::json doc = nlohmann::json::parse(copied.out);
  EXPECT_TRUE(doc["verified"].get<bool>());
  ASSERT_TRUE(doc["tables"].is_array());
  bool saw_items = false;
  for (const nlohmann::json& table : doc["tables"]) {
    EXPECT_TRUE(table.contains("name") && table.contains("rows") && table.contains("checksum"))
        << table.dump();
    if (table["name"] == "items") {
      saw_items = true;
      EXPECT_EQ(table["rows"], 7);
    }
  }
  EXPECT_TRUE(saw_items);

  CliRun again = run_gongkai(dir_, "migrate " + where + to);
  EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
  EXPECT_NE(again.err.find("already holds data"), std::string::npos) << again.err;

  CliRun verify = run_gongkai(dir_, "migrate " + where + to + " --verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("verified"), std::string::npos) << verify.out;

  std::unique_ptr<store::Connection> conn = target_->connect();
  ASSERT_TRUE(conn->exec("UPDATE items SET title = 'x' WHERE id = 2"));
  CliRun mismatch = run_gongkai(dir_, "migrate " + where + to + " --verify");
  EXPECT_EQ(mismatch.exit_code, 1) << mismatch.out << mismatch.err;
  EXPECT_NE(mismatch.err.find("table items differs"), std::string::npos) << mismatch.err;

  CliRun bad_url = run_gongkai(dir_, "migrate " + where + " --to " + shell_quote(dir_.file("x.db")));
  EXPECT_EQ(bad_url.exit_code, 2) << bad_url.out << bad_url.err;
  CliRun no_installation = run_gongkai(dir_, "migrate --data-dir " + shell_quote(dir_.file("none")) + to);
  EXPECT_EQ(no_installation.exit_code, 2) << no_installation.out << no_installation.err;
  CliRun plain = run_gongkai(dir_, "migrate " + where);
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  EXPECT_NE(plain.out.find("schema is at version"), std::string::npos) << plain.out;
}

// The demo county, once on SQLite for the whole suite (it takes seconds), against PostgreSQL two ways: copied
// by migrate --to, and generated directly by `gongkai demo --database postgresql://…`.
class MigrateDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (postgresql_left_out()) return;
    dir_ = new TempDir;
    DemoOptions options;
    options.today = kToday;
    options.progress = false;
    Result<DemoReport> demo = create_demo(InstallationOptions{dir_->file("sqlite"), ""}, options);
    ASSERT_TRUE(demo) << demo.status().message();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (postgresql_left_out()) GTEST_SKIP() << "PostgreSQL left out by GONGKAI_TEST_NO_PG=1";
    ASSERT_NE(dir_, nullptr);
    sqlite_ = open_or_die(dir_->file("sqlite"), "", false);
    ASSERT_TRUE(sqlite_);
  }

  // The figures `gongkai stats --body demo-county --year 2020` prints, the current year's, and the county's
  // own.
  static std::vector<StatsQuery> queries() {
    return {stats_query("demo-county", 2020), stats_query("demo-county", 2024),
            stats_query("demo-county", 2020, true)};
  }

  static constexpr const char* kToday = "2024-06-30";
  static TempDir* dir_;
  std::unique_ptr<Installation> sqlite_;
};

TempDir* MigrateDemoTest::dir_ = nullptr;

TEST_F(MigrateDemoTest, TheCopiedDemoCountyHasTheSameFigures) {
  TestDatabase target("postgresql");
  CopyOptions options;
  options.progress = false;
  Result<CopyReport> report = copy_installation(*sqlite_, target.url(), options);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->verified);
  EXPECT_GT(report->rows, 100000);
  std::unique_ptr<Installation> copied = open_or_die(dir_->file("sqlite"), target.url(), false);
  ASSERT_TRUE(copied);
  for (const StatsQuery& query : queries()) {
    const std::map<std::string, int64_t> expected = stats_of(*sqlite_, query);
    EXPECT_GT(expected.at("items_total"), 0);
    EXPECT_EQ(stats_of(*copied, query), expected) << query.body_code << " " << query.year;
  }
}

TEST_F(MigrateDemoTest, TheDemoCountyGeneratedOnPostgresqlHasTheSameFigures) {
  TestDatabase target("postgresql");
  DemoOptions options;
  options.today = kToday;
  options.progress = false;
  const InstallationOptions where{dir_->file("pg"), target.url()};
  Result<DemoReport> demo = create_demo(where, options);
  ASSERT_TRUE(demo) << demo.status().message();
  std::unique_ptr<Installation> on_postgresql = open_or_die(where.data_dir, where.database_url, false);
  ASSERT_TRUE(on_postgresql);
  for (const StatsQuery& query : queries()) {
    EXPECT_EQ(stats_of(*on_postgresql, query), stats_of(*sqlite_, query))
        << query.body_code << " " << query.year;
  }
}

}  // namespace
}  // namespace gongkai::services
