// Small readers of request values shared by the staff pages: positive ids in paths and queries, form fields.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai::web {

using FormPairs = std::vector<std::pair<std::string, std::string>>;

// A positive decimal id ("17"), or nullopt for anything else ("", "0", "-1", "1x", "99999999999999999999").
inline std::optional<int64_t> positive_id(std::string_view text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

// The first value of field `name`, or "".
inline std::string field_value(const FormPairs& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

// The first value of field `name` without surrounding spaces, tabs and line breaks.
inline std::string trimmed_field(const FormPairs& form, std::string_view name) {
  const std::string v = field_value(form, name);
  const size_t start = v.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return v.substr(start, v.find_last_not_of(" \t\r\n") - start + 1);
}

}  // namespace gongkai::web
