// The official layout of the annual report's tables 二 三 四 (spec/annual-report.md) as a format-neutral grid of
// cells with spans, header roles and header references. Every renderer (HTML, XLSX, DOCX, PDF) draws this one
// grid, so all four files print the same merged cells as the official HTML layout the checker reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::render {

struct LayoutCell {
  enum class Role {
    kCorner,        // table 三's top-left cell (the identity note)
    kBlockCaption,  // a table 二 block caption row (第二十条第（一）项)
    kColumnHeader,  // a column or column-group label
    kRowHeader,     // a row or row-group label
    kData,          // a figure, or blank
  };
  Role role = Role::kData;
  std::string text;  // as printed; "" for a blank data cell (never "0")
  int row_span = 1;
  int col_span = 1;
  std::string id;                    // unique within the report (header cells only), e.g. "t3-col-business"
  std::vector<std::string> headers;  // data cells: ids of every header cell that labels it, outermost first
  bool group = false;                // a header spanning several columns/rows (HTML scope colgroup/rowgroup)
  std::optional<double> value;       // data cells: the number, when the text is one
  domain::ValueType type = domain::ValueType::kNone;  // data cells: the column's value type
  // Data cells: the report codes of the cell (spec/contracts.md; table 四's row is the group), e.g. "granted"
  // and "natural_person", so a page can link a figure to the records it counts.
  std::string row_code, column_code;
};

using LayoutRow = std::vector<LayoutCell>;

// One table placed HTML-style: each row lists its cells left to right, skipping grid columns taken by row
// spans from rows above. Header rows may be repeated on every page; table 二 has none (its block captions and
// column labels are body rows, as in the official layout).
struct ReportTableLayout {
  std::string code;     // "table2" | "table3" | "table4"
  std::string caption;  // 主动公开政府信息情况 …
  std::vector<double> column_widths;  // relative
  std::vector<LayoutRow> header_rows;
  std::vector<LayoutRow> body_rows;
  int columns() const { return static_cast<int>(column_widths.size()); }
};

// The three tables of `report` laid out in `format` (table 二, 三, 四 in that order). A table the report lacks
// (nullopt) is laid out with blank cells. Fails with kInvalid when the report holds a row or column code that
// `format` does not define (naming the table and code), or when report.format names another format than
// `format`; kInternal when `format` lacks an entry the layout needs.
Result<std::vector<ReportTableLayout>> layout_report_tables(const domain::AnnualReport& report,
                                                            const domain::ReportFormat& format);

// The section headings of `format` in order (codes "1"…"6", the first label of each code).
std::vector<const domain::FormatEntry*> report_section_entries(const domain::ReportFormat& format);

// The text a cell prints: its text, else its value (shortest fixed notation), else "" (blank).
std::string printed_cell_text(const domain::ReportCell& cell);

// The report's title, or one built from its body and year ("示例县2020年政府信息公开工作年度报告").
std::string report_title(const domain::AnnualReport& report);

}  // namespace gongkai::render
