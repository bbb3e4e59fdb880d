// Published annual reports imported for comparison (issue #7 "Check anyone's report … importable into the
// platform so a supervisor can compare a body's years and its bodies side by side"): a file or a folder of
// files is read and checked by the `report check` readers (src/report/, domain/report_check) and stored per
// body and year (migration 014); a comparison lays several reports — imported, or built from the records when
// none was imported — side by side, cell by cell, with the cells that differ and the cells a finding points
// at marked.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "services/installation.h"

namespace gongkai::services {

// One file of an import as stored.
struct ImportedReportFile {
  std::string file;  // the file name
  int year = 0;
  std::string format;  // "2019" | "2021" | ""
  std::string title;
  int errors = 0, warnings = 0;
  bool replaced = false;  // an earlier import of the same body and year was replaced
};

// Imports `path` — one report file, or every .html/.htm/.docx/.txt directly in a folder — as published
// reports of the body `body_code`. Each is read and checked like `report check` (the carry-over and stock
// rules against the same body's report of the year before: from the same import, else imported earlier), then
// all are stored in one transaction, or none: kInvalid naming the file for one that cannot be read, is not an
// annual report or lacks its tables, whose year is unknown (give `year`) or differs from `year`, or two files
// of one year; kInvalid for an unknown body. Each stored report is audited ("report.import") as `actor`.
Result<std::vector<ImportedReportFile>> import_checked_reports(Installation& inst, const std::string& path,
                                                               const std::string& body_code,
                                                               std::optional<int> year,
                                                               const std::string& actor);

// One report in a comparison.
struct CompareColumn {
  std::string body_code, body_name;
  int year = 0;
  std::string source;  // "imported" (with the file name) or "records" (built from the platform's records)
  std::string format;  // "2019" | "2021" | ""
  nlohmann::ordered_json violations = nlohmann::ordered_json::array();  // as in `report check --json`
  int errors = 0, warnings = 0;
};

// One cell across the reports compared.
struct CompareRow {
  std::string table, row, column;  // codes (spec/contracts.md)
  std::string label;               // "表三 一、本年新收政府信息公开申请数量 / 总计"
  std::vector<std::optional<double>> values;  // one per column; nullopt: blank or absent
  bool differs = false;                       // not every column holds the same value
  std::vector<bool> flagged;                  // per column: a finding of that report points at this cell
};

struct Comparison {
  std::vector<CompareColumn> columns;
  std::vector<CompareRow> rows;
};

// Compares the reports of (body code, year) pairs, in the order given (2-12 of them): the imported report of
// each, else the report built from the records. Rows: table 二's cells, table 三's rows in the 总计 column,
// table 四's cells, in format order (both formats' rows when the years span the change of format). kInvalid
// for an unknown body, a year out of range, or fewer than 2 / more than 12 reports.
Result<Comparison> compare_reports(Installation& inst, std::span<const std::pair<std::string, int>> reports);

// { "columns": [ { body, name, year, source, format, errors, warnings, violations } ],
//   "rows": [ { table, row, column, label, values: [n | null], differs, flagged: [bool] } ] }
nlohmann::ordered_json comparison_to_json(const Comparison& comparison);

// "2019,2020" or "2019-2021" (or both, comma-separated) → the years, in order; empty for a malformed list or
// a range longer than 20 years.
std::vector<int> parse_year_list(const std::string& text);
// "a,b,c" → the non-empty codes, in order.
std::vector<std::string> parse_code_list(const std::string& text);

// Table 三 一、新收 总计 of the imported report of `body_id` and `year`, if one was imported and holds it.
Result<std::optional<double>> imported_received(store::Connection& conn, int64_t body_id, int year);

}  // namespace gongkai::services
