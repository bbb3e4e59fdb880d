// Index-number patterns: a tiny template language with four tokens.
#include "domain/index_number.h"

#include <cstdio>
#include <vector>

namespace gongkai::domain {
namespace {

struct Piece {
  enum Kind { kLiteral, kPrefix, kYear, kYearMonth, kSerial } kind;
  std::string text;  // literal text
  int width = 0;     // serial padding
};

Result<std::vector<Piece>> split(std::string_view pattern) {
  std::vector<Piece> pieces;
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t open = pattern.find('{', pos);
    if (open == std::string_view::npos) {
      pieces.push_back({Piece::kLiteral, std::string(pattern.substr(pos)), 0});
      break;
    }
    if (open > pos) pieces.push_back({Piece::kLiteral, std::string(pattern.substr(pos, open - pos)), 0});
    size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) return Status::invalid("index pattern: '{' without '}'");
    std::string_view token = pattern.substr(open + 1, close - open - 1);
    if (token == "prefix") {
      pieces.push_back({Piece::kPrefix, "", 0});
    } else if (token == "year") {
      pieces.push_back({Piece::kYear, "", 0});
    } else if (token == "yyyymm") {
      pieces.push_back({Piece::kYearMonth, "", 0});
    } else if (token == "serial") {
      pieces.push_back({Piece::kSerial, "", 1});
    } else if (token.starts_with("serial:") && token.size() == 8 && token[7] >= '1' && token[7] <= '9') {
      pieces.push_back({Piece::kSerial, "", token[7] - '0'});
    } else {
      return Status::invalid("index pattern: unknown token {" + std::string(token) +
                             "} (known: {prefix} {year} {yyyymm} {serial} {serial:N})");
    }
    pos = close + 1;
  }
  return pieces;
}

}  // namespace

Status validate_index_pattern(std::string_view pattern) {
  Result<std::vector<Piece>> pieces = split(pattern);
  if (!pieces) return pieces.status();
  int serials = 0, dates = 0;
  for (const Piece& p : *pieces) {
    serials += p.kind == Piece::kSerial;
    dates += p.kind == Piece::kYear || p.kind == Piece::kYearMonth;
  }
  if (serials != 1) return Status::invalid("index pattern must contain {serial} exactly once: " + std::string(pattern));
  if (dates == 0) return Status::invalid("index pattern must contain {year} or {yyyymm}: " + std::string(pattern));
  return Status::ok();
}

std::string format_index_number(std::string_view pattern, std::string_view prefix, Date publish_date, int serial) {
  Result<std::vector<Piece>> pieces = split(pattern);
  assert(pieces.is_ok());
  std::string out;
  char buf[32];
  for (const Piece& p : *pieces) {
    switch (p.kind) {
      case Piece::kLiteral: out += p.text; break;
      case Piece::kPrefix: out += prefix; break;
      case Piece::kYear: out += std::to_string(publish_date.year()); break;
      case Piece::kYearMonth:
        std::snprintf(buf, sizeof buf, "%04d%02d", publish_date.year(), publish_date.month());
        out += buf;
        break;
      case Piece::kSerial:
        std::snprintf(buf, sizeof buf, "%0*d", p.width, serial);
        out += buf;
        break;
    }
  }
  return out;
}

std::optional<int> parse_index_serial(std::string_view pattern, std::string_view prefix, int year,
                                      std::string_view index_number) {
  Result<std::vector<Piece>> pieces = split(pattern);
  if (!pieces) return std::nullopt;
  std::string_view rest = index_number;
  std::optional<int> serial;
  const std::string year_text = std::to_string(year);
  for (const Piece& p : *pieces) {
    switch (p.kind) {
      case Piece::kLiteral:
      case Piece::kPrefix: {
        std::string_view expect = p.kind == Piece::kLiteral ? std::string_view(p.text) : prefix;
        if (!rest.starts_with(expect)) return std::nullopt;
        rest.remove_prefix(expect.size());
        break;
      }
      case Piece::kYear:
        if (!rest.starts_with(year_text)) return std::nullopt;
        rest.remove_prefix(4);
        break;
      case Piece::kYearMonth: {
        if (!rest.starts_with(year_text) || rest.size() < 6) return std::nullopt;
        int month = (rest[4] - '0') * 10 + (rest[5] - '0');
        if (month < 1 || month > 12) return std::nullopt;
        rest.remove_prefix(6);
        break;
      }
      case Piece::kSerial: {
        size_t n = 0;
        int value = 0;
        while (n < rest.size() && n < 9 && rest[n] >= '0' && rest[n] <= '9') value = value * 10 + (rest[n++] - '0');
        if (n == 0 || static_cast<int>(n) < p.width) return std::nullopt;
        serial = value;
        rest.remove_prefix(n);
        break;
      }
    }
  }
  if (!rest.empty()) return std::nullopt;
  return serial;
}

}  // namespace gongkai::domain
