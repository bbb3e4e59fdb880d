// Splitting a decoded text into its lines, as every line-oriented import (JSON Lines) reads them.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace gongkai::io {

// Calls `fn(line_no, line)` for every line of `text` that holds more than spaces and tabs, numbered from 1 as
// an editor shows them; a trailing CR is removed (CRLF files). `line` points into `text`.
void for_each_nonblank_line(std::string_view text, const std::function<void(size_t, std::string_view)>& fn);

}  // namespace gongkai::io
