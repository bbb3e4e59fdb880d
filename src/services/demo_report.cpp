// Demo table 二 figures: one table of (row, column, value), as an office would import them.
#include "services/demo_report.h"

#include <vector>

#include "services/report_figures.h"

namespace gongkai::services {
namespace {

// The seed report's statistics tables were lost in scraping (spec/seed-figures.md), so these 2020 figures of the
// county government are fictional but plausible; 行政规范性文件 comes from the registry, not from here.
struct DemoFigure {
  const char* row;
  const char* column;
  const char* value;
};
constexpr DemoFigure kFigures2020[] = {
    {"licensing", "prev_items", "312"},       {"licensing", "change", "5"},       {"licensing", "decisions", "10856"},
    {"other_services", "prev_items", "145"},  {"other_services", "change", "3"},  {"other_services", "decisions", "2311"},
    {"penalty", "prev_items", "428"},         {"penalty", "change", "-6"},        {"penalty", "decisions", "1265"},
    {"coercion", "prev_items", "52"},         {"coercion", "change", "0"},        {"coercion", "decisions", "87"},
    {"fees", "prev_items", "21"},             {"fees", "change", "-2"},
    {"procurement", "procurement_items", "186"}, {"procurement", "procurement_amount", "25361.38"},
};

}  // namespace

Status add_demo_report_figures(store::Connection& conn) {
  std::vector<FigureInput> figures;
  for (const DemoFigure& f : kFigures2020) {
    FigureInput in;
    in.body_code = "demo-county";
    in.year = 2020;
    in.row = f.row;
    in.column = f.column;
    in.value = f.value;
    in.where = "demo";
    figures.push_back(std::move(in));
  }
  return set_report_figures(conn, figures, "demo", "demo");
}

}  // namespace gongkai::services
