// Repository of the annual report (migration 009 and the reads the builder makes of the records): the facts of
// cases, reviews and registry documents a report year counts, and the entered table 二 figures. Only SQL here; the
// counting rules are domain/report_tally, the orchestration services/report_builder.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/report_tally.h"
#include "store/database.h"

namespace gongkai::store {

// Cases of the bodies `body_ids` that can count in `year`'s table 三: received by 31 Dec and not replied before
// 1 Jan (open at the start of the year, received in it, or replied in it), in number order.
Result<std::vector<domain::CaseFacts>> list_report_cases(Connection& conn, std::span<const int64_t> body_ids, int year);

// Reviews of the bodies filed in `year`, in filing order.
Result<std::vector<domain::ReviewFacts>> list_report_reviews(Connection& conn, std::span<const int64_t> body_ids,
                                                             int year);

// Registry documents (kinds normative, regulation; published or withdrawn) of the bodies published by 31 Dec of
// `year`, with their validity history, in id order.
Result<std::vector<domain::DocumentFacts>> list_report_documents(Connection& conn, std::span<const int64_t> body_ids,
                                                                 int year);

// One report_figures row.
struct ReportFigureRow {
  int64_t body_id = 0;
  std::string body_code;  // read only (joined from bodies)
  int year = 0;
  std::string table = "table2";
  std::string row, column;
  double value = 0;
  std::string source, entered_by, entered_at;
};

// Inserts or replaces the figure of (body, year, table, row, column); entered_at is set to now.
Status upsert_report_figure(Connection& conn, const ReportFigureRow& figure);
// The figures of the bodies for `year` (every year when 0), by body code, table, row, column.
Result<std::vector<ReportFigureRow>> list_report_figures(Connection& conn, std::span<const int64_t> body_ids, int year);

}  // namespace gongkai::store

namespace gongkai::store {

// The saved text of `section` ("1", "5", "6") of a body's report, or nullopt.
Result<std::optional<std::string>> find_report_text(Connection& conn, int64_t body_id, int year,
                                                    const std::string& section);
// Saves the text of a section (insert or replace).
Status upsert_report_text(Connection& conn, int64_t body_id, int year, const std::string& section,
                          const std::string& text, const std::string& actor);

}  // namespace gongkai::store

namespace gongkai::store {

struct ReportVersionRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_code;  // read only
  int year = 0;
  int version = 0;
  std::string state;
  bool include_children = false;
  std::string snapshot;  // the report JSON
  std::string comment;
  std::string created_by, created_at;
  std::optional<std::string> decided_by, decided_at;
  std::optional<int64_t> item_id;
};

// Inserts `row` as the body's next version of the year (version assigned) and returns that version number.
Result<int> insert_report_version(Connection& conn, const ReportVersionRow& row);
// The version, or nullopt.
Result<std::optional<ReportVersionRow>> find_report_version(Connection& conn, int64_t body_id, int year, int version);
// Versions of the year (every year when 0) for the bodies (every body when `body_ids` is empty), by body
// code, year, then version.
Result<std::vector<ReportVersionRow>> list_report_versions(Connection& conn, std::span<const int64_t> body_ids,
                                                           int year);
// Writes state, comment, decided_by/at (now) and item_id of the version `row.id`.
Status update_report_version(Connection& conn, const ReportVersionRow& row);

struct CheckDecisionRow {
  std::string rule, where_key, decision, reason, decided_by, decided_at;
};
// Inserts or replaces the decision on (body, year, rule, where_key).
Status upsert_check_decision(Connection& conn, int64_t body_id, int year, const CheckDecisionRow& row);
Result<std::vector<CheckDecisionRow>> list_check_decisions(Connection& conn, int64_t body_id, int year);

}  // namespace gongkai::store
