// The JSON of `report check` (spec/contracts.md "Report check JSON"): year, format, body, tables with blank cells as
// null, violations. The later `report build` shares the table encoding.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "domain/annual_report.h"
#include "domain/report_check.h"
#include "domain/report_format.h"

namespace gongkai::report {

// Every row and column of the format (blank, missing or non-numeric cells as null), plus printed group subtotals
// of table 三. A table that was not found is null.
nlohmann::ordered_json tables_to_json(const domain::AnnualReport& report, const domain::ReportFormats& formats);

// The inverse of tables_to_json: each of "table2" "table3" "table4" of `tables` that is an object becomes the
// report's table (a number is a cell with that value, anything else a blank cell); absent or null tables are
// left as they are. For stored documents (frozen versions, imported reports) that are rendered or checked
// again.
void tables_from_json(const nlohmann::ordered_json& tables, domain::AnnualReport& report);

// { "rule", "severity", "where": { table?, row?, column?, section?, sentence? }, "expected", "found", "message" }.
nlohmann::ordered_json violation_to_json(const domain::Violation& violation);

// The whole check document: { "year", "format", "body", "tables", "violations" }.
nlohmann::ordered_json check_to_json(const domain::AnnualReport& report, const domain::ReportFormats& formats,
                             const std::vector<domain::Violation>& violations);

}  // namespace gongkai::report
