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

std::optional<IndexSerial> parse_index_serial(std::string_view pattern, std::string_view prefix,
                                              std::string_view index_number) {
  Result<std::vector<Piece>> pieces = split(pattern);
  if (!pieces) return std::nullopt;
  std::string_view rest = index_number;
  std::optional<int> serial;
  int year = 0;
  auto read_digits = [&](size_t n, int* out) {
    if (rest.size() < n) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
      if (rest[i] < '0' || rest[i] > '9') return false;
      v = v * 10 + (rest[i] - '0');
    }
    *out = v;
    rest.remove_prefix(n);
    return true;
  };
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
        if (!read_digits(4, &year) || year < 1900) return std::nullopt;
        break;
      case Piece::kYearMonth: {
        int month = 0;
        if (!read_digits(4, &year) || !read_digits(2, &month) || year < 1900 || month < 1 || month > 12) {
          return std::nullopt;
        }
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
  if (!rest.empty() || !serial) return std::nullopt;
  return IndexSerial{year, *serial};
}

}  // namespace gongkai::domain
