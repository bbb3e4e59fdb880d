// The annual report computed from the records (issue #7, data side; spec/annual-report.md): a domain::AnnualReport
// for any body and year in the format of that year, with section 一's figures from `stats`, the checks of
// domain/report_check run on it, and the drill-down from any cell to the records it counts.
//
// Scope (spec/seed-figures.md): a report covers its body; a government's own report also covers its office (type
// office, directly below it: "the county government and its office"); include_children covers the body and every
// body below it. Section 一's figures follow `stats` (a government's are area-wide).
//
// Tables: 二 from the normative-document registry (domain/report_tally) plus the entered yearly figures
// (services/report_figures), 三 from the cases, 四 from the reviews. Sections: 一 the staff text if saved, else the
// draft (domain/report_narrative); 五 六 the staff text, else a placeholder the checks report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/annual_report.h"
#include "domain/report_check.h"
#include "services/installation.h"
#include "store/bodies.h"
#include "store/reports.h"

namespace gongkai::services {

struct ReportQuery {
  std::string body_code;
  int year = 0;
  bool include_children = false;
};

// The bodies a report of `body_code` covers (see above), the body first; body id → code for every body.
struct ReportScope {
  store::BodyRow body;
  std::vector<int64_t> body_ids;
  std::map<int64_t, std::string> codes;
};
// kInvalid for an unknown body code. Call inside a transaction on `conn`.
Result<ReportScope> report_scope(store::Connection& conn, const std::string& body_code, bool include_children);

// One earlier year of the trend chart: applications received (table 三 一、新收 总计) and where the figure is
// from.
struct TrendYear {
  int year = 0;
  double received = 0;
  std::string source;  // "records" (built from the cases), "version N" (a frozen version), "imported"
};

struct BuiltReport {
  std::string body_code;
  bool include_children = false;
  domain::AnnualReport report;            // year, format, body name, title, sections, tables 二 三 四
  std::map<std::string, int64_t> figures;  // section 一: `stats` keys, absent when not recorded
  std::vector<domain::Violation> checks;  // report_check findings, then the builder's own (rule IDs build.*)
  // A reviewer's decision on each check (same order as checks), kept across re-checks by rule + place.
  std::vector<std::optional<store::CheckDecisionRow>> decisions;
  // Earlier years for the trend chart, oldest first; a year the platform holds nothing for is absent (never
  // 0).
  std::vector<TrendYear> trend;
};

// The key that identifies a finding's place across re-checks: "table.row.column" and/or "section N".
std::string check_where_key(const domain::ViolationWhere& where);

// Builds the report. kInvalid for an unknown body or a year outside 2008-2199 (条例 in force from 2008).
Result<BuiltReport> build_annual_report(Installation& inst, const ReportQuery& query);

// One record a cell counts: a case, a review, a registry document, or an entered figure.
struct CellEntry {
  std::string kind;    // application | review | document | figure
  std::string id;      // 申请编号, review id, item id, or "<body code>:<row>.<column>"
  std::string body;    // body code
  std::string date;    // receipt / reply / filing / publication date, or when the figure was entered
  std::string title;   // request, document title, figure source
  double value = 1;    // what it adds to the cell: 1 for a record, the figure itself for an entered figure
};

struct CellQuery {
  ReportQuery report;
  std::string table;  // "2" | "3" | "4" (or "table2" …)
  std::string row, column;
};

// The records the cell counts; their values sum to the cell of build_annual_report. kInvalid for a table, row or
// column the year's format does not have.
Result<std::vector<CellEntry>> report_cell_entries(Installation& inst, const CellQuery& query);

// The JSON of `report build --format json` (spec/contracts.md "Report JSON").
std::string report_to_json(const BuiltReport& built);

}  // namespace gongkai::services
