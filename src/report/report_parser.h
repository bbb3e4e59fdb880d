// Finds an annual report's title, year, body, sections and tables 二 三 四 in a Document, mapping table rows and
// columns to the format's codes by their labels (never by position alone).
#pragma once

#include "domain/annual_report.h"
#include "domain/report_format.h"
#include "report/document.h"

namespace gongkai::report {

// Reads the report in `doc`. The year comes from the title ("XX2020年政府信息公开工作年度报告" or
// "2019年XX政府信息公开工作年度报告") or the statistics period; the body from the title; table 三's format from
// its （六） rows (2021 sub-rows present or not), else from the year. Fails with kInvalid and a reason for a
// document that is not an annual report (no title and fewer than three section headings) and for one whose
// tables 二 三 四 are all missing (e.g. a scraped copy that lost them) — it never guesses numbers.
Result<domain::AnnualReport> parse_report(const Document& doc, const domain::ReportFormats& formats);

}  // namespace gongkai::report
