// The XLSX workbook: unzipped and read as the sheet XML a spreadsheet reads — merged ranges, number cells,
// blank cells — against golden summaries for both formats and the official spans.
#include "render/report_xlsx.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <fstream>
#include <map>

#include "render/office_zip.h"
#include "render/report_fixtures.h"

namespace gongkai {
namespace {

using domain::ReportFormatVersion;

struct Sheet {
  std::string name;
  std::vector<std::string> merges;
  std::map<std::string, std::string> cells;  // "D5" → "n 11" | "s 文本" | "blank"
};

// Reads every sheet of the workbook `bytes` with pugixml: names, merged ranges and typed cells.
std::vector<Sheet> read_workbook(const std::string& bytes) {
  std::vector<std::string> shared;
  pugi::xml_document strings;
  std::string shared_xml = testing::zip_entry(bytes, "xl/sharedStrings.xml");
  strings.load_buffer(shared_xml.data(), shared_xml.size());
  for (pugi::xml_node si : strings.child("sst").children("si")) shared.push_back(si.child("t").text().get());
  std::vector<Sheet> sheets;
  pugi::xml_document workbook;
  std::string workbook_xml = testing::zip_entry(bytes, "xl/workbook.xml");
  workbook.load_buffer(workbook_xml.data(), workbook_xml.size());
  int sheet_idx = 0;
  for (pugi::xml_node node : workbook.child("workbook").child("sheets").children("sheet")) {
    Sheet sheet;
    sheet.name = node.attribute("name").value();
    std::string xml = testing::zip_entry(bytes, "xl/worksheets/sheet" + std::to_string(++sheet_idx) + ".xml");
    pugi::xml_document doc;
    doc.load_buffer(xml.data(), xml.size());
    pugi::xml_node root = doc.child("worksheet");
    for (pugi::xml_node merge : root.child("mergeCells").children("mergeCell"))
      sheet.merges.push_back(merge.attribute("ref").value());
    for (pugi::xml_node row : root.child("sheetData").children("row"))
      for (pugi::xml_node c : row.children("c")) {
        std::string type = c.attribute("t").value();
        pugi::xml_node v = c.child("v");
        std::string value;
        if (!v) value = "blank";
        else if (type == "s") value = "s " + shared.at(std::stoul(v.text().get()));
        else if (type.empty() || type == "n") value = std::string("n ") + v.text().get();
        else value = type + " " + v.text().get();
        sheet.cells[c.attribute("r").value()] = value;
      }
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

std::string summary(const std::vector<Sheet>& sheets) {
  std::string out;
  for (const Sheet& sheet : sheets) {
    out += "sheet " + sheet.name + "\n";
    for (const std::string& merge : sheet.merges) out += "merge " + merge + "\n";
    for (const auto& [ref, value] : sheet.cells) out += ref + " " + value + "\n";
  }
  return out;
}

class ReportXlsx : public ::testing::TestWithParam<ReportFormatVersion> {};

TEST_P(ReportXlsx, MatchesTheGoldenSummary) {
  Result<std::string> xlsx =
      render::render_report_xlsx(testing::sample_report(GetParam()), testing::report_formats().get(GetParam()));
  ASSERT_TRUE(xlsx.is_ok()) << xlsx.status().message();
  ASSERT_EQ(xlsx->substr(0, 2), "PK");
  std::string actual = summary(read_workbook(*xlsx));
  testing::expect_golden(actual, "report-" + std::string(domain::format_name(GetParam())) + ".xlsx.txt");
}

TEST_P(ReportXlsx, OfficialMergesNumbersAndBlanks) {
  Result<std::string> xlsx =
      render::render_report_xlsx(testing::sample_report(GetParam()), testing::report_formats().get(GetParam()));
  ASSERT_TRUE(xlsx.is_ok()) << xlsx.status().message();
  std::vector<Sheet> sheets = read_workbook(*xlsx);
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].name, "二、主动公开政府信息情况");
  EXPECT_EQ(sheets[1].name, "三、收到和处理政府信息公开申请情况");
  const Sheet& table3 = sheets[1];
  auto merged = [&](const Sheet& sheet, const std::string& ref) {
    return std::find(sheet.merges.begin(), sheet.merges.end(), ref) != sheet.merges.end();
  };
  // Row 1 is the title; the header is rows 2-4, 一、 is row 5.
  EXPECT_TRUE(merged(table3, "A2:C4"));  // the corner
  EXPECT_TRUE(merged(table3, "D2:J2"));  // 申请人情况
  EXPECT_TRUE(merged(table3, "E3:I3"));  // 法人或其他组织
  EXPECT_TRUE(merged(table3, "D3:D4"));  // 自然人
  EXPECT_TRUE(merged(table3, "A5:C5"));  // 一、本年新收
  bool v2019 = GetParam() == ReportFormatVersion::k2019;
  EXPECT_TRUE(merged(table3, v2019 ? "A7:A26" : "A7:A28"));  // 三、本年度办理结果
  EXPECT_TRUE(merged(table3, "B9:B16"));                     // （三）不予公开
  EXPECT_EQ(table3.cells.at("A5"), "s 一、本年新收政府信息公开申请数量");
  EXPECT_EQ(table3.cells.at("D5"), "n " + testing::sample_report(GetParam()).table3->at("new").at("natural_person").text);
  EXPECT_EQ(table3.cells.at("F5"), "blank");  // blank is not 0
  EXPECT_EQ(table3.cells.at("G6"), "n 0");
  const Sheet& table4 = sheets[2];
  EXPECT_TRUE(merged(table4, "A2:E3"));  // 行政复议
  EXPECT_TRUE(merged(table4, "F2:O2"));  // 行政诉讼
  EXPECT_EQ(table4.cells.at("O5").substr(0, 2), "n ");
  // Table 二: a block with fewer columns stretches its last one.
  const Sheet& table2 = sheets[0];
  EXPECT_TRUE(merged(table2, "A2:D2"));
  EXPECT_TRUE(v2019 ? merged(table2, "C19:D19") : merged(table2, "B7:D7"));
}

INSTANTIATE_TEST_SUITE_P(BothFormats, ReportXlsx,
                         ::testing::Values(ReportFormatVersion::k2019, ReportFormatVersion::k2021),
                         [](const auto& info) { return std::string(domain::format_name(info.param)); });

}  // namespace
}  // namespace gongkai
