// The report's HTML: golden files for both formats, and a round trip through the checker's HTML reader that gives
// back every cell — the proof that the layout is the official one src/report reads.
#include "render/report_html.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "render/report_fixtures.h"
#include "report/report_file.h"

namespace gongkai {
namespace {

using domain::ReportFormatVersion;

class ReportHtml : public ::testing::TestWithParam<ReportFormatVersion> {};

TEST_P(ReportHtml, MatchesTheGoldenFragment) {
  domain::AnnualReport report = testing::sample_report(GetParam());
  Result<std::string> html =
      render::render_report_html_fragment(report, testing::report_formats().get(GetParam()), "");
  ASSERT_TRUE(html.is_ok()) << html.status().message();
  testing::expect_golden(*html, "report-" + std::string(domain::format_name(GetParam())) + ".html");
}

TEST_P(ReportHtml, RoundTripsThroughTheCheckersReader) {
  domain::AnnualReport report = testing::sample_report(GetParam());
  Result<std::string> html = render::render_report_html_page(report, testing::report_formats().get(GetParam()), "");
  ASSERT_TRUE(html.is_ok()) << html.status().message();
  Result<domain::AnnualReport> read = report::read_report_bytes(*html, "report.html", testing::report_formats());
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(read->year, report.year);
  EXPECT_EQ(read->format, GetParam());
  EXPECT_EQ(read->table2_format, GetParam());
  EXPECT_EQ(read->body, report.body);
  EXPECT_EQ(read->sections.size(), 6u);
  testing::expect_same_tables(report, *read);
  // Blank stays blank and 0 stays 0.
  EXPECT_TRUE(read->table3->at("new").count("research") == 0 || read->table3->at("new").at("research").blank());
  EXPECT_EQ(read->table3->at("carried_over").at("social_welfare").value, 0.0);
}

TEST_P(ReportHtml, IdsAreUniqueAndEveryHeadersReferenceResolves) {
  domain::AnnualReport report = testing::sample_report(GetParam());
  std::string html = *render::render_report_html_fragment(report, testing::report_formats().get(GetParam()), "");
  std::set<std::string> ids;
  static const std::regex kId("id=\"([^\"]+)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), kId), end; it != end; ++it)
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  static const std::regex kHeaders("headers=\"([^\"]+)\"");
  int data_cells = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), kHeaders), end; it != end; ++it) {
    ++data_cells;
    std::istringstream refs((*it)[1].str());
    std::string ref;
    int count = 0;
    while (refs >> ref) {
      ++count;
      EXPECT_TRUE(ids.count(ref)) << "headers names a missing id " << ref;
    }
    EXPECT_GE(count, 2);  // at least a column and a row (or group) header
  }
  // Table 三 has 7 columns × its data rows, table 四 15 cells.
  int table3_rows = GetParam() == ReportFormatVersion::k2019 ? 23 : 25;
  int table2_cells = GetParam() == ReportFormatVersion::k2019 ? 6 + 6 + 6 + 2 + 2 : 6 + 1 + 2 + 1;
  EXPECT_EQ(data_cells, table2_cells + 7 * table3_rows + 15);
}

INSTANTIATE_TEST_SUITE_P(BothFormats, ReportHtml,
                         ::testing::Values(ReportFormatVersion::k2019, ReportFormatVersion::k2021),
                         [](const auto& info) { return std::string(domain::format_name(info.param)); });

TEST(ReportHtmlLayout, OfficialSpansScopesAndHeaders) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  std::string html = *render::render_report_html_fragment(report, testing::report_formats().v2019, "");
  // Table 三: the corner spans three rows and columns, 三、本年度办理结果 spans its 20 result rows.
  EXPECT_NE(html.find("<td id=\"t3-corner\" rowspan=\"3\" colspan=\"3\" class=\"corner\">"), std::string::npos);
  EXPECT_NE(html.find("<th id=\"t3-row-results\" rowspan=\"20\" scope=\"rowgroup\">三、本年度办理结果</th>"),
            std::string::npos);
  EXPECT_NE(html.find("<th id=\"t3-row-withheld\" rowspan=\"8\" scope=\"rowgroup\">（三）不予公开</th>"), std::string::npos);
  // Table 四: 行政复议 reaches down to the column labels.
  EXPECT_NE(html.find("<th id=\"t4-reconsideration\" rowspan=\"2\" colspan=\"5\" scope=\"colgroup\">行政复议</th>"),
            std::string::npos);
  // A data cell names all its headers; a blank cell is empty, a zero prints 0.
  EXPECT_NE(html.find("headers=\"t3-applicants t3-organisations t3-research t3-row-new\" class=\"blank\"></td>"),
            std::string::npos);
  EXPECT_NE(html.find("headers=\"t3-applicants t3-organisations t3-social-welfare t3-row-carried-over\" class=\"num\">0</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<caption>收到和处理政府信息公开申请情况</caption>"), std::string::npos);
  // Text is escaped.
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;不是标签&lt;/b&gt;"), std::string::npos);

  domain::AnnualReport report2021 = testing::sample_report(ReportFormatVersion::k2021);
  std::string html2021 = *render::render_report_html_fragment(report2021, testing::report_formats().v2021, "");
  EXPECT_NE(html2021.find("<th id=\"t3-row-results\" rowspan=\"22\" scope=\"rowgroup\">"), std::string::npos);
  EXPECT_NE(html2021.find("<th id=\"t3-row-other\" rowspan=\"3\" scope=\"rowgroup\">（六）其他处理</th>"), std::string::npos);
}

TEST(ReportHtmlLayout, A2021ReportWithOneOtherRowPrintsItAsARow) {
  // Some 2021 reports print （六）其他处理 as a single row; its figures must not be dropped.
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2021);
  for (const char* row : {"other.no_correction", "other.no_fee", "other.other"}) report.table3->erase(row);
  (*report.table3)["other"]["total"] = testing::report_cell(42);
  report.has_other_subrows = false;
  std::string html = *render::render_report_html_page(report, testing::report_formats().v2021, "");
  EXPECT_NE(html.find("<th id=\"t3-row-other\" colspan=\"2\" scope=\"row\">（六）其他处理</th>"), std::string::npos);
  EXPECT_NE(html.find("<th id=\"t3-row-results\" rowspan=\"20\" scope=\"rowgroup\">"), std::string::npos);
  EXPECT_EQ(html.find("申请人逾期未按收费通知"), std::string::npos);
  Result<domain::AnnualReport> read = report::read_report_bytes(html, "report.html", testing::report_formats());
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(read->table3->at("other").at("total").value, 42.0);
  EXPECT_EQ(read->has_other_subrows, false);
}

TEST(ReportHtmlLayout, UnknownCodesAreRefusedNamingThem) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  // A 2019 report rendered in the 2021 format: table 二's 其他对外管理服务事项 has no place there.
  Result<std::string> html = render::render_report_html_fragment(report, testing::report_formats().v2021, "");
  ASSERT_FALSE(html.is_ok());
  EXPECT_EQ(html.status().code(), StatusCode::kInvalid);
  EXPECT_NE(html.status().message().find("table2"), std::string::npos) << html.status().message();

  report = testing::sample_report(ReportFormatVersion::k2021);
  (*report.table4)["reconsideration"]["bogus"] = testing::report_cell(1);
  html = render::render_report_html_fragment(report, testing::report_formats().v2021, "");
  ASSERT_FALSE(html.is_ok());
  EXPECT_NE(html.status().message().find("table4 row \"reconsideration\": column \"bogus\""), std::string::npos)
      << html.status().message();
}

TEST(ReportHtmlLayout, ReadFixtureRendersBackToTheSameTables) {
  // A published report read by the checker, rendered, read again.
  std::string fixture = std::string(GONGKAI_SOURCE_DIR) + "/tests/report/fixtures/2019-official.html";
  Result<domain::AnnualReport> original = report::read_report_file(fixture, testing::report_formats());
  ASSERT_TRUE(original.is_ok()) << original.status().message();
  std::string html = *render::render_report_html_page(*original, testing::report_formats().v2019, "");
  Result<domain::AnnualReport> again = report::read_report_bytes(html, "again.html", testing::report_formats());
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  testing::expect_same_tables(*original, *again);
}

}  // namespace
}  // namespace gongkai
