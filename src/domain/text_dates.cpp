// Date finding in page text: a small scanner, no regex (page text can be large and hostile).
#include "domain/text_dates.h"

#include <algorithm>
#include <string>

namespace gongkai::domain {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads 1-2 digits at `pos`; returns the count read (0 if none) and the value in *out.
size_t read_digits(std::string_view text, size_t pos, size_t max_digits, int* out) {
  size_t n = 0;
  int value = 0;
  while (pos + n < text.size() && n < max_digits && is_digit(text[pos + n])) {
    value = value * 10 + (text[pos + n] - '0');
    ++n;
  }
  *out = value;
  return n;
}

// The separators a date may use, in pairs (between year and month, between month and day, after the day).
struct Separators {
  std::string_view year_month, month_day, after_day;
};
constexpr Separators kSeparators[] = {
    {"-", "-", ""}, {"/", "/", ""}, {".", ".", ""}, {"年", "月", "日"},
};

// Tries to read a date starting at `pos` (the first digit of the year).
std::optional<Date> date_at(std::string_view text, size_t pos) {
  int year = 0;
  if (read_digits(text, pos, 4, &year) != 4) return std::nullopt;
  if (pos + 4 < text.size() && is_digit(text[pos + 4])) return std::nullopt;
  if (year < 1990 || year > 2199) return std::nullopt;
  for (const Separators& sep : kSeparators) {
    size_t at = pos + 4;
    if (text.substr(at, sep.year_month.size()) != sep.year_month) continue;
    at += sep.year_month.size();
    int month = 0;
    const size_t month_len = read_digits(text, at, 2, &month);
    if (month_len == 0) continue;
    at += month_len;
    if (text.substr(at, sep.month_day.size()) != sep.month_day) continue;
    at += sep.month_day.size();
    int day = 0;
    const size_t day_len = read_digits(text, at, 2, &day);
    if (day_len == 0) continue;
    at += day_len;
    if (at < text.size() && is_digit(text[at])) continue;
    if (!sep.after_day.empty() && text.substr(at, sep.after_day.size()) != sep.after_day) continue;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) continue;
    return Date::from_ymd(year, month, day);
  }
  return std::nullopt;
}

}  // namespace

std::vector<Date> find_dates(std::string_view text) {
  std::vector<Date> out;
  for (size_t pos = 0; pos + 4 <= text.size(); ++pos) {
    if (!is_digit(text[pos]) || (pos > 0 && is_digit(text[pos - 1]))) continue;
    std::optional<Date> d = date_at(text, pos);
    if (d) out.push_back(*d);
  }
  return out;
}

std::optional<Date> latest_date(std::string_view text) {
  std::vector<Date> dates = find_dates(text);
  if (dates.empty()) return std::nullopt;
  return *std::max_element(dates.begin(), dates.end());
}

}  // namespace gongkai::domain
