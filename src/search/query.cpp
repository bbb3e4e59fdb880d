// Query language: splitting a user's string into clauses.
#include "search/query.h"

#include <array>

#include "io/text_encoding.h"
#include "search/doc_number.h"
#include "search/schema.h"
#include "search/tokenize.h"

namespace gongkai::search {
namespace {

// Longest run of space-separated pieces tried as one 文号 ("示政发 [2020] 12 号" is four).
constexpr size_t kMaxDocNumberPieces = 6;

struct FieldName {
  std::string_view name;  // folded
  Field field;
};

constexpr std::array kFieldNames = {
    FieldName{"title", Field::kTitle},     FieldName{"标题", Field::kTitle},
    FieldName{"docno", Field::kDocNumber}, FieldName{"文号", Field::kDocNumber},
    FieldName{"body", Field::kBodyName},   FieldName{"机构", Field::kBodyName},
};

// Quotation marks that NFKC leaves alone but people type: “ ” 「 」 『 』.
constexpr std::array<std::string_view, 6> kOtherQuotes = {"\u201C", "\u201D", "\u300C",
                                                          "\u300D", "\u300E", "\u300F"};

std::string unify_quotes(std::string text) {
  for (std::string_view quote : kOtherQuotes) {
    for (size_t at = text.find(quote); at != std::string::npos; at = text.find(quote, at + 1)) {
      text.replace(at, quote.size(), "\"");
    }
  }
  return text;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A piece of the query before 文号 runs are joined.
struct Piece {
  Field field = Field::kAny;
  bool explicit_field = false;
  bool quoted = false;
  std::string text;
};

std::vector<Piece> split_pieces(const std::string& q) {
  std::vector<Piece> pieces;
  size_t pos = 0;
  auto read_phrase = [&](Piece* piece) {
    ++pos;  // opening quote
    const size_t close = q.find('"', pos);
    const size_t end = close == std::string::npos ? q.size() : close;
    piece->quoted = true;
    piece->text = q.substr(pos, end - pos);
    pos = close == std::string::npos ? q.size() : close + 1;
  };
  while (pos < q.size()) {
    if (is_space(q[pos])) {
      ++pos;
      continue;
    }
    Piece piece;
    if (q[pos] == '"') {
      read_phrase(&piece);
      pieces.push_back(std::move(piece));
      continue;
    }
    size_t end = pos;
    while (end < q.size() && !is_space(q[end]) && q[end] != '"') ++end;
    std::string token = q.substr(pos, end - pos);
    pos = end;
    const size_t colon = token.find(':');
    if (colon != std::string::npos) {
      for (const FieldName& f : kFieldNames) {
        if (std::string_view(token).substr(0, colon) != f.name) continue;
        piece.field = f.field;
        piece.explicit_field = true;
        token.erase(0, colon + 1);
        break;
      }
    }
    if (piece.explicit_field && token.empty() && pos < q.size() && q[pos] == '"') {
      read_phrase(&piece);
    } else {
      piece.text = std::move(token);
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

bool has_words(const std::string& text) {
  return !text_chunks(text).empty();
}

// Whether `text` may continue a 文号 begun in an earlier piece: it starts with a bracket, a digit, 第 or 号.
// (So "通知 示政发〔2020〕12号" stays a word and a 文号, while "示政发 [2020] 12 号" is joined.)
bool continues_doc_number(std::string_view text) {
  if (text.empty()) return false;
  if ((text[0] >= '0' && text[0] <= '9') || text[0] == '[' || text[0] == '(' || text[0] == ']' ||
      text[0] == ')') {
    return true;
  }
  for (std::string_view start : {"〔", "〕", "【", "】", "〖", "〗", "第", "号"}) {
    if (text.starts_with(start)) return true;
  }
  return false;
}

}  // namespace

Result<ParsedQuery> parse_query(std::string_view raw, const Normalizer& normalizer) {
  if (raw.size() > kMaxQueryBytes) {
    return Status::invalid("query is too long: " + std::to_string(raw.size()) + " bytes, at most " +
                           std::to_string(kMaxQueryBytes));
  }
  if (const size_t bad = io::find_invalid_utf8(raw); bad != std::string_view::npos) {
    return Status::invalid("query is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")");
  }
  const std::vector<Piece> pieces = split_pieces(unify_quotes(normalizer.fold(raw)));
  ParsedQuery parsed;
  for (size_t piece_idx = 0; piece_idx < pieces.size() && parsed.clauses.size() < kMaxClauses;) {
    const Piece& piece = pieces[piece_idx];
    const bool may_be_doc_number =
        !piece.quoted && (piece.field == Field::kAny || piece.field == Field::kDocNumber);
    // The longest run of unquoted, unfielded pieces starting here that is a complete 文号.
    size_t run = 0;
    std::string joined;
    if (may_be_doc_number) {
      std::string candidate;
      for (size_t len = 1; len <= kMaxDocNumberPieces && piece_idx + len <= pieces.size(); ++len) {
        const Piece& next = pieces[piece_idx + len - 1];
        if (len > 1 && (next.quoted || next.explicit_field || !continues_doc_number(next.text))) break;
        candidate += next.text;
        if (parse_doc_number(candidate)) {
          run = len;
          joined = candidate;
        }
      }
    }
    if (run > 0) {
      parsed.clauses.push_back(Clause{Field::kDocNumber, false, joined});
      piece_idx += run;
      continue;
    }
    ++piece_idx;
    if (piece.field == Field::kDocNumber) {
      if (!doc_number_key(piece.text).empty())
        parsed.clauses.push_back(Clause{Field::kDocNumber, false, piece.text});
      continue;
    }
    if (has_words(piece.text)) parsed.clauses.push_back(Clause{piece.field, piece.quoted, piece.text});
  }
  return parsed;
}

std::string to_query_text(const Clause& clause) {
  std::string out;
  switch (clause.field) {
    case Field::kAny:
      break;
    case Field::kTitle:
      out = "标题:";
      break;
    case Field::kDocNumber:
      out = "文号:";
      break;
    case Field::kBodyName:
      out = "机构:";
      break;
  }
  const bool quote =
      clause.phrase || (clause.field == Field::kDocNumber && clause.text.find(' ') != std::string::npos);
  return quote ? out + "\"" + clause.text + "\"" : out + clause.text;
}

std::string to_query_text(const std::vector<Clause>& clauses) {
  std::string out;
  for (const Clause& clause : clauses) {
    if (!out.empty()) out += ' ';
    out += to_query_text(clause);
  }
  return out;
}

}  // namespace gongkai::search
