// The PDF writer of pdf_document.h: two passes of the same layout code over a cairo PDF surface — the first counts
// the pages (for "共 M 页"), the second paints. Text goes through pango, so cairo embeds font subsets with ToUnicode
// maps and pdftotext gets the text back.
#include "render/pdf_document.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <numeric>

#include "render/grid_placement.h"

namespace gongkai::render {

namespace {

// A4 in points and the margins of the header comment.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMarginSide = 70.866;    // 25 mm
constexpr double kMarginTop = 70.866;     // 25 mm
constexpr double kMarginBottom = 62.362;  // 22 mm
constexpr double kTextWidth = kPageWidth - 2 * kMarginSide;
constexpr double kContentBottom = kPageHeight - kMarginBottom;
constexpr double kCellPadding = 3;
constexpr double kRuleWidth = 0.5;
constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr const char* kSans = "Noto Sans CJK SC";

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
struct FontDescriptionFree {
  void operator()(PangoFontDescription* desc) const { pango_font_description_free(desc); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

FontPtr make_font(const char* family, double size, bool bold) {
  FontPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), family);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

double to_points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

PangoAlignment pango_alignment(PdfAlign align) {
  switch (align) {
    case PdfAlign::kCenter: return PANGO_ALIGN_CENTER;
    case PdfAlign::kRight: return PANGO_ALIGN_RIGHT;
    case PdfAlign::kLeft: break;
  }
  return PANGO_ALIGN_LEFT;
}

using PlacedCell = GridPlacement<PdfCell>;

Status check_utf8(const std::string& text, const std::string& where) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return Status::ok();
  return Status::invalid(where + ": the text is not valid UTF-8");
}

// A table ready to lay out: placed cells and the row heights of its header and body.
struct TableLayout {
  std::vector<double> col_x;  // left edge of each column, plus the right edge of the last
  std::vector<PlacedCell> header, body;
  std::vector<double> header_heights, body_heights;
  std::vector<int> group_end;  // for each body row: one past the last row of its row-span group
};

// Lays out one document; run once to count pages (paint = false) and once to paint.
class Pager {
 public:
  Pager(cairo_surface_t* surface, const PdfDocument& doc, bool paint, int total_pages)
      : surface_(surface), doc_(doc), paint_(paint), total_pages_(total_pages) {
    cr_ = cairo_create(surface);
    // The thread's default font map (pango keeps one per thread): loading the CJK faces once per thread, not
    // once per document, is most of the speed of a short letter.
    context_ = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_update_context(cr_, context_);
  }
  ~Pager() {
    g_object_unref(context_);
    cairo_destroy(cr_);
  }
  Pager(const Pager&) = delete;
  Pager& operator=(const Pager&) = delete;

  // Lays out every block; returns the number of pages.
  Result<int> run() {
    for (size_t block_idx = 0; block_idx < doc_.blocks.size(); ++block_idx) {
      GK_RETURN_IF_ERROR(block(doc_.blocks[block_idx], "block " + std::to_string(block_idx + 1)));
    }
    finish_page();
    return page_;
  }

 private:
  LayoutPtr make_layout(const std::string& text, const PangoFontDescription* font, double width, PdfAlign align,
                        bool indent, double line_spacing = 1.0) {
    LayoutPtr layout(pango_layout_new(context_));
    pango_layout_set_font_description(layout.get(), font);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), pango_alignment(align));
    if (indent) pango_layout_set_indent(layout.get(), pango_font_description_get_size(font) * 2);
    if (line_spacing != 1.0) pango_layout_set_line_spacing(layout.get(), static_cast<float>(line_spacing));
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  double layout_height(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return to_points(height);
  }

  void finish_page() {
    if (paint_ && doc_.page_numbers) {
      std::string footer = "第 " + std::to_string(page_) + " 页 共 " + std::to_string(total_pages_) + " 页";
      FontPtr font = make_font(kSerif, 9, false);
      LayoutPtr layout = make_layout(footer, font.get(), kTextWidth, PdfAlign::kCenter, false);
      cairo_move_to(cr_, kMarginSide, kContentBottom + (kMarginBottom - layout_height(layout.get())) / 2);
      pango_cairo_show_layout(cr_, layout.get());
    }
  }

  void new_page() {
    finish_page();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
  }

  bool at_page_top() const { return y_ <= kMarginTop; }

  // Paints `layout` line by line from the current position, breaking pages between lines.
  void flow(PangoLayout* layout, double x) {
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double shift = y_;  // page y of layout y 0
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double top = to_points(logical.y), height = to_points(logical.height);
      if (shift + top + height > kContentBottom && shift + top > kMarginTop) {
        new_page();
        shift = kMarginTop - top;
      }
      if (paint_) {
        cairo_move_to(cr_, x + to_points(logical.x), shift + to_points(pango_layout_iter_get_baseline(iter)));
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      }
      y_ = shift + top + height;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }

  Status block(const PdfBlock& block, const std::string& where) {
    switch (block.kind) {
      case PdfBlock::Kind::kTitle: return title(block, where);
      case PdfBlock::Kind::kHeading: return heading(block, where);
      case PdfBlock::Kind::kParagraph: return paragraph(block, where);
      case PdfBlock::Kind::kTable: return table(block.table, where);
      case PdfBlock::Kind::kDrawing: return drawing(block.drawing, where);
      case PdfBlock::Kind::kPageBreak:
        if (!at_page_top()) new_page();
        return Status::ok();
    }
    return Status::internal(where + ": unknown block kind");
  }

  Status title(const PdfBlock& block, const std::string& where) {
    GK_RETURN_IF_ERROR(check_utf8(block.text, where));
    FontPtr font = make_font(kSans, doc_.font_size * 1.7, true);
    LayoutPtr layout = make_layout(block.text, font.get(), kTextWidth, PdfAlign::kCenter, false, 1.3);
    flow(layout.get(), kMarginSide);
    y_ += doc_.font_size * 1.5;
    return Status::ok();
  }

  Status heading(const PdfBlock& block, const std::string& where) {
    GK_RETURN_IF_ERROR(check_utf8(block.text, where));
    bool major = block.level <= 1;
    FontPtr font = make_font(major ? kSans : kSerif, doc_.font_size * (major ? 1.25 : 1.1), true);
    LayoutPtr layout = make_layout(block.text, font.get(), kTextWidth, PdfAlign::kLeft, false, 1.3);
    double height = layout_height(layout.get());
    if (!at_page_top()) y_ += doc_.font_size * 0.6;
    // Keep a heading with at least three lines of what follows.
    if (y_ + height + doc_.font_size * 4.5 > kContentBottom && !at_page_top()) new_page();
    double top = y_;
    flow(layout.get(), kMarginSide);
    if (paint_ && major) {
      std::string dest = "page=" + std::to_string(page_) + " pos=[" + std::to_string(kMarginSide) + " " +
                         std::to_string(top) + "]";
      cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, block.text.c_str(), dest.c_str(),
                                    CAIRO_PDF_OUTLINE_FLAG_OPEN);
    }
    y_ += doc_.font_size * 0.4;
    return Status::ok();
  }

  Status paragraph(const PdfBlock& block, const std::string& where) {
    GK_RETURN_IF_ERROR(check_utf8(block.text, where));
    FontPtr font = make_font(kSerif, doc_.font_size, block.style.bold);
    LayoutPtr layout = make_layout(block.text, font.get(), kTextWidth, block.style.align,
                                   block.style.indent_first_line, 1.5);
    flow(layout.get(), kMarginSide);
    y_ += doc_.font_size * 0.5;
    return Status::ok();
  }

  Status drawing(const PdfDrawing& drawing, const std::string& where) {
    GK_RETURN_IF_ERROR(check_utf8(drawing.alt_text, where));
    if (!(drawing.height > 0) || drawing.height > kContentBottom - kMarginTop)
      return Status::invalid(where + ": the drawing height must be above 0 and fit on a page");
    FontPtr font = make_font(kSerif, doc_.font_size * 0.85, false);
    LayoutPtr caption = make_layout(drawing.alt_text, font.get(), kTextWidth, PdfAlign::kCenter, false, 1.3);
    double caption_height = drawing.alt_text.empty() ? 0 : layout_height(caption.get());
    if (y_ + drawing.height + caption_height > kContentBottom && !at_page_top()) new_page();
    if (paint_ && drawing.draw) {
      cairo_save(cr_);
      cairo_translate(cr_, kMarginSide, y_);
      drawing.draw(cr_, kTextWidth, drawing.height);
      cairo_restore(cr_);
    }
    y_ += drawing.height + 4;
    if (!drawing.alt_text.empty()) flow(caption.get(), kMarginSide);
    y_ += doc_.font_size * 0.8;
    return Status::ok();
  }

  // Heights of `rows` given their placed cells: the tallest single-row cell, then row-spanning cells stretch
  // the last row they cover when the rows are too short for them.
  Result<std::vector<double>> row_heights(const std::vector<PlacedCell>& cells, size_t row_count,
                                          const TableLayout& grid, double font_size, bool header,
                                          const std::string& where) {
    std::vector<double> heights(row_count, font_size * 1.4 + 2 * kCellPadding);
    std::vector<std::pair<const PlacedCell*, double>> spanning;
    for (const PlacedCell& placed : cells) {
      GK_RETURN_IF_ERROR(check_utf8(placed.cell->text, where));
      double height = cell_layout_height(placed, grid, font_size, header) + 2 * kCellPadding;
      if (placed.row_span == 1)
        heights[placed.row] = std::max(heights[placed.row], height);
      else
        spanning.emplace_back(&placed, height);
    }
    std::stable_sort(spanning.begin(), spanning.end(),
                     [](const auto& a, const auto& b) { return a.first->row_span < b.first->row_span; });
    for (const auto& [placed, height] : spanning) {
      double covered = 0;
      for (int r = 0; r < placed->row_span; ++r) covered += heights[placed->row + r];
      if (covered < height) heights[placed->row + placed->row_span - 1] += height - covered;
    }
    return heights;
  }

  LayoutPtr cell_layout(const PlacedCell& placed, const TableLayout& grid, double font_size, bool header) {
    double width = grid.col_x[placed.col + placed.col_span] - grid.col_x[placed.col] - 2 * kCellPadding;
    FontPtr font = make_font(header ? kSans : kSerif, font_size, header || placed.cell->bold);
    PdfAlign align = header ? PdfAlign::kCenter : placed.cell->align;
    return make_layout(placed.cell->text, font.get(), std::max(width, 1.0), align, false, 1.15);
  }

  double cell_layout_height(const PlacedCell& placed, const TableLayout& grid, double font_size, bool header) {
    if (placed.cell->text.empty()) return 0;
    LayoutPtr layout = cell_layout(placed, grid, font_size, header);
    return layout_height(layout.get());
  }

  // Paints rows [first, last) of `cells` with their top at y_; cells spanning in from earlier rows or out past
  // `last` are painted clipped to the rows shown.
  void paint_rows(const std::vector<PlacedCell>& cells, const std::vector<double>& heights, int first, int last,
                  const TableLayout& grid, double font_size, bool header) {
    std::vector<double> row_y(heights.size() + 1, 0);
    row_y[first] = y_;
    for (int r = first; r < last; ++r) row_y[r + 1] = row_y[r] + heights[r];
    if (paint_) {
      for (const PlacedCell& placed : cells) {
        int top_row = std::max(placed.row, first), end_row = std::min(placed.row + placed.row_span, last);
        if (top_row >= end_row) continue;
        double x = grid.col_x[placed.col], width = grid.col_x[placed.col + placed.col_span] - x;
        double top = row_y[top_row], height = row_y[end_row] - top;
        cairo_save(cr_);
        cairo_rectangle(cr_, x, top, width, height);
        if (header) {
          cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
          cairo_fill_preserve(cr_);
        }
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_set_line_width(cr_, kRuleWidth);
        cairo_stroke_preserve(cr_);
        cairo_clip(cr_);
        if (!placed.cell->text.empty()) {
          LayoutPtr layout = cell_layout(placed, grid, font_size, header);
          double text_height = layout_height(layout.get());
          cairo_move_to(cr_, x + kCellPadding, top + std::max(kCellPadding, (height - text_height) / 2));
          pango_cairo_show_layout(cr_, layout.get());
        }
        cairo_restore(cr_);
      }
    }
    y_ = row_y[last];
  }

  double caption_height(const std::string& caption, double font_size) {
    if (caption.empty()) return 0;
    FontPtr font = make_font(kSans, font_size * 1.1, true);
    LayoutPtr layout = make_layout(caption + "（续）", font.get(), kTextWidth, PdfAlign::kCenter, false, 1.3);
    return layout_height(layout.get()) + 4;
  }

  void paint_caption(const std::string& caption, double font_size, bool continued) {
    if (caption.empty()) return;
    FontPtr font = make_font(kSans, font_size * 1.1, true);
    LayoutPtr layout =
        make_layout(continued ? caption + "（续）" : caption, font.get(), kTextWidth, PdfAlign::kCenter, false, 1.3);
    flow(layout.get(), kMarginSide);
    y_ += 4;
  }

  Status table(const PdfTable& table, const std::string& where) {
    GK_RETURN_IF_ERROR(check_utf8(table.caption, where));
    if (table.column_widths.empty()) return Status::invalid(where + ": the table has no columns");
    for (double width : table.column_widths)
      if (!(width > 0)) return Status::invalid(where + ": a column width is not positive");
    if (!(table.font_size > 0)) return Status::invalid(where + ": the table font size is not positive");
    int columns = static_cast<int>(table.column_widths.size());
    TableLayout grid;
    double total = std::accumulate(table.column_widths.begin(), table.column_widths.end(), 0.0);
    grid.col_x.push_back(kMarginSide);
    for (double width : table.column_widths) grid.col_x.push_back(grid.col_x.back() + width / total * kTextWidth);
    Result<std::vector<PlacedCell>> header = place_on_grid(table.header_rows, columns, where + " header");
    if (!header) return header.status();
    Result<std::vector<PlacedCell>> body = place_on_grid(table.body_rows, columns, where + " body");
    if (!body) return body.status();
    grid.header = std::move(*header);
    grid.body = std::move(*body);
    Result<std::vector<double>> header_heights =
        row_heights(grid.header, table.header_rows.size(), grid, table.font_size, true, where);
    if (!header_heights) return header_heights.status();
    Result<std::vector<double>> body_heights =
        row_heights(grid.body, table.body_rows.size(), grid, table.font_size, false, where);
    if (!body_heights) return body_heights.status();
    grid.header_heights = std::move(*header_heights);
    grid.body_heights = std::move(*body_heights);

    // Row-span groups: a group ends at the first row that no cell from an earlier row spans past.
    int rows = static_cast<int>(table.body_rows.size());
    std::vector<int> span_end(rows, 0);
    for (const PlacedCell& placed : grid.body)
      span_end[placed.row] = std::max(span_end[placed.row], placed.row + placed.row_span);
    grid.group_end.assign(rows, 0);
    for (int group_start = 0; group_start < rows;) {
      int end = group_start + 1;
      for (int r = group_start; r < end; ++r) end = std::max(end, span_end[r]);
      for (int r = group_start; r < end; ++r) grid.group_end[r] = end;
      group_start = end;
    }
    auto height_of = [&](int first, int last) {
      return std::accumulate(grid.body_heights.begin() + first, grid.body_heights.begin() + last, 0.0);
    };
    double header_height = std::accumulate(grid.header_heights.begin(), grid.header_heights.end(), 0.0);
    double caption = caption_height(table.caption, table.font_size);
    double first_group = rows > 0 ? height_of(0, grid.group_end[0]) : 0;

    if (y_ + caption + header_height + first_group > kContentBottom && !at_page_top()) new_page();
    bool continued = false;
    int row = 0;
    do {
      paint_caption(table.caption, table.font_size, continued);
      paint_rows(grid.header, grid.header_heights, 0, static_cast<int>(table.header_rows.size()), grid,
                 table.font_size, true);
      double space_top = y_;
      int last = row;
      while (last < rows) {
        int group_end = grid.group_end[last];
        if (space_top + height_of(row, group_end) <= kContentBottom) {
          last = group_end;
          continue;
        }
        if (last > row) break;
        // The group does not fit even on a page of its own: split it between rows (at least one row per page).
        last = row + 1;
        while (last < group_end && space_top + height_of(row, last + 1) <= kContentBottom) ++last;
        break;
      }
      paint_rows(grid.body, grid.body_heights, row, last, grid, table.font_size, false);
      row = last;
      if (row < rows) {
        new_page();
        continued = true;
      }
    } while (row < rows);
    y_ += doc_.font_size * 0.8;
    return Status::ok();
  }

  cairo_surface_t* surface_;
  const PdfDocument& doc_;
  bool paint_;
  int total_pages_;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  int page_ = 1;
  double y_ = kMarginTop;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

}  // namespace

namespace {

PdfBlock make_block(PdfBlock::Kind kind, std::string text = {}) {
  PdfBlock block;
  block.kind = kind;
  block.text = std::move(text);
  return block;
}

}  // namespace

PdfBlock PdfBlock::title(std::string text) { return make_block(Kind::kTitle, std::move(text)); }

PdfBlock PdfBlock::heading(std::string text, int level) {
  PdfBlock block = make_block(Kind::kHeading, std::move(text));
  block.level = level;
  return block;
}

PdfBlock PdfBlock::paragraph(std::string text, PdfTextStyle style) {
  PdfBlock block = make_block(Kind::kParagraph, std::move(text));
  block.style = style;
  return block;
}

PdfBlock PdfBlock::table_block(PdfTable table) {
  PdfBlock block = make_block(Kind::kTable);
  block.table = std::move(table);
  return block;
}

PdfBlock PdfBlock::drawing_block(PdfDrawing drawing) {
  PdfBlock block = make_block(Kind::kDrawing);
  block.drawing = std::move(drawing);
  return block;
}

PdfBlock PdfBlock::page_break() { return make_block(Kind::kPageBreak); }

Result<std::string> render_pdf(const PdfDocument& doc) {
  GK_RETURN_IF_ERROR(check_utf8(doc.title, "the document title"));
  GK_RETURN_IF_ERROR(check_utf8(doc.author, "the document author"));
  if (!(doc.font_size > 0)) return Status::invalid("the document font size is not positive");

  // Pass 1: count the pages on a surface whose bytes are thrown away.
  int pages = 0;
  {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(discard, nullptr, kPageWidth, kPageHeight);
    Result<int> counted = Status::internal("not run");
    {
      Pager pager(surface, doc, false, 0);
      counted = pager.run();
    }
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    if (!counted) return counted.status();
    pages = *counted;
  }

  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kPageWidth, kPageHeight);
  if (!doc.title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  if (!doc.author.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongkai");
  Result<int> painted = Status::internal("not run");
  {
    Pager pager(surface, doc, true, pages);
    painted = pager.run();
  }
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!painted) return painted.status();
  if (status != CAIRO_STATUS_SUCCESS) return Status::internal(std::string("cairo: ") + cairo_status_to_string(status));
  return bytes;
}

Status write_pdf(const PdfDocument& doc, const std::string& path) {
  Result<std::string> bytes = render_pdf(doc);
  if (!bytes) return bytes.status();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::io(path + ": cannot open for writing");
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  out.close();
  if (!out) return Status::io(path + ": write failed");
  return Status::ok();
}

}  // namespace gongkai::render
