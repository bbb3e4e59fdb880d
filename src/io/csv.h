// CSV as written by spreadsheet programs (RFC 4180): comma-separated, fields optionally quoted with '"', quotes
// doubled inside quoted fields, quoted fields may span lines, CRLF or LF line ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongkai::io {

struct CsvRecord {
  size_t line = 0;                  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Parses all records of `text` (UTF-8). Blank lines are skipped. Fails with kInvalid naming `name` and the line
// for an unterminated quoted field or a quote in the middle of an unquoted field.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view name);

// One CSV line (with trailing "\n") for `fields`, quoting where needed.
std::string format_csv_line(const std::vector<std::string>& fields);

}  // namespace gongkai::io
