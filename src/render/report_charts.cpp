// Bar charts drawn with cairo + pango: one drawing routine for the SVG surface (HTML) and the PDF page.
#include "render/report_charts.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include "common/html_escape.h"
#include "render/report_tables.h"

namespace gongkai::render {

namespace {

constexpr double kTitleHeight = 26;
constexpr double kBarRow = 22;
constexpr double kSvgWidth = 640;
constexpr const char* kChartFont = "Noto Sans CJK SC";

std::string format_figure(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return error == std::errc() ? std::string(buffer, end) : "";
}

// Draws `text` with its top-left corner at (x, y) in a box of `width`, aligned; returns its height.
double draw_text(cairo_t* cr, const std::string& text, double x, double y, double width, double size, bool bold,
                 PangoAlignment align) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kChartFont);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  int text_width = 0, text_height = 0;
  pango_layout_get_size(layout, &text_width, &text_height);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
  return static_cast<double>(text_height) / PANGO_SCALE;
}

void draw_chart(cairo_t* cr, const ReportChart& chart, double width, double height) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
  draw_text(cr, chart.title, 0, 2, width, 12, true, PANGO_ALIGN_CENTER);
  double max_value = 0;
  for (const ChartBar& bar : chart.bars) max_value = std::max(max_value, bar.value);
  double label_width = width * 0.3, value_width = width * 0.12;
  double bar_left = label_width + 8, bar_span = width - bar_left - value_width;
  for (size_t bar_idx = 0; bar_idx < chart.bars.size(); ++bar_idx) {
    const ChartBar& bar = chart.bars[bar_idx];
    double top = kTitleHeight + bar_idx * kBarRow;
    cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
    draw_text(cr, bar.label, 0, top + 3, label_width, 9.5, false, PANGO_ALIGN_RIGHT);
    double length = max_value > 0 ? std::max(0.0, bar.value) / max_value * bar_span : 0;
    cairo_set_source_rgb(cr, 0x0b / 255.0, 0x4a / 255.0, 0x8b / 255.0);  // the site's brand blue
    cairo_rectangle(cr, bar_left, top + 4, std::max(length, 0.5), kBarRow - 8);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
    draw_text(cr, format_figure(bar.value) + chart.unit, bar_left + length + 4, top + 3, value_width + 40, 9.5, false,
              PANGO_ALIGN_LEFT);
  }
  // The axis.
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_set_line_width(cr, 0.75);
  cairo_move_to(cr, bar_left, kTitleHeight);
  cairo_line_to(cr, bar_left, kTitleHeight + chart.bars.size() * kBarRow);
  cairo_stroke(cr);
  cairo_restore(cr);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The short label of a table 三 row: "（二）部分公开（区分处理的，…）" → "部分公开".
std::string short_label(const std::string& label) {
  std::string out = label;
  const std::string close = "）";
  if (out.rfind("（", 0) == 0) {
    size_t end = out.find(close);
    if (end != std::string::npos) out = out.substr(end + close.size());
  }
  size_t open = out.find("（");
  if (open != std::string::npos && open > 0) out = out.substr(0, open);
  return out;
}

double table3_total(const domain::AnnualReport& report, const std::string& row) {
  if (!report.table3) return 0;
  auto row_it = report.table3->find(row);
  if (row_it == report.table3->end()) return 0;
  auto cell = row_it->second.find("total");
  return cell == row_it->second.end() ? 0 : cell->second.value.value_or(0);
}

}  // namespace

std::string ReportChart::text_alternative() const {
  std::string out;
  for (const ChartBar& bar : bars) {
    if (!out.empty()) out += "；";
    out += bar.label + " " + format_figure(bar.value) + unit;
  }
  return out + "。";
}

double ReportChart::height() const { return kTitleHeight + bars.size() * kBarRow + 6; }

std::vector<ReportChart> report_charts(const domain::AnnualReport& report, const domain::ReportFormat& format,
                                       const ReportRenderOptions& options) {
  std::vector<ReportChart> charts;
  std::string year = report.year ? std::to_string(*report.year) + "年" : "";
  if (report.table3) {
    ReportChart outcomes{"chart-outcomes", year + "政府信息公开申请办理结果", "件", {}};
    for (const domain::FormatEntry* entry : format.select("table3", "", std::string_view("results"))) {
      if (entry->code == "total") continue;
      double value = table3_total(report, entry->code);
      if (entry->kind == "group") {
        value = 0;
        for (const domain::FormatEntry* sub : format.select("table3", "row", std::string_view(entry->code)))
          value += table3_total(report, sub->code);
      }
      outcomes.bars.push_back(ChartBar{short_label(entry->label), value});
    }
    if (!outcomes.bars.empty()) charts.push_back(std::move(outcomes));
  }
  if (!options.applications_by_channel.empty())
    charts.push_back(ReportChart{"chart-channels", year + "政府信息公开申请渠道", "件", options.applications_by_channel});
  ReportChart trend{"chart-trend", "历年新收政府信息公开申请数量", "件", {}};
  for (const TrendPoint& point : options.trend)
    trend.bars.push_back(ChartBar{std::to_string(point.year) + "年", point.received});
  if (report.year && report.table3 && report.table3->count("new"))
    trend.bars.push_back(ChartBar{std::to_string(*report.year) + "年", table3_total(report, "new")});
  if (trend.bars.size() >= 2) charts.push_back(std::move(trend));
  return charts;
}

Result<std::string> chart_svg(const ReportChart& chart) {
  std::string svg;
  double height = chart.height();
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(append_to_string, &svg, kSvgWidth, height);
  cairo_t* cr = cairo_create(surface);
  draw_chart(cr, chart, kSvgWidth, height);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return Status::internal(std::string("cairo svg: ") + cairo_status_to_string(status));
  // Inline use: drop the XML prolog, prefix the ids, label the root element.
  size_t root = svg.find("<svg");
  if (root == std::string::npos) return Status::internal("cairo svg: no <svg> element");
  svg.erase(0, root);
  replace_all(svg, "id=\"", "id=\"" + chart.id + "-");
  replace_all(svg, "href=\"#", "href=\"#" + chart.id + "-");
  replace_all(svg, "url(#", "url(#" + chart.id + "-");
  // cairo numbers surfaces with a process-wide counter ("surface7"): give the root group a stable id so the same
  // chart always gives the same bytes.
  static const std::regex kSurfaceId("id=\"([a-z-]+)-surface[0-9]+\"");
  svg = std::regex_replace(svg, kSurfaceId, "id=\"$1-surface\"");
  size_t root_end = svg.find('>');
  std::string title_id = chart.id + "-title";
  svg.insert(root_end, " role=\"img\" aria-labelledby=\"" + title_id + "\" class=\"chart\"");
  root_end = svg.find('>');
  svg.insert(root_end + 1, "\n<title id=\"" + title_id + "\">" + escape_html(chart.title + "：" +
                                                                                  chart.text_alternative()) +
                               "</title>");
  return svg;
}

Result<std::string> charts_html(const std::vector<ReportChart>& charts) {
  std::string out;
  for (const ReportChart& chart : charts) {
    Result<std::string> svg = chart_svg(chart);
    if (!svg) return svg.status();
    out += "<figure class=\"report-chart\" id=\"" + chart.id + "\">\n" + *svg + "\n<figcaption>" +
           escape_html(chart.title + "：" + chart.text_alternative()) + "</figcaption>\n</figure>\n";
  }
  return out;
}

PdfDrawing chart_drawing(const ReportChart& chart) {
  PdfDrawing drawing;
  drawing.height = chart.height();
  drawing.alt_text = "图：" + chart.title + "。" + chart.text_alternative();
  drawing.draw = [chart](void* context, double width, double height) {
    draw_chart(static_cast<cairo_t*>(context), chart, width, height);
  };
  return drawing;
}

}  // namespace gongkai::render
