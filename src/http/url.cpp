// Request-target parsing and percent-decoding (see url.h).
#include "http/url.h"

#include <cstdint>

namespace gongkai::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX (and '+' when asked) without any validation of the result; nullopt for a malformed escape.
std::optional<std::string> unescape(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
      continue;
    }
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (pos + 2 >= text.size()) return std::nullopt;
    int high = hex_value(text[pos + 1]);
    int low = hex_value(text[pos + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    pos += 2;
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    auto byte = static_cast<uint8_t>(text[pos]);
    if (byte < 0x80) {
      ++pos;
      continue;
    }
    // Lead byte -> number of continuation bytes, payload bits and the smallest code point that needs this
    // length.
    size_t extra = 0;
    uint32_t code_point = 0;
    uint32_t min_code_point = 0;
    if ((byte & 0xE0) == 0xC0) {
      extra = 1;
      code_point = byte & 0x1F;
      min_code_point = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      extra = 2;
      code_point = byte & 0x0F;
      min_code_point = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      extra = 3;
      code_point = byte & 0x07;
      min_code_point = 0x10000;
    } else {
      return false;  // a continuation byte out of place, or 0xF8..0xFF
    }
    if (pos + extra >= text.size()) return false;  // truncated sequence
    for (size_t idx = 1; idx <= extra; ++idx) {
      auto next = static_cast<uint8_t>(text[pos + idx]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < min_code_point) return false;                   // overlong
    if (code_point > 0x10FFFF) return false;                         // beyond Unicode
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;  // UTF-16 surrogate
    pos += extra + 1;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  std::optional<std::string> out = unescape(text, plus_as_space);
  if (!out) return std::nullopt;
  if (out->find('\0') != std::string::npos) return std::nullopt;
  if (!is_valid_utf8(*out)) return std::nullopt;
  return out;
}

namespace {

// Calls on_pair(raw_name, raw_value) for each non-empty '&'-separated piece.
template <typename OnPair>
void split_query(std::string_view text, OnPair on_pair) {
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    if (eq == std::string_view::npos) {
      on_pair(piece, std::string_view());
      continue;
    }
    on_pair(piece.substr(0, eq), piece.substr(eq + 1));
  }
}

}  // namespace

Result<Pairs> parse_query(std::string_view text) {
  Pairs pairs;
  bool ok = true;
  split_query(text, [&](std::string_view raw_name, std::string_view raw_value) {
    std::optional<std::string> name = percent_decode(raw_name, true);
    std::optional<std::string> value = percent_decode(raw_value, true);
    if (!name || !value) {
      ok = false;
      return;
    }
    pairs.emplace_back(std::move(*name), std::move(*value));
  });
  if (!ok) return Status::invalid("query string is not valid percent-encoded UTF-8");
  return pairs;
}

Pairs parse_query_lenient(std::string_view text) {
  Pairs pairs;
  split_query(text, [&](std::string_view raw_name, std::string_view raw_value) {
    std::optional<std::string> name = percent_decode(raw_name, true);
    std::optional<std::string> value = percent_decode(raw_value, true);
    if (!name || !value) return;
    pairs.emplace_back(std::move(*name), std::move(*value));
  });
  return pairs;
}

Result<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return Status::invalid("request target must start with '/'");
  if (target.find('#') != std::string_view::npos)
    return Status::invalid("request target contains a fragment");
  size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  std::string_view raw_query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

  std::optional<std::string> path = unescape(raw_path, false);
  if (!path) return Status::invalid("malformed percent-encoding in path");
  // An encoded '/' would let one segment pose as two (or hide a "..") once decoded.
  for (size_t pos = 0; pos + 2 < raw_path.size(); ++pos) {
    if (raw_path[pos] == '%' && raw_path[pos + 1] == '2' &&
        (raw_path[pos + 2] == 'f' || raw_path[pos + 2] == 'F')) {
      return Status::invalid("encoded '/' in path");
    }
  }
  for (char c : *path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return Status::invalid("NUL or control character in path");
  }
  if (!is_valid_utf8(*path)) return Status::invalid("path is not valid UTF-8");
  std::string_view rest(*path);
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return Status::invalid("'.' or '..' segment in path");
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash);
  }

  Result<Pairs> query = parse_query(raw_query);
  if (!query.is_ok()) return query.status();
  return Target{std::move(*path), std::move(*query)};
}

}  // namespace gongkai::http
