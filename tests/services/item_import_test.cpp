// Tests of `import items` against a real SQLite installation: good JSON Lines and CSV files, every kind of hostile
// record (each reported as file:line: field, with nothing written), GBK input, index-number serials, successors,
// columns, dry runs and attachments.
#include "services/item_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/sha256.h"
#include "services/bodies.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;

// The spec of a body with default index numbering.
BodySpec body_spec(const std::string& code, const std::string& name, const std::string& type,
                   const std::string& parent_code) {
  BodySpec spec;
  spec.code = code;
  spec.name = name;
  spec.type = type;
  spec.parent_code = parent_code;
  return spec;
}

class ItemImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InstallationOptions where;
    where.data_dir = dir_.file("data");
    where.database_url = dir_.file("data/gongkai.db");
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    ASSERT_TRUE(inst) << inst.status().message();
    inst_ = std::move(*inst);
    Result<std::unique_ptr<store::Connection>> conn = inst_->connect();
    ASSERT_TRUE(conn) << conn.status().message();
    conn_ = std::move(*conn);
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    for (const BodySpec& spec : {body_spec("b", "示例县人民政府", "government", ""),
                                 body_spec("dept", "示例县教育局", "department", "b")}) {
      Result<int64_t> id = add_body(*conn_, spec);
      ASSERT_TRUE(id) << id.status().message();
    }
    ASSERT_TRUE(tx.commit());
  }

  // Writes `bytes` to `name` inside the test folder (creating sub-folders) and returns its path.
  std::string write_file(const std::string& name, const std::string& bytes) {
    const fs::path path = fs::path(dir_.path()) / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    EXPECT_TRUE(out.good()) << path;
    return path.string();
  }

  Result<ImportReport> import(const std::string& path, ImportOptions options = {}) {
    options.progress = false;
    return import_items(*inst_, path, options);
  }

  // Imports `content` written to `name` and expects a clean import of `count` records.
  void import_ok(const std::string& name, const std::string& content, size_t count, ImportOptions options = {}) {
    const std::string path = write_file(name, content);
    Result<ImportReport> report = import(path, options);
    ASSERT_TRUE(report) << report.status().message();
    for (const ImportError& e : report->errors) ADD_FAILURE() << e.to_string(path);
    EXPECT_EQ(report->records, count);
    EXPECT_EQ(report->imported, count);
  }

  int64_t count(const std::string& sql) {
    Result<int64_t> n = conn_->query_int(sql);
    EXPECT_TRUE(n) << sql << ": " << n.status().message();
    return n ? *n : -1;
  }

  // One text column of every row of `sql`.
  std::vector<std::string> texts(const std::string& sql) {
    std::vector<std::string> out;
    Result<store::Rows> rows = conn_->query(sql);
    EXPECT_TRUE(rows) << sql << ": " << rows.status().message();
    if (!rows) return out;
    for (const store::Row& row : *rows) out.push_back(row.get_text(0));
    return out;
  }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
};

constexpr const char* kGoodLine = R"({"title":"示例县政务公开工作要点","body":"b","publish_date":"2020-03-05"})";

TEST_F(ItemImportTest, GoodJsonLinesFileImportsWithGeneratedIndexNumbers) {
  const std::string file =
      std::string(kGoodLine) + "\n" +
      R"({"title":"关于做好春节期间安全生产工作的通知","body":"b","publish_date":"2020-01-15","kind":"notice",)"
      R"("doc_number":"示政办发〔2020〕1号","written_date":"2020-01-10","subject":"安全生产",)"
      R"("channels":["portal","weibo"],"key_area":true,"emergency":true,"source_url":"http://example.gov.cn/1",)"
      R"("content":"<p>第一段，含逗号</p>"})"
      "\r\n\n"  // CRLF and a blank line
      R"({"title":"教育局动态","body":"dept","publish_date":"2020-06-01"})"
      "\n" R"({"title":"次年","body":"b","publish_date":"2021-01-04"})";
  import_ok("good.jsonl", file, 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 4);
  EXPECT_EQ(texts("SELECT index_number FROM items ORDER BY id"),
            (std::vector<std::string>{"b/2020-00001", "b/2020-00002", "dept/2020-00001", "b/2021-00001"}));
  EXPECT_EQ(texts("SELECT kind || '|' || doc_number || '|' || written_date || '|' || subject || '|' || key_area || "
                  "'|' || emergency || '|' || source_url || '|' || content FROM items WHERE id = 2"),
            (std::vector<std::string>{"notice|示政办发〔2020〕1号|2020-01-10|安全生产|1|1|http://example.gov.cn/1|"
                                      "<p>第一段，含逗号</p>"}));
  EXPECT_EQ(texts("SELECT channel FROM item_channels WHERE item_id = 2 ORDER BY channel"),
            (std::vector<std::string>{"portal", "weibo"}));
  EXPECT_EQ(texts("SELECT channel FROM item_channels WHERE item_id = 1"), (std::vector<std::string>{"portal"}));
  EXPECT_EQ(texts("SELECT kind FROM items WHERE id = 1"), (std::vector<std::string>{"news"}));

  // A second file continues the serials.
  import_ok("more.jsonl", std::string(kGoodLine) + "\n", 1);
  EXPECT_EQ(texts("SELECT index_number FROM items WHERE id = 5"), (std::vector<std::string>{"b/2020-00003"}));
}

TEST_F(ItemImportTest, GoodCsvFileImports) {
  const std::string file =
      "\xEF\xBB\xBFtitle,body,publish_date,kind,channels,key_area,emergency,content,doc_number\r\n"
      "通知一,b,2020-02-01,notice,portal;wechat,是,否,\"第一段, 第二段\r\n\"\"引用\"\"\",\r\n"
      "通知二,dept,2020-02-02,,weibo、disclosure_site,false,1,,示教〔2020〕2号\r\n"
      "\r\n"
      " 通知三 ,b,2020-02-03,news,,0,true,plain,\r\n";
  import_ok("good.csv", file, 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 3);
  EXPECT_EQ(texts("SELECT index_number || '|' || title || '|' || kind || '|' || key_area || '|' || emergency || "
                  "'|' || coalesce(doc_number, '-') FROM items ORDER BY id"),
            (std::vector<std::string>{"b/2020-00001|通知一|notice|1|0|-", "dept/2020-00001|通知二|news|0|1|示教〔2020〕2号",
                                      "b/2020-00002| 通知三 |news|0|1|-"}));
  EXPECT_EQ(texts("SELECT content FROM items WHERE id = 1"), (std::vector<std::string>{"第一段, 第二段\r\n\"引用\""}));
  EXPECT_EQ(texts("SELECT channel FROM item_channels WHERE item_id = 1 ORDER BY channel"),
            (std::vector<std::string>{"portal", "wechat"}));
  EXPECT_EQ(texts("SELECT channel FROM item_channels WHERE item_id = 2 ORDER BY channel"),
            (std::vector<std::string>{"disclosure_site", "weibo"}));
  EXPECT_EQ(texts("SELECT channel FROM item_channels WHERE item_id = 3"), (std::vector<std::string>{"portal"}));
}

TEST_F(ItemImportTest, FileWithoutCsvExtensionIsSniffed) {
  import_ok("items.txt", "title,body,publish_date\n通知,b,2020-02-01\n", 1);
  import_ok("items.dat", std::string(kGoodLine) + "\n", 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 2);
}

struct HostileCase {
  const char* what;
  const char* file_name;
  std::string content;
  size_t line;
  const char* field;         // ImportError::field
  const char* message_part;  // part of ImportError::message
};

const std::string kHeader = "title,body,publish_date\n";
const std::string kGood = kGoodLine;

std::string line_with(const std::string& fields) {
  return R"({"title":"通知","body":"b","publish_date":"2020-03-05",)" + fields + "}";
}

const HostileCase kHostileCases[] = {
    {"impossible date", "f.jsonl", kGood + "\n" + R"({"title":"t","body":"b","publish_date":"2021-02-30"})", 2,
     "publish_date", "not a valid date"},
    {"slashed date", "f.jsonl", R"({"title":"t","body":"b","publish_date":"2020/03/05"})", 1, "publish_date",
     "not a valid date"},
    {"missing title", "f.jsonl", kGood + "\n" + R"({"body":"b","publish_date":"2020-03-05"})", 2, "title",
     "required"},
    {"null title", "f.jsonl", R"({"title":null,"body":"b","publish_date":"2020-03-05"})", 1, "title", "required"},
    {"empty title", "f.jsonl", R"({"title":"","body":"b","publish_date":"2020-03-05"})", 1, "title", "required"},
    {"missing body", "f.jsonl", R"({"title":"t","publish_date":"2020-03-05"})", 1, "body", "required"},
    {"missing publish_date", "f.jsonl", R"({"title":"t","body":"b"})", 1, "publish_date", "required"},
    {"unknown body code", "f.jsonl", kGood + "\n" + kGood + "\n" +
     R"({"title":"t","body":"nope","publish_date":"2020-03-05"})", 3, "body", "'nope'"},
    {"unknown kind", "f.jsonl", line_with(R"("kind":"gossip")"), 1, "kind", "not a known kind"},
    {"unknown channel", "f.jsonl", line_with(R"("channels":["portal","tiktok"])"), 1, "channels", "tiktok"},
    {"duplicate channel", "f.jsonl", line_with(R"("channels":["weibo","weibo"])"), 1, "channels", "twice"},
    {"channels not a list", "f.jsonl", line_with(R"("channels":"portal")"), 1, "channels", "list"},
    {"written after published", "f.jsonl", line_with(R"("written_date":"2020-03-06")"), 1, "written_date",
     "after publish_date"},
    {"bad written date", "f.jsonl", line_with(R"("written_date":"2020-02-30")"), 1, "written_date",
     "not a valid date"},
    {"index number twice in the file", "f.jsonl",
     line_with(R"("index_number":"b/2020-00042")") + "\n" + line_with(R"("index_number":"b/2020-00042")"), 2,
     "index_number", "twice"},
    {"not JSON", "f.jsonl", kGood + "\n{title: nope", 2, "(line)", "not valid JSON"},
    {"truncated JSON", "f.jsonl", R"({"title":"t","body":"b")", 1, "(line)", "not valid JSON"},
    {"JSON array", "f.jsonl", kGood + "\n[1,2,3]", 2, "(line)", "not a JSON object"},
    {"JSON string", "f.jsonl", "\"just a string\"", 1, "(line)", "not a JSON object"},
    {"title is a number", "f.jsonl", R"({"title":5,"body":"b","publish_date":"2020-03-05"})", 1, "title",
     "must be a string"},
    {"key_area is a string", "f.jsonl", line_with(R"("key_area":"yes")"), 1, "key_area", "true or false"},
    {"unknown field titel", "f.jsonl", R"({"titel":"t","body":"b","publish_date":"2020-03-05"})", 1, "titel",
     "not a known field"},
    {"title with a newline", "f.jsonl", R"({"title":"first\nsecond","body":"b","publish_date":"2020-03-05"})", 1,
     "title", "control character"},
    {"title with a tab", "f.jsonl", R"({"title":"a\tb","body":"b","publish_date":"2020-03-05"})", 1, "title",
     "control character"},
    {"title too long", "f.jsonl",
     R"({"title":")" + std::string(1001, 'x') + R"(","body":"b","publish_date":"2020-03-05"})", 1, "title",
     "longer than"},
    {"doc_number with a control character", "f.jsonl", line_with(R"("doc_number":"a\u0007b")"), 1, "doc_number",
     "control character"},
    {"unknown validity", "f.jsonl", line_with(R"("validity":"maybe")"), 1, "validity", "not one of"},
    {"amended without successor", "f.jsonl", line_with(R"("validity":"修订后有效")"), 1, "superseded_by",
     "required"},
    {"validity date before publication", "f.jsonl",
     line_with(R"("validity":"失效","validity_date":"2020-01-01")"), 1, "validity_date", "before publish_date"},
    {"unknown successor", "f.jsonl", line_with(R"("validity":"废止","superseded_by":"b/2019-99999")"), 1,
     "superseded_by", "b/2019-99999"},
    {"unknown interpreted document", "f.jsonl",
     line_with(R"("kind":"interpretation","interprets":"b/2019-99999")"), 1, "interprets", "b/2019-99999"},
    {"attachment with ..", "f.jsonl", line_with(R"("attachments":["files/../../secret.txt"])"), 1, "attachments",
     "inside the import file's folder"},
    {"attachment with an absolute path", "f.jsonl", line_with(R"("attachments":["/etc/passwd"])"), 1,
     "attachments", "inside the import file's folder"},
    {"missing attachment", "f.jsonl", line_with(R"("attachments":["missing.pdf"])"), 1, "attachments",
     "not found"},
    {"unknown column", "f.jsonl", line_with(R"("column":"政府信息公开/不存在")"), 1, "column", "--create-columns"},
    {"CSV with an unknown column", "f.csv", "title,body,publish_date,colour\nt,b,2020-03-05,red\n", 1, "colour",
     "not a known column"},
    {"CSV missing a required column", "f.csv", "title,body\nt,b\n", 1, "publish_date", "required"},
    {"CSV column twice", "f.csv", "title,body,publish_date,title\nt,b,2020-03-05,u\n", 1, "title", "twice"},
    {"CSV with too few fields", "f.csv", kHeader + "t,b,2020-03-05\nt,b\n", 3, "(line)", "2 fields"},
    {"CSV with too many fields", "f.csv", kHeader + "t,b,2020-03-05,extra\n", 2, "(line)", "4 fields"},
    {"CSV empty required cell", "f.csv", kHeader + ",b,2020-03-05\n", 2, "title", "required"},
    {"CSV bad boolean", "f.csv", "title,body,publish_date,key_area\nt,b,2020-03-05,maybe\n", 2, "key_area",
     "'maybe'"},
    {"CSV bad date after a multi-line record", "f.csv",
     "title,body,publish_date,content\nt,b,2020-03-05,\"a\nb\nc\"\nt,b,2021-02-30,x\n", 5, "publish_date",
     "not a valid date"},
    {"CSV title with a line break", "f.csv", kHeader + "\"first\nsecond\",b,2020-03-05\n", 2, "title",
     "control character"},
};

TEST_F(ItemImportTest, HostileRecordsAreReportedAndNothingIsWritten) {
  for (const HostileCase& c : kHostileCases) {
    SCOPED_TRACE(c.what);
    const std::string path = write_file(c.file_name, c.content);
    Result<ImportReport> report = import(path);
    ASSERT_TRUE(report) << report.status().message();
    EXPECT_EQ(report->imported, 0u);
    ASSERT_FALSE(report->errors.empty());
    bool found = false;
    std::string all;
    for (const ImportError& e : report->errors) {
      all += e.to_string(path) + "\n";
      if (e.line != c.line || e.field != c.field || e.message.find(c.message_part) == std::string::npos) continue;
      found = true;
      const std::string text = e.to_string(path);
      const std::string location = path + ":" + std::to_string(c.line) + ": ";
      EXPECT_TRUE(text.starts_with(location)) << text;
      if (e.field != "(line)") {
        EXPECT_TRUE(text.starts_with(location + c.field + ": ")) << text;
      }
    }
    EXPECT_TRUE(found) << "expected " << c.line << " " << c.field << " '" << c.message_part << "' among:\n" << all;
    EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM index_serials"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM columns"), 0);
  }
}

TEST_F(ItemImportTest, ErrorsAreSortedByLine) {
  const std::string path = write_file("f.jsonl", R"({"title":"t","body":"nope","publish_date":"2020-03-05"})"
                                                 "\n" R"({"title":"t","body":"b","publish_date":"2021-02-30"})");
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].line, 1u);
  EXPECT_EQ(report->errors[0].field, "body");
  EXPECT_EQ(report->errors[1].line, 2u);
  EXPECT_EQ(report->errors[1].field, "publish_date");
}

TEST_F(ItemImportTest, OneBadLineAmongGoodOnesImportsNothing) {
  const std::string path =
      write_file("mixed.jsonl", std::string(kGoodLine) + "\n" +
                                    R"({"title":"t","body":"b","publish_date":"2020-13-01"})" + "\n" + kGoodLine);
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].to_string(path).substr(0, path.size() + 17), path + ":2: publish_date:");
  EXPECT_EQ(report->records, 3u);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM item_channels"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_outbox"), 0);
}

TEST_F(ItemImportTest, IndexNumberAlreadyInTheDatabaseIsAnError) {
  import_ok("first.jsonl", line_with(R"("index_number":"b/2020-00001")"), 1);
  const std::string path = write_file("second.jsonl", kGood + "\n" + line_with(R"("index_number":"b/2020-00001")"));
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].to_string(path), path + ":2: index_number: b/2020-00001 is already used");
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 1);
}

TEST_F(ItemImportTest, OverlongLineIsRefused) {
  const std::string huge(10 * 1024 * 1024, 'x');
  const struct {
    const char* name;
    std::string content;
    size_t line;
  } cases[] = {
      {"huge.jsonl", kGood + "\n" + R"({"title":"t","body":"b","publish_date":"2020-03-05","content":")" + huge +
                         "\"}\n",
       2},
      {"huge.csv", "title,body,publish_date,content\nt,b,2020-03-05," + huge + "\n", 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = write_file(c.name, c.content);
    Result<ImportReport> report = import(path);
    ASSERT_TRUE(report) << report.status().message();
    ASSERT_EQ(report->errors.size(), 1u);
    EXPECT_EQ(report->errors[0].line, c.line);
    const std::string text = report->errors[0].to_string(path);
    EXPECT_TRUE(text.starts_with(path + ":2: ")) << text;
    EXPECT_NE(text.find("over the limit"), std::string::npos) << text;
    EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
  }
}

TEST_F(ItemImportTest, InvalidUtf8IsAFileLevelError) {
  const std::string path = write_file("latin1.csv", kHeader + "caf\xe9,b,2020-03-05\n");
  Result<ImportReport> report = import(path);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.status().code(), StatusCode::kInvalid);
  EXPECT_NE(report.status().message().find(path + ":2:"), std::string::npos) << report.status().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
}

TEST_F(ItemImportTest, UnterminatedCsvQuoteIsAFileLevelError) {
  const std::string path = write_file("open.csv", kHeader + "\"never closed,b,2020-03-05\n");
  Result<ImportReport> report = import(path);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.status().code(), StatusCode::kInvalid);
  EXPECT_NE(report.status().message().find(path + ":2:"), std::string::npos) << report.status().message();
}

TEST_F(ItemImportTest, MissingFileIsAFileLevelError) {
  Result<ImportReport> report = import(dir_.file("no-such-file.jsonl"));
  ASSERT_FALSE(report);
  EXPECT_NE(report.status().message().find("no-such-file.jsonl"), std::string::npos);
}

TEST_F(ItemImportTest, GbkCsvImportsWithChineseIntact) {
  const std::vector<std::string> titles = {
      "关于印发《示例县2020年政务公开工作要点》的通知",
      "示例县人民政府办公室关于做好2020年春节期间安全生产工作的通知",
      "县教育局：“双减”政策解读（第一期）",
  };
  std::string utf8 = "title,body,publish_date,subject\n";
  for (const std::string& title : titles) utf8 += title + ",b,2020-04-01,教育\n";
  Result<std::string> gbk = io::utf8_to_gb18030(utf8);
  ASSERT_TRUE(gbk);
  const std::string path = write_file("gbk.csv", *gbk);
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->encoding, io::SourceEncoding::kGb18030);
  EXPECT_EQ(report->imported, titles.size());
  EXPECT_EQ(texts("SELECT title FROM items ORDER BY id"), titles);
  EXPECT_EQ(texts("SELECT DISTINCT subject FROM items"), (std::vector<std::string>{"教育"}));
}

TEST_F(ItemImportTest, Utf8FileReportsUtf8) {
  const std::string path = write_file("u.jsonl", kGood);
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->encoding, io::SourceEncoding::kUtf8);
}

TEST_F(ItemImportTest, MarkupInTitleIsStoredVerbatim) {
  import_ok("xss.jsonl",
            R"({"title":"<script>alert(1)</script>","body":"b","publish_date":"2020-03-05",)"
            R"("content":"<img src=x onerror=alert(1)> & &amp;"})",
            1);
  EXPECT_EQ(texts("SELECT title FROM items"), (std::vector<std::string>{"<script>alert(1)</script>"}));
  EXPECT_EQ(texts("SELECT content FROM items"), (std::vector<std::string>{"<img src=x onerror=alert(1)> & &amp;"}));
}

TEST_F(ItemImportTest, ExplicitIndexNumbersRaiseTheSerialHighWaterMark) {
  import_ok("explicit.jsonl", line_with(R"("index_number":"b/2020-00007")"), 1);
  import_ok("generated.jsonl", kGood, 1);
  EXPECT_EQ(texts("SELECT index_number FROM items ORDER BY id"),
            (std::vector<std::string>{"b/2020-00007", "b/2020-00008"}));
}

TEST_F(ItemImportTest, ExplicitIndexNumberLaterInTheSameFileIsNotGeneratedTwice) {
  import_ok("same-file.jsonl",
            kGood + "\n" + line_with(R"("index_number":"b/2020-00002")") + "\n" + kGood + "\n", 3);
  EXPECT_EQ(texts("SELECT index_number FROM items ORDER BY id"),
            (std::vector<std::string>{"b/2020-00003", "b/2020-00002", "b/2020-00004"}));
}

TEST_F(ItemImportTest, IndexNumbersOfAnotherSchemeLeaveSerialsAlone) {
  import_ok("other.jsonl",
            line_with(R"("index_number":"000014349/2020-00110")") + "\n" +
                line_with(R"("index_number":"b/2019-00050")") + "\n" + kGood,
            3);
  EXPECT_EQ(texts("SELECT index_number FROM items ORDER BY id"),
            (std::vector<std::string>{"000014349/2020-00110", "b/2019-00050", "b/2020-00001"}));
}

TEST_F(ItemImportTest, GeneratedNumberSkipsExplicitNumberOfAnotherPublishYear) {
  // 索引号 often carry the year the document was registered, not the year it went online: an item published on
  // 2021-01-05 may be b/2020-00001. A 2020 item without a number must then not be given b/2020-00001 again.
  const std::string path = write_file(
      "years.jsonl", R"({"title":"t","body":"b","publish_date":"2021-01-05","index_number":"b/2020-00001"})"
                     "\n" + kGood + "\n");
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(texts("SELECT index_number FROM items ORDER BY id"),
            (std::vector<std::string>{"b/2020-00001", "b/2020-00002"}));
}

TEST_F(ItemImportTest, SelfSupersessionIsReportedWithItsLine) {
  const std::string path =
      write_file("self.jsonl", kGood + "\n" +
                                   line_with(R"("index_number":"b/2020-00005","validity":"失效",)"
                                             R"("superseded_by":"b/2020-00005")"));
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report) << "a record problem must be reported as file:line: field, got the file-level status: "
                      << report.status().message();
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].line, 2u);
  EXPECT_EQ(report->errors[0].field, "superseded_by");
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
}

TEST_F(ItemImportTest, ColumnPathWithAnEmptySegmentIsAnError) {
  ImportOptions options;
  options.create_columns = true;
  for (const char* column : {"政府信息公开//政策文件", "/新闻", "新闻/", "/"}) {
    SCOPED_TRACE(column);
    const std::string path = write_file("empty-segment.jsonl", line_with(R"("column":")" + std::string(column) + "\""));
    Result<ImportReport> report = import(path, options);
    ASSERT_TRUE(report) << report.status().message();
    ASSERT_EQ(report->errors.size(), 1u) << "imported with column '" << column << "'";
    EXPECT_EQ(report->errors[0].field, "column");
    EXPECT_EQ(count("SELECT COUNT(*) FROM columns WHERE name = ''"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
  }
}

TEST_F(ItemImportTest, OversizedAttachmentIsAnError) {
  const std::string big = write_file("files/big.zip", "");
  fs::resize_file(big, static_cast<uintmax_t>(kMaxAttachmentBytes) + 1);  // sparse: costs no disk
  const std::string path = write_file("big.jsonl", line_with(R"("attachments":["files/big.zip"])"));
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].to_string(path), path + ":1: attachments: file 'files/big.zip' is larger than 100 MiB");
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 0);
}

TEST_F(ItemImportTest, SuccessorsResolveWithinTheFileAndToExistingItems) {
  import_ok("existing.jsonl", line_with(R"("index_number":"b/2019-00001","kind":"normative","validity":"有效")"),
            1);
  import_ok("successors.jsonl",
            line_with(R"("index_number":"b/2020-00001","validity":"失效","superseded_by":"b/2020-00002",)"
                      R"("validity_date":"2020-06-01")") + "\n" +
                line_with(R"("index_number":"b/2020-00002","validity":"有效")") + "\n" +
                line_with(R"("validity":"修订后有效","superseded_by":"b/2019-00001")"),
            3);
  EXPECT_EQ(texts("SELECT i.index_number || '>' || coalesce(s.index_number, '-') || '|' || coalesce(i.validity, '-') "
                  "|| '|' || coalesce(i.validity_changed_on, '-') FROM items i LEFT JOIN items s "
                  "ON s.id = i.superseded_by ORDER BY i.id"),
            (std::vector<std::string>{"b/2019-00001>-|有效|2020-03-05", "b/2020-00001>b/2020-00002|失效|2020-06-01",
                                      "b/2020-00002>-|有效|2020-03-05", "b/2020-00003>b/2019-00001|修订后有效|2020-03-05"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM validity_events"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM validity_events WHERE superseded_by IS NOT NULL"), 2);
}

TEST_F(ItemImportTest, CreateColumnsCreatesThePath) {
  const std::string path_text = "政府信息公开/法定主动公开内容/政策文件";
  const std::string file = line_with(R"("column":")" + path_text + R"(")") + "\n" +
                           line_with(R"("column":")" + path_text + R"(")") + "\n" +
                           line_with(R"("column":"新闻动态")");
  // Without --create-columns the unknown paths are errors.
  const std::string path = write_file("cols.jsonl", file);
  Result<ImportReport> refused = import(path);
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->errors.size(), 3u);
  EXPECT_EQ(refused->errors[0].field, "column");
  EXPECT_EQ(count("SELECT COUNT(*) FROM columns"), 0);

  ImportOptions options;
  options.create_columns = true;
  import_ok("cols.jsonl", file, 3, options);
  EXPECT_EQ(texts("SELECT c.path || '|' || c.name || '|' || c.type || '|' || coalesce(p.path, '-') FROM columns c "
                  "LEFT JOIN columns p ON p.id = c.parent_id ORDER BY c.path"),
            (std::vector<std::string>{"政府信息公开|政府信息公开|disclosure|-",
                                      "政府信息公开/法定主动公开内容|法定主动公开内容|statutory|政府信息公开",
                                      "政府信息公开/法定主动公开内容/政策文件|政策文件|policy|政府信息公开/法定主动公开内容",
                                      "新闻动态|新闻动态|news|-"}));
  EXPECT_EQ(texts("SELECT c.path FROM items i JOIN columns c ON c.id = i.column_id ORDER BY i.id"),
            (std::vector<std::string>{path_text, path_text, "新闻动态"}));

  // Now the columns exist, so a plain import into them is fine.
  import_ok("again.jsonl", line_with(R"("column":")" + path_text + R"(")"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM columns"), 4);
}

TEST_F(ItemImportTest, DryRunWritesNothing) {
  const std::string path =
      write_file("dry.jsonl", kGood + "\n" + line_with(R"("index_number":"b/2020-00009","column":"新栏目")"));
  ImportOptions options;
  options.dry_run = true;
  options.create_columns = true;
  Result<ImportReport> report = import(path, options);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->records, 2u);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM columns"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM index_serials"), 0);

  const std::string bad = write_file("dry-bad.jsonl", R"({"title":"t","body":"b","publish_date":"2021-02-30"})");
  Result<ImportReport> bad_report = import(bad, options);
  ASSERT_TRUE(bad_report);
  EXPECT_EQ(bad_report->errors.size(), 1u);
}

TEST_F(ItemImportTest, AttachmentsAreStoredByContentHash) {
  const std::string pdf = "%PDF-1.4 fake body\n";
  const std::string txt = "附件说明";
  write_file("files/附件1.pdf", pdf);
  write_file("files/notes.txt", txt);
  import_ok("files-import.jsonl",
            line_with(R"("attachments":["files/附件1.pdf","files/notes.txt"])") + "\n" +
                line_with(R"("attachments":["files/附件1.pdf"])"),
            2);
  for (const std::string& bytes : {pdf, txt}) {
    const std::string sha = sha256_hex(bytes);
    const fs::path stored = fs::path(inst_->data_dir()) / "attachments" / sha.substr(0, 2) / sha;
    ASSERT_TRUE(fs::is_regular_file(stored)) << stored;
    std::ifstream in(stored, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), bytes);
  }
  EXPECT_EQ(texts("SELECT item_id || '|' || position || '|' || file_name || '|' || sha256 FROM item_attachments "
                  "ORDER BY item_id, position"),
            (std::vector<std::string>{"1|0|附件1.pdf|" + sha256_hex(pdf), "1|1|notes.txt|" + sha256_hex(txt),
                                      "2|0|附件1.pdf|" + sha256_hex(pdf)}));
  EXPECT_EQ(texts("SELECT size_bytes || '|' || mime_type FROM blobs ORDER BY mime_type"),
            (std::vector<std::string>{std::to_string(pdf.size()) + "|application/pdf",
                                      std::to_string(txt.size()) + "|text/plain"}));
}

TEST_F(ItemImportTest, AttachmentThatIsAFolderIsAnError) {
  fs::create_directories(dir_.file("folder"));
  const std::string path = write_file("f.jsonl", line_with(R"("attachments":["folder"])"));
  Result<ImportReport> report = import(path);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].field, "attachments");
  EXPECT_EQ(count("SELECT COUNT(*) FROM blobs"), 0);
}

}  // namespace
}  // namespace gongkai::services
