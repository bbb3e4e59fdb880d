// The annual report's workflow (issue #7 "Write"): staff text of sections 一 五 六, frozen versions moving
// draft → submitted → returned | approved → published (domain/report_workflow), publication as an item of kind
// annual_report in the column 政府信息公开/政府信息公开年报, a reviewer's decisions on warnings, and the deadline
// board of every body's report of a year (条例 Art. 49).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "services/installation.h"
#include "services/report_builder.h"

namespace gongkai::services {

// Saves the text of section "1", "5" or "6" of a body's report. kInvalid for another section, empty text or an
// unknown body.
Status save_report_text(Installation& inst, const ReportQuery& q, const std::string& section, const std::string& text,
                        const std::string& actor);

// Builds the report and freezes it as the body's next version of the year (state draft). Returns the version.
Result<int> draft_report_version(Installation& inst, const ReportQuery& q, const std::string& actor);

// Moves version `version` by `action` (submit | return | approve | publish). return needs a comment; approve is
// refused while the frozen report has errors; publish writes the annual_report item (today's date) and records it.
// kInvalid for an unknown version or a move the table does not allow; kConflict for approve with errors.
Result<store::ReportVersionRow> move_report_version(Installation& inst, const ReportQuery& q, int version,
                                                    const std::string& action, const std::string& comment,
                                                    const std::string& actor, const std::string& today);

// Records a reviewer's decision ("confirmed" | "dismissed") on the warning `rule` at `where_key` of the body's
// report. kInvalid for an empty reason, or a rule + place that is not a warning of the report as built now.
Status decide_report_check(Installation& inst, const ReportQuery& q, const std::string& rule,
                           const std::string& where_key, const std::string& decision, const std::string& reason,
                           const std::string& actor);

// Appends the audit entry of a report change (action "report.<what>", entity "report" "<body code>/<year>") inside
// the caller's write transaction; `actor` is the label of who made it ("cli", a login).
Status audit_report_change(store::Connection& conn, const std::string& actor, const std::string& what,
                           const ReportScope& scope, int year, const nlohmann::json& after);

struct BoardRow {
  std::string body_code, body_name, body_type;
  std::string deadline;   // 条例 Art. 49
  int version = 0;        // latest version, 0 when none
  std::string state;      // its state, "" when none
  std::string comment;    // the return comment
  std::string decided_at;
  bool overdue = false;   // not published by the deadline (as of `today`)
};

// Every body under `root_code` (itself included) with its report of `year`, in tree order.
Result<std::vector<BoardRow>> report_board(Installation& inst, const std::string& root_code, int year,
                                           const std::string& today);

}  // namespace gongkai::services
