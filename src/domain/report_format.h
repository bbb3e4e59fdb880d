// The two formats of the statutory annual report (2019 trial format, 2021 format) as data: sections, the blocks,
// rows and columns of tables 二 三 四 with their official labels, codes and value types. The labels live in
// data/report-formats.tsv (spec/annual-report.md asks for one correctable file); this module parses that text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongkai::domain {

// 2019: 国办公开办函〔2019〕60号, report years 2019-2020. 2021: 国办公开办函〔2021〕30号, report years 2021 on.
enum class ReportFormatVersion { k2019, k2021 };

// "2019" or "2021".
std::string_view format_name(ReportFormatVersion version);
// The format a report of `year` must use: 2019 for years up to 2020, 2021 after.
ReportFormatVersion format_for_year(int year);

// What a cell may hold (spec/annual-report.md "Value types").
enum class ValueType {
  kNone,     // a label without cells
  kCount,    // a non-negative integer
  kSigned,   // an integer that may be negative (2019 本年增/减)
  kDecimal,  // a non-negative decimal in 万元 (2021 本年收费金额)
  kMoney,    // a non-negative amount of money (2019 采购总金额)
};

// One line of the format file.
struct FormatEntry {
  std::string table;   // sections | table2 | table3 | table4
  std::string kind;    // section | block | column | colgroup | row | group | corner
  std::string code;    // e.g. "withheld.third_party"
  std::string parent;  // block / group / colgroup code, "" for none
  ValueType type = ValueType::kNone;
  std::string label;   // verbatim official label
  int line = 0;        // line in the format file
};

// The entries of one format version, in file order.
class ReportFormat {
 public:
  ReportFormat() = default;
  ReportFormat(ReportFormatVersion version, std::vector<FormatEntry> entries)
      : version_(version), entries_(std::move(entries)) {}

  ReportFormatVersion version() const { return version_; }
  const std::vector<FormatEntry>& entries() const { return entries_; }

  // The entries of `table` of `kind` (any kind when empty) whose parent is `parent` (any parent when nullopt).
  std::vector<const FormatEntry*> select(std::string_view table, std::string_view kind,
                                         std::optional<std::string_view> parent = std::nullopt) const;
  // The first entry of `table` of `kind` with `code` (and `parent` when given), or nullptr.
  const FormatEntry* find(std::string_view table, std::string_view kind, std::string_view code,
                          std::optional<std::string_view> parent = std::nullopt) const;

 private:
  ReportFormatVersion version_ = ReportFormatVersion::k2019;
  std::vector<FormatEntry> entries_;
};

struct ReportFormats {
  ReportFormat v2019;
  ReportFormat v2021;
  const ReportFormat& get(ReportFormatVersion version) const {
    return version == ReportFormatVersion::k2019 ? v2019 : v2021;
  }
};

// Parses the format file (data/report-formats.tsv: '#' comments, seven tab-separated fields per line). Fails with
// kInvalid naming `name`, the line and the field for a wrong field count, an unknown format/table/kind/type, an
// empty code or label, a parent that no earlier line of the same table defines, or a duplicate cell-bearing code.
Result<ReportFormats> parse_report_formats(std::string_view text, std::string_view name);

}  // namespace gongkai::domain
