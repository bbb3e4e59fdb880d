// Repository of imported annual reports (migration 014, report_imports): published reports read and checked
// by `report check`, one per body and year. Only SQL here; services/report_imports reads, checks and
// compares.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct ReportImportRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_code;  // read only (joined from bodies)
  int year = 0;
  std::optional<std::string> format;  // "2019" | "2021"
  std::string title, source_file, source_sha256;
  std::string checked;  // the check JSON document
  int errors = 0, warnings = 0;
  std::string imported_by, imported_at;
};

// Inserts the report of (body, year), or replaces the one imported before (imported_at set to now). Returns
// the row it replaced, if any.
Result<std::optional<ReportImportRow>> upsert_report_import(Connection& conn, const ReportImportRow& row);
// The imported report of a body and year, or nullopt.
Result<std::optional<ReportImportRow>> find_report_import(Connection& conn, int64_t body_id, int year);
// The imported reports of the bodies (every body when empty), by body code then year.
Result<std::vector<ReportImportRow>> list_report_imports(Connection& conn, std::span<const int64_t> body_ids);

}  // namespace gongkai::store
