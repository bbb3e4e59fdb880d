// The documents a disclosure office issues on a case (宿政办函〔2021〕21号 names them): the procedural notices —
// 登记回执 (receipt), 补正告知书 (Art. 30), 延期答复告知书 (Art. 33), 征求意见书 to a third party (Art. 32) or a
// co-producing body (Art. 34), 收费通知书 (109号) — and the reply letter (告知书) of each outcome (domain/outcomes),
// which cites the article it rests on and states the applicant's right to administrative reconsideration or
// litigation with their time limits. Pure text generation from a table; staff edit the draft before sending.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gongkai::domain {

struct LetterKind {
  std::string_view code;   // "correction"
  std::string_view title;  // "政府信息公开申请补正告知书"
  std::string_view basis;  // "条例第三十条"
};
// The procedural notices and "reply" (the outcome's 告知书), in the order a case meets them.
std::span<const LetterKind> letter_kinds();
const LetterKind* find_letter_kind(std::string_view code);

// What a letter says about its case. Empty strings are unknown and left as blanks to fill in (＿＿).
struct LetterFacts {
  std::string body_name;       // the issuing body
  std::string number;          // 申请编号
  std::string applicant_name;
  std::string received_date;   // Art. 31 receipt date
  std::string request;         // the information sought
  std::string due_date;        // the reply deadline as it stands
  std::string outcome;         // reply: the outcome code (domain/outcomes)
  std::string detail;          // the act's note: what to correct, whom consulted, the fee, the legal reasoning
  int extension_days = 0;      // extension: working days
  std::string issued_on;       // the letter's date
};

// 行政复议法 (2023 revision) Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months — the sentence every 告知书 ends with.
std::string rights_notice(std::string_view body_name);

struct LetterDraft {
  std::string title;
  std::string body;  // paragraphs separated by blank lines
};
// The generated draft of `kind` for `facts`; nullopt for an unknown kind, or for "reply" without a known outcome.
std::optional<LetterDraft> draft_letter(std::string_view kind, const LetterFacts& facts);

}  // namespace gongkai::domain
