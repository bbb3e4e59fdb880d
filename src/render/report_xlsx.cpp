// XLSX of the report tables: libxlsxwriter writes only to a file, so the workbook goes to a private temporary
// file that is read back and removed.
#include "render/report_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/grid_placement.h"
#include "render/report_tables.h"

namespace gongkai::render {

namespace {

using Role = LayoutCell::Role;

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* row_header = nullptr;
  lxw_format* caption = nullptr;
  lxw_format* corner = nullptr;
  lxw_format* number = nullptr;
  lxw_format* text = nullptr;
};

lxw_format* bordered(lxw_workbook* workbook) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_border(format, LXW_BORDER_THIN);
  format_set_text_wrap(format);
  format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
  format_set_font_name(format, "宋体");
  format_set_font_size(format, 10);
  return format;
}

Formats make_formats(lxw_workbook* workbook) {
  Formats formats;
  formats.title = workbook_add_format(workbook);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  format_set_align(formats.title, LXW_ALIGN_CENTER);
  format_set_font_name(formats.title, "黑体");
  formats.header = bordered(workbook);
  format_set_align(formats.header, LXW_ALIGN_CENTER);
  format_set_bg_color(formats.header, 0xEEF1F5);
  formats.row_header = bordered(workbook);
  formats.caption = bordered(workbook);
  format_set_bold(formats.caption);
  formats.corner = bordered(workbook);
  format_set_font_size(formats.corner, 9);
  formats.number = bordered(workbook);
  format_set_align(formats.number, LXW_ALIGN_RIGHT);
  formats.text = bordered(workbook);
  return formats;
}

lxw_format* format_of(const LayoutCell& cell, const Formats& formats) {
  switch (cell.role) {
    case Role::kCorner: return formats.corner;
    case Role::kBlockCaption: return formats.caption;
    case Role::kColumnHeader: return formats.header;
    case Role::kRowHeader: return formats.row_header;
    case Role::kData: break;
  }
  return cell.value ? formats.number : formats.text;
}

Status check(lxw_error error, const std::string& what) {
  if (error == LXW_NO_ERROR) return Status::ok();
  return Status::internal("xlsx " + what + ": " + lxw_strerror(error));
}

// Writes one cell (merging its span) at sheet row `row`.
Status write_cell(lxw_worksheet* sheet, const GridPlacement<LayoutCell>& placed, lxw_row_t row, const Formats& formats) {
  const LayoutCell& cell = *placed.cell;
  lxw_format* format = format_of(cell, formats);
  auto col = static_cast<lxw_col_t>(placed.col);
  if (placed.row_span > 1 || placed.col_span > 1) {
    GK_RETURN_IF_ERROR(check(worksheet_merge_range(sheet, row, col, row + placed.row_span - 1,
                                                   col + placed.col_span - 1, "", format),
                             "merge"));
  }
  if (cell.role == Role::kData && cell.value) return check(worksheet_write_number(sheet, row, col, *cell.value, format), "number");
  if (cell.text.empty()) return check(worksheet_write_blank(sheet, row, col, format), "blank");
  return check(worksheet_write_string(sheet, row, col, cell.text.c_str(), format), "string");
}

Status write_sheet(lxw_workbook* workbook, const ReportTableLayout& table, const std::string& name,
                   const std::string& title, const Formats& formats) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) return Status::internal("xlsx: cannot add sheet " + name);
  int columns = table.columns();
  double total = 0;
  for (double width : table.column_widths) total += width;
  // About 100 characters across the sheet.
  for (int col_idx = 0; col_idx < columns; ++col_idx)
    GK_RETURN_IF_ERROR(check(worksheet_set_column(sheet, col_idx, col_idx,
                                                  std::max(6.0, table.column_widths[col_idx] / total * 100), nullptr),
                             "column"));
  GK_RETURN_IF_ERROR(check(worksheet_merge_range(sheet, 0, 0, 0, columns - 1, title.c_str(), formats.title), "title"));
  lxw_row_t row = 1;
  for (const std::vector<LayoutRow>* rows : {&table.header_rows, &table.body_rows}) {
    Result<std::vector<GridPlacement<LayoutCell>>> placed = place_on_grid(*rows, columns, table.code);
    if (!placed) return placed.status();
    for (const GridPlacement<LayoutCell>& cell : *placed)
      GK_RETURN_IF_ERROR(write_cell(sheet, cell, row + cell.row, formats));
    row += static_cast<lxw_row_t>(rows->size());
  }
  if (!table.header_rows.empty())
    GK_RETURN_IF_ERROR(check(worksheet_repeat_rows(sheet, 1, static_cast<lxw_row_t>(table.header_rows.size())),
                             "repeat rows"));
  worksheet_set_paper(sheet, 9);  // A4
  if (columns > 4) worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  return Status::ok();
}

// A private temporary file path, removed when the object dies.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gongkai-xlsx-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

Result<std::string> render_report_xlsx(const domain::AnnualReport& report, const domain::ReportFormat& format) {
  Result<std::vector<ReportTableLayout>> tables = layout_report_tables(report, format);
  if (!tables) return tables.status();
  std::vector<const domain::FormatEntry*> sections = report_section_entries(format);
  TempFile file;
  if (file.path().empty()) return Status::io("xlsx: cannot create a temporary file");
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) return Status::io("xlsx: cannot open " + file.path());
  std::string title = report_title(report);
  lxw_doc_properties properties{};
  properties.title = title.data();
  std::string creator = "gongkai";
  properties.author = creator.data();
  Status status = check(workbook_set_properties(workbook, &properties), "properties");
  Formats formats = make_formats(workbook);
  for (size_t table_idx = 0; table_idx < tables->size() && status.is_ok(); ++table_idx) {
    // Sheets are named after sections 二 三 四 (at most 31 characters, as Excel requires).
    std::string name = table_idx + 1 < sections.size() ? sections[table_idx + 1]->label : (*tables)[table_idx].code;
    status = write_sheet(workbook, (*tables)[table_idx], name, title, formats);
  }
  lxw_error closed = workbook_close(workbook);  // frees the workbook in every case
  GK_RETURN_IF_ERROR(status);
  GK_RETURN_IF_ERROR(check(closed, "close"));
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return Status::io("xlsx: cannot read back " + file.path());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace gongkai::render
