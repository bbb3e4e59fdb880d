// Tokenisation: Xapian's own TermGenerator splits query text, so a query is cut exactly like the documents
// were.
#include "search/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <map>
#include <memory>
#include <set>

namespace gongkai::search {
namespace {

constexpr int32_t kMinWordChars = 2;
constexpr int32_t kMaxWordChars = 8;

// One ICU word break iterator per thread (creating one loads the dictionary rules; using one is not
// thread-safe).
icu::BreakIterator* word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("zh"), error));
    if (U_FAILURE(error)) bi.reset();
    return bi;
  }();
  return breaker.get();
}

}  // namespace

std::vector<Chunk> text_chunks(std::string_view folded) {
  std::vector<Chunk> chunks;
  try {
    Xapian::TermGenerator generator;
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    Xapian::Document scratch;
    generator.set_document(scratch);
    generator.index_text(std::string(folded));
    std::map<Xapian::termpos, std::string> by_position;
    std::set<std::string> unpositioned;
    for (Xapian::TermIterator term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
      bool positioned = false;
      for (Xapian::PositionIterator p = term.positionlist_begin(); p != term.positionlist_end(); ++p) {
        by_position[*p] = *term;
        positioned = true;
      }
      if (!positioned) unpositioned.insert(*term);
    }
    Xapian::termpos previous = 0;
    for (const auto& [position, term] : by_position) {
      // A term continues the current CJK run when it follows the previous one and their bigram was generated.
      const bool continues = !chunks.empty() && position == previous + 1 &&
                             unpositioned.count(chunks.back().terms.back() + term) > 0;
      if (continues) {
        chunks.back().terms.push_back(term);
      } else {
        chunks.push_back(Chunk{{term}});
      }
      previous = position;
    }
  } catch (const Xapian::Error&) {
    chunks.clear();  // TermGenerator does not fail on valid UTF-8; be safe anyway
  }
  return chunks;
}

std::vector<std::string> bigrams(const Chunk& run) {
  std::vector<std::string> out;
  for (size_t term_idx = 1; term_idx < run.terms.size(); ++term_idx) {
    out.push_back(run.terms[term_idx - 1] + run.terms[term_idx]);
  }
  return out;
}

std::vector<std::string> dictionary_words(std::string_view folded) {
  std::vector<std::string> words;
  icu::BreakIterator* breaker = word_breaker();
  if (breaker == nullptr) return words;
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
  breaker->setText(text);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE; start = end, end = breaker->next()) {
    const int32_t status = breaker->getRuleStatus();
    if (status < UBRK_WORD_IDEO || status >= UBRK_WORD_IDEO_LIMIT) continue;
    const int32_t chars = text.countChar32(start, end - start);
    if (chars < kMinWordChars || chars > kMaxWordChars) continue;
    std::string word;
    text.tempSubStringBetween(start, end).toUTF8String(word);
    words.push_back(std::move(word));
  }
  static const icu::UnicodeString kNoText;
  breaker->setText(kNoText);  // drop the reference to `text`, which dies here
  return words;
}

}  // namespace gongkai::search
