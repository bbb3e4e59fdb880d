// Parser of the annual-report format file (see report_format.h and data/report-formats.tsv).
#include "domain/report_format.h"

#include <array>
#include <set>
#include <tuple>

namespace gongkai::domain {
namespace {

struct TypeName {
  std::string_view name;
  ValueType type;
};
constexpr TypeName kTypes[] = {{"-", ValueType::kNone},
                               {"count", ValueType::kCount},
                               {"signed", ValueType::kSigned},
                               {"decimal", ValueType::kDecimal},
                               {"money", ValueType::kMoney}};
constexpr std::string_view kTables[] = {"sections", "table2", "table3", "table4"};
constexpr std::string_view kKinds[] = {"section", "block", "column", "colgroup", "row", "group", "corner"};

template <typename Range>
bool contains(const Range& range, std::string_view value) {
  for (std::string_view v : range)
    if (v == value) return true;
  return false;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

}  // namespace

std::string_view format_name(ReportFormatVersion version) {
  return version == ReportFormatVersion::k2019 ? "2019" : "2021";
}

ReportFormatVersion format_for_year(int year) {
  return year <= 2020 ? ReportFormatVersion::k2019 : ReportFormatVersion::k2021;
}

std::vector<const FormatEntry*> ReportFormat::select(std::string_view table, std::string_view kind,
                                                     std::optional<std::string_view> parent) const {
  std::vector<const FormatEntry*> out;
  for (const FormatEntry& e : entries_) {
    if (e.table != table) continue;
    if (!kind.empty() && e.kind != kind) continue;
    if (parent && e.parent != *parent) continue;
    out.push_back(&e);
  }
  return out;
}

const FormatEntry* ReportFormat::find(std::string_view table, std::string_view kind, std::string_view code,
                                      std::optional<std::string_view> parent) const {
  for (const FormatEntry& e : entries_) {
    if (e.table == table && e.kind == kind && e.code == code && (!parent || e.parent == *parent)) return &e;
  }
  return nullptr;
}

Result<ReportFormats> parse_report_formats(std::string_view text, std::string_view name) {
  std::array<std::vector<FormatEntry>, 2> per_version;  // [0] 2019, [1] 2021
  int line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
    const std::vector<std::string_view> f = split_tabs(line);
    if (f.size() != 7)
      return Status::invalid(where + "expected 7 tab-separated fields, found " + std::to_string(f.size()));
    if (f[0] != "2019" && f[0] != "2021" && f[0] != "*")
      return Status::invalid(where + "format: \"" + std::string(f[0]) + "\" is not 2019, 2021 or *");
    if (!contains(kTables, f[1])) return Status::invalid(where + "table: unknown \"" + std::string(f[1]) + "\"");
    if (!contains(kKinds, f[2])) return Status::invalid(where + "kind: unknown \"" + std::string(f[2]) + "\"");
    if (f[3].empty()) return Status::invalid(where + "code: empty");
    if (f[6].empty()) return Status::invalid(where + "label: empty");
    const TypeName* type = nullptr;
    for (const TypeName& t : kTypes)
      if (t.name == f[5]) type = &t;
    if (type == nullptr) return Status::invalid(where + "type: unknown \"" + std::string(f[5]) + "\"");
    FormatEntry entry{std::string(f[1]), std::string(f[2]), std::string(f[3]), f[4] == "-" ? "" : std::string(f[4]),
                      type->type, std::string(f[6]), line_no};
    for (int v = 0; v < 2; ++v) {
      if (f[0] != "*" && f[0] != (v == 0 ? "2019" : "2021")) continue;
      std::vector<FormatEntry>& entries = per_version[v];
      if (!entry.parent.empty()) {
        bool defined = false;
        for (const FormatEntry& e : entries)
          if (e.table == entry.table && e.code == entry.parent && e.kind != "column" && e.kind != "row") defined = true;
        if (!defined) return Status::invalid(where + "parent: \"" + entry.parent + "\" is not defined above");
      }
      if (entry.kind != "section") {
        for (const FormatEntry& e : entries) {
          if (e.table == entry.table && e.kind == entry.kind && e.code == entry.code && e.parent == entry.parent)
            return Status::invalid(where + "code: \"" + entry.code + "\" defined twice (line " +
                                   std::to_string(e.line) + ")");
        }
      }
      entries.push_back(entry);
    }
  }
  for (int v = 0; v < 2; ++v) {
    for (std::string_view table : {"table2", "table3", "table4"}) {
      bool has_rows = false;
      for (const FormatEntry& e : per_version[v])
        if (e.table == table && (e.kind == "row" || e.kind == "column")) has_rows = true;
      if (!has_rows)
        return Status::invalid(std::string(name) + ": format " + (v == 0 ? "2019" : "2021") + " has no " +
                               std::string(table));
    }
  }
  return ReportFormats{ReportFormat(ReportFormatVersion::k2019, std::move(per_version[0])),
                       ReportFormat(ReportFormatVersion::k2021, std::move(per_version[1]))};
}

}  // namespace gongkai::domain
