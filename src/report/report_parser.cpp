// Document → AnnualReport: title, year, body, sections and the three tables by label matching (see report_parser.h).
#include "report/report_parser.h"

#include <algorithm>
#include <regex>
#include <set>

#include "domain/report_check.h"
#include "domain/report_label.h"

namespace gongkai::report {
namespace {

using domain::AnnualReport;
using domain::FormatEntry;
using domain::label_core;
using domain::normalize_label;
using domain::ReportCell;
using domain::ReportFormat;
using domain::ReportFormatVersion;
using domain::ReportRowCells;
using domain::ReportTable;

// A grid with the label core of every cell computed once.
struct CoreGrid {
  const Grid* grid = nullptr;
  std::vector<std::vector<std::string>> cores;
};

bool row_has(const std::vector<std::string>& cores, std::string_view core) {
  return std::find(cores.begin(), cores.end(), core) != cores.end();
}

// Index of the first cell of `cores` equal to `core`, or -1.
int index_of(const std::vector<std::string>& cores, std::string_view core) {
  for (size_t idx = 0; idx < cores.size(); ++idx)
    if (cores[idx] == core) return static_cast<int>(idx);
  return -1;
}

ReportCell make_cell(const std::string& raw) {
  const std::string text = normalize_label(raw);
  if (domain::is_blank_cell_text(text)) return {};
  return {text, domain::parse_report_number(text)};
}

// Data columns are addressed by their distance from the row's right end, so a text row with an extra label cell
// still lines up with its header; HTML/DOCX rows have equal width, where this is the same as the header's index.
using Offsets = std::vector<std::pair<std::string, size_t>>;  // column code → offset from the right (≥ 1)

ReportRowCells read_cells(const std::vector<std::string>& row, const std::vector<std::string>& cores,
                          const Offsets& offsets, const std::set<std::string>& label_cores) {
  ReportRowCells cells;
  for (const auto& [code, offset] : offsets) {
    if (offset > row.size()) {
      cells[code] = {};
      continue;
    }
    const size_t idx = row.size() - offset;
    // A label spanning into the data columns is not a value.
    if (!cores[idx].empty() && label_cores.count(cores[idx])) {
      cells[code] = {};
      continue;
    }
    cells[code] = make_cell(row[idx]);
  }
  return cells;
}

bool any_printed(const ReportRowCells& cells) {
  for (const auto& [code, cell] : cells)
    if (!cell.blank()) return true;
  return false;
}

// ---- table 三 ------------------------------------------------------------------------------------------------

struct Table3Found {
  ReportTable table;
  bool has_other_subrows = false;
  size_t grid_idx = 0;
};

std::optional<Table3Found> find_table3(const std::vector<CoreGrid>& grids, const domain::ReportFormats& formats) {
  const ReportFormat& f2021 = formats.get(ReportFormatVersion::k2021);
  std::set<std::string> subrow_cores;
  for (const FormatEntry* e : f2021.select("table3", "row", "other")) {
    if (e->code != "other.other") subrow_cores.insert(label_core(e->label));
  }
  for (size_t grid_idx = 0; grid_idx < grids.size(); ++grid_idx) {
    const CoreGrid& g = grids[grid_idx];
    int header = -1;
    for (size_t row_idx = 0; row_idx < g.cores.size(); ++row_idx) {
      if (row_has(g.cores[row_idx], "自然人") && row_has(g.cores[row_idx], "商业企业")) header = static_cast<int>(row_idx);
      else if (header >= 0) break;
    }
    if (header < 0) continue;
    const std::vector<std::string>& head = g.cores[header];
    // The rows of the table: after the header, up to table 四's or table 二's header if they share the grid.
    size_t end = g.cores.size();
    for (size_t row_idx = header + 1; row_idx < g.cores.size(); ++row_idx) {
      if (row_has(g.cores[row_idx], "结果维持") || row_has(g.cores[row_idx], "信息内容")) {
        end = row_idx;
        break;
      }
    }
    bool has_subrows = false;
    for (size_t row_idx = header + 1; row_idx < end; ++row_idx)
      for (const std::string& core : g.cores[row_idx])
        if (subrow_cores.count(core)) has_subrows = true;
    const ReportFormat& format = formats.get(has_subrows ? ReportFormatVersion::k2021 : ReportFormatVersion::k2019);

    Offsets offsets;
    size_t max_offset = 0;
    for (const FormatEntry* e : format.select("table3", "column")) {
      const int idx = index_of(head, label_core(e->label));
      if (idx < 0) continue;
      offsets.emplace_back(e->code, head.size() - idx);
      max_offset = std::max(max_offset, head.size() - idx);
    }
    if (offsets.size() < 2) continue;

    std::vector<const FormatEntry*> rows = format.select("table3", "row");
    std::vector<const FormatEntry*> groups = format.select("table3", "group");
    std::set<std::string> label_cores;
    for (const FormatEntry* e : rows) label_cores.insert(label_core(e->label));
    for (const FormatEntry* e : groups) label_cores.insert(label_core(e->label));

    Table3Found found;
    found.has_other_subrows = has_subrows;
    found.grid_idx = grid_idx;
    std::string current_group;
    for (size_t row_idx = header + 1; row_idx < end; ++row_idx) {
      const std::vector<std::string>& row = g.grid->rows[row_idx];
      const std::vector<std::string>& cores = g.cores[row_idx];
      if (row.size() < max_offset) continue;
      const size_t label_end = row.size() - max_offset;
      std::vector<std::string> labels;
      for (size_t idx = 0; idx < label_end; ++idx) {
        if (cores[idx].empty() || (!labels.empty() && labels.back() == cores[idx])) continue;
        labels.push_back(cores[idx]);
      }
      if (labels.empty()) continue;
      for (const std::string& label : labels)
        for (const FormatEntry* e : groups)
          if (label_core(e->label) == label) current_group = e->code;
      const std::string& last = labels.back();
      const FormatEntry* matched = nullptr;
      for (const FormatEntry* e : rows)
        if (!matched && e->parent == current_group && label_core(e->label) == last) matched = e;
      for (const FormatEntry* e : rows)
        if (!matched && (e->parent.empty() || e->parent == "results") && label_core(e->label) == last) matched = e;
      bool is_group = false;
      for (const FormatEntry* e : groups) {
        if (matched || e->type == domain::ValueType::kNone || label_core(e->label) != last) continue;
        matched = e;
        is_group = true;
      }
      if (!matched) continue;
      if (!is_group && (matched->parent.empty() || matched->parent == "results")) current_group = matched->parent;
      ReportRowCells cells = read_cells(row, cores, offsets, label_cores);
      if (is_group && !any_printed(cells)) continue;  // a group label without a subtotal
      if (found.table.count(matched->code)) continue;
      found.table[matched->code] = std::move(cells);
      if (matched->code == "carry_forward") break;
    }
    if (found.table.empty()) continue;
    return found;
  }
  return std::nullopt;
}

// ---- table 四 ------------------------------------------------------------------------------------------------

std::optional<std::pair<ReportTable, size_t>> find_table4(const std::vector<CoreGrid>& grids,
                                                          const ReportFormat& format) {
  std::vector<const FormatEntry*> groups;
  for (const FormatEntry* e : format.select("table4", "colgroup"))
    if (e->code != "litigation") groups.push_back(e);
  const std::vector<const FormatEntry*> columns = format.select("table4", "column");
  for (size_t grid_idx = 0; grid_idx < grids.size(); ++grid_idx) {
    const CoreGrid& g = grids[grid_idx];
    for (size_t leaf = 0; leaf < g.cores.size(); ++leaf) {
      const std::vector<std::string>& head = g.cores[leaf];
      if (std::count(head.begin(), head.end(), "结果维持") < 2) continue;
      // Each leaf column: its code from its label, its group from the nearest header cell above naming one
      // (an empty cell takes its left neighbour's text, as a merged cell printed as text does), else by order.
      std::vector<std::tuple<std::string, std::string, size_t>> mapped;  // group, column, offset
      int upheld_seen = 0;
      for (size_t idx = 0; idx < head.size(); ++idx) {
        const FormatEntry* column = nullptr;
        for (const FormatEntry* c : columns)
          if (label_core(c->label) == head[idx]) column = c;
        if (!column) continue;
        if (column->code == "upheld") ++upheld_seen;
        const FormatEntry* group = nullptr;
        for (size_t up = leaf; up > 0 && !group && leaf - up < 3; --up) {
          const std::vector<std::string>& above = g.cores[up - 1];
          if (idx >= above.size()) continue;
          size_t at = idx;
          while (at > 0 && above[at].empty()) --at;
          for (const FormatEntry* e : groups)
            if (label_core(e->label) == above[at]) group = e;
        }
        if (!group && upheld_seen >= 1 && upheld_seen <= static_cast<int>(groups.size())) group = groups[upheld_seen - 1];
        if (!group) continue;
        mapped.emplace_back(group->code, column->code, head.size() - idx);
      }
      if (mapped.empty()) continue;
      for (size_t row_idx = leaf + 1; row_idx < g.cores.size(); ++row_idx) {
        const std::vector<std::string>& row = g.grid->rows[row_idx];
        bool numeric = false;
        for (const std::string& cell : row)
          if (make_cell(cell).value) numeric = true;
        if (!numeric) continue;
        ReportTable table;
        for (const FormatEntry* e : groups) table[e->code];
        for (const auto& [group, column, offset] : mapped)
          table[group][column] = offset <= row.size() ? make_cell(row[row.size() - offset]) : ReportCell{};
        return std::pair{std::move(table), grid_idx};
      }
    }
  }
  return std::nullopt;
}

// ---- table 二 ------------------------------------------------------------------------------------------------

struct Table2Found {
  ReportTable table;
  int cells = 0;
  std::set<size_t> grids;
};

bool row_label_matches(const std::string& cell_core, const std::string& label_core_text) {
  if (cell_core == label_core_text) return true;
  // "行政规范性文件" printed where the 2019 format says "规范性文件".
  return label_core_text.size() >= 6 && cell_core.size() > label_core_text.size() &&
         cell_core.compare(cell_core.size() - label_core_text.size(), label_core_text.size(), label_core_text) == 0;
}

Table2Found find_table2(const std::vector<CoreGrid>& grids, const ReportFormat& format) {
  Table2Found found;
  const std::vector<const FormatEntry*> blocks = format.select("table2", "block");
  for (size_t grid_idx = 0; grid_idx < grids.size(); ++grid_idx) {
    const CoreGrid& g = grids[grid_idx];
    const FormatEntry* block = nullptr;
    Offsets offsets;
    for (size_t row_idx = 0; row_idx < g.cores.size(); ++row_idx) {
      const std::vector<std::string>& cores = g.cores[row_idx];
      const std::vector<std::string>& row = g.grid->rows[row_idx];
      if (row_has(cores, "自然人")) break;
      const FormatEntry* caption = nullptr;
      for (const FormatEntry* b : blocks)
        if (row_has(cores, label_core(b->label))) caption = b;
      if (caption) {
        block = caption;
        offsets.clear();
        continue;
      }
      if (!block) continue;
      Offsets header;
      for (const FormatEntry* c : format.select("table2", "column", block->code)) {
        const int idx = index_of(cores, label_core(c->label));
        if (idx > 0) header.emplace_back(c->code, row.size() - idx);
      }
      if (!header.empty()) {
        offsets = std::move(header);
        continue;
      }
      if (offsets.empty()) continue;
      std::string label;
      for (const std::string& core : cores)
        if (!core.empty()) {
          label = core;
          break;
        }
      for (const FormatEntry* r : format.select("table2", "row", block->code)) {
        if (!row_label_matches(label, label_core(r->label)) || found.table.count(r->code)) continue;
        ReportRowCells cells = read_cells(row, cores, offsets, {label});
        found.cells += static_cast<int>(cells.size());
        found.table[r->code] = std::move(cells);
        found.grids.insert(grid_idx);
      }
    }
  }
  return found;
}

// ---- title, year, body, sections -----------------------------------------------------------------------------

struct Title {
  std::string text, body;
  int year = 0;
};

std::optional<Title> find_title(const std::vector<std::string>& lines) {
  static const std::regex kTitle("^(.*?)(20\\d\\d)年(?:度)?(.*?)政府信息公开(?:工作)?年度报告");
  for (const std::string& line : lines) {
    if (line.size() > 300) continue;  // a title is short; long lines are narrative that may cite it
    std::smatch m;
    if (!std::regex_search(line, m, kTitle)) continue;
    Title t;
    t.text = m[0].str();
    t.year = std::stoi(m[2].str());
    std::string body = m[1].length() > 0 ? m[1].str() : m[3].str();
    for (std::string_view prefix : {"关于", "《"})
      if (body.rfind(prefix, 0) == 0) body = body.substr(prefix.size());
    // A breadcrumb before the title ("首页>…>泰顺县"): keep what follows the last separator.
    for (std::string_view sep : {">", "》", "|", ":"}) {
      const size_t at = body.rfind(sep);
      if (at != std::string::npos) body = body.substr(at + sep.size());
    }
    t.body = body;
    return t;
  }
  return std::nullopt;
}

std::optional<int> find_period_year(const std::string& text) {
  static const std::regex kPeriod("(20\\d\\d)年1月1日(?:起)?(?:至|到|-)(?:20\\d\\d年)?12月31日");
  std::smatch m;
  if (!std::regex_search(text, m, kPeriod)) return std::nullopt;
  return std::stoi(m[1].str());
}

void find_sections(const std::string& text, const ReportFormat& format, AnnualReport& report) {
  struct Found {
    std::string code, heading;
    size_t at;
  };
  std::vector<Found> found;
  size_t pos = 0;
  for (const char* code : {"1", "2", "3", "4", "5", "6"}) {
    size_t best = std::string::npos;
    std::string heading;
    for (const FormatEntry* e : format.select("sections", "section")) {
      if (e->code != code) continue;
      const std::string h = normalize_label(e->label);
      const size_t at = text.find(h, pos);
      if (at < best) {
        best = at;
        heading = h;
      }
    }
    if (best == std::string::npos) continue;
    found.push_back({code, heading, best});
    pos = best + heading.size();
  }
  report.preamble = text.substr(0, found.empty() ? text.size() : found.front().at);
  for (size_t idx = 0; idx < found.size(); ++idx) {
    const size_t start = found[idx].at + found[idx].heading.size();
    const size_t end = idx + 1 < found.size() ? found[idx + 1].at : text.size();
    report.sections.push_back({found[idx].code, found[idx].heading, text.substr(start, end - start)});
  }
}

}  // namespace

Result<AnnualReport> parse_report(const Document& doc, const domain::ReportFormats& formats) {
  std::vector<CoreGrid> grids;
  std::vector<size_t> grid_block;  // block index of each grid
  for (size_t block_idx = 0; block_idx < doc.blocks.size(); ++block_idx) {
    const DocumentBlock& block = doc.blocks[block_idx];
    if (block.kind != DocumentBlock::Kind::kGrid) continue;
    CoreGrid g;
    g.grid = &block.grid;
    for (const auto& row : block.grid.rows) {
      std::vector<std::string> cores;
      cores.reserve(row.size());
      for (const std::string& cell : row) cores.push_back(label_core(cell));
      g.cores.push_back(std::move(cores));
    }
    grids.push_back(std::move(g));
    grid_block.push_back(block_idx);
  }

  AnnualReport report;
  std::set<size_t> table_grids;
  std::optional<Table3Found> t3 = find_table3(grids, formats);
  if (t3) {
    report.table3 = std::move(t3->table);
    report.has_other_subrows = t3->has_other_subrows;
    report.format = t3->has_other_subrows ? ReportFormatVersion::k2021 : ReportFormatVersion::k2019;
    table_grids.insert(t3->grid_idx);
  }

  // The text: paragraphs and the grids that are not report tables, in reading order.
  std::vector<std::string> lines;
  if (!doc.title.empty()) lines.push_back(normalize_label(doc.title));
  std::vector<std::string> body_lines;
  size_t next_grid = 0;
  const ReportFormat& any_format = formats.get(ReportFormatVersion::k2019);
  // Tables 四 and 二 are located first so their grids stay out of the text.
  std::optional<std::pair<ReportTable, size_t>> t4 = find_table4(grids, any_format);
  if (t4) table_grids.insert(t4->second);
  Table2Found t2_2019 = find_table2(grids, formats.get(ReportFormatVersion::k2019));
  Table2Found t2_2021 = find_table2(grids, formats.get(ReportFormatVersion::k2021));
  ReportFormatVersion t2_version = ReportFormatVersion::k2019;
  Table2Found* t2 = &t2_2019;
  if (t2_2021.cells > t2_2019.cells ||
      (t2_2021.cells == t2_2019.cells && report.format == ReportFormatVersion::k2021)) {
    t2 = &t2_2021;
    t2_version = ReportFormatVersion::k2021;
  }
  table_grids.insert(t2->grids.begin(), t2->grids.end());
  for (size_t block_idx = 0; block_idx < doc.blocks.size(); ++block_idx) {
    const DocumentBlock& block = doc.blocks[block_idx];
    if (block.kind == DocumentBlock::Kind::kParagraph) {
      body_lines.push_back(normalize_label(block.text));
      continue;
    }
    const size_t grid_idx = next_grid++;
    if (table_grids.count(grid_idx)) continue;
    for (const auto& row : block.grid.rows) {
      std::string line;
      std::string last;
      for (const std::string& cell : row) {
        std::string n = normalize_label(cell);
        if (n.empty() || n == last) continue;
        line += n;
        last = n;
      }
      if (!line.empty()) body_lines.push_back(line);
    }
  }
  lines.insert(lines.end(), body_lines.begin(), body_lines.end());
  std::string text;
  for (const std::string& line : body_lines) {
    if (!text.empty()) text += '\n';
    text += line;
  }

  std::optional<Title> title = find_title(body_lines);
  if (!title) title = find_title(lines);
  if (title) {
    report.title = title->text;
    report.year = title->year;
    if (!title->body.empty()) report.body = title->body;
  }
  if (!report.year) report.year = find_period_year(text);
  find_sections(text, any_format, report);

  if (!title && report.sections.size() < 3)
    return Status::invalid("not an annual report: no title \"…年政府信息公开工作年度报告\" and " +
                           std::to_string(report.sections.size()) + " of the six section headings found");
  if (!report.table3 && !t4 && t2->table.empty())
    return Status::invalid(
        "the report's tables are missing (tables 二, 三 and 四 not found; a scraped copy may have lost them): "
        "its figures cannot be checked");

  if (!report.format && report.year) report.format = domain::format_for_year(*report.year);
  if (t4) report.table4 = std::move(t4->first);
  if (!t2->table.empty()) {
    report.table2 = std::move(t2->table);
    report.table2_format = t2_version;
  }
  return report;
}

}  // namespace gongkai::report
