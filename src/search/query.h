// The query language of gongkai's search box (docs/search.md): words, "quoted phrases", field:value, and 文号
// in any bracket form. A user's string is split into clauses here; searcher.cpp turns clauses into Xapian
// queries. Raw input never reaches Xapian's QueryParser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "search/normalize.h"

namespace gongkai::search {

enum class Field {
  kAny,        // title, body text and 文号 text
  kTitle,      // title:  标题:
  kDocNumber,  // 文号:  docno:  — and any clause shaped like a 文号
  kBodyName,   // 机构:  body:  — the issuing body's name
};

struct Clause {
  Field field = Field::kAny;
  bool phrase = false;  // written in quotes: the words must appear together in this order
  std::string text;     // folded (Normalizer::fold)
  bool operator==(const Clause&) const = default;
};

struct ParsedQuery {
  std::vector<Clause> clauses;  // at most kMaxClauses; each has at least one word
};

// Splits `raw` into clauses: white space separates clauses; "…" (also “…” and 「…」) makes one phrase clause,
// and a lone quote runs to the end; `field:value` or `field:"…"` restricts a clause to a field; a run of up
// to six space-separated pieces that together form a complete 文号 becomes one kDocNumber clause. Pieces
// without any word (punctuation) are dropped, so the result may have no clauses. kInvalid if `raw` is not
// valid UTF-8 or longer than kMaxQueryBytes.
Result<ParsedQuery> parse_query(std::string_view raw, const Normalizer& normalizer);

// The clause written back in the query language (for suggestions), e.g. `标题:"政府 信息"`.
std::string to_query_text(const Clause& clause);
// The clauses written back, separated by spaces.
std::string to_query_text(const std::vector<Clause>& clauses);

}  // namespace gongkai::search
