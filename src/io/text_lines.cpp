// Line splitting for line-oriented imports.
#include "io/text_lines.h"

namespace gongkai::io {

void for_each_nonblank_line(std::string_view text, const std::function<void(size_t, std::string_view)>& fn) {
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    fn(line_no, line);
  }
}

}  // namespace gongkai::io
