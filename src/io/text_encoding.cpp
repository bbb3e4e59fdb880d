// Encoding detection and conversion with ICU converters (stop-on-error callbacks, never substitution).
#include "io/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <memory>
#include <vector>

namespace gongkai::io {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Line number (1-based) of byte `offset`.
size_t line_of(std::string_view text, size_t offset) {
  size_t line = 1;
  for (size_t pos = 0; pos < offset && pos < text.size(); ++pos) line += text[pos] == '\n';
  return line;
}

bool is_chinese_or_punct(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x206F) || c == 0x00B7 || (c >= 0x2460 && c <= 0x24FF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}

// Decodes GB18030 strictly. On failure returns the byte offset of the bad sequence in `bad_offset`.
bool gb18030_to_utf8(std::string_view bytes, std::string* out, size_t* bad_offset) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open("GB18030", &err));
  if (U_FAILURE(err)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::vector<UChar> utf16(bytes.size() + 16);
  const char* src = bytes.data();
  UChar* dst = utf16.data();
  ucnv_toUnicode(conv.get(), &dst, utf16.data() + utf16.size(), &src, bytes.data() + bytes.size(), nullptr, true,
                 &err);
  if (U_FAILURE(err)) {
    *bad_offset = static_cast<size_t>(src - bytes.data());
    // ICU has consumed the bad bytes; point at the start of the sequence.
    char errbytes[8];
    int8_t len = sizeof errbytes;
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), errbytes, &len, &e2);
    if (U_SUCCESS(e2) && static_cast<size_t>(len) <= *bad_offset) *bad_offset -= len;
    return false;
  }
  const int32_t n16 = static_cast<int32_t>(dst - utf16.data());
  out->resize(static_cast<size_t>(n16) * 3 + 4);
  int32_t n8 = 0;
  u_strToUTF8(out->data(), static_cast<int32_t>(out->size()), &n8, utf16.data(), n16, &err);
  if (U_FAILURE(err)) return false;
  out->resize(n8);
  return true;
}

}  // namespace

size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

Result<DecodedText> decode_to_utf8(std::string_view bytes, std::string_view name) {
  const size_t bad = find_invalid_utf8(bytes);
  if (bad == std::string_view::npos) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    return DecodedText{std::string(bytes), SourceEncoding::kUtf8};
  }
  // Mostly valid UTF-8 with a few bad bytes is a damaged UTF-8 file, not GBK: GBK text almost never forms valid
  // multi-byte UTF-8 sequences, while UTF-8 Chinese is nothing else.
  {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const int32_t length = static_cast<int32_t>(bytes.size());
    size_t valid_multibyte = 0, invalid = 0;
    for (int32_t i = 0; i < length;) {
      UChar32 c;
      U8_NEXT(s, i, length, c);
      if (c < 0) {
        ++invalid;
      } else if (c >= 0x80) {
        ++valid_multibyte;
      }
    }
    if (valid_multibyte >= invalid) {
      return Status::invalid(std::string(name) + ":" + std::to_string(line_of(bytes, bad)) +
                             ": damaged UTF-8 (bad byte at offset " + std::to_string(bad) +
                             "); fix or re-save the file as UTF-8");
    }
  }
  std::string utf8;
  size_t gb_bad = 0;
  if (!gb18030_to_utf8(bytes, &utf8, &gb_bad)) {
    return Status::invalid(std::string(name) + ":" + std::to_string(line_of(bytes, bad)) +
                           ": not valid UTF-8 (bad byte at offset " + std::to_string(bad) +
                           ") and not GB18030/GBK either; save the file as UTF-8 and try again");
  }
  if (utf8.starts_with("\xEF\xBB\xBF")) utf8.erase(0, 3);  // the GB18030 BOM decodes to U+FEFF
  // A valid GB18030 decoding of bytes that were really Latin-1 or binary gives scattered rare characters;
  // require the non-ASCII text to be Chinese characters and punctuation.
  size_t non_ascii = 0, chinese = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0x80) continue;
    ++non_ascii;
    chinese += is_chinese_or_punct(c);
  }
  if (non_ascii == 0 || chinese * 10 < non_ascii * 9) {
    return Status::invalid(std::string(name) + ":" + std::to_string(line_of(bytes, bad)) +
                           ": not valid UTF-8 (bad byte at offset " + std::to_string(bad) +
                           "), and read as GB18030 it is not Chinese text; save the file as UTF-8 and try again");
  }
  return DecodedText{std::move(utf8), SourceEncoding::kGb18030};
}

Result<std::string> utf8_to_gb18030(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  if (U_FAILURE(err)) return Status::invalid(std::string("cannot convert to GB18030: ") + u_errorName(err));
  out.resize(n);
  return out;
}

}  // namespace gongkai::io
