// Per-unit case statistics: one pass over the year's cases, the deadline recomputed from each answered case's
// events.
#include "services/case_stats.h"

#include <cstdio>

#include "domain/deadline.h"
#include "domain/outcomes.h"
#include "domain/workflow.h"
#include "io/csv.h"
#include "services/applications.h"
#include "store/applications.h"
#include "store/bodies.h"
#include "store/calendar.h"

namespace gongkai::services {
namespace {

bool in_year(const std::optional<std::string>& date, int year) {
  return date && date->size() >= 4 && date->substr(0, 4) == std::to_string(year);
}

}  // namespace

Result<CaseYearStats> case_year_stats(store::Connection& conn, int year,
                                      const std::function<bool(int64_t)>& in_scope) {
  if (year < 2000 || year > 2100)
    return Status::invalid("year: " + std::to_string(year) + " is not between 2000 and 2100");
  Result<domain::WorkCalendar> calendar = store::load_calendar(conn);
  if (!calendar) return calendar.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return bodies.status();
  Result<std::vector<store::ApplicationRow>> rows = store::list_applications_of_year(conn, year);
  if (!rows) return rows.status();
  CaseYearStats out;
  out.year = year;
  const domain::ReportFormat format = domain::report_format_for_year(year);
  out.format = format == domain::ReportFormat::k2019 ? "2019" : "2021";
  for (const domain::ReportRow& r : domain::result_rows(format)) {
    out.row_codes.emplace_back(r.code);
    // "4.保护第三方合法权益" is one of several "4."s: name its group as well ("（三）不予公开 4.…").
    const domain::Outcome* o = domain::find_outcome(r.code);
    out.row_labels.push_back((o && !o->group.empty() ? std::string(o->group) + " " : std::string()) +
                             std::string(r.label));
  }
  std::map<int64_t, size_t> unit_idx;
  for (const store::BodyRow& b : *bodies) {
    if (!in_scope(b.id)) continue;
    unit_idx[b.id] = out.units.size();
    UnitCaseStats u;
    u.body_id = b.id;
    u.body_code = b.code;
    u.body_name = b.name;
    out.units.push_back(std::move(u));
  }
  for (const store::ApplicationRow& row : *rows) {
    auto it = unit_idx.find(row.body_id);
    if (it == unit_idx.end()) continue;
    UnitCaseStats& u = out.units[it->second];
    if (in_year(row.received_date, year)) ++u.received;
    if (!in_year(row.replied_date, year) || !row.received_date) continue;
    ++u.answered;
    if (row.outcome) {
      if (std::optional<domain::ReportRow> r = domain::report_row(*row.outcome, format))
        ++u.outcomes[std::string(r->code)];
    }
    const std::optional<domain::Date> received = domain::Date::parse(*row.received_date);
    const std::optional<domain::Date> replied = domain::Date::parse(*row.replied_date);
    if (!received || !replied) continue;
    u.answer_working_days += domain::working_days_between(*calendar, *received, *replied);
    Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn, row.id);
    if (!events) return events.status();
    std::optional<domain::CaseClock> clock = case_clock(row, *events);
    if (!clock) continue;
    Result<domain::Deadline> due = domain::reply_deadline(*calendar, *clock);
    if (due && *replied <= due->due) ++u.answered_in_time;
  }
  for (UnitCaseStats& u : out.units) {
    if (u.answered > 0) {
      u.average_working_days = static_cast<double>(u.answer_working_days) / static_cast<double>(u.answered);
    }
  }
  return out;
}

std::string case_year_stats_csv(const CaseYearStats& stats) {
  std::vector<std::string> header = {"机构代码", "机构", "收到申请", "已答复", "按期答复", "平均答复工作日"};
  for (const std::string& label : stats.row_labels) header.push_back(label);
  std::string out = "\xEF\xBB\xBF" + io::format_csv_line(header);
  for (const UnitCaseStats& u : stats.units) {
    std::vector<std::string> line = {u.body_code, u.body_name, std::to_string(u.received),
                                     std::to_string(u.answered), std::to_string(u.answered_in_time)};
    char avg[32] = "";
    if (u.average_working_days) std::snprintf(avg, sizeof avg, "%.1f", *u.average_working_days);
    line.emplace_back(avg);
    for (const std::string& code : stats.row_codes) {
      auto it = u.outcomes.find(code);
      line.push_back(std::to_string(it == u.outcomes.end() ? 0 : it->second));
    }
    out += io::format_csv_line(line);
  }
  return out;
}

}  // namespace gongkai::services
