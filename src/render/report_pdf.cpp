// Maps the table layouts of report_tables onto PdfTable: header roles become bold centred cells, figures align
// right, blank stays blank.
#include "render/report_pdf.h"

#include <cstdlib>

#include "render/report_tables.h"

namespace gongkai::render {

namespace {

using Role = LayoutCell::Role;

PdfRow pdf_row(const LayoutRow& row) {
  PdfRow out;
  for (const LayoutCell& cell : row) {
    PdfCell pdf{cell.text, cell.row_span, cell.col_span, PdfAlign::kLeft, false};
    switch (cell.role) {
      case Role::kData: pdf.align = PdfAlign::kRight; break;
      case Role::kColumnHeader: pdf.align = PdfAlign::kCenter; pdf.bold = true; break;
      case Role::kBlockCaption: pdf.bold = true; break;
      case Role::kCorner:
      case Role::kRowHeader: break;
    }
    out.push_back(std::move(pdf));
  }
  return out;
}

PdfTable pdf_table(const ReportTableLayout& layout) {
  PdfTable table;
  table.caption = layout.caption;
  table.column_widths = layout.column_widths;
  table.font_size = layout.columns() > 4 ? 8 : 9;
  for (const LayoutRow& row : layout.header_rows) table.header_rows.push_back(pdf_row(row));
  for (const LayoutRow& row : layout.body_rows) table.body_rows.push_back(pdf_row(row));
  return table;
}

void text_blocks(const std::string& text, std::vector<PdfBlock>& blocks) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) blocks.push_back(PdfBlock::paragraph(line));
    start = end + 1;
  }
}

}  // namespace

Result<PdfDocument> report_pdf_document(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                        const std::vector<ReportChart>& charts) {
  Result<std::vector<ReportTableLayout>> tables = layout_report_tables(report, format);
  if (!tables) return tables.status();
  PdfDocument doc;
  doc.title = report_title(report);
  doc.author = report.body.value_or("");
  doc.blocks.push_back(PdfBlock::title(doc.title));
  text_blocks(report.preamble, doc.blocks);
  for (const domain::FormatEntry* section : report_section_entries(format)) {
    const domain::ReportSection* found = report.section(section->code);
    doc.blocks.push_back(PdfBlock::heading(found && !found->heading.empty() ? found->heading : section->label));
    if (found) text_blocks(found->text, doc.blocks);
    int table_idx = std::atoi(section->code.c_str()) - 2;
    if (table_idx >= 0 && table_idx < static_cast<int>(tables->size()))
      doc.blocks.push_back(PdfBlock::table_block(pdf_table((*tables)[table_idx])));
    if (section->code == "3")
      for (const ReportChart& chart : charts) doc.blocks.push_back(PdfBlock::drawing_block(chart_drawing(chart)));
  }
  return doc;
}

Result<std::string> render_report_pdf(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                      const std::vector<ReportChart>& charts) {
  Result<PdfDocument> doc = report_pdf_document(report, format, charts);
  if (!doc) return doc.status();
  return render_pdf(*doc);
}

}  // namespace gongkai::render
