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
