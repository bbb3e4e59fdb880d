// The digest panel of the staff dashboard.
#include "web/case_digest_panel.h"

#include <cstdio>

#include "common/clock.h"
#include "services/accounts.h"
#include "services/case_digest.h"
#include "services/case_work.h"
#include "store/bodies.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

Data case_list(const std::vector<services::DigestCase>& cases) {
  Data l = list();
  for (const services::DigestCase& c : cases) {
    Data cd;
    cd.set("number", c.number);
    cd.set("due_date", c.due_date);
    cd.set("days", services::days_left_text(c.working_days_left));
    l.push_back(cd);
  }
  return l;
}

}  // namespace

std::string case_digest_panel(store::Connection& conn, const services::User& user) {
  const auto in_scope = [&](int64_t body_id) {
    return services::authorize(user, "case.handle", body_id) ||
           services::authorize(user, "case.supervise", body_id);
  };
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return "";
  bool any = false;
  for (const store::BodyRow& b : *bodies) any = any || in_scope(b.id);
  if (!any) return "";
  const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
  Result<services::CaseDigest> digest = services::case_digest(conn, today, in_scope);
  if (!digest) {
    std::fprintf(stderr, "gongkai: dashboard digest: %s\n", digest.status().message().c_str());
    return "";
  }
  Data d;
  d.set("yesterday", digest->yesterday);
  d.set("red", std::to_string(digest->red));
  d.set("yellow", std::to_string(digest->yellow));
  d.set("arrived", std::to_string(digest->arrived));
  d.set("answered", std::to_string(digest->answered));
  Data units = list();
  for (const services::DigestUnit& u : digest->units) {
    if (u.red.empty() && u.yellow.empty()) continue;
    Data ud;
    ud.set("name", u.body_name);
    set_list(ud, "red_cases", case_list(u.red));
    set_list(ud, "yellow_cases", case_list(u.yellow));
    units.push_back(ud);
  }
  set_list(d, "units", units);
  return render("staff_case_digest_panel", d);
}

}  // namespace gongkai::web
