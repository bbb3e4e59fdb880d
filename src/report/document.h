// The layout-free content of a report file — paragraphs and tables in reading order — that every reader (HTML,
// DOCX, text) produces and report_parser reads. Table cells are plain text with row/column spans expanded.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::report {

// Limits that keep hostile files from exhausting memory (docs/report-check.md).
inline constexpr size_t kMaxGridRows = 5000;
inline constexpr size_t kMaxGridColumns = 256;
inline constexpr int kMaxSpan = 256;
inline constexpr int kMaxNesting = 256;  // element nesting depth of HTML/XML the readers walk

// A table: rows of cell texts. A spanning cell's text is repeated in every grid position it covers, so rows
// of an HTML or DOCX table have equal width; rows read from plain text may differ in width.
struct Grid {
  std::vector<std::vector<std::string>> rows;
};

struct DocumentBlock {
  enum class Kind { kParagraph, kGrid };
  Kind kind = Kind::kParagraph;
  std::string text;  // kParagraph
  Grid grid;         // kGrid
};

struct Document {
  std::string title;  // HTML <title>, if any
  std::vector<DocumentBlock> blocks;
};

// A table cell before span expansion.
struct SpanCell {
  std::string text;
  int rowspan = 1;
  int colspan = 1;
};

// Places `rows` on a grid: each cell at the next free column of its row, covering rowspan × colspan positions
// (spans are clamped to kMaxSpan and to the table's rows). Rows are padded with "" to equal width. Fails with
// kInvalid when the grid would exceed kMaxGridRows × kMaxGridColumns.
Result<Grid> expand_spans(const std::vector<std::vector<SpanCell>>& rows);

}  // namespace gongkai::report
