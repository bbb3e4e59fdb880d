// Test fixtures for the report renderers: hand-built AnnualReports of both formats whose every cell is filled
// from the format data with a distinct figure (so a misplaced cell shows), plus a blank cell and zeros.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "domain/annual_report.h"
#include "domain/report_format.h"
#include "report/report_formats.h"

namespace gongkai::testing {

inline const domain::ReportFormats& report_formats() { return **report::builtin_report_formats(); }

inline domain::ReportCell report_cell(double value) {
  std::ostringstream text;
  text << value;
  return domain::ReportCell{text.str(), value};
}

// A report of `version`: every cell of tables 二 三 四 holds a distinct figure, except table 三
// 一、本年新收 × 科研机构 which is blank and 二、上年结转 × 社会公益组织 which is 0.
inline domain::AnnualReport sample_report(domain::ReportFormatVersion version) {
  const domain::ReportFormat& format = report_formats().get(version);
  domain::AnnualReport report;
  report.year = version == domain::ReportFormatVersion::k2019 ? 2020 : 2023;
  report.format = version;
  report.table2_format = version;
  report.body = "示例县人民政府";
  report.title = report.body.value() + std::to_string(*report.year) + "年政府信息公开工作年度报告";
  report.preamble = "本报告根据《中华人民共和国政府信息公开条例》第五十条编制。统计期限自" +
                    std::to_string(*report.year) + "年1月1日至12月31日。";
  const char* texts[] = {"全年主动公开政府信息4521条，<b>不是标签</b>。",
                         "主动公开政府信息情况见下表。",
                         "收到和处理政府信息公开申请情况见下表。",
                         "行政复议、行政诉讼情况见下表。",
                         "政策解读形式还不够丰富。\n下一步将加强培训。",
                         "本年度未收取信息处理费。"};
  std::string headings[] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                            "六、其他需要报告的事项"};
  for (int idx = 0; idx < 6; ++idx)
    report.sections.push_back(domain::ReportSection{std::to_string(idx + 1), headings[idx], texts[idx]});

  double next = 1;
  domain::ReportTable table2;
  for (const domain::FormatEntry* block : format.select("table2", "block"))
    for (const domain::FormatEntry* row : format.select("table2", "row", block->code))
      for (const domain::FormatEntry* column : format.select("table2", "column", block->code)) {
        double value = next++;
        if (column->type == domain::ValueType::kSigned) value = -value;
        if (column->type == domain::ValueType::kDecimal || column->type == domain::ValueType::kMoney) value += 0.25;
        table2[row->code][column->code] = report_cell(value);
      }
  report.table2 = table2;
  domain::ReportTable table3;
  for (const domain::FormatEntry* row : format.select("table3", "row"))
    for (const domain::FormatEntry* column : format.select("table3", "column")) table3[row->code][column->code] = report_cell(next++);
  table3["new"]["research"] = domain::ReportCell{};
  table3["carried_over"]["social_welfare"] = report_cell(0);
  report.table3 = table3;
  report.has_other_subrows = version == domain::ReportFormatVersion::k2021;
  domain::ReportTable table4;
  for (const char* group : {"reconsideration", "litigation_direct", "litigation_after_review"})
    for (const domain::FormatEntry* column : format.select("table4", "column")) table4[group][column->code] = report_cell(next++);
  report.table4 = table4;
  return report;
}

inline std::string slurp_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `actual` with the golden file tests/render/golden/`name`; with GONGKAI_UPDATE_GOLDEN=1 in the
// environment it rewrites the file instead (review the diff before committing it).
inline void expect_golden(const std::string& actual, const std::string& name) {
  std::string path = std::string(GONGKAI_SOURCE_DIR) + "/tests/render/golden/" + name;
  if (const char* update = std::getenv("GONGKAI_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string expected = slurp_file(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing: run with GONGKAI_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(actual, expected) << "differs from " << path;
}

// Every cell of `expected` is in `actual` with the same text and value, and `actual` has no other cells.
inline void expect_same_tables(const domain::AnnualReport& expected, const domain::AnnualReport& actual) {
  auto same = [](const std::optional<domain::ReportTable>& want, const std::optional<domain::ReportTable>& got,
                 const char* name) {
    ASSERT_TRUE(want.has_value() && got.has_value()) << name;
    for (const auto& [row, cells] : *want)
      for (const auto& [column, cell] : cells) {
        auto row_it = got->find(row);
        ASSERT_NE(row_it, got->end()) << name << " row " << row;
        auto cell_it = row_it->second.find(column);
        if (cell.blank()) {
          EXPECT_TRUE(cell_it == row_it->second.end() || cell_it->second.blank()) << name << " " << row << " " << column;
          continue;
        }
        ASSERT_NE(cell_it, row_it->second.end()) << name << " " << row << " " << column;
        EXPECT_EQ(cell_it->second.text, cell.text) << name << " " << row << " " << column;
        EXPECT_EQ(cell_it->second.value, cell.value) << name << " " << row << " " << column;
      }
    for (const auto& [row, cells] : *got)
      for (const auto& [column, cell] : cells)
        if (!cell.blank()) {
          EXPECT_TRUE(want->count(row) && want->at(row).count(column)) << name << " extra " << row << " " << column;
        }
  };
  same(expected.table2, actual.table2, "table2");
  same(expected.table3, actual.table3, "table3");
  same(expected.table4, actual.table4, "table4");
}

}  // namespace gongkai::testing
