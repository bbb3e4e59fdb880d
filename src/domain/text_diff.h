// A line-based diff (longest common subsequence) for the revision view of the staff workspace: which lines of
// an old text were kept, removed or added in a new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::domain {

struct DiffLine {
  enum class Kind { kSame, kRemoved, kAdded };
  Kind kind = Kind::kSame;
  std::string text;
};

// Splits on '\n' (a trailing '\r' is dropped from each line).
std::vector<std::string> split_lines(std::string_view text);

// The lines of `before` and `after` in order, each marked kept, removed or added; removals come before the
// additions that replace them. Inputs larger than kMaxDiffLines lines each are compared as wholes (one removal
// block, one addition block) to bound the quadratic work.
std::vector<DiffLine> diff_lines(const std::vector<std::string>& before, const std::vector<std::string>& after);
inline constexpr size_t kMaxDiffLines = 4000;

}  // namespace gongkai::domain
