// 索引号 (index numbers): "<body code>/<year or yyyymm>-<serial>", e.g. 000014349/2017-00110. The pattern is
// configurable per body because the body-code part and the date part vary by province
// (spec/publishing-and-monitoring.md). Serials are unique per body and year and never reused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::domain {

inline constexpr std::string_view kDefaultIndexPattern = "{prefix}/{year}-{serial:5}";

// A pattern is literal text with the tokens {prefix}, {year}, {yyyymm} and {serial} or {serial:N} (zero-padded
// to N digits, 1 <= N <= 9). It must contain {serial} exactly once and {year} or {yyyymm}, so that numbers of
// different years never collide. Returns an invalid status naming the problem.
Status validate_index_pattern(std::string_view pattern);

// The index number for `serial` (>= 1); the pattern must be valid.
std::string format_index_number(std::string_view pattern, std::string_view prefix, Date publish_date, int serial);

struct IndexSerial {
  int year = 0;
  int serial = 0;
};

// If `index_number` is of this body's pattern, the year written in it and its serial; otherwise nullopt. Lets
// imports that bring their own index numbers move the body's high-water mark of that year so generated serials
// never collide with them.
std::optional<IndexSerial> parse_index_serial(std::string_view pattern, std::string_view prefix,
                                              std::string_view index_number);

}  // namespace gongkai::domain
