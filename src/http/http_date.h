// HTTP dates (RFC 9110 §5.6.7 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"): Date, Last-Modified,
// If-Modified-Since.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai::http {

// `when` (seconds since the epoch) as an IMF-fixdate.
std::string format_http_date(std::time_t when);

// Parses an IMF-fixdate; nullopt for anything else (callers then ignore the header, as RFC 9110 allows).
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace gongkai::http
