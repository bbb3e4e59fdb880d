// Report tallies: each record's cells, by the rules of spec/annual-report.md; outcome → row from domain/outcomes.
#include "domain/report_tally.h"

#include "domain/outcomes.h"

namespace gongkai::domain {
namespace {

std::string year_start(int year) { return std::to_string(year) + "-01-01"; }
std::string year_end(int year) { return std::to_string(year) + "-12-31"; }

bool in_year(const std::string& date, int year) { return date >= year_start(year) && date <= year_end(year); }

// 有效性 values a document is in force under (国办发〔2017〕47号 lifecycle, domain/validity).
bool in_force(const std::optional<std::string>& validity) {
  return !validity || *validity == "有效" || *validity == "修订后有效";
}

}  // namespace

std::vector<TallyCell> table3_cells(const CaseFacts& c, int year, bool* unmapped) {
  if (unmapped) *unmapped = false;
  std::vector<TallyCell> out;
  if (!c.received) return out;
  const std::string& received = *c.received;
  const std::string start = year_start(year), end = year_end(year);
  auto add = [&](const std::string& row) {
    out.push_back({row, c.applicant_type});
    out.push_back({row, "total"});
  };
  if (in_year(received, year)) add("new");
  const bool open_at_start = received < start && (!c.replied || *c.replied >= start);
  if (open_at_start) add("carried_over");
  if (c.replied && in_year(*c.replied, year) && received <= end) {
    const std::optional<ReportRow> row = report_row(c.outcome, report_format_for_year(year));
    if (row) {
      add(std::string(row->code));
      add("total");
    } else if (unmapped) {
      *unmapped = true;
    }
  }
  if (received <= end && (!c.replied || *c.replied > end)) add("carry_forward");
  return out;
}

std::vector<TallyCell> table4_cells(const ReviewFacts& r, int year) {
  if (!in_year(r.filed, year)) return {};
  const bool closed_by_year_end = r.closed && *r.closed <= year_end(year) && r.result != "pending";
  const std::string result = closed_by_year_end ? r.result : "pending";
  return {{r.kind, result}, {r.kind, "total"}};
}

std::optional<std::string> validity_on(const DocumentFacts& d, const std::string& date) {
  if (d.changes.empty()) return d.validity;
  const ValidityChange* last = nullptr;
  for (const ValidityChange& change : d.changes)
    if (change.on <= date) last = &change;
  if (last) return last->to;
  return d.changes.front().from;
}

std::vector<TallyCell> table2_registry_cells(const DocumentFacts& d, int year) {
  std::string row;
  if (d.kind == "normative") row = "normative";
  if (d.kind == "regulation") row = "regulations";
  if (row.empty()) return {};
  const bool trial_format = report_format_for_year(year) == ReportFormat::k2019;
  const std::string end = year_end(year);
  const bool made = in_year(d.written.value_or(d.published), year);
  const bool published_by_end = d.published <= end;
  const bool valid_at_end = published_by_end && in_force(validity_on(d, end));
  std::vector<TallyCell> out;
  if (trial_format) {
    if (made) out.push_back({row, "new_made"});
    if (in_year(d.published, year)) out.push_back({row, "new_published"});
    if (valid_at_end) out.push_back({row, "published_total"});
    return out;
  }
  if (made) out.push_back({row, "made"});
  for (const ValidityChange& change : d.changes) {
    if (in_year(change.on, year) && (change.to == "失效" || change.to == "废止") && in_force(change.from)) {
      out.push_back({row, "repealed"});
      break;
    }
  }
  if (valid_at_end) out.push_back({row, "valid"});
  return out;
}

std::vector<std::string> table3_row_codes(int year) {
  std::vector<std::string> rows = {"new", "carried_over"};
  for (const ReportRow& r : result_rows(report_format_for_year(year))) rows.emplace_back(r.code);
  rows.insert(rows.end(), {"total", "carry_forward"});
  return rows;
}

}  // namespace gongkai::domain
