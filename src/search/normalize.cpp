// Normalisation with ICU (NFKC, NFKC_Casefold) and OpenCC (t2s.json).
//
// OpenCC converts a few MB/s, far slower than the rest of indexing, and almost all text gongkai sees is
// already simplified. So conversion runs only on text that holds a "trigger" character: one that some t2s
// dictionary entry would change (for an entry whose key and value have the same length, the characters where
// they differ; otherwise every character of the key). Text without a trigger character is returned unchanged
// by OpenCC by construction, so skipping it changes no result. If the dictionaries cannot be read for the
// trigger set, every text is converted.
#include "search/normalize.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

#include <cstdio>
#include <exception>
#include <mutex>
#include <vector>

namespace gongkai::search {
namespace {

constexpr const char* kOpenccConfig = "t2s.json";
constexpr const char* kOpenccDataDir = "/usr/share/opencc/";
constexpr const char* kT2sDictionaries[] = {"TSPhrases.ocd2", "TSCharacters.ocd2"};
constexpr UChar32 kMaxCodePoint = 0x10FFFF;

// The code points of valid UTF-8 `text`, in order.
std::vector<UChar32> code_points(const std::string& text) {
  std::vector<UChar32> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t offset = 0; offset < length;) {
    UChar32 c;
    U8_NEXT(bytes, offset, length, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

// Marks the trigger characters of one OpenCC dictionary file; false if it cannot be read.
bool add_triggers(const std::string& path, std::vector<bool>* triggers) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  try {
    opencc::MarisaDictPtr dict = opencc::MarisaDict::NewFromFile(file);
    std::fclose(file);
    for (const auto& entry : *dict->GetLexicon()) {
      const std::vector<UChar32> key = code_points(entry->Key());
      const std::vector<UChar32> value = code_points(entry->GetDefault());
      if (key == value) continue;
      for (size_t char_idx = 0; char_idx < key.size(); ++char_idx) {
        if (key.size() == value.size() && key[char_idx] == value[char_idx]) continue;
        if (key[char_idx] >= 0 && key[char_idx] <= kMaxCodePoint) (*triggers)[key[char_idx]] = true;
      }
    }
    return true;
  } catch (...) {
    std::fclose(file);
    return false;
  }
}

bool is_blanked(UChar32 c) {
  return c == 0xFFFD || (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

// Full-width digits and Latin letters (０-９ Ａ-Ｚ ａ-ｚ), which display() turns into ASCII.
bool is_full_width_alnum(UChar32 c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}
constexpr UChar32 kFullWidthOffset = 0xFEE0;

}  // namespace

struct Normalizer::Impl {
  const icu::Normalizer2* nfc = nullptr;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  std::unique_ptr<opencc::SimpleConverter> t2s;
  std::vector<bool> triggers;  // empty: convert everything
};

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;

Result<const Normalizer*> Normalizer::get() {
  static std::once_flag once;
  static const Normalizer* instance = nullptr;
  static Status failure;
  std::call_once(once, [] {
    auto impl = std::make_unique<Impl>();
    UErrorCode error = U_ZERO_ERROR;
    impl->nfc = icu::Normalizer2::getNFCInstance(error);
    impl->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(error);
    if (U_FAILURE(error)) {
      failure = Status::internal(std::string("ICU normalisation data unavailable: ") + u_errorName(error));
      return;
    }
    try {
      impl->t2s = std::make_unique<opencc::SimpleConverter>(kOpenccConfig);
    } catch (const std::exception& e) {
      failure = Status::internal(std::string("OpenCC ") + kOpenccConfig +
                                 " cannot be loaded (package opencc): " + e.what());
      return;
    }
    std::vector<bool> triggers(kMaxCodePoint + 1, false);
    bool complete = true;
    for (const char* name : kT2sDictionaries)
      complete = complete && add_triggers(std::string(kOpenccDataDir) + name, &triggers);
    if (complete) impl->triggers = std::move(triggers);
    instance = new Normalizer(std::move(impl));  // lives for the whole process
  });
  if (instance == nullptr) return failure;
  return instance;
}

std::string Normalizer::to_simplified(std::string_view text) const {
  std::string s(text);
  if (!impl_->triggers.empty()) {
    bool triggered = false;
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t length = static_cast<int32_t>(s.size());
    for (int32_t offset = 0; offset < length && !triggered;) {
      UChar32 c;
      U8_NEXT(bytes, offset, length, c);
      triggered = c >= 0x80 && impl_->triggers[c];
    }
    if (!triggered) return s;
  }
  try {
    return impl_->t2s->Convert(s);
  } catch (const std::exception&) {
    return s;  // OpenCC refuses nothing we pass (valid UTF-8); keep the text rather than lose it
  }
}

std::string Normalizer::normalize(std::string_view text, bool case_fold) const {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t unit_idx = 0; unit_idx < u.length(); ++unit_idx) {
    const UChar32 c = u.charAt(unit_idx);
    if (is_blanked(c)) u.setCharAt(unit_idx, u' ');
    if (!case_fold && is_full_width_alnum(c))
      u.setCharAt(unit_idx, static_cast<char16_t>(c - kFullWidthOffset));
  }
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString normal = (case_fold ? impl_->nfkc_casefold : impl_->nfc)->normalize(u, error);
  std::string utf8;
  if (U_FAILURE(error)) {
    u.toUTF8String(utf8);  // cannot happen with valid data; fall back to the unnormalised text
  } else {
    normal.toUTF8String(utf8);
  }
  return to_simplified(utf8);
}

std::string Normalizer::fold(std::string_view text) const {
  return normalize(text, true);
}
std::string Normalizer::display(std::string_view text) const {
  return normalize(text, false);
}

}  // namespace gongkai::search
