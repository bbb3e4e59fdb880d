// A generic PDF writer for the platform's printable documents (annual reports, reply letters, circulars): a list
// of blocks laid out on A4 with pango, CJK fonts (Noto Serif/Sans CJK SC) embedded as subsets, text extractable,
// page numbers in the footer, and tables that split across pages repeating their header rows.
//
// Plain C++: no pango or cairo type appears here (their headers are given to src/render/*.cpp alone).
//
//   render::PdfDocument doc;
//   doc.title = "关于政府信息公开申请的答复";               // PDF metadata; not printed by itself
//   doc.blocks.push_back(render::PdfBlock::title("某某县人民政府"));
//   doc.blocks.push_back(render::PdfBlock::paragraph("张三：", render::PdfTextStyle::flush()));
//   doc.blocks.push_back(render::PdfBlock::paragraph("你于2026年3月2日……"));
//   render::PdfTable table;
//   table.column_widths = {2, 1, 1};                         // relative widths
//   table.header_rows = {{{"事项"}, {"数量"}, {"备注"}}};
//   table.body_rows = {{{"行政许可"}, render::PdfCell::number("12"), {""}}};
//   doc.blocks.push_back(render::PdfBlock::table_block(std::move(table)));
//   Result<std::string> pdf = render::render_pdf(doc);
//
// Thread-safety: render_pdf may be called from several threads at once (pango keeps one font map per thread).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::render {

enum class PdfAlign { kLeft, kCenter, kRight };

// One table cell. Cells are placed like HTML: row by row, each cell in the first grid column not already taken by
// a row-spanning cell of an earlier row. `text` is plain UTF-8 ("\n" breaks a line); it is never parsed as markup.
struct PdfCell {
  std::string text;
  int row_span = 1;  // >= 1
  int col_span = 1;  // >= 1
  PdfAlign align = PdfAlign::kLeft;
  bool bold = false;

  // A right-aligned cell for a figure.
  static PdfCell number(std::string text) { return PdfCell{std::move(text), 1, 1, PdfAlign::kRight, false}; }
  // A cell spanning `row_span` × `col_span` grid cells.
  static PdfCell span(std::string text, int row_span, int col_span, PdfAlign align = PdfAlign::kCenter) {
    return PdfCell{std::move(text), row_span, col_span, align, false};
  }
};

using PdfRow = std::vector<PdfCell>;

// A table. The grid has column_widths.size() columns (relative widths, scaled to the text width); every row,
// after spans are placed, must fill exactly that many columns. Header rows are shaded, centred and bold, and
// repeated at the top of every page the table continues on. Body rows linked by a row span are kept on one page
// when they fit on one; a single row taller than a page is clipped.
struct PdfTable {
  std::string caption;  // printed above the table (and "（续）" after it on continuation pages); "" for none
  std::vector<double> column_widths;
  std::vector<PdfRow> header_rows;
  std::vector<PdfRow> body_rows;
  double font_size = 9;  // points
};

struct PdfTextStyle {
  bool indent_first_line = true;  // two full-width characters, as Chinese official prose
  PdfAlign align = PdfAlign::kLeft;
  bool bold = false;

  // No first-line indent (salutations, signatures, captions).
  static PdfTextStyle flush() { return PdfTextStyle{false, PdfAlign::kLeft, false}; }
  // Right-aligned, no indent (the issuer and date at the end of a letter).
  static PdfTextStyle right() { return PdfTextStyle{false, PdfAlign::kRight, false}; }
};

// A vector drawing (e.g. a chart) drawn by the caller onto the page. `draw` receives a cairo_t* as void* with the
// origin at the drawing's top-left corner and its width and height in points; it must leave the context's state
// as it found it (cairo_save/cairo_restore). `alt_text` is printed below it as a caption (text alternative).
struct PdfDrawing {
  double height = 200;  // points; the width is the text width
  std::function<void(void* cairo_context, double width, double height)> draw;
  std::string alt_text;
};

struct PdfBlock {
  enum class Kind { kTitle, kHeading, kParagraph, kTable, kDrawing, kPageBreak };
  Kind kind = Kind::kParagraph;
  std::string text;  // title, heading, paragraph
  PdfTextStyle style;
  int level = 1;  // heading level 1 or 2
  PdfTable table;
  PdfDrawing drawing;

  static PdfBlock title(std::string text);                     // large, centred, bold
  static PdfBlock heading(std::string text, int level = 1);   // bold; level 1 also becomes a PDF outline entry
  static PdfBlock paragraph(std::string text, PdfTextStyle style = {});
  static PdfBlock table_block(PdfTable table);
  static PdfBlock drawing_block(PdfDrawing drawing);
  static PdfBlock page_break();
};

struct PdfDocument {
  std::string title;   // PDF metadata title
  std::string author;  // PDF metadata author ("" for none)
  std::vector<PdfBlock> blocks;
  bool page_numbers = true;  // "第 N 页 共 M 页" centred in the footer
  double font_size = 11;     // body text, points
};

// Lays out `doc` on A4 (margins 25 mm left/right, 25 mm top, 22 mm bottom) and returns the PDF bytes.
// Fails with kInvalid when a table has no columns, a width that is not positive, a span below 1, or a row whose
// placed cells do not fill the grid exactly (naming the block, row and column); kInternal if cairo fails.
Result<std::string> render_pdf(const PdfDocument& doc);

// render_pdf, then writes the bytes to `path` (replacing it). Fails as render_pdf, or with kIo naming the path.
Status write_pdf(const PdfDocument& doc, const std::string& path);

}  // namespace gongkai::render
