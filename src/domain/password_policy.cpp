// Credential rules: login names and password strength.
#include "domain/password_policy.h"

#include <cstdint>
#include <optional>

namespace gongkai::domain {
namespace {

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The number of code points in `text`, or nullopt if it is not valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are refused).
std::optional<size_t> utf8_length(std::string_view text) {
  size_t count = 0;
  for (size_t byte_idx = 0; byte_idx < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[byte_idx]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (lead < 0x80) {
      cp = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      extra = 1;
      cp = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      extra = 2;
      cp = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      extra = 3;
      cp = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (byte_idx + extra >= text.size()) return std::nullopt;  // truncated sequence
    for (size_t cont_idx = 1; cont_idx <= extra; ++cont_idx) {
      const auto cont = static_cast<unsigned char>(text[byte_idx + cont_idx]);
      if ((cont & 0xc0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cont & 0x3f);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
    byte_idx += extra + 1;
  }
  return count;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty() || needle.size() > haystack.size()) return false;
  for (size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    size_t matched = 0;
    while (matched < needle.size() &&
           lower_ascii(haystack[start + matched]) == lower_ascii(needle[matched])) {
      ++matched;
    }
    if (matched == needle.size()) return true;
  }
  return false;
}

}  // namespace

std::string normalize_login(std::string_view login) {
  std::string out(login);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

Status check_login_name(std::string_view login) {
  if (login.empty() || login.size() > kMaxLoginLength) {
    return Status::invalid("login name must be 1-" + std::to_string(kMaxLoginLength) + " characters");
  }
  for (char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) return Status::invalid("login name may only hold a-z, 0-9, '.', '_', '-' and '@'");
  }
  const char first = login.front();
  if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
    return Status::invalid("login name must start with a letter or a digit");
  }
  return Status::ok();
}

Status check_password(std::string_view password, std::string_view login) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::invalid("password is too long (at most " + std::to_string(kMaxPasswordBytes) + " bytes)");
  }
  const std::optional<size_t> length = utf8_length(password);
  if (!length) return Status::invalid("password is not valid UTF-8");
  if (*length < kMinPasswordLength) {
    return Status::invalid("password must have at least " + std::to_string(kMinPasswordLength) +
                           " characters");
  }
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : password) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return Status::invalid("password must not contain control characters");
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      other = true;
    }
  }
  if (int{lower} + int{upper} + int{digit} + int{other} < 2) {
    return Status::invalid(
        "password must mix at least two kinds of characters (lower-case, upper-case, digits, others)");
  }
  if (contains_ignoring_case(password, login))
    return Status::invalid("password must not contain the login name");
  return Status::ok();
}

}  // namespace gongkai::domain
