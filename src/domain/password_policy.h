// The rules for staff credentials: what a login name may look like and what a password must be. Pure checks,
// no hashing (services/accounts does that).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongkai::domain {

inline constexpr size_t kMinPasswordLength = 10;   // in characters (UTF-8 code points)
inline constexpr size_t kMaxPasswordBytes = 1024;  // a cap on the work one login attempt can cause
inline constexpr size_t kMaxLoginLength = 64;

// The canonical form of a login name: ASCII letters lowered. Logins compare case-insensitively.
std::string normalize_login(std::string_view login);

// OK if `login` (already normalised) is 1-64 characters of a-z, 0-9, '.', '_', '-', '@' and starts with a
// letter or digit; kInvalid saying what is wrong otherwise.
Status check_login_name(std::string_view login);

// OK if `password` may be set for `login`: at least kMinPasswordLength characters, at most kMaxPasswordBytes
// bytes, valid UTF-8 without control characters, characters from at least two classes (lower-case letters,
// upper-case letters, digits, anything else), and not containing the login name (ignoring ASCII case).
// kInvalid naming the first rule broken otherwise; the message never contains the password.
Status check_password(std::string_view password, std::string_view login);

}  // namespace gongkai::domain
