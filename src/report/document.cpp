// Span expansion for tables read from HTML (see document.h).
#include "report/document.h"

#include <algorithm>

namespace gongkai::report {

Result<Grid> expand_spans(const std::vector<std::vector<SpanCell>>& rows) {
  if (rows.size() > kMaxGridRows)
    return Status::invalid("a table has " + std::to_string(rows.size()) + " rows; the limit is " +
                           std::to_string(kMaxGridRows));
  Grid grid;
  std::vector<std::vector<bool>> taken;
  grid.rows.resize(rows.size());
  taken.resize(rows.size());
  size_t width = 0;
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    size_t column_idx = 0;
    for (const SpanCell& cell : rows[row_idx]) {
      while (column_idx < taken[row_idx].size() && taken[row_idx][column_idx]) ++column_idx;
      const size_t colspan = static_cast<size_t>(std::clamp(cell.colspan, 1, kMaxSpan));
      const size_t rowspan = std::min(static_cast<size_t>(std::clamp(cell.rowspan, 1, kMaxSpan)), rows.size() - row_idx);
      if (column_idx + colspan > kMaxGridColumns)
        return Status::invalid("a table is wider than " + std::to_string(kMaxGridColumns) + " columns");
      for (size_t dr = 0; dr < rowspan; ++dr) {
        std::vector<std::string>& cells = grid.rows[row_idx + dr];
        std::vector<bool>& used = taken[row_idx + dr];
        if (cells.size() < column_idx + colspan) {
          cells.resize(column_idx + colspan);
          used.resize(column_idx + colspan, false);
        }
        for (size_t dc = 0; dc < colspan; ++dc) {
          if (used[column_idx + dc]) continue;  // overlapping spans: the first cell keeps the position
          cells[column_idx + dc] = cell.text;
          used[column_idx + dc] = true;
        }
      }
      column_idx += colspan;
      width = std::max(width, column_idx);
    }
  }
  for (auto& cells : grid.rows) width = std::max(width, cells.size());
  for (auto& cells : grid.rows) cells.resize(width);
  return grid;
}

}  // namespace gongkai::report
