// The yearly assessment of units (年度考核) as data (data/assessment-rules.tsv): deductions for findings and
// missed duties, bonuses for highlights, and the scoring method of 国办秘函〔2019〕19号 (a veto fails the
// unit; otherwise 100 minus the deductions, below 60 fails; bonuses only count above 80). Pure: the facts are
// counted elsewhere (store/assessment), this scores them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongkai::domain {

struct AssessmentRule {
  std::string id;    // e.g. deduct.blank
  std::string kind;  // veto | deduction | bonus
  std::string
      basis;  // finding:<rule> | finding-kind:<kind> | circular:escalated|unanswered|on_time | highlight
  double points = 0;          // per occurrence, >= 0
  std::optional<double> cap;  // the most points of this rule in a year
  std::string label;          // 中文
  std::string source;
  // The key of the counted facts this rule reads: its basis, or "highlight:<id>" for a highlight rule.
  std::string fact_key() const { return basis == "highlight" ? "highlight:" + id : basis; }
};

class AssessmentRules {
 public:
  // Parses the TSV format of data/assessment-rules.tsv. Fails naming `name`, the line and the field for a
  // wrong column count, an unknown kind or basis, a negative or non-numeric number, or a duplicate id.
  static Result<AssessmentRules> parse(std::string_view text, std::string_view name);
  const std::vector<AssessmentRule>& all() const { return rules_; }
  const AssessmentRule* find(std::string_view id) const;

 private:
  std::vector<AssessmentRule> rules_;
};

// One applied rule on a unit's score sheet.
struct ScoreLine {
  std::string rule_id, label, kind;
  int64_t count = 0;
  double points = 0;  // signed: negative for deductions, positive for bonuses, 0 for a veto
};

struct UnitScore {
  double deductions = 0, bonuses = 0;
  double score = 100;  // 100 - deductions (+ bonuses when counted), never below 0
  bool veto = false;   // a veto rule applies
  bool bonus_counted = false;
  bool passed = true;            // no veto and score >= 60
  std::vector<ScoreLine> lines;  // rules with a count > 0, in the file's order
};

// Scores one unit's counted facts (fact_key -> count; missing keys count 0).
UnitScore score_unit(const AssessmentRules& rules, const std::map<std::string, int64_t>& facts);

// "98.5" / "100": a score or points with at most one decimal.
std::string format_points(double points);

}  // namespace gongkai::domain
