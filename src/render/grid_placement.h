// Places table rows on a grid the way HTML does: each cell in the first grid column its row has not already
// given to a row-spanning cell from above. Shared by the PDF writer and the report renderers (XLSX, DOCX).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::render {

// A cell at its grid position. `Cell` has int members row_span and col_span.
template <typename Cell>
struct GridPlacement {
  const Cell* cell = nullptr;
  int row = 0, col = 0, row_span = 1, col_span = 1;
};

// Places `rows` on a grid `columns` wide. Fails with kInvalid naming `where`, the row and the column for a span
// below 1, a row wider than the grid, a row span past the last row, overlapping cells, or a row left short.
template <typename Cell>
Result<std::vector<GridPlacement<Cell>>> place_on_grid(const std::vector<std::vector<Cell>>& rows, int columns,
                                                       const std::string& where) {
  std::vector<GridPlacement<Cell>> placed;
  std::vector<std::vector<bool>> taken(rows.size(), std::vector<bool>(columns, false));
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    int col_idx = 0;
    for (const Cell& cell : rows[row_idx]) {
      while (col_idx < columns && taken[row_idx][col_idx]) ++col_idx;
      std::string at = where + " row " + std::to_string(row_idx + 1) + " column " + std::to_string(col_idx + 1);
      if (cell.row_span < 1 || cell.col_span < 1) return Status::invalid(at + ": a span below 1");
      if (col_idx + cell.col_span > columns) return Status::invalid(at + ": the cells are wider than the table");
      if (row_idx + cell.row_span > rows.size()) return Status::invalid(at + ": the row span runs past the last row");
      for (int r = 0; r < cell.row_span; ++r)
        for (int c = 0; c < cell.col_span; ++c) {
          if (taken[row_idx + r][col_idx + c]) return Status::invalid(at + ": the cell overlaps a spanning cell");
          taken[row_idx + r][col_idx + c] = true;
        }
      placed.push_back(GridPlacement<Cell>{&cell, static_cast<int>(row_idx), col_idx, cell.row_span, cell.col_span});
      col_idx += cell.col_span;
    }
    for (int c = 0; c < columns; ++c)
      if (!taken[row_idx][c])
        return Status::invalid(where + " row " + std::to_string(row_idx + 1) + ": column " + std::to_string(c + 1) +
                               " is not filled");
  }
  return placed;
}

}  // namespace gongkai::render
