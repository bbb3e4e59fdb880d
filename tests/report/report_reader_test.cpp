// Tests of the report readers (src/report/): the fixtures of tests/report/fixtures (generate.py) in HTML, text and a
// DOCX built here with libzip, the seed file whose tables were lost, and hostile input.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/report_check.h"
#include "io/text_encoding.h"
#include "report/docx_reader.h"
#include "report/html_reader.h"
#include "report/report_file.h"
#include "report/report_formats.h"
#include "report/report_json.h"
#include "report/text_reader.h"
#include "support/test_databases.h"

namespace gongkai::report {
namespace {

namespace fs = std::filesystem;
using domain::AnnualReport;
using domain::ReportFormatVersion;

const domain::ReportFormats& formats() { return **builtin_report_formats(); }

std::string fixture(const std::string& name) { return std::string(GONGKAI_SOURCE_DIR) + "/tests/report/fixtures/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> rules_of(const AnnualReport& r, const AnnualReport* previous = nullptr) {
  std::set<std::string> out;
  for (const domain::Violation& v : domain::check_report(r, formats(), previous)) out.insert(v.rule);
  return out;
}

double value(const AnnualReport& r, const std::string& row, const std::string& column) {
  return r.table3->at(row).at(column).value.value_or(-1);
}

TEST(ReportReader, FixturesGiveTheirYearFormatBodyAndFindings) {
  struct Case {
    const char* file;
    int year;
    ReportFormatVersion format;
    const char* body;
    std::set<std::string> rules;  // exactly the rules reported
  } cases[] = {
      {"2019-official.html", 2019, ReportFormatVersion::k2019, "示例县", {}},
      {"2019-blank-cell.html", 2019, ReportFormatVersion::k2019, "示例县", {}},
      {"2019-wrong-total.html", 2019, ReportFormatVersion::k2019, "示例县",
       {"t3.column_balance", "t3.row_sum", "t3.result_sum", "narrative.number"}},
      {"2019-broken-balance.html", 2019, ReportFormatVersion::k2019, "示例县", {"t3.column_balance", "narrative.number"}},
      {"2019-narrative-number.html", 2019, ReportFormatVersion::k2019, "示例县", {"narrative.number"}},
      {"2019-missing-section.html", 2019, ReportFormatVersion::k2019, "示例县", {"sections.missing"}},
      {"2020-stale-year.html", 2020, ReportFormatVersion::k2019, "示例县", {"narrative.year"}},
      {"2020-text.txt", 2020, ReportFormatVersion::k2019, "示例县", {}},
      {"2021-no-subtotal.html", 2021, ReportFormatVersion::k2021, "示例市", {}},
      {"2021-subtotal.html", 2021, ReportFormatVersion::k2021, "示例市", {}},
      {"2021-old-format.html", 2021, ReportFormatVersion::k2019, "示例市", {"format.mismatch"}},
  };
  for (const Case& c : cases) {
    Result<AnnualReport> r = read_report_file(fixture(c.file), formats());
    ASSERT_TRUE(r) << c.file << ": " << r.status().message();
    EXPECT_EQ(r->year, c.year) << c.file;
    EXPECT_EQ(r->format, c.format) << c.file;
    EXPECT_EQ(r->body, c.body) << c.file;
    EXPECT_EQ(r->sections.size(), std::string(c.file).find("missing-section") != std::string::npos ? 5u : 6u) << c.file;
    EXPECT_EQ(rules_of(*r), c.rules) << c.file;
  }
}

TEST(ReportReader, Official2019LayoutMapsEveryCell) {
  Result<AnnualReport> r = read_report_file(fixture("2019-official.html"), formats());
  ASSERT_TRUE(r) << r.status().message();
  // Shanghai's worked example: 859 + 18 = 805 + 72.
  EXPECT_EQ(value(*r, "new", "total"), 859);
  EXPECT_EQ(value(*r, "carried_over", "total"), 18);
  EXPECT_EQ(value(*r, "total", "total"), 805);
  EXPECT_EQ(value(*r, "carry_forward", "total"), 72);
  EXPECT_EQ(value(*r, "withheld.security_stability", "natural_person"), 1);
  EXPECT_EQ(value(*r, "not_processed.reconfirm", "natural_person"), 2);
  EXPECT_EQ(value(*r, "new", "legal_service"), 10);
  EXPECT_EQ(value(*r, "other", "natural_person"), 26);
  EXPECT_EQ(r->table3->size(), 23u);
  EXPECT_EQ(r->table4->at("reconsideration").at("total").value, 14);
  EXPECT_EQ(r->table4->at("litigation_direct").at("pending").value, 2);
  EXPECT_EQ(r->table4->at("litigation_after_review").at("upheld").value, 3);
  EXPECT_EQ(r->table2->at("licensing").at("change").value, -8);
  EXPECT_EQ(r->table2->at("procurement").at("procurement_amount").value, 12345.67);
  EXPECT_EQ(r->table2->at("fees").at("prev_items").value, 10);
  // The page's <script> and navigation are not report text; the layout table's text is.
  EXPECT_EQ(r->preamble.find("var x"), std::string::npos);
  EXPECT_NE(r->section("5")->text.find("政策解读"), std::string::npos);
}

TEST(ReportReader, Format2021WithAndWithoutTheOtherSubtotal) {
  for (const char* file : {"2021-no-subtotal.html", "2021-subtotal.html"}) {
    Result<AnnualReport> r = read_report_file(fixture(file), formats());
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->has_other_subrows, true);
    EXPECT_EQ(value(*r, "other.no_correction", "natural_person"), 3) << file;
    EXPECT_EQ(value(*r, "other.no_fee", "natural_person"), 2) << file;
    EXPECT_EQ(value(*r, "withheld.security_stability", "total"), 0) << file;  // straight quotes / curly quotes
    EXPECT_EQ(r->table3->count("other"), std::string(file) == "2021-subtotal.html" ? 1u : 0u) << file;
    EXPECT_EQ(r->table2->at("fees").at("amount_wan_yuan").value, 123.45);
    EXPECT_EQ(r->table2->at("normative").at("valid").value, 86);
    EXPECT_EQ(r->table2_format, ReportFormatVersion::k2021);
  }
}

TEST(ReportReader, BlankCellStaysNull) {
  Result<AnnualReport> r = read_report_file(fixture("2019-blank-cell.html"), formats());
  ASSERT_TRUE(r) << r.status().message();
  const domain::ReportCell& c = r->table3->at("withheld.state_secret").at("research");
  EXPECT_TRUE(c.blank());
  EXPECT_FALSE(c.value);
  const nlohmann::ordered_json j = tables_to_json(*r, formats());
  EXPECT_TRUE(j["table3"]["withheld.state_secret"]["research"].is_null());
  EXPECT_EQ(j["table3"]["withheld.state_secret"]["natural_person"], 2);
}

TEST(ReportReader, TextCopyWithTablesAndCarryOverFromLastYear) {
  Result<AnnualReport> r2020 = read_report_file(fixture("2020-text.txt"), formats());
  Result<AnnualReport> r2019 = read_report_file(fixture("2019-official.html"), formats());
  ASSERT_TRUE(r2020) << r2020.status().message();
  ASSERT_TRUE(r2019);
  EXPECT_EQ(value(*r2020, "carried_over", "total"), 72);
  EXPECT_EQ(r2020->table4->at("litigation_direct").at("total").value, 3);
  EXPECT_EQ(r2020->table2->at("licensing").at("change").value, 4);
  EXPECT_TRUE(rules_of(*r2020, &*r2019).empty());
  // The 2019 report is not the previous year of itself: its carried-over 18 is not 2019's 72.
  EXPECT_EQ(rules_of(*r2019, &*r2019), std::set<std::string>{"t3.carry_over"});
}

TEST(ReportReader, LabelsSplitAcrossCellsAndDashesForBlank) {
  std::string text = slurp(fixture("2020-text.txt"));
  const std::string from = "| 三、本年度办理结果 | (三)不予公开 | 1.属于国家秘密 | 1 | 0 |";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "| 三、本年度办理结果 | (三)不予公开 | 1. | 属于国家秘密 | 1 | — |");
  Result<AnnualReport> r = read_report_bytes(text, "split.txt", formats());
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(value(*r, "withheld.state_secret", "natural_person"), 1);
  EXPECT_TRUE(r->table3->at("withheld.state_secret").at("business").blank());
  EXPECT_TRUE(rules_of(*r).empty());
}

TEST(ReportReader, SeedReportWithLostTablesIsRefusedWithAReason) {
  Result<AnnualReport> r = read_report_file(fixture("seed-taishun-2020-tables-lost.txt"), formats());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_NE(r.status().message().find("tables are missing"), std::string::npos) << r.status().message();
}

TEST(ReportReader, NotAReportIsRefused) {
  for (std::string text : {std::string("会议通知\n定于下周一召开全县工作会议。\n"), std::string("<html><body><p>hello</p></body></html>")}) {
    Result<AnnualReport> r = read_report_bytes(text, "x.txt", formats());
    ASSERT_FALSE(r);
    EXPECT_NE(r.status().message().find("not an annual report"), std::string::npos) << r.status().message();
  }
}

TEST(ReportReader, GbkEncodedHtmlIsDecoded) {
  const std::string utf8 = slurp(fixture("2019-official.html"));
  Result<std::string> gbk = io::utf8_to_gb18030(utf8);
  ASSERT_TRUE(gbk);
  Result<AnnualReport> r = read_report_bytes(*gbk, "gbk.html", formats());
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(value(*r, "total", "total"), 805);
}

TEST(ReportReader, InvalidBytesAreRefused) {
  std::string bytes = "<html><body>";
  for (int k = 0; k < 200; ++k) bytes += static_cast<char>(0x80 + (k * 37) % 0x40);
  Result<AnnualReport> r = read_report_bytes(bytes, "junk.html", formats());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
}

TEST(ReportReader, DeeplyNestedHtmlIsRefusedNotACrash) {
  std::string html = "<html><body>";
  for (int k = 0; k < 20000; ++k) html += "<div>";
  html += "一、总体情况";
  Result<Document> doc = read_html(html);
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.status().message().find("deeper than"), std::string::npos);
}

TEST(ReportReader, OversizedFileIsRefusedBeforeReading) {
  testing::TempDir dir;
  const std::string path = dir.file("big.html");
  { std::ofstream out(path); }
  fs::resize_file(path, 50u << 20);  // 50 MB, sparse
  Result<AnnualReport> r = read_report_file(path, formats());
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("at most 20 MB"), std::string::npos) << r.status().message();
}

TEST(ReportReader, SpansExpandIntoAGrid) {
  const std::string html =
      "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr>"
      "<tr><td>D</td><td colspan=2>E</td></tr></table>";
  Result<Document> doc = read_html(html);
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->blocks.size(), 1u);
  const Grid& g = doc->blocks[0].grid;
  const std::vector<std::vector<std::string>> expected = {{"A", "A", "B"}, {"A", "A", "C"}, {"D", "E", "E"}};
  EXPECT_EQ(g.rows, expected);
}

TEST(ReportReader, TextTablesSplitOnBarsOrTabs) {
  Result<Document> doc = read_text("标题\n| a | b |\n|---|---|\n| c | d |\n正文\nx\ty\n");
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->blocks.size(), 4u);
  EXPECT_EQ(doc->blocks[1].grid.rows, (std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(doc->blocks[3].grid.rows, (std::vector<std::vector<std::string>>{{"x", "y"}}));
}

// ---- DOCX -------------------------------------------------------------------------------------------------------

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

// A Word document.xml for the HTML fixture's Document: paragraphs as w:p, grids as w:tbl, with equal neighbouring
// cells merged back into w:gridSpan (horizontally) and w:vMerge (vertically), as Word writes them.
std::string document_xml(const Document& doc) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  for (const DocumentBlock& b : doc.blocks) {
    if (b.kind == DocumentBlock::Kind::kParagraph) {
      x += "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(b.text) + "</w:t></w:r></w:p>";
      continue;
    }
    x += "<w:tbl>";
    const auto& rows = b.grid.rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      x += "<w:tr>";
      for (size_t c = 0; c < rows[r].size();) {
        size_t span = 1;
        while (c + span < rows[r].size() && rows[r][c + span] == rows[r][c] && !rows[r][c].empty()) ++span;
        const bool above = r > 0 && rows[r - 1][c] == rows[r][c] && !rows[r][c].empty() &&
                           (rows[r][c].find_first_not_of("0123456789") != std::string::npos);
        const bool below = r + 1 < rows.size() && rows[r + 1][c] == rows[r][c] && !rows[r][c].empty() &&
                           (rows[r][c].find_first_not_of("0123456789") != std::string::npos);
        x += "<w:tc><w:tcPr>";
        if (span > 1) x += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
        if (above) x += "<w:vMerge/>";
        else if (below) x += "<w:vMerge w:val=\"restart\"/>";
        x += "</w:tcPr><w:p><w:r><w:t>" + (above ? std::string() : xml_escape(rows[r][c])) + "</w:t></w:r></w:p></w:tc>";
        c += span;
      }
      x += "</w:tr>";
    }
    x += "</w:tbl>";
  }
  return x + "</w:body></w:document>";
}

// The bytes of a zip holding `entries` (name, content), built with libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  testing::TempDir dir;
  const std::string path = dir.file("t.docx");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  return slurp(path);
}

TEST(ReportReader, DocxWithGridSpanAndVMerge) {
  Result<io::DecodedText> html = io::decode_to_utf8(slurp(fixture("2019-official.html")), "x");
  ASSERT_TRUE(html);
  Result<Document> doc = read_html(html->utf8);
  ASSERT_TRUE(doc);
  const std::string docx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document_xml(*doc)}});
  Result<AnnualReport> r = read_report_bytes(docx, "report.docx", formats());
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->year, 2019);
  EXPECT_EQ(value(*r, "new", "total"), 859);
  EXPECT_EQ(value(*r, "withheld.third_party", "business"), 2);
  EXPECT_EQ(value(*r, "total", "total"), 805);
  EXPECT_EQ(r->table4->at("litigation_after_review").at("total").value, 4);
  for (const domain::Violation& v : domain::check_report(*r, formats()))
    ADD_FAILURE() << v.rule << " " << v.where.table << "." << v.where.row << "." << v.where.column << " " << v.message;
}

TEST(ReportReader, DocxFailuresAreClear) {
  struct Case {
    std::string bytes;
    const char* message;
  } cases[] = {
      {std::string("PK\x03\x04garbage", 11), "not a DOCX"},
      {make_zip({{"word/other.xml", "<x/>"}}), "no word/document.xml"},
      {make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}}), "not well-formed"},
      {make_zip({{"word/document.xml", std::string(kMaxDocxXmlBytes + 1, ' ')}}), "decompresses"},
  };
  for (const Case& c : cases) {
    Result<Document> doc = read_docx(c.bytes);
    ASSERT_FALSE(doc) << c.message;
    EXPECT_NE(doc.status().message().find(c.message), std::string::npos) << doc.status().message();
  }
}

}  // namespace
}  // namespace gongkai::report
