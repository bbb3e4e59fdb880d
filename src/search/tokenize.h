// How text becomes terms, for the index and the query builder alike: Xapian's TermGenerator with
// FLAG_CJK_NGRAM (CJK runs → positional unigrams + unpositioned bigrams; other scripts → lower-case words,
// not stemmed) and ICU's dictionary word break for Chinese (words added as unpositioned boost terms).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// One piece of text as the index sees it.
struct Chunk {
  // For a CJK run, its characters in order (the index holds each as a positional unigram and each adjacent
  // pair as a bigram); for any other word, that one word.
  std::vector<std::string> terms;
  bool is_ngram_run() const { return terms.size() > 1; }
};

// The chunks of `folded` text (Normalizer::fold output) in order, exactly as the index's TermGenerator splits
// it. Empty for text without any word (punctuation only). Thread-safe.
std::vector<Chunk> text_chunks(std::string_view folded);

// The adjacent pairs of a CJK run ("政府信息" → 政府 府信 信息); empty for a single character.
std::vector<std::string> bigrams(const Chunk& run);

// The Chinese words of `folded` found by ICU's dictionary word break (zh), in order, duplicates kept: only
// ideographic words of 2 to 8 characters (single characters are already unigram terms). Thread-safe.
std::vector<std::string> dictionary_words(std::string_view folded);

}  // namespace gongkai::search
