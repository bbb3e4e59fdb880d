// The checks a published annual report must pass: the identities of tables 二 三 四, value types, the sections of
// 条例 Art. 50, and agreement between the narrative and the tables (spec/annual-report.md; docs/report-check.md
// lists every rule ID). Pure: no I/O.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::domain {

enum class Severity { kError, kWarning };
std::string_view severity_name(Severity severity);  // "error" | "warning"

// Where a finding is: table/row/column codes, or a section and the sentence. Empty fields are absent.
struct ViolationWhere {
  std::string table, row, column;
  std::string section, sentence;
};

struct Violation {
  std::string rule;  // a stable ID of report_rules()
  Severity severity = Severity::kError;
  ViolationWhere where;
  std::string expected;  // the value the rule expects ("" when it has none), numbers in decimal
  std::string found;     // what the report has
  std::string message;   // Chinese, for the office that reads it
};

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;  // what the rule checks and its source
};

// Every rule ID check_report() can emit, in the order it checks them.
std::span<const RuleInfo> report_rules();

// True for a body name that is a people's government (…人民政府, or a bare place name such as "泰顺县"), whose
// report must also cover 考核, 社会评议 and 责任追究 (条例 Art. 50（四）). A heuristic: departments carry 局/委/办….
bool is_government_body(std::string_view body);

// Checks `report` against the format of its tables (report.format, else the format of its year) taken from
// `formats`. `previous`, when not null, is the same body's report for year − 1 (identities 5 and 8). Returns the
// findings in rule order; an empty vector means the report passes. Never fails: a missing table is a finding.
std::vector<Violation> check_report(const AnnualReport& report, const ReportFormats& formats,
                                    const AnnualReport* previous = nullptr);

// Parses a printed number: ASCII digits (after normalize_label), an optional sign, one decimal point, thousands
// separators "," between digit groups, and a trailing 元 / 万元 / 件 / 个 / 项 unit. nullopt for anything else.
std::optional<double> parse_report_number(std::string_view normalized_text);

// True for text a report prints in an empty cell: "", "-", "—", "——", "/", "无", "－".
bool is_blank_cell_text(std::string_view normalized_text);

}  // namespace gongkai::domain
