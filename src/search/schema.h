// The layout of the search index: term prefixes, value slots and limits. docs/search.md describes the same
// layout in prose; change both together (and `gongkai reindex` after any change to what is indexed).
#pragma once

#include <cstddef>
#include <string_view>

namespace gongkai::search {

// Term prefixes. Text fields are indexed by Xapian's TermGenerator with FLAG_CJK_NGRAM: CJK runs become
// positional unigrams and unpositioned bigrams, other scripts become unstemmed lower-case words (positional).
//
// Title + body text + 文号 text (n-grams, positional).
inline constexpr std::string_view kPrefixText = "";
// Title only (n-grams, no positions).
inline constexpr std::string_view kPrefixTitle = "S";
// The issuing body's name (n-grams, no positions).
inline constexpr std::string_view kPrefixBodyName = "XN";
// ICU dictionary words of title and body (unpositioned boost terms).
inline constexpr std::string_view kPrefixWord = "W";
// The normalised 文号 (doc_number.h): one term.
inline constexpr std::string_view kPrefixDocNumber = "XD";
// Boolean filters: issuing body code, publication year "2020", kind "normative", 有效性 "有效" (absent when
// unset).
inline constexpr std::string_view kPrefixBody = "XB";
inline constexpr std::string_view kPrefixYear = "Y";
inline constexpr std::string_view kPrefixKind = "K";
inline constexpr std::string_view kPrefixValidity = "XV";
// Unique id term "Q<item id>" (replace and delete).
inline constexpr std::string_view kPrefixId = "Q";

// Value slots.
inline constexpr unsigned kSlotDate = 0;      // publish date "YYYYMMDD" (sorts as a string)
inline constexpr unsigned kSlotYear = 1;      // "2020" (facet)
inline constexpr unsigned kSlotBody = 2;      // body code (facet)
inline constexpr unsigned kSlotKind = 3;      // kind (facet)
inline constexpr unsigned kSlotValidity = 4;  // validity, "" when unset (facet)

// The title counts this many times in the text field (it is also indexed alone under kPrefixTitle).
inline constexpr unsigned kTitleWdfInc = 3;
// Body text beyond this many bytes is indexed but not kept in the document data for snippets.
inline constexpr size_t kMaxStoredTextBytes = 64 * 1024;
// Queries longer than this (bytes of UTF-8, before normalisation) are refused as bad input.
inline constexpr size_t kMaxQueryBytes = 1000;
// At most this many clauses of a query are used; the rest are ignored.
inline constexpr size_t kMaxClauses = 32;

}  // namespace gongkai::search
