// Report permissions on the staff workspace and the dashboard's report reminders.
#include "services/report_access.h"

#include <algorithm>
#include <map>

#include "domain/date.h"
#include "domain/report_workflow.h"
#include "store/reports.h"

namespace gongkai::services {

int64_t report_supervisor(const store::BodyRow& body) {
  return body.parent_id.value_or(body.id);
}

std::pair<std::string, int64_t> report_access_target(const store::BodyRow& body, ReportAccess access) {
  switch (access) {
    case ReportAccess::kView:
    case ReportAccess::kEdit:
      return {"report.edit", body.id};
    case ReportAccess::kApprove:
      return {"report.approve", report_supervisor(body)};
    case ReportAccess::kBoard:
      return {"report.approve", body.id};
  }
  return {"report.edit", body.id};
}

Status authorize_report(const User& user, const store::BodyRow& body, ReportAccess access) {
  const auto [action, body_id] = report_access_target(body, access);
  Status s = authorize(user, action, body_id);
  // A supervisor reads what it decides on without editing rights on the body.
  if (!s && access == ReportAccess::kView && authorize(user, "report.approve", report_supervisor(body))) {
    return Status::ok();
  }
  return s;
}

Result<std::vector<ReportReminder>> report_reminders(store::Connection& conn, const User& user, int year,
                                                     const std::string& today, size_t limit) {
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return bodies.status();
  std::vector<const store::BodyRow*> edited, approved;
  std::vector<int64_t> ids;
  for (const store::BodyRow& b : *bodies) {
    const bool edits = authorize_report(user, b, ReportAccess::kEdit).is_ok();
    const bool approves = authorize_report(user, b, ReportAccess::kApprove).is_ok();
    if (edits) edited.push_back(&b);
    if (approves) approved.push_back(&b);
    if (edits || approves) ids.push_back(b.id);
  }
  if (ids.empty()) return std::vector<ReportReminder>{};
  // Every year's versions: a returned or submitted report of an earlier year is as much to do as last year's.
  Result<std::vector<store::ReportVersionRow>> versions = store::list_report_versions(conn, ids, 0);
  if (!versions) return versions.status();
  // The latest version of each (body, year).
  std::map<std::pair<int64_t, int>, const store::ReportVersionRow*> latest;
  for (const store::ReportVersionRow& v : *versions) {
    const store::ReportVersionRow*& slot = latest[{v.body_id, v.year}];
    if (!slot || v.version > slot->version) slot = &v;
  }
  const std::optional<domain::Date> now = domain::Date::parse(today);
  std::vector<ReportReminder> out;
  auto add = [&](const store::BodyRow& b, int report_year, std::string kind,
                 const store::ReportVersionRow* v) {
    ReportReminder r;
    r.body_code = b.code;
    r.body_name = b.name;
    r.year = report_year;
    r.kind = std::move(kind);
    r.deadline = domain::report_deadline(b.type, report_year);
    if (v) {
      r.version = v->version;
      r.comment = v->comment;
    }
    out.push_back(std::move(r));
  };
  auto body_of = [&](int64_t id) -> const store::BodyRow* {
    for (const store::BodyRow& b : *bodies)
      if (b.id == id) return &b;
    return nullptr;
  };
  for (const auto& [key, v] : latest) {
    const store::BodyRow* b = body_of(key.first);
    if (!b) continue;
    const bool edits = std::find(edited.begin(), edited.end(), b) != edited.end();
    const bool approves = std::find(approved.begin(), approved.end(), b) != approved.end();
    if (edits && v->state == "returned") add(*b, key.second, "returned", v);
    if (approves && v->state == "submitted") add(*b, key.second, "submitted", v);
  }
  for (const store::BodyRow* b : edited) {
    auto it = latest.find({b->id, year});
    const store::ReportVersionRow* v = it == latest.end() ? nullptr : it->second;
    if (v && v->state == "published") continue;
    const std::string deadline = domain::report_deadline(b->type, year);
    if (today > deadline) {
      add(*b, year, "overdue", v);
    } else if (now && now->plus_days(30).to_string() >= deadline) {
      add(*b, year, "due", v);
    }
  }
  auto rank = [](const std::string& kind) {
    return kind == "returned" ? 0 : kind == "submitted" ? 1 : kind == "overdue" ? 2 : 3;
  };
  std::stable_sort(out.begin(), out.end(), [&](const ReportReminder& a, const ReportReminder& b) {
    return rank(a.kind) < rank(b.kind);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace gongkai::services
