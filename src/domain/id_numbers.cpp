// Checksums of GB 11643-1999 and GB 32100-2015, and display masks.
#include "domain/id_numbers.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace gongkai::domain {
namespace {

// GB 11643-1999 §7: weights W_i = 2^(17-i) mod 11 for the 17 body digits; check = kIdCheck[sum mod 11].
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheck = "10X98765432";

// GB 32100-2015 §4.3 and Appendix: the 31 code characters in value order, weights W_i = 3^(i-1) mod 31,
// check value = 31 - (sum mod 31), where 31 is written as 0.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

std::string describe_char(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", u);
  return buf;
}

Status bad_char(std::string_view what, size_t pos_idx, char c, std::string_view expected) {
  return Status::invalid(std::string(what) + ": character " + std::to_string(pos_idx + 1) + " is " +
                         describe_char(c) + ", expected " + std::string(expected));
}

Status bad_length(std::string_view what, size_t length, size_t expected) {
  return Status::invalid(std::string(what) + ": must be " + std::to_string(expected) + " characters, found " +
                         std::to_string(length));
}

Status bad_checksum(std::string_view what, char expected, char found) {
  return Status::invalid(std::string(what) + ": checksum: expected " + std::string(1, expected) + ", found " +
                         std::string(1, found));
}

// Typed numbers often carry full-width digits or letters (１２３, Ｘ): name the first non-ASCII character by its
// position in characters, not bytes, before the length check would report a confusing byte count.
Status check_ascii(std::string_view what, std::string_view text) {
  size_t char_idx = 0;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      return Status::invalid(std::string(what) + ": character " + std::to_string(char_idx + 1) +
                             " is not a half-width letter or digit (full-width characters are not accepted)");
    }
    ++char_idx;
  }
  return Status::ok();
}

std::string mask(std::string_view text) {
  constexpr size_t kKeepHead = 6;
  constexpr size_t kKeepTail = 4;
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii || text.size() <= kKeepHead + kKeepTail) return std::string(text.size(), '*');
  return std::string(text.substr(0, kKeepHead)) + std::string(text.size() - kKeepHead - kKeepTail, '*') +
         std::string(text.substr(text.size() - kKeepTail));
}

}  // namespace

Result<std::string> normalize_resident_id(std::string_view text, Date today) {
  constexpr std::string_view kWhat = "resident ID number";
  GK_RETURN_IF_ERROR(check_ascii(kWhat, text));
  if (text.size() != 18) return bad_length(kWhat, text.size(), 18);
  std::string id(text);
  if (id[17] == 'x') id[17] = 'X';
  int sum = 0;
  for (size_t pos_idx = 0; pos_idx < 17; ++pos_idx) {
    if (!std::isdigit(static_cast<unsigned char>(id[pos_idx]))) return bad_char(kWhat, pos_idx, id[pos_idx], "a digit");
    sum += (id[pos_idx] - '0') * kIdWeights[pos_idx];
  }
  if (!std::isdigit(static_cast<unsigned char>(id[17])) && id[17] != 'X') {
    return bad_char(kWhat, 17, id[17], "a digit or X");
  }
  const std::string birth = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
  std::optional<Date> born = Date::parse(birth);
  if (!born) return Status::invalid(std::string(kWhat) + ": impossible birth date " + birth + " (characters 7-14)");
  if (*born > today) {
    return Status::invalid(std::string(kWhat) + ": birth date " + birth + " is in the future (today is " +
                           today.to_string() + ")");
  }
  const char expected = kIdCheck[sum % 11];
  if (id[17] != expected) return bad_checksum(kWhat, expected, id[17]);
  return id;
}

Status check_resident_id(std::string_view text, Date today) { return normalize_resident_id(text, today).status(); }

Result<std::string> normalize_credit_code(std::string_view text) {
  constexpr std::string_view kWhat = "统一社会信用代码";
  GK_RETURN_IF_ERROR(check_ascii(kWhat, text));
  if (text.size() != 18) return bad_length(kWhat, text.size(), 18);
  std::string code(text);
  int sum = 0;
  for (size_t pos_idx = 0; pos_idx < code.size(); ++pos_idx) {
    code[pos_idx] = static_cast<char>(std::toupper(static_cast<unsigned char>(code[pos_idx])));
    const size_t value = kCreditAlphabet.find(code[pos_idx]);
    if (value == std::string_view::npos) {
      return bad_char(kWhat, pos_idx, text[pos_idx], "0-9 or a capital letter other than I, O, S, V, Z");
    }
    if (pos_idx < 17) sum += static_cast<int>(value) * kCreditWeights[pos_idx];
  }
  const int check = 31 - sum % 31;
  const char expected = kCreditAlphabet[check == 31 ? 0 : check];
  if (code[17] != expected) return bad_checksum(kWhat, expected, code[17]);
  return code;
}

Status check_credit_code(std::string_view text) { return normalize_credit_code(text).status(); }

std::string mask_resident_id(std::string_view id) { return mask(id); }
std::string mask_credit_code(std::string_view code) { return mask(code); }

}  // namespace gongkai::domain
