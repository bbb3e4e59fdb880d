// IMF-fixdate formatting and parsing, locale-independent (see http_date.h).
#include "http/http_date.h"

#include <array>
#include <cstdio>

namespace gongkai::http {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The decimal number in text[pos, pos + width), or -1.
int digits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t idx = pos; idx < pos + width; ++idx) {
    if (text[idx] < '0' || text[idx] > '9') return -1;
    value = value * 10 + (text[idx] - '0');
  }
  return value;
}

}  // namespace

std::string format_http_date(std::time_t when) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  //  0123456789012345678901234567 9
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_mday = digits(text, 5, 2);
  tm.tm_mon = -1;
  for (size_t month_idx = 0; month_idx < kMonths.size(); ++month_idx) {
    if (text.substr(8, 3) == kMonths[month_idx]) tm.tm_mon = static_cast<int>(month_idx);
  }
  int year = digits(text, 12, 4);
  tm.tm_hour = digits(text, 17, 2);
  tm.tm_min = digits(text, 20, 2);
  tm.tm_sec = digits(text, 23, 2);
  if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_mon < 0 || year < 1970 || tm.tm_hour < 0 ||
      tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  return timegm(&tm);
}

}  // namespace gongkai::http
