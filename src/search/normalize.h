// Text normalisation shared by indexing and querying, so that a query finds text written in another form of
// the same characters: ICU NFKC with case folding (ＡＢＣ１２３ → abc123, ﹝ → 〔) and OpenCC traditional →
// simplified (隱私 → 隐私, 公開 → 公开). Snippets use a milder display form that keeps Chinese punctuation
// full-width.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongkai::search {

// Thread safety: a Normalizer is immutable once built; every method may be called from any thread at once.
class Normalizer {
 public:
  // The process-wide normalizer, built on first use (ICU data, OpenCC's t2s.json from /usr/share/opencc).
  // kInternal, with the reason, if OpenCC's configuration or dictionaries cannot be loaded; the same error is
  // returned on every later call.
  static Result<const Normalizer*> get();

  // The form used for terms: NFKC, case-folded, traditional → simplified. Invalid UTF-8 sequences, U+FFFD and
  // control characters become spaces, so the result is always valid UTF-8.
  std::string fold(std::string_view text) const;
  // The form shown to readers (snippets): NFC, full-width digits and Latin letters as ASCII, traditional →
  // simplified; case and full-width punctuation (，：（）) are kept. fold(display(x)) == fold(x).
  std::string display(std::string_view text) const;
  // Traditional → simplified only (no other change); valid UTF-8 in, valid UTF-8 out.
  std::string to_simplified(std::string_view text) const;

  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

 private:
  struct Impl;
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::string normalize(std::string_view text, bool case_fold) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::search
