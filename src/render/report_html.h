// The published HTML of an annual report: title, preamble, the six sections, tables 二 三 四 in the official
// merged-cell layout with <caption>, header scopes and `headers` references, and the charts as inline SVG.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"
#include "render/report_render.h"
#include "render/report_tables.h"

namespace gongkai::render {

// The <article class="annual-report"> fragment: headings h1 (title) and h2 (sections), paragraphs, the three
// tables, and `charts_html` (inline SVG figures, may be "") after section 三's table. Every text is escaped; a
// blank cell is an empty <td class="blank">, a zero prints "0". Fails as layout_report_tables.
Result<std::string> render_report_html_fragment(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                                const std::string& charts_html);

// A complete page (lang="zh-CN", <main>, an embedded print-friendly stylesheet) around the fragment.
Result<std::string> render_report_html_page(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                            const std::string& charts_html);

// The address a data cell's figure links to ("" for none), given the table code and the cell.
using CellLink = std::function<std::string(const std::string& table_code, const LayoutCell& cell)>;

// One laid-out table as <table>: <caption>, <thead> (header rows), <tbody> (table 二: one per block). With
// `link`, every printed figure is an <a href> to the address it gives (the staff page's drill-down); blanks
// stay plain.
std::string table_html(const ReportTableLayout& table, const CellLink& link = {});

}  // namespace gongkai::render
