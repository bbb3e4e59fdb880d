// The draft of section 一、总体情况 of the annual report, with the year's figures filled in (spec/annual-report.md
// "Section 一 narrative figures", spec/seed-figures.md). The office edits it; a figure the records do not hold is
// a visible placeholder, never 0. Pure: no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace gongkai::domain {

struct NarrativeInput {
  int year = 0;
  std::map<std::string, int64_t> figures;  // `stats` keys (spec/contracts.md); absent = not recorded
  // The report's own table 三 and 四 totals, which the narrative must agree with (report_check narrative.number).
  int64_t received = 0, carried_over = 0, handled = 0, carry_forward = 0;
  int64_t reconsiderations = 0, lawsuits = 0;
};

// The text of a placeholder for `what`: "【待补充：what】".
std::string narrative_placeholder(std::string_view what);
// How many placeholders `text` still holds.
int count_placeholders(std::string_view text);

// Section 一 as paragraphs（一）…（六）separated by "\n", each sentence ending in "。".
std::string draft_overview(const NarrativeInput& input);

}  // namespace gongkai::domain
