// How each record counts in the annual report's tables (spec/annual-report.md "What the platform computes"): the
// cells of table 三 a disclosure-on-application case counts in, the cells of table 四 a reconsideration or lawsuit
// counts in, and the cells of table 二 a document of the normative-document registry counts in, for a report year
// in the format of that year. The builder sums these cells; the drill-down lists the records of one cell — both
// from the same function, so a cell always equals the length of its list. Pure: no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gongkai::domain {

// A table cell by the codes of spec/contracts.md ("Report JSON").
struct TallyCell {
  std::string row, column;
  bool operator==(const TallyCell&) const = default;
};

// Row code → column code → count.
using CountTable = std::map<std::string, std::map<std::string, int64_t>>;

// What table 三 needs of one case. Dates are "YYYY-MM-DD" (China time).
struct CaseFacts {
  std::string number;                   // 申请编号, for the drill-down
  int64_t body_id = 0;
  std::string applicant_type;           // natural_person … other_org (domain/outcomes applicant_types)
  std::optional<std::string> received;  // 条例 Art. 31 receipt date; a case without one is not counted anywhere
  std::optional<std::string> replied;   // the reply date of its decision; nullopt while open
  std::string outcome;                  // the outcome code once decided
};

// The table 三 cells `c` counts in for the report of `year` (column: its applicant type, and "total"):
//   new            received in the year
//   carried_over   received before the year and not replied before it (= last year's carry_forward)
//   <result row>   replied in the year: the outcome's row in the year's format (2019: other.* → "other"), and "total"
//   carry_forward  received by 31 Dec and not replied by then
// A case replied in the year whose outcome no row maps is counted in no result row; `unmapped` (when not null) is
// set to true for it, so the caller can report it (the column balance then fails, as it should).
std::vector<TallyCell> table3_cells(const CaseFacts& c, int year, bool* unmapped = nullptr);

// What table 四 needs of one reconsideration or lawsuit.
struct ReviewFacts {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string kind;    // reconsideration, litigation_direct, litigation_after_review
  std::string filed;   // filed date
  std::string result;  // upheld, corrected, other, pending
  std::optional<std::string> closed;
};

// The table 四 cells (row = kind, column = result as of 31 Dec of `year`, and "total") of a review filed in `year`;
// none for one filed in another year. A review closed after the year end is still 尚未审结 ("pending") in that
// year's report.
std::vector<TallyCell> table4_cells(const ReviewFacts& r, int year);

// One change of a document's 有效性 (validity_events).
struct ValidityChange {
  std::string on;  // effective date
  std::string to;  // 有效 修订后有效 失效 废止
  std::optional<std::string> from;
};

// What table 二 第二十条第（一）项 needs of one document of the registry.
struct DocumentFacts {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string title;
  std::string kind;                    // normative (行政规范性文件) or regulation (规章)
  std::optional<std::string> written;  // 成文日期
  std::string published;               // 发布日期
  std::optional<std::string> validity;  // current 有效性; nullopt = never marked, taken as in force
  std::vector<ValidityChange> changes;  // in effective-date order
};

// The document's 有效性 at the end of `date` (the last change effective by then, else its state before the first
// change, else its current state); nullopt when never marked.
std::optional<std::string> validity_on(const DocumentFacts& d, const std::string& date);

// The table 二 cells of the registry row ("normative" / "regulations") the document counts in for `year`:
//   2021 format: made (成文, else published, in the year), repealed (became 失效 or 废止 in the year),
//                valid (published by 31 Dec and 有效 or 修订后有效 then)
//   2019 format: new_made (成文 in the year, as made above), new_published (published in the year),
//                published_total (published by 31 Dec and in force then)
// Documents of another kind count nowhere.
std::vector<TallyCell> table2_registry_cells(const DocumentFacts& d, int year);

// The table 三 rows of `year`'s format, in order: new, carried_over, the result rows, total, carry_forward.
std::vector<std::string> table3_row_codes(int year);

// Sums cells into a table: every cell of every record adds one.
template <typename Facts, typename CellsOf>
CountTable tally(std::span<const Facts> records, CellsOf cells_of) {
  CountTable out;
  for (const Facts& record : records)
    for (const TallyCell& cell : cells_of(record)) ++out[cell.row][cell.column];
  return out;
}

}  // namespace gongkai::domain
