// The yearly assessment: the rules table and the scoring of one unit.
#include "domain/assessment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

namespace gongkai::domain {

namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.emplace_back(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

bool known_basis(const std::string& basis) {
  static const std::set<std::string> kCirculars = {"circular:escalated", "circular:unanswered",
                                                   "circular:on_time"};
  if (basis == "highlight" || kCirculars.contains(basis)) return true;
  if (basis.starts_with("finding:")) return basis.size() > 8;
  if (basis.starts_with("finding-kind:")) {
    const std::string kind = basis.substr(13);
    return kind == "veto" || kind == "deduction" || kind == "finding" || kind == "county";
  }
  return false;
}

}  // namespace

Result<AssessmentRules> AssessmentRules::parse(std::string_view text, std::string_view name) {
  AssessmentRules out;
  std::set<std::string> ids;
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    const std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
    std::vector<std::string> f = split_tabs(line);
    if (f.size() != 7)
      return Status::invalid(where + "expected 7 tab-separated fields, found " + std::to_string(f.size()));
    AssessmentRule r;
    r.id = f[0];
    r.kind = f[1];
    r.basis = f[2];
    if (r.id.empty()) return Status::invalid(where + "id: empty");
    if (!ids.insert(r.id).second) return Status::invalid(where + "id: '" + r.id + "' appears twice");
    if (r.kind != "veto" && r.kind != "deduction" && r.kind != "bonus") {
      return Status::invalid(where + "kind: '" + r.kind + "' (veto, deduction or bonus)");
    }
    if (!known_basis(r.basis))
      return Status::invalid(where + "basis: '" + r.basis + "' is not a known basis");
    std::optional<double> points = number(f[3]);
    if (!points) return Status::invalid(where + "points: '" + f[3] + "' is not a number >= 0");
    r.points = *points;
    if (f[4] != "-") {
      std::optional<double> cap = number(f[4]);
      if (!cap) return Status::invalid(where + "cap: '" + f[4] + "' is not a number >= 0 or -");
      r.cap = cap;
    }
    r.label = f[5];
    r.source = f[6];
    if (r.label.empty()) return Status::invalid(where + "label: empty");
    if (r.source.empty()) return Status::invalid(where + "source: say where the rule comes from");
    out.rules_.push_back(std::move(r));
    if (end == text.size()) break;
  }
  return out;
}

const AssessmentRule* AssessmentRules::find(std::string_view id) const {
  for (const AssessmentRule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

UnitScore score_unit(const AssessmentRules& rules, const std::map<std::string, int64_t>& facts) {
  UnitScore s;
  for (const AssessmentRule& r : rules.all()) {
    auto it = facts.find(r.fact_key());
    const int64_t count = it == facts.end() ? 0 : it->second;
    if (count <= 0) continue;
    double points = r.points * static_cast<double>(count);
    if (r.cap) points = std::min(points, *r.cap);
    ScoreLine line{r.id, r.label, r.kind, count, 0};
    if (r.kind == "veto") {
      s.veto = true;
    } else if (r.kind == "deduction") {
      s.deductions += points;
      line.points = -points;
    } else {
      s.bonuses += points;
      line.points = points;
    }
    s.lines.push_back(line);
  }
  s.score = std::max(0.0, 100 - s.deductions);
  // Bonus items are scored only for a unit without a veto whose score after deductions is above 80.
  s.bonus_counted = !s.veto && s.score > 80;
  if (s.bonus_counted) s.score += s.bonuses;
  if (!s.bonus_counted) {
    for (ScoreLine& l : s.lines) {
      if (l.kind == "bonus") l.points = 0;
    }
  }
  s.passed = !s.veto && s.score >= 60;
  return s;
}

std::string format_points(double points) {
  char buf[32];
  const double rounded = std::round(points * 10) / 10;
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  }
  return buf;
}

}  // namespace gongkai::domain
