// 文号 (document numbers) such as 示政发〔2020〕12号, in the many forms people type them: any of the brackets
// 〔〕 [] () ［］ （） 【】 ﹝﹞ 〖〗 around the year, with or without the final 号 or a 第 before the
// serial, with spaces anywhere. All forms of one number have one key, which the index stores as a term
// (schema.h kPrefixDocNumber).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::search {

struct DocNumber {
  std::string issuer;  // 发文机关代字, e.g. 示政发
  std::string year;    // four digits
  std::string serial;  // digits without leading zeros
};

// Parses `folded` (Normalizer::fold output, so full-width brackets are already ASCII). nullopt unless the
// whole text is an issuer (1-30 characters, no digits or brackets), a bracketed four-digit year (19xx or
// 20xx), an optional 第, a serial of 1-6 digits and an optional 号.
std::optional<DocNumber> parse_doc_number(std::string_view folded);

// The key of a doc number: "示政发〔2020〕12" for one that parses; otherwise the text without spaces, with
// every bracket replaced by 〔 or 〕 and without a final 号. At most 200 bytes (cut at a character boundary);
// "" for text that is empty after this.
std::string doc_number_key(std::string_view folded);

}  // namespace gongkai::search
