// The one entry point that renders an annual report (domain::AnnualReport, in the official layout of its
// domain::ReportFormat) into the files `gongkai report build --format html|xlsx|docx|pdf` writes
// (docs/report-rendering.md). Any AnnualReport renders: one built from records, or one the checker read.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::render {

enum class ReportFileKind { kHtml, kXlsx, kDocx, kPdf };

// A labelled figure of a chart (e.g. 网上申请 → 512).
struct ChartBar {
  std::string label;
  double value = 0;
};

// One earlier year of the trend chart: applications received (table 三 一、 总计) in `year`.
struct TrendPoint {
  int year = 0;
  double received = 0;
};

struct ReportRenderOptions {
  // kHtml: the <article> fragment alone (for the portal's page layout) instead of a complete HTML page.
  bool html_fragment = false;
  // Charts (SVG in HTML, vector drawings in PDF): applications by outcome (from table 三), by channel (below),
  // and the year-on-year trend (below plus this year). Omitted when false; an empty series omits its chart.
  bool charts = true;
  // Applications by channel (当面, 网上, 信函, …); the AnnualReport has no channel figures, the builder supplies them.
  std::vector<ChartBar> applications_by_channel;
  // Earlier years, oldest first; this report's year is appended from its table 三.
  std::vector<TrendPoint> trend;
};

// Renders `report` in `format`'s layout as `kind`: an HTML page (or fragment), an XLSX workbook, a DOCX document
// or a PDF, as bytes. Fails with kInvalid when the report holds a row or column code `format` does not define
// (naming the table and code) or text that is not UTF-8; kInternal when a library fails. Thread-safe: calls
// share no state (XLSX writes its own temporary file; pango keeps a font map per thread). A PDF takes about a
// second (docs/report-rendering.md).
Result<std::string> render_report(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                  ReportFileKind kind, const ReportRenderOptions& options = {});

// Parses "html", "xlsx", "docx" or "pdf"; fails with kInvalid naming the text and the choices.
Result<ReportFileKind> parse_report_file_kind(const std::string& text);

}  // namespace gongkai::render
