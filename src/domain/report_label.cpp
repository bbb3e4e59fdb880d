// Label normal forms for matching published report tables to the official labels (see report_label.h).
#include "domain/report_label.h"

#include <cstdint>

namespace gongkai::domain {
namespace {

// Decodes one UTF-8 code point at `pos`; returns 0xFFFFFFFF (and advances one byte) for an invalid sequence.
uint32_t next_code_point(std::string_view s, size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || pos + len > s.size()) {
    ++pos;
    return 0xFFFFFFFF;
  }
  uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Chinese numerals used as ordinals in the report's labels.
constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// Length of a leading ordinal ("一、", "(三)", "1.", "12、", "(1)") in normalized `s`, or 0.
size_t ordinal_length(std::string_view s) {
  for (std::string_view n : kNumerals) {
    if (starts_with(s, n) && starts_with(s.substr(n.size()), "、")) return n.size() + std::string_view("、").size();
    if (starts_with(s, "(") && starts_with(s.substr(1), n) && starts_with(s.substr(1 + n.size()), ")"))
      return n.size() + 2;
  }
  size_t digits = 0;
  const size_t open = starts_with(s, "(") ? 1 : 0;
  while (open + digits < s.size() && s[open + digits] >= '0' && s[open + digits] <= '9') ++digits;
  if (digits == 0) return 0;
  std::string_view rest = s.substr(open + digits);
  if (open == 1) return starts_with(rest, ")") ? digits + 2 : 0;
  if (starts_with(rest, ".") || starts_with(rest, ")")) return digits + 1;
  if (starts_with(rest, "、")) return digits + std::string_view("、").size();
  return 0;
}

constexpr std::string_view kPunctuation[] = {"、", ",", ".", ";", ":", "。", "\"", "'", "(", ")", "《", "》", "/", "-",
                                             "·", "!", "?", "[", "]", "【", "】"};

}  // namespace

std::string normalize_label(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    uint32_t cp = next_code_point(text, pos);
    if (cp == 0xFFFFFFFF || is_space(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2033 || cp == 0x301D || cp == 0x301E)
      cp = '"';
    if (cp == 0x2018 || cp == 0x2019) cp = '\'';
    append_utf8(out, cp);
  }
  return out;
}

std::string label_core(std::string_view label) {
  std::string n = normalize_label(label);
  std::string_view s = n;
  s.remove_prefix(ordinal_length(s));
  // A trailing parenthetical: the last ')' closes a '(' that is not at the start.
  if (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) s = s.substr(0, open);
  }
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    bool skipped = false;
    for (std::string_view p : kPunctuation) {
      if (!starts_with(s.substr(pos), p)) continue;
      pos += p.size();
      skipped = true;
      break;
    }
    if (!skipped) out += s[pos++];
  }
  return out;
}

}  // namespace gongkai::domain
