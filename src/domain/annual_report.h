// A published annual report as read from a file: its year, format, body, sections and the cells of tables 二 三 四.
// Pure data for the checks of report_check.h; the readers in src/report/ fill it in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/report_format.h"

namespace gongkai::domain {

// One cell as printed. `value` is nullopt for a blank cell (text empty or a dash/无) and for text that is not a
// number (then `text` holds it); blank is never 0 here — the identities count a blank as 0 (spec: "blank cells
// meaning 0"), the JSON shows it as null.
struct ReportCell {
  std::string text;            // the printed text, normalized ("" for blank)
  std::optional<double> value;  // the number, if the text is one
  bool blank() const { return text.empty(); }
};

// Row code → column code → cell (table 二 and 三); for table 四 the "row" is the group (reconsideration,
// litigation_direct, litigation_after_review).
using ReportRowCells = std::map<std::string, ReportCell>;
using ReportTable = std::map<std::string, ReportRowCells>;

struct ReportSection {
  std::string code;     // "1" … "6"
  std::string heading;  // as found
  std::string text;     // normalized text between this heading and the next
};

struct AnnualReport {
  std::optional<int> year;
  std::optional<ReportFormatVersion> format;  // the format table 三 was read in (else the year's)
  std::optional<ReportFormatVersion> table2_format;  // the format whose table 二 columns matched
  std::optional<std::string> body;            // 机构 name from the title
  std::string title;
  std::string preamble;                       // normalized text before section 一
  std::vector<ReportSection> sections;        // those found, in order
  std::optional<ReportTable> table2, table3, table4;  // nullopt: the table was not found
  // 2021 （六） sub-rows present in table 三 (true) or a single （六）其他处理 row (false); nullopt if unknown.
  std::optional<bool> has_other_subrows;

  const ReportSection* section(const std::string& code) const {
    for (const ReportSection& s : sections)
      if (s.code == code) return &s;
    return nullptr;
  }
};

}  // namespace gongkai::domain
