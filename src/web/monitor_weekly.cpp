// Weekly circular rendering.
#include "web/monitor_weekly.h"

#include <map>

#include "web/templates.h"

namespace gongkai::web {

namespace {

Data finding_data(const store::FindingRow& f) {
  Data d;
  const domain::MonitorRule* r = services::monitor_rules().find(f.rule_id);
  d.set("unit", f.body_name);
  d.set("rule", r ? r->label : f.rule_id);
  d.set("rule_id", f.rule_id);
  d.set("red", f.grade == "red");
  d.set("grade", f.grade == "red" ? "红色" : "黄色");
  d.set("subject", f.subject);
  d.set("found_on", f.found_on);
  d.set("excerpt", f.excerpt);
  d.set("first_seen", f.first_seen_on);
  d.set("state", f.state == "open" ? "未整改" : "已整改");
  return d;
}

Data circular_data(const store::CircularRow& c) {
  static const std::map<std::string, std::string> kStates = {
      {"issued", "已下发"}, {"answered", "已反馈"}, {"closed", "已办结"}, {"escalated", "逾期未整改"}};
  Data d;
  d.set("number", c.number);
  d.set("unit", c.body_name);
  d.set("issued_on", c.issued_on);
  d.set("deadline", c.deadline);
  d.set("state", kStates.count(c.state) ? kStates.at(c.state) : c.state);
  d.set("findings", std::to_string(c.findings));
  d.set("open_findings", std::to_string(c.open_findings));
  return d;
}

}  // namespace

std::string render_weekly_circular(const services::WeeklyReport& report, const std::string& issuer) {
  Data d;
  d.set("week", report.week);
  d.set("from", report.from);
  d.set("to", report.to);
  d.set("issuer", issuer);
  Data fresh = list(), open = list(), circulars = list(), overdue = list(), quiet = list();
  int red = 0, yellow = 0;
  for (const store::FindingRow& f : report.new_findings) {
    fresh.push_back(finding_data(f));
    (f.grade == "red" ? red : yellow)++;
  }
  for (const store::FindingRow& f : report.open_findings) open.push_back(finding_data(f));
  for (const store::CircularRow& c : report.circulars) circulars.push_back(circular_data(c));
  for (const store::CircularRow& c : report.overdue) overdue.push_back(circular_data(c));
  for (const store::NewMediaAccountRow& a : report.quiet_accounts) {
    Data x;
    x.set("unit", a.body_name);
    x.set("platform", a.platform == "weibo" ? "政务微博" : a.platform == "wechat" ? "政务微信" : a.platform);
    x.set("name", a.name);
    x.set("last_update", a.last_update.value_or("无"));
    quiet.push_back(x);
  }
  d.set("red_count", std::to_string(red));
  d.set("yellow_count", std::to_string(yellow));
  set_list(d, "new_findings", fresh);
  set_list(d, "open_findings", open);
  set_list(d, "circulars", circulars);
  set_list(d, "overdue", overdue);
  set_list(d, "quiet_accounts", quiet);
  return render("monitor_weekly", d);
}

}  // namespace gongkai::web
