// multipart/form-data (RFC 7578, RFC 2046 section 5.1; RFC 5987 for filename*): see multipart.h.
#include "http/multipart.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "http/http.h"
#include "http/url.h"

namespace gongkai::http {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_tchar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars.
bool is_bchar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

// A header value "type; a=b; c=\"d\"": the lower-case type and the parameters (names lower-case). Fails for
// an unterminated quoted string, a parameter without '=', an empty or non-token name or value, or a repeated
// parameter.
struct HeaderValue {
  std::string type;
  std::map<std::string, std::string> params;
};

Result<HeaderValue> parse_header_value(std::string_view value) {
  HeaderValue out;
  size_t pos = value.find(';');
  out.type = lower(trim(value.substr(0, pos)));
  while (pos < value.size()) {  // at a ';'
    ++pos;
    while (pos < value.size() && is_space(value[pos])) ++pos;
    if (pos == value.size()) break;  // a trailing ';' is tolerated
    const size_t eq = value.find('=', pos);
    if (eq == std::string_view::npos) return Status::invalid("parameter without '=' in '" + std::string(value) + "'");
    const std::string name = lower(trim(value.substr(pos, eq - pos)));
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_tchar)) {
      return Status::invalid("malformed parameter name in '" + std::string(value) + "'");
    }
    pos = eq + 1;
    while (pos < value.size() && is_space(value[pos])) ++pos;
    std::string param;
    if (pos < value.size() && value[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < value.size()) {
        const char c = value[pos];
        if (c == '"') {
          closed = true;
          ++pos;
          break;
        }
        // Only \" and \\ are escapes: browsers send Windows paths with literal backslashes.
        if (c == '\\' && pos + 1 < value.size() && (value[pos + 1] == '"' || value[pos + 1] == '\\')) {
          param += value[pos + 1];
          pos += 2;
          continue;
        }
        param += c;
        ++pos;
      }
      if (!closed) return Status::invalid("unterminated quoted string in parameter '" + name + "'");
      while (pos < value.size() && is_space(value[pos])) ++pos;
      if (pos < value.size() && value[pos] != ';') {
        return Status::invalid("text after the quoted value of parameter '" + name + "'");
      }
    } else {
      const size_t end = value.find(';', pos);
      param = std::string(trim(value.substr(pos, end == std::string_view::npos ? end : end - pos)));
      if (param.empty()) return Status::invalid("empty value of parameter '" + name + "'");
      // RFC 5987 values (name*) carry ' and % which are tchars; anything else must be a token.
      if (!std::all_of(param.begin(), param.end(), is_tchar)) {
        return Status::invalid("unquoted value of parameter '" + name + "' is not a token");
      }
      pos = end;
    }
    if (!out.params.emplace(name, std::move(param)).second) {
      return Status::invalid("parameter '" + name + "' given twice");
    }
    if (pos != std::string_view::npos && pos < value.size() && value[pos] != ';') pos = value.find(';', pos);
  }
  return out;
}

// RFC 5987 ext-value: charset'[language]'pct-encoded. UTF-8 and ISO-8859-1 are understood.
Result<std::string> decode_ext_value(std::string_view value) {
  const size_t q1 = value.find('\'');
  const size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return Status::invalid("filename* is not charset'language'value (RFC 5987)");
  const std::string charset = lower(value.substr(0, q1));
  const std::string_view encoded = value.substr(q2 + 1);
  std::string bytes;
  for (size_t idx = 0; idx < encoded.size(); ++idx) {
    const char c = encoded[idx];
    if (c != '%') {
      bytes += c;
      continue;
    }
    if (idx + 2 >= encoded.size() || !std::isxdigit(static_cast<unsigned char>(encoded[idx + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(encoded[idx + 2]))) {
      return Status::invalid("filename* has a malformed %-escape");
    }
    bytes += static_cast<char>(std::stoi(std::string(encoded.substr(idx + 1, 2)), nullptr, 16));
    idx += 2;
  }
  if (charset == "utf-8") return bytes;
  if (charset == "iso-8859-1") {
    std::string utf8;
    for (char c : bytes) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x80) {
        utf8 += c;
        continue;
      }
      utf8 += static_cast<char>(0xC0 | (u >> 6));
      utf8 += static_cast<char>(0x80 | (u & 0x3F));
    }
    return utf8;
  }
  return Status::invalid("filename* charset '" + charset + "' is not supported (use UTF-8)");
}

// The base name of a client-sent file name: browsers send the name only, old ones a full Windows path.
Result<std::string> clean_filename(const std::string& sent) {
  if (!is_valid_utf8(sent)) return Status::invalid("the file name is not valid UTF-8");
  if (has_control(sent)) return Status::invalid("the file name contains control characters");
  if (sent.empty()) return sent;
  const size_t slash = sent.find_last_of("/\\");
  std::string base = slash == std::string::npos ? sent : sent.substr(slash + 1);
  if (base.empty() || base == "." || base == "..") return Status::invalid("the file name '" + sent + "' is only a path");
  if (base.size() > 255) return Status::invalid("the file name is longer than 255 bytes");
  return base;
}

struct PartHeaders {
  std::optional<std::string> disposition;
  std::optional<std::string> content_type;
  std::optional<std::string> transfer_encoding;
};

Result<PartHeaders> parse_part_headers(std::string_view section) {
  PartHeaders out;
  size_t pos = 0;
  while (pos < section.size()) {
    size_t eol = section.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = section.size();
    const std::string_view line = section.substr(pos, eol - pos);
    pos = eol + 2;
    if (line.empty()) return Status::invalid("an empty header line");
    if (is_space(line.front())) return Status::invalid("a folded header line (obsolete line folding)");
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Status::invalid("a header line without ':'");
    const std::string_view raw_name = line.substr(0, colon);
    if (raw_name.empty() || !std::all_of(raw_name.begin(), raw_name.end(), is_tchar)) {
      return Status::invalid("a malformed header name");
    }
    const std::string name = lower(raw_name);
    const std::string value(trim(line.substr(colon + 1)));
    if (std::any_of(value.begin(), value.end(), [](char c) { return c != '\t' && has_control(std::string_view(&c, 1)); })) {
      return Status::invalid("header " + name + " contains control characters");
    }
    std::optional<std::string>* slot = nullptr;
    if (name == "content-disposition") slot = &out.disposition;
    if (name == "content-type") slot = &out.content_type;
    if (name == "content-transfer-encoding") slot = &out.transfer_encoding;
    if (!slot) continue;  // other headers are allowed and ignored (RFC 7578 section 4.8)
    if (*slot) return Status::invalid("header " + name + " given twice");
    *slot = value;
  }
  return out;
}

Result<FormPart> make_part(std::string_view header_section, std::string_view content, const MultipartLimits& limits) {
  Result<PartHeaders> headers = parse_part_headers(header_section);
  if (!headers) return headers.status();
  if (!headers->disposition) return Status::invalid("no Content-Disposition header");
  Result<HeaderValue> disposition = parse_header_value(*headers->disposition);
  if (!disposition) return disposition.status().with_context("Content-Disposition");
  if (disposition->type != "form-data") {
    return Status::invalid("Content-Disposition is '" + disposition->type + "', not form-data");
  }
  FormPart part;
  auto name = disposition->params.find("name");
  if (name == disposition->params.end() || name->second.empty()) return Status::invalid("the part has no field name");
  if (!is_valid_utf8(name->second) || has_control(name->second)) {
    return Status::invalid("the field name is not valid UTF-8 text");
  }
  part.name = name->second;
  std::optional<std::string> sent_filename;
  if (auto ext = disposition->params.find("filename*"); ext != disposition->params.end()) {
    Result<std::string> decoded = decode_ext_value(ext->second);
    if (!decoded) return decoded.status().with_context("field '" + part.name + "'");
    sent_filename = *decoded;
  } else if (auto plain = disposition->params.find("filename"); plain != disposition->params.end()) {
    sent_filename = plain->second;
  }
  if (sent_filename) {
    Result<std::string> clean = clean_filename(*sent_filename);
    if (!clean) return clean.status().with_context("field '" + part.name + "'");
    part.filename = *clean;
  }
  if (headers->content_type) {
    Result<HeaderValue> type = parse_header_value(*headers->content_type);
    if (!type) return type.status().with_context("Content-Type");
    part.content_type = type->type;
  }
  if (headers->transfer_encoding) {
    const std::string encoding = lower(*headers->transfer_encoding);
    if (encoding != "binary" && encoding != "8bit" && encoding != "7bit") {
      return Status::invalid("Content-Transfer-Encoding '" + encoding + "' is not supported");
    }
  }
  if (part.filename) {
    if (content.size() > limits.max_part_bytes) {
      return Status::invalid("file '" + *part.filename + "' of field '" + part.name + "' is larger than " +
                             std::to_string(limits.max_part_bytes) + " bytes");
    }
  } else {
    if (content.size() > limits.max_field_bytes) {
      return Status::invalid("field '" + part.name + "' is larger than " + std::to_string(limits.max_field_bytes) +
                             " bytes");
    }
    if (!is_valid_utf8(content) || content.find('\0') != std::string_view::npos) {
      return Status::invalid("field '" + part.name + "' is not valid UTF-8 text");
    }
  }
  part.data = std::string(content);
  return part;
}

}  // namespace

std::optional<std::string> MultipartForm::field(std::string_view name) const {
  for (const FormPart& part : parts) {
    if (!part.filename && part.name == name) return part.data;
  }
  return std::nullopt;
}

std::vector<const FormPart*> MultipartForm::files(std::string_view name) const {
  std::vector<const FormPart*> out;
  for (const FormPart& part : parts) {
    if (part.filename && !part.filename->empty() && part.name == name) out.push_back(&part);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> MultipartForm::fields() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const FormPart& part : parts) {
    if (!part.filename) out.emplace_back(part.name, part.data);
  }
  return out;
}

Result<std::string> multipart_boundary(std::string_view content_type) {
  Result<HeaderValue> value = parse_header_value(content_type);
  if (!value) return value.status().with_context("Content-Type");
  if (value->type != "multipart/form-data") {
    return Status::invalid("Content-Type is '" + value->type + "', not multipart/form-data");
  }
  auto boundary = value->params.find("boundary");
  if (boundary == value->params.end() || boundary->second.empty()) {
    return Status::invalid("multipart/form-data without a boundary");
  }
  const std::string& b = boundary->second;
  if (b.size() > 70) return Status::invalid("the multipart boundary is longer than 70 characters");
  if (!std::all_of(b.begin(), b.end(), is_bchar) || b.back() == ' ') {
    return Status::invalid("the multipart boundary has characters RFC 2046 does not allow");
  }
  return b;
}

Result<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary, const MultipartLimits& limits) {
  if (boundary.empty()) return Status::invalid("empty multipart boundary");
  if (body.size() > limits.max_total_bytes) {
    return Status::invalid("the form is larger than " + std::to_string(limits.max_total_bytes) + " bytes");
  }
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner_delimiter = "\r\n" + delimiter;
  size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    const size_t found = body.find(inner_delimiter);
    if (found == std::string_view::npos) return Status::invalid("the form has no multipart delimiter");
    pos = found + 2;  // the preamble is ignored
  }
  MultipartForm form;
  for (;;) {
    pos += delimiter.size();
    const size_t part_no = form.parts.size() + 1;
    const std::string where = "part " + std::to_string(part_no) + ": ";
    if (body.substr(pos, 2) == "--") return form;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && is_space(body[pos])) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") {
      if (pos >= body.size()) return Status::invalid(where + "the form ends without the closing delimiter");
      return Status::invalid(where + "the delimiter line has text after the boundary");
    }
    pos += 2;
    if (form.parts.size() >= limits.max_parts) {
      return Status::invalid("the form has more than " + std::to_string(limits.max_parts) + " parts");
    }
    // Header section: up to the blank line. A part may have no headers at all (then it is refused below).
    size_t header_end;
    if (body.substr(pos, 2) == "\r\n") {
      header_end = pos;
    } else {
      header_end = body.substr(pos, limits.max_header_bytes + 4).find("\r\n\r\n");
      if (header_end == std::string_view::npos) {
        if (body.size() - pos > limits.max_header_bytes) {
          return Status::invalid(where + "the part headers are longer than " +
                                 std::to_string(limits.max_header_bytes) + " bytes");
        }
        return Status::invalid(where + "the part headers do not end with a blank line");
      }
      if (header_end > limits.max_header_bytes) {
        return Status::invalid(where + "the part headers are longer than " + std::to_string(limits.max_header_bytes) +
                               " bytes");
      }
      header_end += pos + 2;  // keep the last header's CRLF out of the section
    }
    const std::string_view header_section = body.substr(pos, header_end - pos);
    const size_t content_start = header_end + 2;
    const size_t content_end = body.find(inner_delimiter, content_start);
    if (content_end == std::string_view::npos) {
      return Status::invalid(where + "the form ends without the closing delimiter");
    }
    Result<FormPart> part =
        make_part(header_section, body.substr(content_start, content_end - content_start), limits);
    if (!part) return part.status().with_context("part " + std::to_string(part_no));
    form.parts.push_back(std::move(*part));
    pos = content_end + 2;
  }
}

Result<MultipartForm> parse_multipart(const Request& request, const MultipartLimits& limits) {
  std::optional<std::string> content_type = request.header("content-type");
  if (!content_type) return Status::invalid("the request has no Content-Type");
  Result<std::string> boundary = multipart_boundary(*content_type);
  if (!boundary) return boundary.status();
  return parse_multipart(request.body, *boundary, limits);
}

}  // namespace gongkai::http
