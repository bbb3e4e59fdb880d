// The renderers' entry point and the report PDF and charts: every kind renders, the PDF embeds its fonts and
// gives its text back (tables, charts' text alternatives), charts are accessible inline SVG, bad text is refused.
#include "render/report_render.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "render/pdf_tools.h"
#include "render/report_charts.h"
#include "render/report_fixtures.h"
#include "report/report_file.h"
#include "support/test_databases.h"

namespace gongkai {
namespace {

using domain::ReportFormatVersion;
using render::ReportFileKind;

render::ReportRenderOptions chart_options() {
  render::ReportRenderOptions options;
  options.applications_by_channel = {{"网上申请", 512}, {"当面申请", 120}, {"信函申请", 33}};
  options.trend = {{2018, 640}, {2019, 877}};
  return options;
}

TEST(ReportRender, EveryKindRendersFromOneEntryPoint) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2021);
  const domain::ReportFormat& format = testing::report_formats().v2021;
  struct Case {
    ReportFileKind kind;
    std::string magic;
  };
  for (const Case& c : {Case{ReportFileKind::kHtml, "<!DOCTYPE html>"}, Case{ReportFileKind::kXlsx, "PK"},
                        Case{ReportFileKind::kDocx, "PK"}, Case{ReportFileKind::kPdf, "%PDF-"}}) {
    Result<std::string> bytes = render::render_report(report, format, c.kind, chart_options());
    ASSERT_TRUE(bytes.is_ok()) << bytes.status().message();
    EXPECT_EQ(bytes->substr(0, c.magic.size()), c.magic);
  }
  render::ReportRenderOptions fragment;
  fragment.html_fragment = true;
  Result<std::string> html = render::render_report(report, format, ReportFileKind::kHtml, fragment);
  ASSERT_TRUE(html.is_ok());
  EXPECT_EQ(html->rfind("<article", 0), 0u);
}

TEST(ReportRender, FullHtmlPageWithChartsMatchesItsGoldenFile) {
  // tests/e2e/report_render.e2e.mjs runs axe-core in Chromium on these two pages.
  for (ReportFormatVersion version : {ReportFormatVersion::k2019, ReportFormatVersion::k2021}) {
    Result<std::string> html = render::render_report(testing::sample_report(version),
                                                     testing::report_formats().get(version), ReportFileKind::kHtml,
                                                     chart_options());
    ASSERT_TRUE(html.is_ok()) << html.status().message();
    testing::expect_golden(*html, "report-" + std::string(domain::format_name(version)) + "-page.html");
  }
}

TEST(ReportRender, FileKindsParseAndUnknownOnesAreRefused) {
  EXPECT_EQ(*render::parse_report_file_kind("pdf"), ReportFileKind::kPdf);
  EXPECT_EQ(*render::parse_report_file_kind("docx"), ReportFileKind::kDocx);
  Result<ReportFileKind> bad = render::parse_report_file_kind("odt");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("\"odt\""), std::string::npos);
}

TEST(ReportRender, InvalidUtf8IsRefusedForEveryKind) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  report.sections[4].text = "问题\xC3\x28";
  for (ReportFileKind kind : {ReportFileKind::kHtml, ReportFileKind::kXlsx, ReportFileKind::kDocx, ReportFileKind::kPdf}) {
    Result<std::string> bytes = render::render_report(report, testing::report_formats().v2019, kind);
    ASSERT_FALSE(bytes.is_ok());
    EXPECT_EQ(bytes.status().code(), StatusCode::kInvalid);
    EXPECT_NE(bytes.status().message().find("section 5: invalid UTF-8 at byte 6"), std::string::npos)
        << bytes.status().message();
  }
}

TEST(ReportRender, PdfEmbedsFontsAndGivesBackTablesAndCharts) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  Result<std::string> pdf =
      render::render_report(report, testing::report_formats().v2019, ReportFileKind::kPdf, chart_options());
  ASSERT_TRUE(pdf.is_ok()) << pdf.status().message();
  testing::TempDir dir;
  std::string path = dir.file("report.pdf");
  std::ofstream(path, std::ios::binary) << *pdf;
  std::string fonts = testing::run_output("pdffonts '" + path + "'");
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;  // every font embedded (emb, sub, uni all yes)
  EXPECT_NE(fonts.find("NotoSerifCJK"), std::string::npos) << fonts;
  std::string text = testing::pdf_text(path);
  for (const char* expected :
       {"示例县人民政府2020年政府信息公开工作年度报告", "一、总体情况", "六、其他需要报告的事项", "第二十条第（九）项",
        "一、本年新收政府信息公开申请数量", "结转下年度继续办理", "未经复议直接起诉",
        "图：2020年政府信息公开申请办理结果", "图：2020年政府信息公开申请渠道", "网上申请 512件",
        "图：历年新收政府信息公开申请数量", "2018年 640件"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  // Every page that shows table 三's rows also shows its header.
  int pages = testing::pdf_pages(path);
  for (int page = 1; page <= pages; ++page) {
    std::string page_text = testing::pdf_text(path, page);
    if (page_text.find("（七）总计") != std::string::npos || page_text.find("一、本年新收") != std::string::npos) {
      EXPECT_NE(page_text.find("申请人情况"), std::string::npos) << "page " << page;
    }
  }
}

TEST(ReportRender, ReportTableThatContinuesRepeatsItsHeaderOnTheNextPage) {
  // Enough text before table 三 that its 办理结果 rows (kept together) go to the next page.
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2021);
  report.sections[0].text.clear();
  report.sections[1].text.clear();
  for (int line = 0; line < 24; ++line) report.sections[2].text += "收到和处理政府信息公开申请情况的说明文字。\n";
  render::ReportRenderOptions options;
  options.charts = false;
  Result<std::string> pdf = render::render_report(report, testing::report_formats().v2021, ReportFileKind::kPdf, options);
  ASSERT_TRUE(pdf.is_ok()) << pdf.status().message();
  testing::TempDir dir;
  std::string path = dir.file("split.pdf");
  std::ofstream(path, std::ios::binary) << *pdf;
  int first = 0, last = 0;
  for (int page = 1; page <= testing::pdf_pages(path); ++page) {
    std::string page_text = testing::pdf_text(path, page);
    if (page_text.find("一、本年新收政府信息公开申请数量") != std::string::npos) first = page;
    if (page_text.find("（七）总计") != std::string::npos) last = page;
    if (page_text.find("一、本年新收") != std::string::npos || page_text.find("（七）总计") != std::string::npos) {
      EXPECT_NE(page_text.find("申请人情况"), std::string::npos) << "page " << page;
    }
  }
  ASSERT_GT(first, 0);
  EXPECT_EQ(last, first + 1) << "table 三 was expected to continue on the next page";
  EXPECT_NE(testing::pdf_text(path, last).find("收到和处理政府信息公开申请情况（续）"), std::string::npos);
}

TEST(ReportCharts, OutcomeBarsSumTheGroupsOfTableThree) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2021);
  std::vector<render::ReportChart> charts =
      render::report_charts(report, testing::report_formats().v2021, chart_options());
  ASSERT_EQ(charts.size(), 3u);
  const render::ReportChart& outcomes = charts[0];
  ASSERT_EQ(outcomes.bars.size(), 6u);  // 予以公开 部分公开 不予公开 无法提供 不予处理 其他处理
  EXPECT_EQ(outcomes.bars[0].label, "予以公开");
  EXPECT_EQ(outcomes.bars[1].label, "部分公开");
  EXPECT_EQ(outcomes.bars[5].label, "其他处理");
  double withheld = 0;
  for (const auto& [row, cells] : *report.table3)
    if (row.rfind("withheld.", 0) == 0) withheld += *cells.at("total").value;
  EXPECT_EQ(outcomes.bars[2].value, withheld);
  EXPECT_EQ(charts[2].bars.back().label, "2023年");
  EXPECT_EQ(charts[2].bars.back().value, *report.table3->at("new").at("total").value);
  // Without channel or earlier years only the outcome chart remains.
  EXPECT_EQ(render::report_charts(report, testing::report_formats().v2021, {}).size(), 1u);
}

TEST(ReportCharts, InlineSvgIsLabelledAndIdsDoNotCollide) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  std::vector<render::ReportChart> charts =
      render::report_charts(report, testing::report_formats().v2019, chart_options());
  Result<std::string> html = render::charts_html(charts);
  ASSERT_TRUE(html.is_ok()) << html.status().message();
  EXPECT_NE(html->find("<svg"), std::string::npos);
  EXPECT_EQ(html->find("<?xml"), std::string::npos);
  EXPECT_NE(html->find("role=\"img\" aria-labelledby=\"chart-outcomes-title\""), std::string::npos);
  EXPECT_NE(html->find("<title id=\"chart-channels-title\">2020年政府信息公开申请渠道：网上申请 512件；"), std::string::npos);
  EXPECT_NE(html->find("<figcaption>"), std::string::npos);
  std::set<std::string> ids;
  static const std::regex kId("id=\"([^\"]+)\"");
  for (std::sregex_iterator it(html->begin(), html->end(), kId), end; it != end; ++it)
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  static const std::regex kRef("(?:href=\"#|url\\(#)([^\")]+)");
  for (std::sregex_iterator it(html->begin(), html->end(), kRef), end; it != end; ++it)
    EXPECT_TRUE(ids.count((*it)[1])) << "dangling reference " << (*it)[1];
}

TEST(ReportCharts, TheSameChartGivesTheSameBytes) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2021);
  std::vector<render::ReportChart> charts =
      render::report_charts(report, testing::report_formats().v2021, chart_options());
  Result<std::string> first = render::charts_html(charts);
  Result<std::string> second = render::charts_html(charts);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ(*first, *second);
}

TEST(ReportCharts, HtmlWithChartsStillReadsBackAsTheSameReport) {
  domain::AnnualReport report = testing::sample_report(ReportFormatVersion::k2019);
  Result<std::string> html =
      render::render_report(report, testing::report_formats().v2019, ReportFileKind::kHtml, chart_options());
  ASSERT_TRUE(html.is_ok());
  EXPECT_NE(html->find("<figure class=\"report-chart\" id=\"chart-trend\">"), std::string::npos);
  Result<domain::AnnualReport> read = report::read_report_bytes(*html, "report.html", testing::report_formats());
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  testing::expect_same_tables(report, *read);
}

}  // namespace
}  // namespace gongkai
