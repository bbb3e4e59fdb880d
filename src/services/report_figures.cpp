// Table 二 figures: validation against the year's format, all-or-nothing writes, CSV import.
#include "services/report_figures.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "io/csv.h"
#include "io/text_encoding.h"
#include "report/report_formats.h"
#include "services/report_builder.h"
#include "services/report_versions.h"
#include "store/bodies.h"

namespace gongkai::services {
namespace {

std::string label_of(const FigureInput& f) {
  return (f.where.empty() ? std::string() : f.where + ": ") + f.body_code + " " + std::to_string(f.year) + " " +
         f.row + "." + f.column;
}

// The value of `text` for a cell of `type`, or why it does not fit.
Result<double> parse_value(const std::string& text, domain::ValueType type) {
  if (text.empty()) return Status::invalid("value is empty");
  size_t pos = 0;
  if (text[0] == '-' || text[0] == '+') pos = 1;
  bool digits = false, point = false;
  for (size_t idx = pos; idx < text.size(); ++idx) {
    if (text[idx] >= '0' && text[idx] <= '9') {
      digits = true;
      continue;
    }
    if (text[idx] == '.' && !point) {
      point = true;
      continue;
    }
    return Status::invalid("'" + text + "' is not a number");
  }
  if (!digits || text.size() > 24) return Status::invalid("'" + text + "' is not a number");
  const double v = std::stod(text);
  const bool integral = type == domain::ValueType::kCount || type == domain::ValueType::kSigned;
  if (integral && (point || std::fabs(v - std::round(v)) > 0))
    return Status::invalid("'" + text + "': this cell holds a whole number, not a decimal");
  if (type != domain::ValueType::kSigned && v < 0)
    return Status::invalid("'" + text + "': this cell cannot be negative");
  return v;
}

}  // namespace

Status set_report_figures(store::Connection& conn, std::span<const FigureInput> figures, const std::string& source,
                          const std::string& actor) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  std::map<std::string, int64_t> body_ids;
  std::vector<store::ReportFigureRow> rows;
  for (const FigureInput& f : figures) {
    const std::string what = label_of(f);
    if (f.year < 2008 || f.year > 2199) return Status::invalid(what + ": year out of range (2008-2199)");
    if (!body_ids.count(f.body_code)) {
      Result<std::optional<store::BodyRow>> body = store::find_body(conn, f.body_code);
      if (!body) return body.status();
      if (!*body) return Status::invalid(what + ": no body has the code '" + f.body_code + "'");
      body_ids[f.body_code] = (*body)->id;
    }
    const domain::ReportFormat& format = (*formats)->get(domain::format_for_year(f.year));
    const std::string format_text = std::string(domain::format_name(format.version())) + " format";
    const domain::FormatEntry* row = format.find("table2", "row", f.row);
    if (!row) return Status::invalid(what + ": table 二 of the " + format_text + " has no row '" + f.row + "'");
    if (f.row == "normative")
      return Status::invalid(what + ": 行政规范性文件 figures are computed from the normative-document registry");
    const domain::FormatEntry* column = format.find("table2", "column", f.column, row->parent);
    if (!column)
      return Status::invalid(what + ": row '" + f.row + "' of the " + format_text + " has no column '" + f.column + "'");
    Result<double> value = parse_value(f.value, column->type);
    if (!value) return Status::invalid(what + ": " + value.status().message());
    store::ReportFigureRow r;
    r.body_id = body_ids[f.body_code];
    r.year = f.year;
    r.row = f.row;
    r.column = f.column;
    r.value = *value;
    r.source = source;
    r.entered_by = actor;
    rows.push_back(std::move(r));
  }
  std::map<std::pair<std::string, int>, nlohmann::json> audited;  // (body, year) → the figures written
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    GK_RETURN_IF_ERROR(store::upsert_report_figure(conn, rows[idx]));
    audited[{figures[idx].body_code, rows[idx].year}].push_back(
        {{"row", rows[idx].row}, {"column", rows[idx].column}, {"value", rows[idx].value}});
  }
  for (const auto& [key, written] : audited) {
    ReportScope scope;
    scope.body.code = key.first;
    scope.body.id = body_ids[key.first];
    GK_RETURN_IF_ERROR(audit_report_change(conn, actor, "figures", scope, key.second,
                                           {{"source", source}, {"figures", written}}));
  }
  return Status::ok();
}

Status set_report_figures(Installation& inst, std::span<const FigureInput> figures, const std::string& source,
                          const std::string& actor) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(set_report_figures(**conn, figures, source, actor));
  return tx.commit();
}

Result<std::vector<FigureInput>> read_figures_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid(path + ": cannot be read");
  std::stringstream bytes;
  bytes << in.rdbuf();
  Result<io::DecodedText> text = io::decode_to_utf8(bytes.str(), path);
  if (!text) return text.status();
  Result<std::vector<io::CsvRecord>> records = io::parse_csv(text->utf8, path);
  if (!records) return records.status();
  if (records->empty()) return Status::invalid(path + ": empty file (header body,year,row,column,value expected)");
  std::map<std::string, size_t> at;
  const std::vector<std::string>& header = records->front().fields;
  for (size_t idx = 0; idx < header.size(); ++idx) at[header[idx]] = idx;
  for (const char* name : {"body", "year", "row", "column", "value"})
    if (!at.count(name)) return Status::invalid(path + ":1: the header has no column '" + name + "'");
  std::vector<FigureInput> out;
  for (size_t rec_idx = 1; rec_idx < records->size(); ++rec_idx) {
    const io::CsvRecord& r = (*records)[rec_idx];
    const std::string where = path + ":" + std::to_string(r.line);
    if (r.fields.size() != header.size())
      return Status::invalid(where + ": " + std::to_string(r.fields.size()) + " fields, the header has " +
                             std::to_string(header.size()));
    FigureInput f;
    f.where = where;
    f.body_code = r.fields[at["body"]];
    const std::string& year = r.fields[at["year"]];
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)
      return Status::invalid(where + ": year '" + year + "' is not a year");
    f.year = std::stoi(year);
    f.row = r.fields[at["row"]];
    f.column = r.fields[at["column"]];
    f.value = r.fields[at["value"]];
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<store::ReportFigureRow>> list_report_figures(Installation& inst, const std::string& body_code,
                                                                int year, bool include_children) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<ReportScope> scope = report_scope(**conn, body_code, include_children);
  if (!scope) return scope.status();
  return store::list_report_figures(**conn, scope->body_ids, year);
}

}  // namespace gongkai::services
