// Label matching for published annual reports: published tables differ from the official labels in whitespace,
// full/half-width punctuation, quote style and ordinal style, so both sides are compared in one normal form.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::domain {

// Returns `text` with every whitespace code point removed (ASCII, U+00A0, U+3000, U+2000-200B, U+FEFF), full-width
// ASCII forms (U+FF01-FF5E) mapped to ASCII, curly double quotes to '"' and curly single quotes to '\''.
// Invalid UTF-8 bytes are dropped. Chinese labels carry no meaningful spaces, so removing them is safe.
std::string normalize_label(std::string_view text);

// The distinctive part of a label: normalize_label(), then without a leading ordinal ("一、", "(三)", "1.", "1、"),
// without a trailing parenthetical ("（区分处理的，…）", "（单位：万元）") and without punctuation
// (、,.;:。"'()《》/-). "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "部分公开".
std::string label_core(std::string_view label);

}  // namespace gongkai::domain
