// The yearly assessment of units (issue #8, docs/monitoring.md "Assessment"): every department and township
// below a root body scored by data/assessment-rules.tsv from the year's findings, circulars and recorded
// highlights, and ranked; plus the highlights (亮点) the supervising office records.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/assessment.h"
#include "services/installation.h"
#include "store/bodies.h"

namespace gongkai::services {

struct AuditActor;  // services/audit.h

// The rules compiled in (data/assessment-rules.tsv).
const domain::AssessmentRules& assessment_rules();

struct UnitAssessment {
  store::BodyRow body;
  domain::UnitScore score;
  int rank = 0;  // 1-based; units that fail come after those that pass
};

struct AssessmentReport {
  int year = 0;
  std::string root_code, root_name;
  std::vector<UnitAssessment> units;    // ranked
  int64_t rectification_circulars = 0;  // issued in the year to bodies in scope (as `stats`)
};

// Scores every department and township at or below `root_code` ("" = the top government body) for `year`.
// kInvalid for a year outside 1990-2199 or an unknown root.
Result<AssessmentReport> assess_units(Installation& inst, int year, const std::string& root_code);

struct HighlightSpec {
  std::string body_code;
  int year = 0;
  std::string rule_id;  // a bonus rule whose basis is "highlight"
  std::string note;     // what the unit did
};
// Records a highlight, audited. kInvalid for an unknown body, a rule that is not a highlight bonus, a bad
// year or an empty note.
Result<int64_t> add_highlight(Installation& inst, const HighlightSpec& spec, const AuditActor* actor);
// Withdraws a highlight recorded in error (its bonus leaves the assessment), audited with what it was and
// `reason`. kNotFound for an unknown id; kInvalid for an empty reason. `allowed`, when given, is asked with the
// highlight's body id inside the transaction (the web desk's scope): false gives kNotFound too.
Status remove_highlight(Installation& inst, int64_t id, const std::string& reason, const AuditActor* actor,
                        const std::function<bool(int64_t body_id)>& allowed = {});

}  // namespace gongkai::services
