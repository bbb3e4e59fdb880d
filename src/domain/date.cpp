// Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm) and strict parsing.
#include "domain/date.h"

#include <cstdio>

namespace gongkai::domain {
namespace {

int days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> make(int y, int m, int d) {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date Date::from_ymd(int year, int month, int day) { return from_days(days_from_civil(year, month, day)); }

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  return make(to_int(y), to_int(m), to_int(d));
}

std::optional<Date> Date::parse_lenient(std::string_view text) {
  // Split into three digit runs separated by one of - / . or 年 月 (日 optional at the end).
  int parts[3] = {0, 0, 0};
  size_t lens[3] = {0, 0, 0};
  int part_idx = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      if (part_idx > 2 || lens[part_idx] >= 4) return std::nullopt;
      parts[part_idx] = parts[part_idx] * 10 + (c - '0');
      ++lens[part_idx];
      ++pos;
      continue;
    }
    size_t sep_len = 0;
    if (c == '-' || c == '/' || c == '.') sep_len = 1;
    for (std::string_view sep : {std::string_view("年"), std::string_view("月"), std::string_view("日")}) {
      if (text.substr(pos, sep.size()) == sep) sep_len = sep.size();
    }
    if (sep_len == 0 || lens[part_idx] == 0) return std::nullopt;
    pos += sep_len;
    ++part_idx;
    if (part_idx == 3) {
      if (pos != text.size()) return std::nullopt;  // only a trailing 日 may follow the day
      break;
    }
  }
  if (lens[0] != 4 || lens[1] == 0 || lens[1] > 2 || lens[2] == 0 || lens[2] > 2) return std::nullopt;
  return make(parts[0], parts[1], parts[2]);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  int w = (days_ + 3) % 7;
  if (w < 0) w += 7;
  return w + 1;
}

std::string Date::to_string() const {
  Ymd ymd = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd.y, ymd.m, ymd.d);
  return buf;
}

}  // namespace gongkai::domain
