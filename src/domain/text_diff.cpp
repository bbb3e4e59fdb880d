// LCS line diff.
#include "domain/text_diff.h"

#include <algorithm>

namespace gongkai::domain {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  size_t start = 0;
  for (;;) {
    const size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
    if (start == text.size()) break;
  }
  return lines;
}

std::vector<DiffLine> diff_lines(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<DiffLine> out;
  if (before.size() > kMaxDiffLines || after.size() > kMaxDiffLines) {
    for (const auto& l : before) out.push_back({DiffLine::Kind::kRemoved, l});
    for (const auto& l : after) out.push_back({DiffLine::Kind::kAdded, l});
    return out;
  }
  const size_t rows = before.size(), cols = after.size();
  // lcs[row_idx][col_idx]: length of the LCS of before[row_idx..] and after[col_idx..].
  std::vector<std::vector<int>> lcs(rows + 1, std::vector<int>(cols + 1, 0));
  for (size_t row_idx = rows; row_idx-- > 0;) {
    for (size_t col_idx = cols; col_idx-- > 0;) {
      lcs[row_idx][col_idx] = before[row_idx] == after[col_idx]
                                  ? lcs[row_idx + 1][col_idx + 1] + 1
                                  : std::max(lcs[row_idx + 1][col_idx], lcs[row_idx][col_idx + 1]);
    }
  }
  size_t row_idx = 0, col_idx = 0;
  while (row_idx < rows && col_idx < cols) {
    if (before[row_idx] == after[col_idx]) {
      out.push_back({DiffLine::Kind::kSame, before[row_idx]});
      ++row_idx;
      ++col_idx;
    } else if (lcs[row_idx + 1][col_idx] >= lcs[row_idx][col_idx + 1]) {
      out.push_back({DiffLine::Kind::kRemoved, before[row_idx++]});
    } else {
      out.push_back({DiffLine::Kind::kAdded, after[col_idx++]});
    }
  }
  while (row_idx < rows) out.push_back({DiffLine::Kind::kRemoved, before[row_idx++]});
  while (col_idx < cols) out.push_back({DiffLine::Kind::kAdded, after[col_idx++]});
  return out;
}

}  // namespace gongkai::domain
