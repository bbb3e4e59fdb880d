// The annual report as a PDF, through the generic writer of pdf_document.h: title, sections, tables 二 三 四 in
// the official merged-cell layout (header rows repeated when a table continues on the next page), charts.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"
#include "render/pdf_document.h"
#include "render/report_charts.h"

namespace gongkai::render {

// The report as PDF blocks: title, preamble, each section heading (a PDF outline entry) and text, each table
// after its section's text, `charts` (drawings with their text alternative) after table 三. Fails as
// layout_report_tables.
Result<PdfDocument> report_pdf_document(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                        const std::vector<ReportChart>& charts);

// report_pdf_document, rendered. Fails as report_pdf_document and render_pdf.
Result<std::string> render_report_pdf(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                      const std::vector<ReportChart>& charts);

}  // namespace gongkai::render
