// 文号 parsing and keys.
#include "search/doc_number.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

namespace gongkai::search {
namespace {

constexpr size_t kMaxKeyBytes = 200;
constexpr size_t kMaxIssuerChars = 30;
constexpr size_t kMaxSerialDigits = 6;
constexpr UChar32 kOpen = 0x3014;   // 〔
constexpr UChar32 kClose = 0x3015;  // 〕
constexpr UChar32 kHao = 0x53F7;    // 号
constexpr UChar32 kDi = 0x7B2C;     // 第

// Opening and closing brackets that may surround the year (after folding; the full-width forms and ﹝﹞ fold
// to these, the others stay as they are).
constexpr UChar32 kOpenBrackets[] = {'[', '(', 0x3014, 0x3010, 0x3016, 0xFF3B, 0xFF08, 0xFE5D};
constexpr UChar32 kCloseBrackets[] = {']', ')', 0x3015, 0x3011, 0x3017, 0xFF3D, 0xFF09, 0xFE5E};

template <size_t N>
bool one_of(UChar32 c, const UChar32 (&set)[N]) {
  for (UChar32 member : set) {
    if (c == member) return true;
  }
  return false;
}

// The code points of `text` without white space, brackets unified to 〔 〕, and without a final 号.
std::vector<UChar32> canonical_chars(std::string_view text) {
  std::vector<UChar32> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t offset = 0; offset < length;) {
    UChar32 c;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0 || u_isUWhiteSpace(c)) continue;
    if (one_of(c, kOpenBrackets)) c = kOpen;
    if (one_of(c, kCloseBrackets)) c = kClose;
    out.push_back(c);
  }
  if (!out.empty() && out.back() == kHao) out.pop_back();
  return out;
}

std::string to_utf8(const std::vector<UChar32>& chars, size_t begin, size_t end) {
  std::string out;
  for (size_t char_idx = begin; char_idx < end; ++char_idx) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t used = 0;
    UBool error = false;
    U8_APPEND(buffer, used, U8_MAX_LENGTH, chars[char_idx], error);
    if (!error) out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(used));
  }
  return out;
}

bool is_digit(UChar32 c) {
  return c >= '0' && c <= '9';
}

std::optional<DocNumber> parse_chars(const std::vector<UChar32>& chars) {
  size_t pos = 0;
  while (pos < chars.size() && chars[pos] != kOpen) {
    if (is_digit(chars[pos]) || chars[pos] == kClose) return std::nullopt;
    ++pos;
  }
  const size_t issuer_end = pos;
  if (issuer_end == 0 || issuer_end > kMaxIssuerChars || pos == chars.size()) return std::nullopt;
  ++pos;  // 〔
  if (pos + 5 > chars.size()) return std::nullopt;
  for (size_t digit_idx = 0; digit_idx < 4; ++digit_idx) {
    if (!is_digit(chars[pos + digit_idx])) return std::nullopt;
  }
  const bool plausible_year =
      (chars[pos] == '1' && chars[pos + 1] == '9') || (chars[pos] == '2' && chars[pos + 1] == '0');
  if (!plausible_year || chars[pos + 4] != kClose) return std::nullopt;
  const size_t year_begin = pos;
  pos += 5;
  if (pos < chars.size() && chars[pos] == kDi) ++pos;
  while (pos < chars.size() && chars[pos] == '0' && pos + 1 < chars.size()) ++pos;  // leading zeros
  const size_t serial_begin = pos;
  while (pos < chars.size() && is_digit(chars[pos])) ++pos;
  const size_t digits = pos - serial_begin;
  if (digits == 0 || digits > kMaxSerialDigits || pos != chars.size()) return std::nullopt;
  return DocNumber{to_utf8(chars, 0, issuer_end), to_utf8(chars, year_begin, year_begin + 4),
                   to_utf8(chars, serial_begin, pos)};
}

}  // namespace

std::optional<DocNumber> parse_doc_number(std::string_view folded) {
  return parse_chars(canonical_chars(folded));
}

std::string doc_number_key(std::string_view folded) {
  const std::vector<UChar32> chars = canonical_chars(folded);
  if (std::optional<DocNumber> number = parse_chars(chars)) {
    return number->issuer + "〔" + number->year + "〕" + number->serial;
  }
  std::string key;
  for (size_t char_idx = 0; char_idx < chars.size(); ++char_idx) {
    std::string one = to_utf8(chars, char_idx, char_idx + 1);
    if (key.size() + one.size() > kMaxKeyBytes) break;
    key += one;
  }
  return key;
}

}  // namespace gongkai::search
