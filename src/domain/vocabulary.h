// The controlled vocabularies of gongkai: one English code per official Chinese label, in one place
// (STYLE.md habit 7). Codes are what files, the database and the JSON interfaces carry; labels are what people read.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::domain {

struct Term {
  std::string_view code;
  std::string_view label;
};

// 机构类型.
std::span<const Term> body_types();
// 信息类别 (item kinds). Kinds counted in `stats` are marked in stats_rules.h.
std::span<const Term> item_kinds();
// 发布渠道: the four channels counted in the annual report (一（一）).
std::span<const Term> channels();
// 有效性 (codes are the official labels themselves, as in spec/contracts.md; the label is the English gloss).
std::span<const Term> validities();
// 栏目类型.
std::span<const Term> column_types();
// 解读形式: the forms of a policy interpretation (政策解读). The seed county's rule for normative documents is
// "图文 + 音频或视频" (text plus audio or video); see is_media_interpretation().
std::span<const Term> interpretation_forms();

// Whether an interpretation with `forms` (codes of interpretation_forms()) is a "图文 + 音频或视频" one: it has
// text or a graphic (图文 / 图解) and audio or video.
bool is_media_interpretation(std::span<const std::string> forms);

// Looks `code` up in `terms`; nullptr when it is not one of them.
const Term* find_term(std::span<const Term> terms, std::string_view code);
// "a, b, c": the codes of `terms`, for error messages.
std::string list_codes(std::span<const Term> terms);

}  // namespace gongkai::domain
