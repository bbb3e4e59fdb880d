// Request-target parsing: percent-decoding, UTF-8 validation and the path rules every request must pass
// before a handler or the static-file server sees it (no "."/".." segments, no encoded '/', no NUL or control
// characters).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace gongkai::http {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Decodes %XX escapes (and '+' as a space when `plus_as_space`). Returns nullopt for a malformed escape, a
// result that is not valid UTF-8, or one that contains NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

// "a=1&b=%E4%B8%AD+x" -> {{"a","1"},{"b","中 x"}}; empty pieces are skipped, a piece without '=' has an empty
// value. Fails with kInvalid when a name or value does not decode (see percent_decode).
Result<Pairs> parse_query(std::string_view text);

// Like parse_query, but pairs that do not decode are left out instead of failing the whole (form bodies).
Pairs parse_query_lenient(std::string_view text);

struct Target {
  std::string path;  // decoded and validated
  Pairs query;
};

// Splits an origin-form request target ("/path?query") and validates it. Fails with kInvalid (the message
// says why, safe to show to the client) for anything else: absolute-form, '*', a fragment, a malformed
// escape, an encoded '/', NUL or control characters, invalid UTF-8, "." or ".." segments, or a query that
// does not decode.
Result<Target> parse_target(std::string_view target);

}  // namespace gongkai::http
