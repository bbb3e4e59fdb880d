// Plain text → Document (see text_reader.h).
#include "report/text_reader.h"

namespace gongkai::report {
namespace {

std::string_view trim(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> split_cells(std::string_view line) {
  const char sep = line.find('|') != std::string_view::npos ? '|' : '\t';
  std::string_view body = trim(line);
  if (sep == '|') {
    if (!body.empty() && body.front() == '|') body.remove_prefix(1);
    if (!body.empty() && body.back() == '|') body.remove_suffix(1);
  }
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t at = body.find(sep, start);
    cells.emplace_back(trim(body.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return cells;
}

bool is_rule(const std::vector<std::string>& cells) {
  for (const std::string& c : cells)
    if (c.empty() || c.find_first_not_of("-: ") != std::string::npos) return false;
  return true;
}

}  // namespace

Result<Document> read_text(std::string_view text) {
  Document doc;
  Grid grid;
  auto end_grid = [&] {
    if (grid.rows.empty()) return;
    DocumentBlock block;
    block.kind = DocumentBlock::Kind::kGrid;
    block.grid = std::move(grid);
    doc.blocks.push_back(std::move(block));
    grid = Grid{};
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const bool row = line.find('|') != std::string_view::npos || line.find('\t') != std::string_view::npos;
    std::vector<std::string> cells = row ? split_cells(line) : std::vector<std::string>{};
    if (cells.size() >= 2) {
      if (is_rule(cells)) continue;
      if (grid.rows.size() >= kMaxGridRows)
        return Status::invalid("a table has more than " + std::to_string(kMaxGridRows) + " rows");
      if (cells.size() > kMaxGridColumns) cells.resize(kMaxGridColumns);
      grid.rows.push_back(std::move(cells));
      continue;
    }
    end_grid();
    const std::string_view content = trim(line);
    if (content.empty()) continue;
    DocumentBlock block;
    block.text = std::string(content);
    doc.blocks.push_back(std::move(block));
    if (end == text.size()) break;
  }
  end_grid();
  return doc;
}

}  // namespace gongkai::report
