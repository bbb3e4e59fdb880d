// The generic PDF writer: fonts embedded, text extractable, tables split across pages with their header rows
// repeated, bad input refused.
#include "render/pdf_document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "render/pdf_tools.h"
#include "support/test_databases.h"

namespace gongkai {
namespace {

using render::PdfBlock;
using render::PdfCell;
using render::PdfDocument;
using render::PdfTable;

// Counts non-overlapping occurrences of `needle` in `text`.
int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// pdftotext drops the spaces between CJK characters of the footer ("第 1 页 共 3 页").
std::string without_spaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

PdfTable long_table(int rows) {
  PdfTable table;
  table.caption = "表一 行政许可事项清单";
  table.column_widths = {1, 4, 2};
  table.header_rows = {{PdfCell::span("序号", 2, 1), PdfCell::span("事项与数量", 1, 2)}, {{"事项名称"}, {"办理件数"}}};
  for (int row_idx = 1; row_idx <= rows; ++row_idx)
    table.body_rows.push_back({PdfCell::number(std::to_string(row_idx)), {"许可事项第" + std::to_string(row_idx) + "项"},
                               PdfCell::number(std::to_string(row_idx * 7))});
  return table;
}

TEST(PdfDocument, FontsAreEmbeddedAndTextComesBack) {
  testing::TempDir dir;
  PdfDocument doc;
  doc.title = "关于政府信息公开申请的答复";
  doc.blocks.push_back(PdfBlock::title("某某县人民政府办公室"));
  doc.blocks.push_back(PdfBlock::heading("一、总体情况"));
  doc.blocks.push_back(PdfBlock::paragraph("张三：", render::PdfTextStyle::flush()));
  doc.blocks.push_back(PdfBlock::paragraph("你于2026年3月2日提出的政府信息公开申请收悉。经审查，现答复如下。"));
  doc.blocks.push_back(PdfBlock::paragraph("2026年3月20日", render::PdfTextStyle::right()));
  std::string path = dir.file("letter.pdf");
  ASSERT_TRUE(render::write_pdf(doc, path).is_ok());

  std::string fonts = testing::run_output("pdffonts '" + path + "'");
  std::istringstream lines(fonts);
  std::string line;
  int font_rows = 0;
  for (int line_idx = 0; std::getline(lines, line); ++line_idx) {
    if (line_idx < 2 || line.empty()) continue;  // the two header lines
    ++font_rows;
    EXPECT_NE(line.find("CJK"), std::string::npos) << line;
    // Columns: name type encoding emb sub uni object ID; emb and sub are "yes".
    EXPECT_NE(line.find(" yes yes yes "), std::string::npos) << line;
  }
  EXPECT_GE(font_rows, 2) << fonts;  // serif body and sans headings

  std::string text = testing::pdf_text(path);
  EXPECT_NE(text.find("某某县人民政府办公室"), std::string::npos) << text;
  EXPECT_NE(text.find("一、总体情况"), std::string::npos);
  EXPECT_NE(text.find("政府信息公开申请收悉"), std::string::npos) << text;
  EXPECT_NE(without_spaces(text).find("第1页共1页"), std::string::npos) << text;
  EXPECT_NE(testing::run_output("pdfinfo '" + path + "'").find("关于政府信息公开申请的答复"), std::string::npos);
}

TEST(PdfDocument, LongTableSplitsAcrossPagesRepeatingItsHeader) {
  testing::TempDir dir;
  PdfDocument doc;
  doc.blocks.push_back(PdfBlock::paragraph("下表列出全部事项。"));
  doc.blocks.push_back(PdfBlock::table_block(long_table(200)));
  doc.blocks.push_back(PdfBlock::paragraph("表后的说明文字。"));
  std::string path = dir.file("table.pdf");
  ASSERT_TRUE(render::write_pdf(doc, path).is_ok());

  int pages = testing::pdf_pages(path);
  ASSERT_GE(pages, 4);
  std::string all = testing::pdf_text(path);
  EXPECT_NE(without_spaces(all).find("第1页共" + std::to_string(pages) + "页"), std::string::npos);
  int rows_seen = 0;
  for (int page = 1; page <= pages; ++page) {
    std::string text = testing::pdf_text(path, page);
    EXPECT_EQ(count(text, "事项名称"), 1) << "page " << page;
    EXPECT_EQ(count(text, "办理件数"), 1) << "page " << page;
    EXPECT_NE(text.find(page == 1 ? "表一 行政许可事项清单" : "表一 行政许可事项清单（续）"), std::string::npos)
        << "page " << page;
    EXPECT_NE(without_spaces(text).find("第" + std::to_string(page) + "页共"), std::string::npos);
    rows_seen += count(text, "许可事项第");
  }
  EXPECT_EQ(rows_seen, 200);  // every row printed once: none lost or repeated at a break
  EXPECT_NE(all.find("许可事项第200项"), std::string::npos);
  EXPECT_NE(testing::pdf_text(path, pages).find("表后的说明文字"), std::string::npos);
}

TEST(PdfDocument, RowSpanGroupsStayOnOnePage) {
  // Groups of five rows whose first cell spans all five: a page break never falls inside a group.
  PdfTable table;
  table.column_widths = {2, 3, 1};
  table.header_rows = {{{"类别"}, {"事项"}, {"数量"}}};
  for (int group = 1; group <= 30; ++group)
    for (int member = 1; member <= 5; ++member) {
      render::PdfRow row;
      if (member == 1) row.push_back(PdfCell::span("类别" + std::to_string(group), 5, 1));
      row.push_back({"组" + std::to_string(group) + "项" + std::to_string(member)});
      row.push_back(PdfCell::number("1"));
      table.body_rows.push_back(std::move(row));
    }
  PdfDocument doc;
  doc.blocks.push_back(PdfBlock::table_block(std::move(table)));
  testing::TempDir dir;
  std::string path = dir.file("groups.pdf");
  ASSERT_TRUE(render::write_pdf(doc, path).is_ok());
  int pages = testing::pdf_pages(path);
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    std::string text = testing::pdf_text(path, page);
    // Each group's five rows are on the page of its label.
    for (int group = 1; group <= 30; ++group) {
      std::string label = "组" + std::to_string(group) + "项";
      int members = count(text, label);
      EXPECT_TRUE(members == 0 || members == 5) << "page " << page << " group " << group << ": " << members;
    }
  }
}

TEST(PdfDocument, BadTablesAreRefusedNamingWhere) {
  struct Case {
    std::vector<double> widths;
    std::vector<render::PdfRow> rows;
    std::string message;
  };
  std::vector<Case> cases = {
      {{}, {{{"a"}}}, "block 1: the table has no columns"},
      {{1, 0}, {{{"a"}, {"b"}}}, "block 1: a column width is not positive"},
      {{1, 1}, {{{"a"}}}, "block 1 body row 1: column 2 is not filled"},
      {{1, 1}, {{{"a"}, {"b"}, {"c"}}}, "block 1 body row 1 column 3: the cells are wider than the table"},
      {{1, 1}, {{PdfCell::span("a", 3, 1), {"b"}}, {{"c"}}}, "block 1 body row 1 column 1: the row span runs past"},
      {{1, 1}, {{PdfCell::span("a", 1, 0), {"b"}}}, "block 1 body row 1 column 1: a span below 1"},
      {{1, 1}, {{{"a"}, {std::string("\xff\xfe")}}}, "block 1: the text is not valid UTF-8"},
  };
  for (const Case& c : cases) {
    PdfTable table;
    table.column_widths = c.widths;
    table.body_rows = c.rows;
    PdfDocument doc;
    doc.blocks.push_back(PdfBlock::table_block(std::move(table)));
    Result<std::string> pdf = render::render_pdf(doc);
    ASSERT_FALSE(pdf.is_ok()) << c.message;
    EXPECT_EQ(pdf.status().code(), StatusCode::kInvalid);
    EXPECT_NE(pdf.status().message().find(c.message), std::string::npos) << pdf.status().message();
  }
}

TEST(PdfDocument, UnwritablePathIsAnIoError) {
  PdfDocument doc;
  doc.blocks.push_back(PdfBlock::paragraph("内容"));
  Status status = render::write_pdf(doc, "/nonexistent-dir/x.pdf");
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_NE(status.message().find("/nonexistent-dir/x.pdf"), std::string::npos);
}

TEST(PdfDocument, LongParagraphsFlowOntoNewPages) {
  std::string long_text;
  for (int sentence = 1; sentence <= 400; ++sentence) long_text += "第" + std::to_string(sentence) + "句政务公开工作。";
  PdfDocument doc;
  doc.blocks.push_back(PdfBlock::paragraph(long_text));
  doc.blocks.push_back(PdfBlock::page_break());
  doc.blocks.push_back(PdfBlock::paragraph("分页后的文字"));
  testing::TempDir dir;
  std::string path = dir.file("long.pdf");
  ASSERT_TRUE(render::write_pdf(doc, path).is_ok());
  int pages = testing::pdf_pages(path);
  ASSERT_GE(pages, 3);
  EXPECT_NE(testing::pdf_text(path, pages).find("分页后的文字"), std::string::npos);
  EXPECT_EQ(testing::pdf_text(path, pages).find("政务公开工作"), std::string::npos);
  std::string all = testing::pdf_text(path);
  EXPECT_NE(all.find("第400句"), std::string::npos);
}

}  // namespace
}  // namespace gongkai
