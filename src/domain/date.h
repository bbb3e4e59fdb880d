// Calendar dates (no time zone): the legal dates of gongkai (receipt, reply, publication, 成文日期) are calendar
// days in China time. Parsing is strict: "2021-02-30" is refused, not rolled over.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai::domain {

class Date {
 public:
  Date() = default;  // 1970-01-01
  static Date from_ymd(int year, int month, int day);  // caller guarantees validity (use parse for input)
  static Date from_days(int days_since_epoch) {
    Date d;
    d.days_ = days_since_epoch;
    return d;
  }

  // Parses exactly "YYYY-MM-DD" (years 1900-2199). Returns nullopt on any other text or an impossible day.
  static std::optional<Date> parse(std::string_view text);
  // Like parse(), and also accepts "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年M月D日" and single-digit month/day.
  static std::optional<Date> parse_lenient(std::string_view text);

  int year() const;
  int month() const;
  int day() const;
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  int iso_weekday() const;
  int days_since_epoch() const { return days_; }
  Date plus_days(int n) const { return from_days(days_ + n); }
  std::string to_string() const;  // "YYYY-MM-DD"

  auto operator<=>(const Date&) const = default;

 private:
  int days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace gongkai::domain
