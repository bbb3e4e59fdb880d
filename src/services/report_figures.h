// The yearly figures of table 二 that other systems hold (行政许可, 处罚, 强制 decisions, fees, procurement, and
// 规章 where a registry elsewhere keeps them), entered or imported by staff for a body and report year. Every figure
// is validated against the format of its year (data/report-formats.tsv): the row and column must exist there, the
// row must not be one the registry computes (行政规范性文件), and the value must fit the cell's type — a count is a
// non-negative integer, 本年增/减 a signed integer, 万元 and money non-negative decimals. A set or an import writes
// all its figures or none.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "services/installation.h"
#include "store/reports.h"

namespace gongkai::services {

struct FigureInput {
  std::string body_code;
  int year = 0;
  std::string row, column;
  std::string value;   // as written: "12", "-8", "3.5"
  std::string where;   // for messages: "file.csv:3", or "" for the command line
};

// Validates every figure and, when all pass, writes them in one transaction (replacing earlier values of the same
// cells). kInvalid naming the figure (where, row.column) and the problem; nothing is written then.
Status set_report_figures(Installation& inst, std::span<const FigureInput> figures, const std::string& source,
                          const std::string& actor);
// The same inside the caller's write transaction on `conn` (the demo).
Status set_report_figures(store::Connection& conn, std::span<const FigureInput> figures, const std::string& source,
                          const std::string& actor);

// Reads a CSV file with the header body,year,row,column,value (UTF-8, or GB18030 converted). kInvalid naming the
// file and line for a missing column, a bad year, or a malformed line.
Result<std::vector<FigureInput>> read_figures_csv(const std::string& path);

// The figures entered for a body (and the bodies below it with include_children) for `year` (every year if 0).
Result<std::vector<store::ReportFigureRow>> list_report_figures(Installation& inst, const std::string& body_code,
                                                                int year, bool include_children);

}  // namespace gongkai::services
