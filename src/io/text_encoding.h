// Text encodings of incoming files: UTF-8 is expected; Chinese government data often comes as GBK/GB18030,
// which is detected and converted. Anything else is refused with the place of the first bad byte — never
// imported as mojibake.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongkai::io {

enum class SourceEncoding { kUtf8, kGb18030 };

struct DecodedText {
  std::string utf8;         // without a byte-order mark
  SourceEncoding source;
};

// Returns the byte offset of the first invalid UTF-8 sequence (overlongs, surrogates and values past U+10FFFF are
// invalid), or std::string_view::npos if `text` is valid UTF-8.
size_t find_invalid_utf8(std::string_view text);

// Decodes `bytes`: valid UTF-8 (a BOM is dropped) is returned as is; otherwise the bytes are decoded as GB18030
// (a superset of GBK and GB2312) and accepted only if that decoding is error-free and its non-ASCII text is
// overwhelmingly Chinese. Fails with kInvalid naming `name`, the line and the byte of the first bad sequence.
Result<DecodedText> decode_to_utf8(std::string_view bytes, std::string_view name);

// Converts UTF-8 to GB18030 (for tests and for exports that must go to legacy systems).
Result<std::string> utf8_to_gb18030(std::string_view utf8);

}  // namespace gongkai::io
