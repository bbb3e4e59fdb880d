// JSON encoding of a checked report (see report_json.h).
#include "report/report_json.h"

#include <cmath>
#include <cstdio>

namespace gongkai::report {
namespace {

using domain::FormatEntry;
using domain::ReportFormat;
using domain::ReportTable;
using json = nlohmann::ordered_json;

json cell_json(const ReportTable& table, const std::string& row, const std::string& column, domain::ValueType type) {
  auto r = table.find(row);
  if (r == table.end()) return nullptr;
  auto c = r->second.find(column);
  if (c == r->second.end() || !c->second.value) return nullptr;
  const double v = *c->second.value;
  const bool integral_type = type == domain::ValueType::kCount || type == domain::ValueType::kSigned;
  if (integral_type && std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 9e15)
    return static_cast<long long>(std::llround(v));
  return v;
}

json table2_json(const ReportTable& table, const ReportFormat& format) {
  json out = json::object();
  for (const FormatEntry* row : format.select("table2", "row")) {
    json cells = json::object();
    for (const FormatEntry* column : format.select("table2", "column", row->parent))
      cells[column->code] = cell_json(table, row->code, column->code, column->type);
    out[row->code] = std::move(cells);
  }
  return out;
}

json table3_json(const ReportTable& table, const ReportFormat& format) {
  json out = json::object();
  const auto columns = format.select("table3", "column");
  for (const FormatEntry& e : format.entries()) {
    if (e.table != "table3") continue;
    const bool row = e.kind == "row";
    const bool printed_group = e.kind == "group" && table.count(e.code);
    if (!row && !printed_group) continue;
    json cells = json::object();
    for (const FormatEntry* column : columns)
      cells[column->code] = cell_json(table, e.code, column->code, domain::ValueType::kCount);
    out[e.code] = std::move(cells);
  }
  return out;
}

json table4_json(const ReportTable& table, const ReportFormat& format) {
  json out = json::object();
  for (const FormatEntry* group : format.select("table4", "colgroup")) {
    if (group->code == "litigation") continue;
    json cells = json::object();
    for (const FormatEntry* column : format.select("table4", "column"))
      cells[column->code] = cell_json(table, group->code, column->code, domain::ValueType::kCount);
    out[group->code] = std::move(cells);
  }
  return out;
}

}  // namespace

nlohmann::ordered_json tables_to_json(const domain::AnnualReport& report, const domain::ReportFormats& formats) {
  const domain::ReportFormatVersion version = report.format.value_or(domain::ReportFormatVersion::k2019);
  const ReportFormat& format = formats.get(version);
  json out = json::object();
  out["table2"] = report.table2 ? table2_json(*report.table2, formats.get(report.table2_format.value_or(version)))
                                : json(nullptr);
  out["table3"] = report.table3 ? table3_json(*report.table3, format) : json(nullptr);
  out["table4"] = report.table4 ? table4_json(*report.table4, format) : json(nullptr);
  return out;
}

void tables_from_json(const nlohmann::ordered_json& tables, domain::AnnualReport& report) {
  if (!tables.is_object()) return;
  std::optional<ReportTable>* targets[] = {&report.table2, &report.table3, &report.table4};
  const char* names[] = {"table2", "table3", "table4"};
  for (size_t table_idx = 0; table_idx < 3; ++table_idx) {
    auto t = tables.find(names[table_idx]);
    if (t == tables.end() || !t->is_object()) continue;
    ReportTable table;
    for (const auto& [row, cells] : t->items()) {
      if (!cells.is_object()) continue;
      for (const auto& [column, v] : cells.items()) {
        if (!v.is_number()) {
          table[row][column] = domain::ReportCell{};
          continue;
        }
        const double value = v.get<double>();
        char text[64];
        if (std::fabs(value - std::round(value)) < 1e-9) {
          std::snprintf(text, sizeof text, "%lld", static_cast<long long>(std::llround(value)));
        } else {
          std::snprintf(text, sizeof text, "%.10g", value);
        }
        table[row][column] = domain::ReportCell{text, value};
      }
    }
    *targets[table_idx] = std::move(table);
  }
}

nlohmann::ordered_json violation_to_json(const domain::Violation& v) {
  json where = json::object();
  if (!v.where.table.empty()) where["table"] = v.where.table;
  if (!v.where.row.empty()) where["row"] = v.where.row;
  if (!v.where.column.empty()) where["column"] = v.where.column;
  if (!v.where.section.empty()) where["section"] = v.where.section;
  if (!v.where.sentence.empty()) where["sentence"] = v.where.sentence;
  return {{"rule", v.rule},         {"severity", std::string(domain::severity_name(v.severity))},
          {"where", where},         {"expected", v.expected},
          {"found", v.found},       {"message", v.message}};
}

nlohmann::ordered_json check_to_json(const domain::AnnualReport& report, const domain::ReportFormats& formats,
                             const std::vector<domain::Violation>& violations) {
  json out = json::object();
  out["year"] = report.year ? json(*report.year) : json(nullptr);
  out["format"] = report.format ? json(std::string(domain::format_name(*report.format))) : json(nullptr);
  out["body"] = report.body ? json(*report.body) : json(nullptr);
  out["tables"] = tables_to_json(report, formats);
  json list = json::array();
  for (const domain::Violation& v : violations) list.push_back(violation_to_json(v));
  out["violations"] = std::move(list);
  return out;
}

}  // namespace gongkai::report
