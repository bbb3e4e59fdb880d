// The daily digest: the unfinished cases marked by their working days left, and the day before's arrivals and
// answers.
#include "services/case_digest.h"

#include <map>

#include "domain/case_state.h"
#include "services/case_work.h"
#include "store/applications.h"
#include "store/bodies.h"
#include "store/calendar.h"

namespace gongkai::services {

Result<CaseDigest> case_digest(store::Connection& conn, domain::Date date,
                               const std::function<bool(int64_t)>& in_scope) {
  Result<domain::WorkCalendar> calendar = store::load_calendar(conn);
  if (!calendar) return calendar.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return bodies.status();
  Result<std::vector<store::ApplicationRow>> open = store::list_unfinished_applications(conn);
  if (!open) return open.status();
  const domain::Date yesterday = date.plus_days(-1);
  Result<std::vector<store::ApplicationRow>> recent =
      store::list_applications_of_year(conn, yesterday.year());
  if (!recent) return recent.status();
  CaseDigest out;
  out.date = date.to_string();
  out.yesterday = yesterday.to_string();
  std::map<int64_t, DigestUnit> units;
  for (const store::ApplicationRow& row : *open) {
    if (!in_scope(row.body_id) || !row.due_date) continue;
    std::optional<domain::CaseStage> stage = domain::parse_stage(row.stage);
    std::optional<domain::Date> due = domain::Date::parse(*row.due_date);
    if (!stage || !domain::is_open(*stage) || !due) continue;
    DigestCase c{row.number, row.stage, *row.due_date, working_days_left(*calendar, date, *due), "", ""};
    c.mark = deadline_mark(c.working_days_left);
    if (c.mark == "red") units[row.body_id].red.push_back(c);
    if (c.mark == "yellow") units[row.body_id].yellow.push_back(c);
  }
  for (const store::ApplicationRow& row : *recent) {
    if (!in_scope(row.body_id)) continue;
    if (row.received_date == out.yesterday) {
      units[row.body_id].arrived.push_back({row.number, row.stage, row.due_date.value_or(""), 0, "", ""});
    }
    if (row.replied_date == out.yesterday) {
      units[row.body_id].answered.push_back({row.number, row.stage, "", 0, "", row.outcome.value_or("")});
    }
  }
  for (const store::BodyRow& b : *bodies) {
    auto it = units.find(b.id);
    if (it == units.end() || it->second.empty()) continue;
    DigestUnit u = std::move(it->second);
    u.body_id = b.id;
    u.body_code = b.code;
    u.body_name = b.name;
    out.red += static_cast<int64_t>(u.red.size());
    out.yellow += static_cast<int64_t>(u.yellow.size());
    out.arrived += static_cast<int64_t>(u.arrived.size());
    out.answered += static_cast<int64_t>(u.answered.size());
    out.units.push_back(std::move(u));
  }
  return out;
}

}  // namespace gongkai::services
