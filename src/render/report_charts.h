// The annual report's charts — applications by outcome (table 三), by channel and the year-on-year trend — drawn
// once with cairo + pango and emitted as inline SVG for the HTML (role="img", <title>, a text alternative) or as
// a vector drawing for the PDF.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"
#include "render/pdf_document.h"
#include "render/report_render.h"

namespace gongkai::render {

// A horizontal bar chart.
struct ReportChart {
  std::string id;     // unique in a page: "chart-outcomes", "chart-channels", "chart-trend"
  std::string title;  // e.g. "2020年政府信息公开申请办理结果"
  std::string unit;   // "件"
  std::vector<ChartBar> bars;

  // "予以公开 322件；部分公开 54件；…" — the chart's content as text.
  std::string text_alternative() const;
  // Height in points the drawing needs at its width.
  double height() const;
};

// The charts of `report` that have data, in order outcome, channel, trend. Outcome bars: the direct sub-rows and
// groups of 三、本年度办理结果 except （七）总计 (a group's bar is the sum of its sub-rows), from the 总计 column.
// Trend: options.trend then this year's 一、本年新收 总计 (when the report has a year and the figure).
std::vector<ReportChart> report_charts(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                       const ReportRenderOptions& options);

// The chart as an inline <svg role="img" aria-labelledby=…> with a <title>; element ids are prefixed with the
// chart's id so several charts can share a page. Fails with kInternal if cairo fails.
Result<std::string> chart_svg(const ReportChart& chart);

// <figure class="report-chart"> elements, each the inline SVG and a <figcaption> with the text alternative.
Result<std::string> charts_html(const std::vector<ReportChart>& charts);

// The chart as a PDF drawing block (its text alternative as the caption).
PdfDrawing chart_drawing(const ReportChart& chart);

}  // namespace gongkai::render
