// Tests of `export items`: its output imports into a fresh installation with the same bodies and exports again
// byte for byte (JSON Lines and CSV, attachments included), and the filters select the right items.
#include "services/item_export.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/sha256.h"
#include "services/bodies.h"
#include "services/item_import.h"
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

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

// The source data: every field of the format, successors inside the file, attachments, awkward content.
const char* const kSourceLines[] = {
    R"({"index_number":"b/2020-00010","title":"关于废止《示例县农村道路管理办法》的决定","body":"b",)"
    R"("publish_date":"2020-03-05","written_date":"2020-03-01","doc_number":"示政发〔2020〕3号","kind":"normative",)"
    R"("column":"政府信息公开/法定主动公开内容/政策文件","subject":"交通","validity":"失效","validity_date":"2020-12-01",)"
    R"("superseded_by":"b/2020-00011","channels":["portal","disclosure_site","wechat"],"key_area":true,)"
    R"("emergency":false,"source_url":"http://www.example.gov.cn/a/1.html?x=1,2",)"
    R"("attachments":["files/正文.pdf","files/data.xlsx"],)"
    R"("content":"第一条，\"引号\"，comma, and\nnew line\r\nCRLF line; semicolon | pipe、顿号 \"\"doubled\"\""})",
    R"({"index_number":"b/2020-00011","title":"示例县农村道路管理办法（2020年修订）","body":"b",)"
    R"("publish_date":"2020-11-20","kind":"normative","validity":"有效","channels":["portal"]})",
    R"({"title":"防汛应急预案启动","body":"b","publish_date":"2020-07-01","kind":"notice","emergency":true,)"
    R"("channels":["weibo","wechat"],"content":"<p class=\"alert\">HTML &amp; entities</p>"})",
    R"({"title":"教育局规范性文件","body":"dept","publish_date":"2020-05-05","kind":"normative",)"
    R"("validity":"修订后有效","superseded_by":"b/2020-00011","validity_date":"2020-11-20","column":"通知公告",)"
    R"("attachments":["files/正文.pdf"]})",
    R"({"title":"空内容","body":"dept","publish_date":"2021-02-01"})",
    R"({"title":" spaces kept ","body":"b","publish_date":"2021-03-01","content":"  leading and trailing  ",)"
    R"("key_area":true})",
    R"({"title":"《示例县农村道路管理办法（2020年修订）》解读","body":"b","publish_date":"2020-11-21",)"
    R"("kind":"interpretation","interprets":"b/2020-00011","interpretation_forms":["text","audio"]})",
};
const std::string kPdf = "%PDF-1.4\n binary \x01\x02\xff bytes";
const std::string kXlsx = "PK\x03\x04 not really a spreadsheet";

class ItemExportTest : public ::testing::Test {
 protected:
  // A fresh installation in <test dir>/<name> with the bodies b (government) and dept (below b).
  std::unique_ptr<Installation> make_installation(const std::string& name) {
    InstallationOptions where;
    where.data_dir = dir_.file(name);
    where.database_url = dir_.file(name + "/gongkai.db");
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    EXPECT_TRUE(inst) << inst.status().message();
    if (!inst) return nullptr;
    Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
    EXPECT_TRUE(conn);
    if (!conn) return nullptr;
    store::Transaction tx(**conn, store::TxMode::kWrite);
    EXPECT_TRUE(tx.status());
    for (const BodySpec& spec : {body_spec("b", "示例县人民政府", "government", ""),
                                 body_spec("dept", "示例县教育局", "department", "b")}) {
      Result<int64_t> id = add_body(**conn, spec);
      EXPECT_TRUE(id) << id.status().message();
    }
    EXPECT_TRUE(tx.commit());
    return std::move(*inst);
  }

  // Imports `path` (all or nothing, creating columns) and expects no errors.
  void import_clean(Installation& inst, const std::string& path, size_t expected_count) {
    ImportOptions options;
    options.create_columns = true;
    options.progress = false;
    Result<ImportReport> report = import_items(inst, path, options);
    ASSERT_TRUE(report) << report.status().message();
    for (const ImportError& e : report->errors) ADD_FAILURE() << e.to_string(path);
    EXPECT_EQ(report->imported, expected_count);
  }

  // The source installation, loaded from kSourceLines.
  std::unique_ptr<Installation> make_source() {
    std::unique_ptr<Installation> inst = make_installation("source");
    if (!inst) return nullptr;
    std::string text;
    for (const char* line : kSourceLines) text += std::string(line) + "\n";
    write_file(dir_.file("input/items.jsonl"), text);
    write_file(dir_.file("input/files/正文.pdf"), kPdf);
    write_file(dir_.file("input/files/data.xlsx"), kXlsx);
    import_clean(*inst, dir_.file("input/items.jsonl"), std::size(kSourceLines));
    return inst;
  }

  // Exports everything from `inst` into <test dir>/<folder>/items.<ext> with attachments beside it, as
  // `gongkai export items --out` does, and returns the text written.
  std::string export_to(Installation& inst, const std::string& folder, bool csv,
                        size_t expected_count = std::size(kSourceLines)) {
    const fs::path out_dir = dir_.file(folder);
    fs::create_directories(out_dir);
    ExportOptions options;
    options.csv = csv;
    options.attachments_dir = (out_dir / "items-attachments").string();
    options.relative_base = out_dir.string();
    std::ostringstream out;
    Result<int64_t> n = export_items(inst, options, out);
    EXPECT_TRUE(n) << n.status().message();
    EXPECT_EQ(n ? *n : -1, static_cast<int64_t>(expected_count));
    write_file(out_dir / (csv ? "items.csv" : "items.jsonl"), out.str());
    return out.str();
  }

  std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  gongkai::testing::TempDir dir_;
};

TEST_F(ItemExportTest, ExportCarriesEveryField) {
  std::unique_ptr<Installation> source = make_source();
  ASSERT_TRUE(source);
  const std::string exported = export_to(*source, "out", false);
  std::vector<nlohmann::json> lines = json_lines(exported);
  ASSERT_EQ(lines.size(), std::size(kSourceLines));

  // Every source line comes back as it went in, apart from the generated index numbers, the default kind and
  // channel, and attachments now listed under the export's folder.
  const std::string pdf_path = "items-attachments/" + sha256_hex(kPdf) + "/正文.pdf";
  const std::string xlsx_path = "items-attachments/" + sha256_hex(kXlsx) + "/data.xlsx";
  const std::string portal = R"("channels":["portal"])";
  const std::string news = R"("kind":"news")";
  const std::string filled_in[] = {
      R"({"attachments":[")" + pdf_path + R"(",")" + xlsx_path + R"("]})",
      "{}",
      R"({"index_number":"b/2020-00012"})",
      R"({"index_number":"dept/2020-00001","attachments":[")" + pdf_path + R"("],)" + portal + "}",
      R"({"index_number":"dept/2021-00001",)" + news + "," + portal + "}",
      R"({"index_number":"b/2021-00001",)" + news + "," + portal + "}",
      R"({"index_number":"b/2020-00013",)" + portal + "}",
  };
  for (size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
    nlohmann::json expected = nlohmann::json::parse(kSourceLines[line_idx]);
    expected.update(nlohmann::json::parse(filled_in[line_idx]));
    if (!expected.contains("key_area")) expected["key_area"] = false;
    if (!expected.contains("emergency")) expected["emergency"] = false;
    EXPECT_EQ(lines[line_idx], expected) << "line " << line_idx + 1;
  }
  EXPECT_EQ(read_file(dir_.file("out/" + pdf_path)), kPdf);
  EXPECT_EQ(read_file(dir_.file("out/" + xlsx_path)), kXlsx);
  // Field order follows item_columns(), so exports are stable.
  EXPECT_TRUE(exported.starts_with(R"({"index_number":"b/2020-00010","body":"b","title":)")) << exported;
}

TEST_F(ItemExportTest, JsonLinesRoundTripIsLossless) {
  std::unique_ptr<Installation> source = make_source();
  ASSERT_TRUE(source);
  const std::string first = export_to(*source, "first", false);

  std::unique_ptr<Installation> copy = make_installation("copy");
  ASSERT_TRUE(copy);
  import_clean(*copy, dir_.file("first/items.jsonl"), std::size(kSourceLines));
  const std::string second = export_to(*copy, "second", false);
  EXPECT_EQ(second, first);
  EXPECT_EQ(read_file(dir_.file("second/items-attachments/" + sha256_hex(kPdf) + "/正文.pdf")), kPdf);
}

// The own fields of a decision-making openness kind travel in JSON Lines as "facts" (domain/kind_fields.h); a
// bad value is refused by field and nothing is imported.
TEST_F(ItemExportTest, JsonLinesCarryTheFactsOfDecisionKinds) {
  std::unique_ptr<Installation> inst = make_installation("facts");
  ASSERT_TRUE(inst);
  const std::string survey =
      R"({"title":"2020年城区公交线路满意度调查","body":"b","publish_date":"2020-04-01","kind":"survey",)"
      R"("facts":{"topic":"城区公交线路","starts_on":"2020-04-01","ends_on":"2020-04-30","responses":"1203"}})";
  write_file(dir_.file("facts-in/bad.jsonl"),
             R"({"title":"x","body":"b","publish_date":"2020-04-01","kind":"survey",)"
             R"("facts":{"responses":"很多"}})"
             "\n");
  ImportOptions options;
  options.progress = false;
  Result<ImportReport> bad = import_items(*inst, dir_.file("facts-in/bad.jsonl"), options);
  ASSERT_TRUE(bad) << bad.status().message();
  ASSERT_EQ(bad->errors.size(), 1u);
  EXPECT_EQ(bad->errors[0].field, "fact.responses");
  EXPECT_EQ(bad->imported, 0u);
  write_file(dir_.file("facts-in/items.jsonl"), survey + "\n");
  import_clean(*inst, dir_.file("facts-in/items.jsonl"), 1);
  ExportOptions export_options;
  std::ostringstream out;
  ASSERT_TRUE(export_items(*inst, export_options, out));
  const nlohmann::json exported = nlohmann::json::parse(out.str());
  EXPECT_EQ(exported["facts"], nlohmann::json::parse(survey)["facts"]);
}

// In CSV the facts are one JSON cell "facts" (as export writes it) or, for spreadsheets, a column "fact.<code>"
// each; both import, a column naming no field of any kind is a header error, and a CSV round trip keeps them.
TEST_F(ItemExportTest, CsvCarriesTheFactsOfDecisionKinds) {
  std::unique_ptr<Installation> inst = make_installation("csv-facts");
  ASSERT_TRUE(inst);
  ImportOptions options;
  options.progress = false;
  write_file(dir_.file("csv-facts-in/typo.csv"),
             "title,body,publish_date,kind,fact.topc\n2020年公交满意度调查,b,2020-04-01,survey,城区公交线路\n");
  Result<ImportReport> typo = import_items(*inst, dir_.file("csv-facts-in/typo.csv"), options);
  ASSERT_TRUE(typo) << typo.status().message();
  ASSERT_FALSE(typo->errors.empty());
  EXPECT_EQ(typo->errors[0].field, "fact.topc");
  EXPECT_EQ(typo->imported, 0u);
  write_file(dir_.file("csv-facts-in/bad.csv"),
             "title,body,publish_date,kind,fact.responses\n2020年公交满意度调查,b,2020-04-01,survey,很多\n");
  Result<ImportReport> bad = import_items(*inst, dir_.file("csv-facts-in/bad.csv"), options);
  ASSERT_TRUE(bad) << bad.status().message();
  ASSERT_EQ(bad->errors.size(), 1u);
  EXPECT_EQ(bad->errors[0].field, "fact.responses");
  EXPECT_EQ(bad->imported, 0u);

  write_file(dir_.file("csv-facts-in/items.csv"),
             "title,body,publish_date,kind,fact.topic,fact.starts_on,fact.ends_on,fact.responses,facts\n"
             "2020年城区公交线路满意度调查,b,2020-04-01,survey,城区公交线路,2020-04-01,2020-04-30,1203,\n"
             "2020年第5次常务会议,b,2020-05-08,exec_meeting,,,,,\"{\"\"session\"\":\"\"县政府2020年第5次常务会议\"\"}\"\n");
  import_clean(*inst, dir_.file("csv-facts-in/items.csv"), 2);
  const std::string csv = export_to(*inst, "csv-facts-out", true, 2);
  EXPECT_NE(csv.find(R"("{""ends_on"":""2020-04-30"",""responses"":""1203"",""starts_on"":""2020-04-01"",""topic"":""城区公交线路""}")"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(R"("{""session"":""县政府2020年第5次常务会议""}")"), std::string::npos) << csv;
  std::unique_ptr<Installation> copy = make_installation("csv-facts-copy");
  ASSERT_TRUE(copy);
  import_clean(*copy, dir_.file("csv-facts-out/items.csv"), 2);
  EXPECT_EQ(export_to(*copy, "csv-facts-again", true, 2), csv);
}

TEST_F(ItemExportTest, CsvRoundTripIsLossless) {
  std::unique_ptr<Installation> source = make_source();
  ASSERT_TRUE(source);
  const std::string first_csv = export_to(*source, "first-csv", true);
  const std::string first_jsonl = export_to(*source, "first-jsonl", false);
  EXPECT_TRUE(first_csv.starts_with(
      "index_number,body,title,publish_date,written_date,doc_number,kind,column,subject,validity,validity_date,"
      "superseded_by,channels,key_area,emergency,source_url,attachments,interprets,interpretation_forms,content,facts\n"));

  std::unique_ptr<Installation> copy = make_installation("copy");
  ASSERT_TRUE(copy);
  import_clean(*copy, dir_.file("first-csv/items.csv"), std::size(kSourceLines));
  EXPECT_EQ(export_to(*copy, "second-csv", true), first_csv);
  // Through CSV nothing is lost that JSON Lines carries either.
  EXPECT_EQ(export_to(*copy, "second-jsonl", false), first_jsonl);
}

TEST_F(ItemExportTest, CsvRoundTripKeepsAttachmentNamesWithListSeparators) {
  // Chinese attachment names often hold 、 or commas ("附件1、申请表.docx"); the CSV list must not split them.
  std::unique_ptr<Installation> source = make_installation("source");
  ASSERT_TRUE(source);
  write_file(dir_.file("input/files/附件1、申请表.docx"), "docx bytes");
  write_file(dir_.file("input/files/a,b;c.pdf"), "pdf bytes");
  write_file(dir_.file("input/items.jsonl"),
             R"({"title":"申请表","body":"b","publish_date":"2020-03-05",)"
             R"("attachments":["files/附件1、申请表.docx","files/a,b;c.pdf"]})"
             "\n");
  import_clean(*source, dir_.file("input/items.jsonl"), 1);

  ExportOptions options;
  options.csv = true;
  options.attachments_dir = dir_.file("out/items-attachments");
  options.relative_base = dir_.file("out");
  std::ostringstream first;
  ASSERT_TRUE(export_items(*source, options, first));
  write_file(dir_.file("out/items.csv"), first.str());

  std::unique_ptr<Installation> copy = make_installation("copy");
  ASSERT_TRUE(copy);
  import_clean(*copy, dir_.file("out/items.csv"), 1);
  options.attachments_dir = dir_.file("out2/items-attachments");
  options.relative_base = dir_.file("out2");
  std::ostringstream second;
  ASSERT_TRUE(export_items(*copy, options, second));
  EXPECT_EQ(second.str(), first.str());
}

TEST_F(ItemExportTest, WithoutAttachmentsDirItemsHaveNoAttachments) {
  std::unique_ptr<Installation> source = make_source();
  ASSERT_TRUE(source);
  std::ostringstream out;
  Result<int64_t> n = export_items(*source, ExportOptions{}, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, static_cast<int64_t>(std::size(kSourceLines)));
  EXPECT_EQ(out.str().find("\"attachments\""), std::string::npos);
}

TEST_F(ItemExportTest, FiltersSelectItems) {
  std::unique_ptr<Installation> source = make_source();
  ASSERT_TRUE(source);
  struct Case {
    std::optional<std::string> body;
    bool include_children;
    std::optional<int> year;
    std::vector<std::string> index_numbers;
  };
  const Case cases[] = {
      {std::nullopt, false, std::nullopt,
       {"b/2020-00010", "b/2020-00011", "b/2020-00012", "dept/2020-00001", "dept/2021-00001", "b/2021-00001",
        "b/2020-00013"}},
      {"b", false, std::nullopt, {"b/2020-00010", "b/2020-00011", "b/2020-00012", "b/2021-00001", "b/2020-00013"}},
      {"b", true, std::nullopt,
       {"b/2020-00010", "b/2020-00011", "b/2020-00012", "dept/2020-00001", "dept/2021-00001", "b/2021-00001",
        "b/2020-00013"}},
      {"dept", false, std::nullopt, {"dept/2020-00001", "dept/2021-00001"}},
      {std::nullopt, false, 2021, {"dept/2021-00001", "b/2021-00001"}},
      {"b", true, 2020, {"b/2020-00010", "b/2020-00011", "b/2020-00012", "dept/2020-00001", "b/2020-00013"}},
      {"dept", false, 2019, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body.value_or("(all)") + (c.include_children ? "+children " : " ") +
                 (c.year ? std::to_string(*c.year) : "all years"));
    ExportOptions options;
    options.body_code = c.body;
    options.include_children = c.include_children;
    options.year = c.year;
    std::ostringstream out;
    Result<int64_t> n = export_items(*source, options, out);
    ASSERT_TRUE(n) << n.status().message();
    EXPECT_EQ(*n, static_cast<int64_t>(c.index_numbers.size()));
    std::vector<std::string> index_numbers;
    for (const auto& line : json_lines(out.str())) index_numbers.push_back(line["index_number"]);
    EXPECT_EQ(index_numbers, c.index_numbers);
  }
  ExportOptions unknown;
  unknown.body_code = "nope";
  std::ostringstream out;
  Result<int64_t> n = export_items(*source, unknown, out);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.status().code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace gongkai::services
