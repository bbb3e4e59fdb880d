// The renderers' entry point: checks the report's text once, builds the charts, and hands over to the renderer
// of the asked kind.
#include "render/report_render.h"

#include "io/text_encoding.h"
#include "render/report_charts.h"
#include "render/report_docx.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "render/report_xlsx.h"

namespace gongkai::render {

namespace {

Status check_text(std::string_view text, const std::string& where) {
  size_t at = io::find_invalid_utf8(text);
  if (at == std::string_view::npos) return Status::ok();
  return Status::invalid(where + ": invalid UTF-8 at byte " + std::to_string(at));
}

// Every text the renderers print is UTF-8 (XML and PDF need it; a bad byte would corrupt the file).
Status check_report_text(const domain::AnnualReport& report, const ReportRenderOptions& options) {
  GK_RETURN_IF_ERROR(check_text(report.title, "the title"));
  GK_RETURN_IF_ERROR(check_text(report.body.value_or(""), "the body"));
  GK_RETURN_IF_ERROR(check_text(report.preamble, "the preamble"));
  for (const domain::ReportSection& section : report.sections) {
    GK_RETURN_IF_ERROR(check_text(section.heading, "section " + section.code + " heading"));
    GK_RETURN_IF_ERROR(check_text(section.text, "section " + section.code));
  }
  const std::pair<const char*, const std::optional<domain::ReportTable>*> tables[] = {
      {"table2", &report.table2}, {"table3", &report.table3}, {"table4", &report.table4}};
  for (const auto& [name, table] : tables) {
    if (!*table) continue;
    for (const auto& [row, cells] : **table)
      for (const auto& [column, cell] : cells)
        GK_RETURN_IF_ERROR(check_text(cell.text, std::string(name) + " " + row + " " + column));
  }
  for (const ChartBar& bar : options.applications_by_channel) GK_RETURN_IF_ERROR(check_text(bar.label, "a channel"));
  return Status::ok();
}

}  // namespace

Result<std::string> render_report(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                  ReportFileKind kind, const ReportRenderOptions& options) {
  GK_RETURN_IF_ERROR(check_report_text(report, options));
  std::vector<ReportChart> charts;
  if (options.charts && (kind == ReportFileKind::kHtml || kind == ReportFileKind::kPdf))
    charts = report_charts(report, format, options);
  switch (kind) {
    case ReportFileKind::kHtml: {
      Result<std::string> figures = charts_html(charts);
      if (!figures) return figures.status();
      return options.html_fragment ? render_report_html_fragment(report, format, *figures)
                                   : render_report_html_page(report, format, *figures);
    }
    case ReportFileKind::kXlsx: return render_report_xlsx(report, format);
    case ReportFileKind::kDocx: return render_report_docx(report, format);
    case ReportFileKind::kPdf: return render_report_pdf(report, format, charts);
  }
  return Status::internal("unknown report file kind");
}

Result<ReportFileKind> parse_report_file_kind(const std::string& text) {
  static const std::pair<const char*, ReportFileKind> kKinds[] = {{"html", ReportFileKind::kHtml},
                                                                  {"xlsx", ReportFileKind::kXlsx},
                                                                  {"docx", ReportFileKind::kDocx},
                                                                  {"pdf", ReportFileKind::kPdf}};
  for (const auto& [name, kind] : kKinds)
    if (text == name) return kind;
  return Status::invalid("unknown report format \"" + text + "\" (choose html, xlsx, docx or pdf)");
}

}  // namespace gongkai::render
