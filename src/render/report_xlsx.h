// The annual report's tables 二 三 四 as an XLSX workbook (libxlsxwriter): one sheet per table, the official
// merged cells, figures as numbers, blank cells blank.
#pragma once

#include <string>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::render {

// A workbook of three sheets named after sections 二 三 四 ("二、主动公开政府信息情况" …). Each sheet: row 1 the
// report title, then the table's header and body rows with their spans as merged ranges; a cell with a value is a
// number cell, a non-numeric text a string, a blank cell a formatted blank (no value, never 0). Header rows repeat
// when printed; tables 三 and 四 print landscape, one page wide. Fails as layout_report_tables, or with kIo when
// the temporary file libxlsxwriter writes to cannot be created or read.
Result<std::string> render_report_xlsx(const domain::AnnualReport& report, const domain::ReportFormat& format);

}  // namespace gongkai::render
