// The report's HTML: markup built here with every text escaped, from the table layouts of report_tables.
#include "render/report_html.h"

#include <cstdlib>
#include <sstream>

#include "common/html_escape.h"

namespace gongkai::render {

namespace {

using Role = LayoutCell::Role;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

void cell_html(const LayoutCell& cell, const std::string& href, std::ostringstream& out) {
  bool header = cell.role != Role::kData && cell.role != Role::kCorner;
  out << (header ? "<th" : "<td");
  if (!cell.id.empty()) out << " id=\"" << escape_html(cell.id) << '"';
  if (cell.row_span > 1) out << " rowspan=\"" << cell.row_span << '"';
  if (cell.col_span > 1) out << " colspan=\"" << cell.col_span << '"';
  switch (cell.role) {
    case Role::kColumnHeader:
    case Role::kBlockCaption: out << " scope=\"" << (cell.col_span > 1 ? "colgroup" : "col") << '"'; break;
    case Role::kRowHeader: out << " scope=\"" << (cell.row_span > 1 ? "rowgroup" : "row") << '"'; break;
    case Role::kCorner: out << " class=\"corner\""; break;
    case Role::kData:
      out << " headers=\"" << escape_html(join(cell.headers)) << '"';
      out << (cell.text.empty() ? " class=\"blank\"" : " class=\"num\"");
      break;
  }
  if (cell.role == Role::kBlockCaption) out << " class=\"block\"";
  out << '>';
  if (!href.empty()) {
    out << "<a href=\"" << escape_html(href) << "\">" << escape_html(cell.text) << "</a>";
  } else {
    out << escape_html(cell.text);
  }
  out << (header ? "</th>" : "</td>");
}

void rows_html(const std::string& table_code, const std::vector<LayoutRow>& rows, const CellLink& link,
               std::ostringstream& out) {
  for (const LayoutRow& row : rows) {
    out << "<tr>";
    for (const LayoutCell& cell : row) {
      const bool linked = link && cell.role == Role::kData && !cell.text.empty();
      cell_html(cell, linked ? link(table_code, cell) : std::string(), out);
    }
    out << "</tr>\n";
  }
}

// Paragraphs of a section's text, one per line.
void paragraphs_html(const std::string& text, std::ostringstream& out) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out << "<p>" << escape_html(line) << "</p>\n";
  }
}

constexpr const char* kPageStyle = R"(body{margin:0;color:#1f1f1f;background:#fff;font-family:"Noto Serif CJK SC","Source Han Serif SC",SimSun,serif;line-height:1.8}
main{max-width:1000px;margin:0 auto;padding:24px 16px}
h1{font-family:"Noto Sans CJK SC",sans-serif;text-align:center;font-size:1.6rem}
h2{font-family:"Noto Sans CJK SC",sans-serif;font-size:1.2rem;margin-top:1.6em}
article.annual-report p{text-indent:2em}
table.report-table{border-collapse:collapse;width:100%;margin:12px 0;font-size:0.9rem}
table.report-table caption{font-weight:bold;padding:6px}
table.report-table th,table.report-table td{border:1px solid #333;padding:4px 6px;vertical-align:middle}
table.report-table th{background:#eef1f5;font-weight:normal;text-align:center}
table.report-table th[scope=row],table.report-table th[scope=rowgroup]{text-align:left}
table.report-table th.block{font-weight:bold;text-align:left}
table.report-table td.num{text-align:right}
table.report-table td.corner{font-size:0.8rem;color:#333}
figure.report-chart{margin:16px 0}
figure.report-chart figcaption{font-size:0.9rem;color:#4f4f4f}
@media print{main{max-width:none}table.report-table{page-break-inside:auto}thead{display:table-header-group}}
)";

}  // namespace

std::string table_html(const ReportTableLayout& table, const CellLink& link) {
  std::ostringstream out;
  out << "<table class=\"report-table\" id=\"" << escape_html(table.code) << "\">\n<caption>"
      << escape_html(table.caption) << "</caption>\n";
  if (!table.header_rows.empty()) {
    out << "<thead>\n";
    rows_html(table.code, table.header_rows, link, out);
    out << "</thead>\n";
  }
  // Table 二: one <tbody> per block, each opening with its caption row.
  std::vector<LayoutRow> group;
  auto flush = [&] {
    if (group.empty()) return;
    out << "<tbody>\n";
    rows_html(table.code, group, link, out);
    out << "</tbody>\n";
    group.clear();
  };
  for (const LayoutRow& row : table.body_rows) {
    if (!row.empty() && row.front().role == Role::kBlockCaption) flush();
    group.push_back(row);
  }
  flush();
  out << "</table>\n";
  return out.str();
}

Result<std::string> render_report_html_fragment(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                                const std::string& charts_html) {
  Result<std::vector<ReportTableLayout>> tables = layout_report_tables(report, format);
  if (!tables) return tables.status();
  std::ostringstream out;
  out << "<article class=\"annual-report\" data-format=\"" << domain::format_name(format.version()) << "\">\n";
  out << "<h1>" << escape_html(report_title(report)) << "</h1>\n";
  paragraphs_html(report.preamble, out);
  for (const domain::FormatEntry* section : report_section_entries(format)) {
    const domain::ReportSection* found = report.section(section->code);
    std::string heading = found && !found->heading.empty() ? found->heading : section->label;
    out << "<section aria-labelledby=\"section-" << section->code << "\">\n<h2 id=\"section-" << section->code
        << "\">" << escape_html(heading) << "</h2>\n";
    if (found) paragraphs_html(found->text, out);
    // Tables 二 三 四 follow the text of sections 二 三 四.
    int table_idx = std::atoi(section->code.c_str()) - 2;
    if (table_idx >= 0 && table_idx < static_cast<int>(tables->size())) out << table_html((*tables)[table_idx]);
    if (section->code == "3") out << charts_html;
    out << "</section>\n";
  }
  out << "</article>\n";
  return out.str();
}

Result<std::string> render_report_html_page(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                            const std::string& charts_html) {
  Result<std::string> fragment = render_report_html_fragment(report, format, charts_html);
  if (!fragment) return fragment.status();
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << escape_html(report_title(report)) << "</title>\n<style>\n" << kPageStyle << "</style>\n</head>\n"
      << "<body>\n<main>\n" << *fragment << "</main>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace gongkai::render
