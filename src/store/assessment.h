// Repository of the yearly assessment (migration 013's assessment_highlights, and the yearly counts of
// findings and circulars per unit that domain/assessment scores).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

// Facts of `year` per body id, keyed as domain::AssessmentRule::fact_key reads them: "finding:<rule>"
// (findings first seen in the year), "circular:escalated" / "circular:unanswered" / "circular:on_time"
// (circulars issued in the year), "highlight:<rule>" (highlights recorded for the year). "finding-kind:*" is
// the caller's (it needs the monitor rules).
Result<std::map<int64_t, std::map<std::string, int64_t>>> assessment_facts(Connection& conn, int year);

struct HighlightRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_name;
  int64_t year = 0;
  std::string rule_id, note, recorded_by, recorded_at;
};
Result<int64_t> insert_highlight(Connection& conn, int64_t body_id, int year, const std::string& rule_id,
                                 const std::string& note, const std::string& recorded_by);
Result<std::vector<HighlightRow>> list_highlights(Connection& conn, int year);
Result<std::optional<HighlightRow>> find_highlight(Connection& conn, int64_t id);
// Deletes the highlight (its record stays in the audit log). Returns whether there was one.
Result<bool> delete_highlight(Connection& conn, int64_t id);

}  // namespace gongkai::store
