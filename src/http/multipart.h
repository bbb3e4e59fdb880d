// A strict multipart/form-data parser (RFC 7578 over RFC 2046) for file-upload forms: boundary, part headers,
// file names (including RFC 5987 `filename*`), and limits on part count, part size, header size and the whole
// body. It knows nothing of the domain; what a file is allowed to be is services/uploads' business.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongkai::http {

struct Request;

struct MultipartLimits {
  size_t max_parts = 64;                      // parts in one body
  size_t max_part_bytes = 20 * 1024 * 1024;   // the content of one file part
  size_t max_field_bytes = 13 * 1024 * 1024;  // the content of one non-file part (the item form's content)
  size_t max_header_bytes = 8 * 1024;         // the header section of one part
  size_t max_total_bytes = 64 * 1024 * 1024;  // the whole body
};

// One part of a multipart/form-data body.
struct FormPart {
  std::string name;                     // the form field name (Content-Disposition name=), valid UTF-8
  std::optional<std::string> filename;  // present for file parts: the base name only (any client path cut
                                        // off), valid UTF-8, no control characters; may be "" (no file chosen)
  std::string content_type;             // the part's Content-Type, lower-case, "" when absent
  std::string data;                     // the raw content (text fields are checked to be UTF-8 without NUL)
};

// The parts of a body, with lookups by field name.
struct MultipartForm {
  std::vector<FormPart> parts;

  // The first non-file part called `name`, or nullopt.
  std::optional<std::string> field(std::string_view name) const;
  // Every file part called `name` whose filename is not empty (an empty file input sends filename="").
  std::vector<const FormPart*> files(std::string_view name) const;
  // The non-file parts as (name, value) pairs in order, like Request::form().
  std::vector<std::pair<std::string, std::string>> fields() const;
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type value. Fails with kInvalid (message safe to
// show) when the media type is something else or the boundary is missing, empty, longer than 70 characters or
// has characters RFC 2046 does not allow (bchars), or ends in a space.
Result<std::string> multipart_boundary(std::string_view content_type);

// Parses `body` with `boundary`. Fails with kInvalid, the message naming the part (1-based) and the problem,
// for: a body over the total limit, no opening delimiter, a missing closing delimiter ("--boundary--"), a part
// header section over its limit or without the blank line, a header line without ':' or folded (obs-fold), a
// part without Content-Disposition or with one that is not form-data, a duplicate Content-Disposition, a
// missing or empty name, a malformed parameter (unterminated quote, bad RFC 5987 value, a charset other than
// UTF-8), a name or file name that is not UTF-8 or contains control characters, a file name that is only a
// path, too many parts, a part over its size limit, and a text field that is not UTF-8 or contains NUL.
// A preamble before the first delimiter and an epilogue after the last are ignored, as RFC 2046 says.
Result<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary,
                                      const MultipartLimits& limits = {});

// parse_multipart on a request: the boundary from its Content-Type header.
Result<MultipartForm> parse_multipart(const Request& request, const MultipartLimits& limits = {});

}  // namespace gongkai::http
