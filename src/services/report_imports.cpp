// Imported reports: read + check + store (all files or none), and the side-by-side comparison.
#include "services/report_imports.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "common/sha256.h"
#include "domain/report_check.h"
#include "report/report_file.h"
#include "report/report_formats.h"
#include "report/report_json.h"
#include "services/report_builder.h"
#include "services/report_versions.h"
#include "store/bodies.h"
#include "store/report_imports.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr size_t kMaxCompared = 12;

bool is_report_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".html" || ext == ".htm" || ext == ".docx" || ext == ".txt";
}

Result<std::vector<fs::path>> files_of(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    if (!fs::exists(path, ec)) return Status::invalid(path + ": no such file or folder");
    return std::vector<fs::path>{fs::path(path)};
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && is_report_file(it->path())) files.push_back(it->path());
  if (ec) return Status::invalid(path + ": " + ec.message());
  if (files.empty()) return Status::invalid(path + ": no .html, .htm, .docx or .txt files");
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::string> read_bytes(const fs::path& path) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::invalid(path.string() + ": cannot be read (" + ec.message() + ")");
  if (size > report::kMaxReportFileBytes) return Status::invalid(path.string() + ": larger than 20 MB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Status::invalid(path.string() + ": cannot be read");
  return bytes.str();
}

domain::AnnualReport report_of(const json& checked, int year) {
  domain::AnnualReport r;
  r.year = year;
  const std::string format =
      checked.value("format", json(nullptr)).is_string() ? checked["format"].get<std::string>() : "";
  if (format == "2019") r.format = domain::ReportFormatVersion::k2019;
  if (format == "2021") r.format = domain::ReportFormatVersion::k2021;
  r.table2_format = r.format;
  report::tables_from_json(checked.value("tables", json::object()), r);
  return r;
}

int count(const std::vector<domain::Violation>& violations, domain::Severity severity) {
  return static_cast<int>(
      std::count_if(violations.begin(), violations.end(),
                    [severity](const domain::Violation& v) { return v.severity == severity; }));
}

struct ReadFile {
  std::string name, sha256;
  domain::AnnualReport report;
  int year = 0;
};

}  // namespace

Result<std::vector<ImportedReportFile>> import_checked_reports(Installation& inst, const std::string& path,
                                                               const std::string& body_code,
                                                               std::optional<int> year,
                                                               const std::string& actor) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  if (year && (*year < 2008 || *year > 2199)) return Status::invalid("--year must be 2008-2199");
  Result<std::vector<fs::path>> files = files_of(path);
  if (!files) return files.status();
  // Read everything first: a file that fails stops the import before anything is written.
  std::map<int, ReadFile> by_year;
  for (const fs::path& file : *files) {
    const std::string name = file.filename().string();
    Result<std::string> bytes = read_bytes(file);
    if (!bytes) return bytes.status();
    Result<domain::AnnualReport> report = report::read_report_bytes(*bytes, name, **formats);
    if (!report) return Status::invalid(name + ": " + report.status().message());
    if (!report->year && !year)
      return Status::invalid(name + ": the report's year cannot be found in it; give --year");
    if (report->year && year && *report->year != *year)
      return Status::invalid(name + ": the report is of " + std::to_string(*report->year) + ", not " +
                             std::to_string(*year));
    const int report_year = report->year.value_or(*year);
    if (report_year < 2008 || report_year > 2199)
      return Status::invalid(name + ": year " + std::to_string(report_year) + " is out of range (2008-2199)");
    report->year = report_year;
    if (by_year.count(report_year))
      return Status::invalid(name + ": a second report of " + std::to_string(report_year) + " (also " +
                             by_year[report_year].name + ")");
    by_year[report_year] = ReadFile{name, sha256_hex(*bytes), std::move(*report), report_year};
  }

  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<ReportScope> scope = report_scope(**conn, body_code, false);
  if (!scope) return scope.status();
  std::vector<ImportedReportFile> out;
  for (auto& [report_year, read] : by_year) {
    // The year before: from this import, else imported earlier.
    std::optional<domain::AnnualReport> earlier;
    const domain::AnnualReport* previous = nullptr;
    if (auto it = by_year.find(report_year - 1); it != by_year.end()) {
      previous = &it->second.report;
    } else {
      Result<std::optional<store::ReportImportRow>> row =
          store::find_report_import(**conn, scope->body.id, report_year - 1);
      if (!row) return row.status();
      if (*row) {
        const json checked = json::parse((*row)->checked, nullptr, false);
        if (!checked.is_discarded()) {
          earlier = report_of(checked, report_year - 1);
          previous = &*earlier;
        }
      }
    }
    std::vector<domain::Violation> violations;
    try {
      violations = domain::check_report(read.report, **formats, previous);
    } catch (const std::exception& e) {
      return Status::invalid(read.name + ": the report could not be checked: " + e.what());
    }
    store::ReportImportRow row;
    row.body_id = scope->body.id;
    row.year = report_year;
    if (read.report.format) row.format = std::string(domain::format_name(*read.report.format));
    row.title = read.report.title;
    row.source_file = read.name;
    row.source_sha256 = read.sha256;
    row.checked = report::check_to_json(read.report, **formats, violations)
                      .dump(-1, ' ', false, json::error_handler_t::replace);
    row.errors = count(violations, domain::Severity::kError);
    row.warnings = count(violations, domain::Severity::kWarning);
    row.imported_by = actor;
    Result<std::optional<store::ReportImportRow>> replaced = store::upsert_report_import(**conn, row);
    if (!replaced) return replaced.status();
    nlohmann::json after = {
        {"file", read.name}, {"sha256", read.sha256}, {"errors", row.errors}, {"warnings", row.warnings}};
    if (*replaced)
      after["replaced"] = {{"file", (*replaced)->source_file}, {"sha256", (*replaced)->source_sha256}};
    GK_RETURN_IF_ERROR(audit_report_change(**conn, actor, "import", *scope, report_year, after));
    out.push_back({read.name, report_year, row.format.value_or(""), row.title, row.errors, row.warnings,
                   replaced->has_value()});
  }
  GK_RETURN_IF_ERROR(tx.commit());
  return out;
}

namespace {

struct CellKey {
  std::string table, row, column, label;
};

// The cells compared, in format order: table 二 (every cell), table 三 (every row, 总计), table 四 (every
// cell).
void add_keys(const domain::ReportFormat& format, std::vector<CellKey>& keys, std::set<std::string>& seen) {
  auto add = [&](CellKey key) {
    if (seen.insert(key.table + "." + key.row + "." + key.column).second) keys.push_back(std::move(key));
  };
  for (const domain::FormatEntry* row : format.select("table2", "row"))
    for (const domain::FormatEntry* column : format.select("table2", "column", row->parent))
      add({"table2", row->code, column->code, "表二 " + row->label + " / " + column->label});
  for (const domain::FormatEntry* row : format.select("table3", "row"))
    add({"table3", row->code, "total", "表三 " + row->label + " / 总计"});
  for (const domain::FormatEntry* group : format.select("table4", "colgroup")) {
    if (group->code == "litigation") continue;
    for (const domain::FormatEntry* column : format.select("table4", "column"))
      add({"table4", group->code, column->code, "表四 " + group->label + " / " + column->label});
  }
}

std::optional<double> value_at(const json& tables, const CellKey& key) {
  if (!tables.is_object() || !tables.contains(key.table)) return std::nullopt;
  const json& t = tables[key.table];
  if (!t.is_object() || !t.contains(key.row) || !t[key.row].is_object() || !t[key.row].contains(key.column))
    return std::nullopt;
  const json& v = t[key.row][key.column];
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

bool points_at(const json& violations, const CellKey& key) {
  for (const json& v : violations) {
    const json where = v.value("where", json::object());
    if (where.value("table", "") != key.table || where.value("row", "") != key.row) continue;
    const std::string column = where.value("column", "");
    if (column.empty() || column == key.column) return true;
  }
  return false;
}

}  // namespace

Result<Comparison> compare_reports(Installation& inst, std::span<const std::pair<std::string, int>> reports) {
  if (reports.size() < 2 || reports.size() > kMaxCompared)
    return Status::invalid("compare 2 to 12 reports, not " + std::to_string(reports.size()));
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  Comparison out;
  std::vector<json> tables;
  std::vector<CellKey> keys;
  std::set<std::string> seen;
  for (const auto& [code, year] : reports) {
    if (year < 2008 || year > 2199)
      return Status::invalid("year " + std::to_string(year) + " is out of range");
    Result<std::optional<store::BodyRow>> body = store::find_body(**conn, code);
    if (!body) return body.status();
    if (!*body) return Status::invalid("no body has the code '" + code + "' (see `gongkai bodies`)");
    CompareColumn column;
    column.body_code = code;
    column.body_name = (*body)->name;
    column.year = year;
    Result<std::optional<store::ReportImportRow>> imported =
        store::find_report_import(**conn, (*body)->id, year);
    if (!imported) return imported.status();
    json checked = *imported ? json::parse((*imported)->checked, nullptr, false) : json();
    if (*imported && !checked.is_discarded()) {
      column.source = "imported: " + (*imported)->source_file;
      column.format = (*imported)->format.value_or("");
      column.violations = checked.value("violations", json::array());
      column.errors = (*imported)->errors;
      column.warnings = (*imported)->warnings;
      tables.push_back(checked.value("tables", json::object()));
    } else {
      Result<BuiltReport> built = build_annual_report(inst, {code, year, false});
      if (!built) return built.status();
      column.source = "records";
      column.format = std::string(domain::format_name(*built->report.format));
      for (const domain::Violation& v : built->checks)
        column.violations.push_back(report::violation_to_json(v));
      column.errors = count(built->checks, domain::Severity::kError);
      column.warnings = count(built->checks, domain::Severity::kWarning);
      tables.push_back(report::tables_to_json(built->report, **formats));
    }
    const domain::ReportFormatVersion version = column.format == "2019"   ? domain::ReportFormatVersion::k2019
                                                : column.format == "2021" ? domain::ReportFormatVersion::k2021
                                                                          : domain::format_for_year(year);
    add_keys((*formats)->get(version), keys, seen);
    out.columns.push_back(std::move(column));
  }
  for (const CellKey& key : keys) {
    CompareRow row;
    row.table = key.table;
    row.row = key.row;
    row.column = key.column;
    row.label = key.label;
    for (size_t column_idx = 0; column_idx < out.columns.size(); ++column_idx) {
      row.values.push_back(value_at(tables[column_idx], key));
      row.flagged.push_back(points_at(out.columns[column_idx].violations, key));
    }
    row.differs =
        std::adjacent_find(row.values.begin(), row.values.end(), std::not_equal_to<>()) != row.values.end();
    out.rows.push_back(std::move(row));
  }
  return out;
}

nlohmann::ordered_json comparison_to_json(const Comparison& c) {
  json columns = json::array();
  for (const CompareColumn& col : c.columns)
    columns.push_back({{"body", col.body_code},
                       {"name", col.body_name},
                       {"year", col.year},
                       {"source", col.source},
                       {"format", col.format.empty() ? json(nullptr) : json(col.format)},
                       {"errors", col.errors},
                       {"warnings", col.warnings},
                       {"violations", col.violations}});
  json rows = json::array();
  for (const CompareRow& r : c.rows) {
    json values = json::array();
    for (const std::optional<double>& v : r.values) values.push_back(v ? json(*v) : json(nullptr));
    rows.push_back({{"table", r.table},
                    {"row", r.row},
                    {"column", r.column},
                    {"label", r.label},
                    {"values", values},
                    {"differs", r.differs},
                    {"flagged", r.flagged}});
  }
  return {{"columns", columns}, {"rows", rows}};
}

std::vector<int> parse_year_list(const std::string& text) {
  std::vector<int> out;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) {
    const size_t dash = part.find('-');
    try {
      size_t used = 0;
      if (dash == std::string::npos) {
        out.push_back(std::stoi(part, &used));
        if (used != part.size()) return {};
        continue;
      }
      const std::string first = part.substr(0, dash), last = part.substr(dash + 1);
      const int from = std::stoi(first, &used);
      if (used != first.size()) return {};
      const int to = std::stoi(last, &used);
      if (used != last.size() || to < from || to - from > 20) return {};
      for (int y = from; y <= to; ++y) out.push_back(y);
    } catch (const std::exception&) {
      return {};
    }
  }
  return out;
}

std::vector<std::string> parse_code_list(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream parts(text);
  for (std::string code; std::getline(parts, code, ',');)
    if (!code.empty()) out.push_back(code);
  return out;
}

Result<std::optional<double>> imported_received(store::Connection& conn, int64_t body_id, int year) {
  Result<std::optional<store::ReportImportRow>> row = store::find_report_import(conn, body_id, year);
  if (!row) return row.status();
  if (!*row) return std::optional<double>();
  const json checked = json::parse((*row)->checked, nullptr, false);
  if (checked.is_discarded()) return std::optional<double>();
  return value_at(checked.value("tables", json::object()), CellKey{"table3", "new", "total", ""});
}

}  // namespace gongkai::services
