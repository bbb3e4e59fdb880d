// The annual report as a Word document (.docx, written with pugixml + libzip): title, section headings (Word
// heading styles), paragraphs, and tables 二 三 四 as real Word tables with w:gridSpan / w:vMerge spans.
#pragma once

#include <string>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::render {

// A .docx (A4 portrait, 宋体 body, 黑体 headings): paragraph style Title for the title, Heading1 for the six
// section headings, each table after its section's text with its header rows marked to repeat (w:tblHeader);
// a row-spanning cell is w:vMerge restart + continue cells, a column span is w:gridSpan. Fails as
// layout_report_tables, or with kInternal when libzip fails.
Result<std::string> render_report_docx(const domain::AnnualReport& report, const domain::ReportFormat& format);

}  // namespace gongkai::render
