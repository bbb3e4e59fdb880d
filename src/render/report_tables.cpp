// Lays out tables 二 三 四 from the format data (data/report-formats.tsv): the column headers are a tree of
// colgroups and columns, the row headers of table 三 a tree of groups and rows; spans follow from the trees, so the
// layout changes with the data file, not with code.
#include "render/report_tables.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace gongkai::render {

namespace {

using domain::AnnualReport;
using domain::FormatEntry;
using domain::ReportFormat;
using domain::ReportTable;
using Role = LayoutCell::Role;

// A table 二 block has a label column and up to three figure columns; a block with fewer stretches its last one.
constexpr int kTable2FigureColumns = 3;
// Table 三's row labels take three grid columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密).
constexpr int kTable3LabelColumns = 3;

std::string html_id(const std::string& prefix, const std::string& code) {
  std::string id = prefix + "-" + code;
  std::replace(id.begin(), id.end(), '.', '-');
  std::replace(id.begin(), id.end(), '_', '-');
  return id;
}

LayoutCell header_cell(Role role, std::string text, std::string id, int row_span = 1, int col_span = 1) {
  LayoutCell cell;
  cell.role = role;
  cell.text = std::move(text);
  cell.id = std::move(id);
  cell.row_span = row_span;
  cell.col_span = col_span;
  cell.group = row_span > 1 || col_span > 1;
  return cell;
}

LayoutCell data_cell(const std::optional<ReportTable>& table, const std::string& row, const FormatEntry& column,
                     std::vector<std::string> headers, int col_span = 1) {
  LayoutCell cell;
  cell.role = Role::kData;
  cell.col_span = col_span;
  cell.headers = std::move(headers);
  cell.type = column.type;
  cell.row_code = row;
  cell.column_code = column.code;
  if (!table) return cell;
  auto row_it = table->find(row);
  if (row_it == table->end()) return cell;
  auto cell_it = row_it->second.find(column.code);
  if (cell_it == row_it->second.end()) return cell;
  cell.text = printed_cell_text(cell_it->second);
  cell.value = cell_it->second.value;
  return cell;
}

// Fails when `table` holds a row or column code that `format` does not define for `name`.
Status check_codes(const std::optional<ReportTable>& table, const ReportFormat& format, const std::string& name,
                   const std::set<std::string>& rows, const std::set<std::string>& columns) {
  if (!table) return Status::ok();
  std::string in_format = " is not in the " + std::string(domain::format_name(format.version())) + " format";
  for (const auto& [row, cells] : *table) {
    if (!rows.count(row)) return Status::invalid(name + ": row \"" + row + "\"" + in_format);
    for (const auto& [column, cell] : cells)
      if (!columns.count(column))
        return Status::invalid(name + " row \"" + row + "\": column \"" + column + "\"" + in_format);
  }
  return Status::ok();
}

// ---- table 二 -------------------------------------------------------------------------------------------------

Result<ReportTableLayout> layout_table2(const AnnualReport& report, const ReportFormat& format) {
  ReportTableLayout layout;
  layout.code = "table2";
  layout.caption = "主动公开政府信息情况";
  layout.column_widths = {3, 2, 2, 2};
  std::set<std::string> row_codes, column_codes;
  for (const FormatEntry* block : format.select("table2", "block")) {
    std::vector<const FormatEntry*> columns = format.select("table2", "column", block->code);
    std::vector<const FormatEntry*> rows = format.select("table2", "row", block->code);
    if (columns.empty() || columns.size() > kTable2FigureColumns || rows.empty())
      return Status::internal("table2 block " + block->code + ": the format needs 1-3 columns and a row");
    std::string block_id = html_id("t2", block->code);
    layout.body_rows.push_back({header_cell(Role::kBlockCaption, block->label, block_id, 1, 1 + kTable2FigureColumns)});
    LayoutRow header = {header_cell(Role::kColumnHeader, "信息内容", block_id + "-item")};
    auto span_of = [&](size_t column_idx) {
      return column_idx + 1 == columns.size() ? kTable2FigureColumns - static_cast<int>(columns.size()) + 1 : 1;
    };
    for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
      header.push_back(header_cell(Role::kColumnHeader, columns[column_idx]->label,
                                   html_id(block_id, columns[column_idx]->code), 1, span_of(column_idx)));
      column_codes.insert(columns[column_idx]->code);
    }
    layout.body_rows.push_back(std::move(header));
    for (const FormatEntry* row : rows) {
      row_codes.insert(row->code);
      std::string row_id = html_id(block_id + "-row", row->code);
      LayoutRow cells = {header_cell(Role::kRowHeader, row->label, row_id)};
      for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx)
        cells.push_back(data_cell(report.table2, row->code, *columns[column_idx],
                                  {block_id, html_id(block_id, columns[column_idx]->code), row_id},
                                  span_of(column_idx)));
      layout.body_rows.push_back(std::move(cells));
    }
  }
  GK_RETURN_IF_ERROR(check_codes(report.table2, format, "table2", row_codes, column_codes));
  return layout;
}

// ---- column header trees (tables 三 and 四) -------------------------------------------------------------------

struct ColumnNode {
  const FormatEntry* entry = nullptr;
  std::string id;
  std::vector<ColumnNode> children;
  int leaves() const {
    if (children.empty()) return 1;
    int n = 0;
    for (const ColumnNode& child : children) n += child.leaves();
    return n;
  }
  int depth() const {
    int d = 0;
    for (const ColumnNode& child : children) d = std::max(d, child.depth());
    return d + 1;
  }
};

// The colgroups and columns of `table` under `parent`, in file order. Leaf colgroups (table 四's three groups)
// get the table's parentless columns as their children.
std::vector<ColumnNode> column_tree(const ReportFormat& format, const std::string& table, const std::string& parent,
                                    const std::string& id_prefix) {
  std::vector<ColumnNode> nodes;
  for (const FormatEntry& entry : format.entries()) {
    if (entry.table != table || entry.parent != parent) continue;
    if (entry.kind != "colgroup" && !(entry.kind == "column" && !parent.empty())) continue;
    ColumnNode node;
    node.entry = &entry;
    node.id = html_id(id_prefix, entry.code);
    if (entry.kind == "colgroup") {
      node.children = column_tree(format, table, entry.code, id_prefix);
      if (node.children.empty())
        for (const FormatEntry* column : format.select(table, "column", std::string_view())) {
          ColumnNode leaf;
          leaf.entry = column;
          leaf.id = html_id(node.id, column->code);
          node.children.push_back(std::move(leaf));
        }
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// A data column: the leaf entry, the row code it reads (table 四: its group), and the ids that label it.
struct LeafColumn {
  const FormatEntry* entry = nullptr;
  std::string group;  // table 四: the leaf colgroup code; "" for table 三
  std::vector<std::string> headers;
};

// Emits the header cells of `nodes` at `level` into `rows` and collects the leaves in order.
void emit_headers(const std::vector<ColumnNode>& nodes, int level, int depth, std::vector<std::string> ancestors,
                  const std::string& group, std::vector<LayoutRow>& rows, std::vector<LeafColumn>& leaves) {
  for (const ColumnNode& node : nodes) {
    int row_span = node.children.empty() ? depth - level : 1;
    rows[level].push_back(header_cell(Role::kColumnHeader, node.entry->label, node.id, row_span, node.leaves()));
    std::vector<std::string> ids = ancestors;
    ids.push_back(node.id);
    if (node.children.empty()) {
      leaves.push_back(LeafColumn{node.entry, group, ids});
      continue;
    }
    bool leaf_group = node.entry->kind == "colgroup" && node.children.front().children.empty() &&
                      node.children.front().entry->parent.empty();
    emit_headers(node.children, level + 1, depth, ids, leaf_group ? node.entry->code : group, rows, leaves);
  }
}

// ---- table 三 -------------------------------------------------------------------------------------------------

Result<ReportTableLayout> layout_table3(const AnnualReport& report, const ReportFormat& format) {
  ReportTableLayout layout;
  layout.code = "table3";
  layout.caption = "收到和处理政府信息公开申请情况";
  std::vector<ColumnNode> tree = column_tree(format, "table3", "", "t3");
  const FormatEntry* corner = format.find("table3", "corner", "corner");
  if (tree.empty() || corner == nullptr) return Status::internal("table3: the format has no columns or corner");
  int depth = 0;
  for (const ColumnNode& node : tree) depth = std::max(depth, node.depth());
  layout.header_rows.assign(depth, {});
  layout.header_rows[0].push_back(header_cell(Role::kCorner, corner->label, "t3-corner", depth, kTable3LabelColumns));
  std::vector<LeafColumn> leaves;
  emit_headers(tree, 0, depth, {}, "", layout.header_rows, leaves);
  layout.column_widths = {1.3, 1.6, 5.2};
  layout.column_widths.resize(kTable3LabelColumns + leaves.size(), 1.0);

  std::set<std::string> row_codes, column_codes;
  for (const LeafColumn& leaf : leaves) column_codes.insert(leaf.entry->code);
  auto has_cells = [&](const std::string& code) {
    return report.table3 && report.table3->count(code) && !report.table3->at(code).empty();
  };
  auto has_child_cells = [&](const std::string& group) {
    for (const FormatEntry* child : format.select("table3", "", group))
      if (has_cells(child->code)) return true;
    return false;
  };
  // Rows: a depth-first walk of groups and rows; a group's label spans the rows printed under it.
  std::function<int(const std::string&)> printed_rows = [&](const std::string& parent) {
    int n = 0;
    for (const FormatEntry* entry : format.select("table3", "", parent)) {
      if (entry->kind == "row") ++n;
      if (entry->kind != "group") continue;
      n += has_cells(entry->code) && !has_child_cells(entry->code) ? 1 : printed_rows(entry->code);
    }
    return n;
  };
  std::function<void(const std::string&, int, LayoutRow&, std::vector<std::string>)> walk =
      [&](const std::string& parent, int level, LayoutRow& pending, std::vector<std::string> row_headers) {
        for (const FormatEntry* entry : format.select("table3", "", parent)) {
          if (entry->kind != "row" && entry->kind != "group") continue;
          row_codes.insert(entry->code);
          std::string id = html_id("t3-row", entry->code);
          std::vector<std::string> ids = row_headers;
          ids.push_back(id);
          // A group is printed over its sub-rows, unless the report has none of them but a figure of its own
          // (a 2021 report printing （六）其他处理 as one row): then it is a row.
          bool own_row = entry->kind == "group" && has_cells(entry->code) && !has_child_cells(entry->code);
          if (entry->kind == "group" && !own_row) {
            pending.push_back(header_cell(Role::kRowHeader, entry->label, id, printed_rows(entry->code), 1));
            walk(entry->code, level + 1, pending, ids);
            continue;
          }
          pending.push_back(header_cell(Role::kRowHeader, entry->label, id, 1, kTable3LabelColumns - level));
          for (const LeafColumn& leaf : leaves) {
            std::vector<std::string> headers = leaf.headers;
            headers.insert(headers.end(), ids.begin(), ids.end());
            pending.push_back(data_cell(report.table3, entry->code, *leaf.entry, std::move(headers)));
          }
          layout.body_rows.push_back(std::move(pending));
          pending.clear();
        }
      };
  LayoutRow pending;
  walk("", 0, pending, {});
  GK_RETURN_IF_ERROR(check_codes(report.table3, format, "table3", row_codes, column_codes));
  return layout;
}

// ---- table 四 -------------------------------------------------------------------------------------------------

Result<ReportTableLayout> layout_table4(const AnnualReport& report, const ReportFormat& format) {
  ReportTableLayout layout;
  layout.code = "table4";
  layout.caption = "政府信息公开行政复议、行政诉讼情况";
  std::vector<ColumnNode> tree = column_tree(format, "table4", "", "t4");
  if (tree.empty()) return Status::internal("table4: the format has no column groups");
  int depth = 0;
  for (const ColumnNode& node : tree) depth = std::max(depth, node.depth());
  // The official layout lets a shallow group (行政复议) reach down to the column labels: its header spans rows.
  layout.header_rows.assign(depth, {});
  std::vector<LeafColumn> leaves;
  for (const ColumnNode& node : tree) {
    std::vector<LeafColumn> group_leaves;
    int node_depth = node.depth();
    if (node_depth == depth) {
      emit_headers({node}, 0, depth, {}, "", layout.header_rows, group_leaves);
    } else {
      // 行政复议: its label spans the rows down to the column labels.
      layout.header_rows[0].push_back(
          header_cell(Role::kColumnHeader, node.entry->label, node.id, depth - node_depth + 1, node.leaves()));
      emit_headers(node.children, depth - node_depth + 1, depth, {node.id}, node.entry->code, layout.header_rows,
                   group_leaves);
    }
    leaves.insert(leaves.end(), group_leaves.begin(), group_leaves.end());
  }
  layout.column_widths.assign(leaves.size(), 1.0);
  LayoutRow row;
  std::set<std::string> row_codes, column_codes;
  for (const LeafColumn& leaf : leaves) {
    row_codes.insert(leaf.group);
    column_codes.insert(leaf.entry->code);
    row.push_back(data_cell(report.table4, leaf.group, *leaf.entry, leaf.headers));
  }
  layout.body_rows.push_back(std::move(row));
  GK_RETURN_IF_ERROR(check_codes(report.table4, format, "table4", row_codes, column_codes));
  return layout;
}

}  // namespace

std::string printed_cell_text(const domain::ReportCell& cell) {
  if (!cell.text.empty()) return cell.text;
  if (!cell.value) return "";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *cell.value, std::chars_format::fixed);
  if (error != std::errc()) return "";
  return std::string(buffer, end);
}

std::string report_title(const domain::AnnualReport& report) {
  if (!report.title.empty()) return report.title;
  std::string year = report.year ? std::to_string(*report.year) + "年" : "";
  return report.body.value_or("") + year + "政府信息公开工作年度报告";
}

std::vector<const FormatEntry*> report_section_entries(const ReportFormat& format) {
  std::vector<const FormatEntry*> sections;
  std::set<std::string> seen;
  for (const FormatEntry* entry : format.select("sections", "section"))
    if (seen.insert(entry->code).second) sections.push_back(entry);
  return sections;
}

Result<std::vector<ReportTableLayout>> layout_report_tables(const AnnualReport& report, const ReportFormat& format) {
  std::vector<ReportTableLayout> tables;
  for (auto layout_fn : {layout_table2, layout_table3, layout_table4}) {
    Result<ReportTableLayout> table = layout_fn(report, format);
    if (!table) return table.status();
    tables.push_back(std::move(*table));
  }
  return tables;
}

}  // namespace gongkai::render
