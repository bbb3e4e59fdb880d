// /staff/monitor: findings, circulars and answers, sites and columns, new-media accounts, the weekly
// circular.
#include "web/staff_monitor.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "common/clock.h"
#include "domain/date.h"
#include "services/assessment.h"
#include "services/audit.h"
#include "services/monitoring.h"
#include "store/assessment.h"
#include "store/bodies.h"
#include "store/monitoring.h"
#include "web/abuse_guard.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/monitor_weekly.h"
#include "web/pager.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

constexpr int kPageSize = 30;
constexpr const char* kManage = "monitor.manage";
constexpr const char* kAnswer = "monitor.answer";

// The bodies a user supervises (monitor.manage) and those whose circulars they answer (monitor.answer).
struct Scope {
  std::set<int64_t> manage, answer;
  std::vector<store::BodyRow> bodies;  // every body the user sees, in the tree's order
  bool sees(int64_t body_id) const { return manage.contains(body_id) || answer.contains(body_id); }
  bool empty() const { return manage.empty() && answer.empty(); }
};

Result<Scope> scope_of(store::Connection& conn, const services::User& user) {
  Result<std::vector<store::BodyRow>> all = store::list_bodies(conn);
  if (!all) return all.status();
  Scope s;
  for (const store::BodyRow& b : *all) {
    const bool manage = services::authorize(user, kManage, b.id).is_ok();
    const bool answer = services::authorize(user, kAnswer, b.id).is_ok();
    if (manage) s.manage.insert(b.id);
    if (answer) s.answer.insert(b.id);
    if (manage || answer) s.bodies.push_back(b);
  }
  return s;
}

std::string rule_label(const std::string& rule_id) {
  const domain::MonitorRule* r = services::monitor_rules().find(rule_id);
  return r ? r->label : rule_id;
}

services::AuditActor actor_of(const Staff::Context& ctx, const std::string& addr) {
  return services::AuditActor{ctx.user().id, ctx.user().login, addr};
}

Data finding_data(const store::FindingRow& f, const std::map<int64_t, store::CircularRow>& circulars,
                  const std::map<int64_t, std::string>& site_names, bool selectable) {
  Data d;
  d.set("id", std::to_string(f.id));
  d.set("unit", f.body_name);
  d.set("rule", rule_label(f.rule_id));
  d.set("rule_id", f.rule_id);
  d.set("grade", f.grade);
  d.set("grade_label", grade_label(f.grade));
  d.set("subject", f.subject);
  d.set("subject_is_url", f.subject.starts_with("http://") || f.subject.starts_with("https://"));
  d.set("found_on", f.found_on);
  d.set("excerpt", f.excerpt);
  d.set("date_seen", f.date_seen.value_or(""));
  d.set("first_seen", f.first_seen_on);
  d.set("last_seen", f.last_seen_on);
  d.set("open", f.state == "open");
  d.set("state_label", f.state == "open" ? "未整改" : "已整改（" + f.closed_on.value_or("") + "）");
  if (f.site_id && site_names.contains(*f.site_id)) d.set("site", site_names.at(*f.site_id));
  if (f.account_id) d.set("site", std::string("政务新媒体"));
  if (f.circular_id && circulars.contains(*f.circular_id)) {
    d.set("circular_id", std::to_string(*f.circular_id));
    d.set("circular_number", circulars.at(*f.circular_id).number);
  }
  d.set("selectable", selectable);
  return d;
}

bool overdue(const store::CircularRow& c, const std::string& today) {
  return c.state == "escalated" || (c.state != "closed" && c.deadline < today);
}

Data circular_data(const store::CircularRow& c, const std::string& today) {
  Data d;
  d.set("id", std::to_string(c.id));
  d.set("number", c.number);
  d.set("unit", c.body_name);
  d.set("issued_on", c.issued_on);
  d.set("deadline", c.deadline);
  d.set("state_label", circular_state_label(c.state));
  d.set("overdue", overdue(c, today));
  d.set("findings", std::to_string(c.findings));
  d.set("open_findings", std::to_string(c.open_findings));
  d.set("answered_on", c.answered_on.value_or(""));
  return d;
}

std::string platform_label(const std::string& p) {
  static const std::map<std::string, std::string> kLabels = {
      {"weibo", "政务微博"}, {"wechat", "政务微信"}, {"douyin", "抖音"}, {"toutiao", "今日头条"},
      {"kuaishou", "快手"},  {"app", "移动客户端"},  {"other", "其他"}};
  auto it = kLabels.find(p);
  return it == kLabels.end() ? p : it->second;
}

std::string column_type_label(const std::string& t) {
  static const std::map<std::string, std::string> kLabels = {{"news", "动态要闻"},
                                                             {"notice", "通知公告"},
                                                             {"policy", "政策文件"},
                                                             {"service_stats", "办事统计"},
                                                             {"interaction", "互动交流（留言办理）"},
                                                             {"static", "静态栏目（不要求更新）"}};
  auto it = kLabels.find(t);
  return it == kLabels.end() ? t : it->second;
}

Data body_options(const Scope& scope, const std::set<int64_t>& allowed, const std::string& selected) {
  Data out = list();
  for (const store::BodyRow& b : scope.bodies) {
    if (!allowed.contains(b.id)) continue;
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == selected);
    out.push_back(bd);
  }
  return out;
}

// A page number from ?page= (1 when absent or bad).
int page_of(const http::Request& req) {
  std::optional<int64_t> p = positive_id(req.query_param("page").value_or("1"));
  return static_cast<int>(std::min<int64_t>(p.value_or(1), 100000));
}

// Monday's ISO week of `date` ("2026-W48").
std::string iso_week_of(domain::Date date) {
  const domain::Date thursday = date.plus_days(4 - date.iso_weekday());
  const domain::Date jan1 = domain::Date::from_ymd(thursday.year(), 1, 1);
  const int week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year(), week);
  return buf;
}

// The highest body the user supervises (the first without a supervised parent), or nullptr.
const store::BodyRow* top_managed(const Scope& scope) {
  for (const store::BodyRow& b : scope.bodies) {
    if (scope.manage.contains(b.id) && (!b.parent_id || !scope.manage.contains(*b.parent_id))) return &b;
  }
  return nullptr;
}

// Template `name` with the desk's navigation in {{{monitor_nav}}}.
std::string render_desk(const std::string& name, Data d) {
  d.set("monitor_nav", render("staff_monitor_nav", Data()));
  return render(name, d);
}

}  // namespace

void StaffMonitor::register_routes(http::Router& router) {
  auto bind = [this](http::Response (StaffMonitor::*fn)(const http::Request&)) {
    return [this, fn](const http::Request& req) { return (this->*fn)(req); };
  };
  router.add("GET", "/staff/monitor", bind(&StaffMonitor::findings));
  router.add("POST", "/staff/monitor/circulars", bind(&StaffMonitor::issue));
  router.add("GET", "/staff/monitor/circulars", bind(&StaffMonitor::circulars));
  router.add("GET", "/staff/monitor/circulars/{id}", bind(&StaffMonitor::circular));
  router.add("POST", "/staff/monitor/circulars/{id}/answer", bind(&StaffMonitor::answer));
  router.add("GET", "/staff/monitor/sites", bind(&StaffMonitor::sites));
  router.add("POST", "/staff/monitor/sites", bind(&StaffMonitor::add_site));
  router.add("POST", "/staff/monitor/sites/{code}/columns", bind(&StaffMonitor::add_column));
  router.add("GET", "/staff/monitor/accounts", bind(&StaffMonitor::accounts));
  router.add("GET", "/staff/monitor/accounts/{id}", bind(&StaffMonitor::account));
  router.add("GET", "/staff/monitor/weekly", bind(&StaffMonitor::weekly));
  router.add("GET", "/staff/monitor/assessment", bind(&StaffMonitor::assessment));
  router.add("POST", "/staff/monitor/assessment/highlights", bind(&StaffMonitor::add_highlight));
  router.add("POST", "/staff/monitor/assessment/highlights/{id}/remove", bind(&StaffMonitor::remove_highlight));
}

namespace {

http::Response busy(Staff& staff, const http::Request& req, const Staff::Context* ctx, const Status& s) {
  std::fprintf(stderr, "gongkai: staff %s: %s\n", req.path.c_str(), s.message().c_str());
  return staff.error(req, ctx, 500, "系统繁忙", "服务器暂时无法处理您的请求，请稍后再试。问题已记录。");
}

http::Response not_found(Staff& staff, const http::Request& req, const Staff::Context& ctx,
                         const std::string& what) {
  return staff.error(req, &ctx, 404, what + "不存在", "没有这条记录，或它不在您有权查看的机构范围内。");
}

// A request on the desk past the gate: its connection, the signed-in context and the user's scope — or, with
// `ctx` empty, the response to send instead (sign-in, CSRF refusal, database trouble).
struct Entry {
  std::optional<store::ConnectionPool::Lease> conn;
  std::optional<Staff::Context> ctx;
  Scope scope;
  http::Response response;
};

Entry enter(Portal& portal, Staff& staff, const http::Request& req, bool post) {
  Entry e;
  Result<store::ConnectionPool::Lease> conn = portal.pool().acquire();
  if (!conn) {
    e.response = staff.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
    return e;
  }
  Staff::Gate g = staff.gate(req, **conn, post);
  if (!g.context) {
    e.response = std::move(g.response);
    return e;
  }
  Result<Scope> scope = scope_of(**conn, g.context->user());
  if (!scope) {
    e.response = busy(staff, req, &*g.context, scope.status());
    return e;
  }
  e.scope = std::move(*scope);
  e.ctx = std::move(g.context);
  e.conn.emplace(std::move(*conn));
  return e;
}

}  // namespace

http::Response StaffMonitor::findings(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  if (scope->empty()) return staff_.forbidden(req, ctx, kManage, ctx.user().body_id);

  const std::string site_code = req.query_param("site").value_or("");
  const std::string unit = req.query_param("unit").value_or("");
  std::string grade = req.query_param("grade").value_or("");
  if (grade != "red" && grade != "yellow") grade.clear();
  std::string status = req.query_param("status").value_or("open");
  if (status != "open" && status != "closed" && status != "all") status = "open";
  const int page_no = page_of(req);

  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(**conn);
  if (!sites) return busy(staff_, req, &ctx, sites.status());
  std::map<int64_t, std::string> site_names;
  std::optional<int64_t> site_id;
  Data site_list = list();
  for (const store::MonitorSiteRow& s : *sites) {
    site_names[s.id] = s.name;
    if (s.code == site_code) site_id = s.id;
    Data sd;
    sd.set("code", s.code);
    sd.set("name", s.name);
    sd.set("selected", s.code == site_code);
    site_list.push_back(sd);
  }
  // Scope, unit, grade and state are conditions of the query; only the page's rows are read.
  store::FindingFilter filter;
  filter.state = status == "all" ? std::nullopt : std::optional<std::string>(status);
  if (!grade.empty()) filter.grade = grade;
  if (site_id) filter.site_id = site_id;
  filter.body_ids.emplace();
  for (const store::BodyRow& b : scope->bodies) {
    if (unit.empty() || b.code == unit) filter.body_ids->push_back(b.id);
  }
  Result<int64_t> counted = store::count_findings(**conn, filter);
  if (!counted) return busy(staff_, req, &ctx, counted.status());
  const int64_t total = *counted;
  filter.limit = kPageSize;
  filter.offset = static_cast<int64_t>(page_no - 1) * kPageSize;
  Result<std::vector<store::FindingRow>> shown = store::list_findings(**conn, filter);
  if (!shown) return busy(staff_, req, &ctx, shown.status());
  // The circulars the page's findings are on, and nothing more.
  std::map<int64_t, store::CircularRow> circulars;
  for (const store::FindingRow& f : *shown) {
    if (!f.circular_id || circulars.contains(*f.circular_id)) continue;
    Result<std::optional<store::CircularRow>> c = store::find_circular_by_id(**conn, *f.circular_id);
    if (!c) return busy(staff_, req, &ctx, c.status());
    if (*c) circulars[*f.circular_id] = **c;
  }
  Data rows = list();
  bool any_selectable = false;
  for (const store::FindingRow& f : *shown) {
    const bool selectable = f.state == "open" && !f.circular_id && scope->manage.contains(f.body_id);
    any_selectable = any_selectable || selectable;
    rows.push_back(finding_data(f, circulars, site_names, selectable));
  }
  Data d;
  d.set("csrf", ctx.csrf);
  set_list(d, "findings", rows);
  d.set("total", std::to_string(total));
  d.set("sites", site_list);
  d.set("units", body_options(
                     *scope,
                     [&] {
                       std::set<int64_t> all_ids = scope->manage;
                       all_ids.insert(scope->answer.begin(), scope->answer.end());
                       return all_ids;
                     }(),
                     unit));
  d.set("grade_red", grade == "red");
  d.set("grade_yellow", grade == "yellow");
  d.set("status_open", status == "open");
  d.set("status_closed", status == "closed");
  d.set("status_all", status == "all");
  d.set("can_issue", any_selectable);
  d.set("manages", !scope->manage.empty());
  const std::string base = "/staff/monitor?site=" + url_encode(site_code) + "&unit=" + url_encode(unit) +
                           "&grade=" + url_encode(grade) + "&status=" + url_encode(status);
  d.set("pager", pager(base, total, page_no, kPageSize));
  return staff_.page(req, &ctx, "网站和政务新媒体监测", render_desk("staff_monitor_findings", d));
}

http::Response StaffMonitor::issue(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  const FormPairs form = req.form();
  std::vector<int64_t> ids;
  for (const auto& [k, v] : form) {
    if (k != "finding") continue;
    std::optional<int64_t> id = positive_id(v);
    if (!id) return staff_.error(req, &ctx, 400, "无法下发通报", "所选问题的编号无效，请返回重新选择。");
    ids.push_back(*id);
  }
  if (ids.empty()) return staff_.error(req, &ctx, 400, "无法下发通报", "请至少选择一个未整改的问题。");
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > 200) return staff_.error(req, &ctx, 400, "无法下发通报", "一份通报最多列入200个问题。");
  const std::string days_text = trimmed_field(form, "deadline_days");
  std::optional<int64_t> days = positive_id(days_text.empty() ? "5" : days_text);
  if (!days || *days > 60) {
    return staff_.error(req, &ctx, 400, "无法下发通报", "整改期限应为1至60个工作日。");
  }
  store::FindingFilter filter;
  filter.state.reset();
  filter.ids = ids;
  Result<std::vector<store::FindingRow>> all = store::list_findings(**conn, filter);
  if (!all) return busy(staff_, req, &ctx, all.status());
  std::optional<store::FindingRow> first;
  for (int64_t id : ids) {
    auto it = std::find_if(all->begin(), all->end(), [&](const store::FindingRow& f) { return f.id == id; });
    if (it == all->end() || !scope->sees(it->body_id)) return not_found(staff_, req, ctx, "问题");
    if (!first) first = *it;
    if (it->body_id != first->body_id) {
      return staff_.error(req, &ctx, 400, "无法下发通报", "一份通报只发给一个单位：所选问题须属于同一单位。");
    }
    if (it->state != "open" || it->circular_id) {
      return staff_.error(req, &ctx, 409, "无法下发通报",
                          "问题" + std::to_string(id) + "已整改或已列入其他通报。");
    }
  }
  if (!scope->manage.contains(first->body_id)) return staff_.forbidden(req, ctx, kManage, first->body_id);
  services::CircularSpec spec;
  spec.body_code = first->body_code;
  spec.deadline_working_days = static_cast<int>(*days);
  spec.finding_ids = ids;
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  Result<store::CircularRow> c = services::issue_circular(inst_, spec, &actor);
  if (!c) {
    if (c.status().code() == StatusCode::kInvalid || c.status().code() == StatusCode::kConflict) {
      return staff_.error(req, &ctx, 409, "无法下发通报",
                          "所选问题已有变化（已整改或已列入通报），请刷新后重试。");
    }
    return busy(staff_, req, &ctx, c.status());
  }
  return http::Response::redirect("/staff/monitor/circulars/" + std::to_string(c->id) + "?done=issued", 303);
}

http::Response StaffMonitor::circulars(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  if (scope->empty()) return staff_.forbidden(req, ctx, kAnswer, ctx.user().body_id);
  Result<std::vector<store::CircularRow>> all = store::list_circulars(**conn, "", "");
  if (!all) return busy(staff_, req, &ctx, all.status());
  const std::string today = china_today();
  const int page_no = page_of(req);
  std::vector<const store::CircularRow*> shown;
  int overdue_count = 0;
  for (const store::CircularRow& c : *all) {
    if (!scope->sees(c.body_id)) continue;
    shown.push_back(&c);
    overdue_count += overdue(c, today) ? 1 : 0;
  }
  Data rows = list();
  for (size_t idx = static_cast<size_t>(page_no - 1) * kPageSize;
       idx < shown.size() && idx < static_cast<size_t>(page_no) * kPageSize; ++idx) {
    rows.push_back(circular_data(*shown[idx], today));
  }
  Data d;
  set_list(d, "circulars", rows);
  d.set("total", std::to_string(shown.size()));
  d.set("overdue", std::to_string(overdue_count));
  d.set("pager", pager("/staff/monitor/circulars", static_cast<int64_t>(shown.size()), page_no, kPageSize));
  return staff_.page(req, &ctx, "整改通报", render_desk("staff_monitor_circulars", d));
}

http::Response StaffMonitor::circular(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return not_found(staff_, req, *e.ctx, "整改通报");
  const std::string done = req.query_param("done").value_or("");
  return circular_page(req, **conn, *e.ctx, *id,
                       done == "issued"     ? "整改通报已下发。"
                       : done == "answered" ? "整改情况已报送，问题将在复查通过后销号。"
                                            : "",
                       "");
}

http::Response StaffMonitor::circular_page(const http::Request& req, store::Connection& conn,
                                           const Staff::Context& ctx, int64_t id, const std::string& notice,
                                           const std::string& problem) {
  Result<Scope> scope = scope_of(conn, ctx.user());
  if (!scope) return busy(staff_, req, &ctx, scope.status());
  Result<std::optional<store::CircularRow>> c = store::find_circular_by_id(conn, id);
  if (!c) return busy(staff_, req, &ctx, c.status());
  if (!*c || !scope->sees((*c)->body_id)) return not_found(staff_, req, ctx, "整改通报");
  const store::CircularRow& row = **c;
  store::FindingFilter filter;
  filter.state.reset();
  filter.circular_id = row.id;
  Result<std::vector<store::FindingRow>> listed = store::list_findings(conn, filter);
  if (!listed) return busy(staff_, req, &ctx, listed.status());
  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(conn);
  if (!sites) return busy(staff_, req, &ctx, sites.status());
  std::map<int64_t, std::string> site_names;
  for (const store::MonitorSiteRow& s : *sites) site_names[s.id] = s.name;
  const std::string today = china_today();
  Data d = circular_data(row, today);
  d.set("csrf", ctx.csrf);
  Data rows = list();
  for (const store::FindingRow& f : *listed) rows.push_back(finding_data(f, {}, site_names, false));
  set_list(d, "findings", rows);
  d.set("answer", row.answer.value_or(""));
  d.set("has_answer", row.answer.has_value());
  d.set("closed", row.state == "closed");
  d.set("closed_on", row.closed_on.value_or(""));
  d.set("escalated_on", row.escalated_on.value_or(""));
  d.set("can_answer", row.state != "closed" && scope->answer.contains(row.body_id));
  if (!notice.empty()) d.set("notice", notice);
  if (!problem.empty()) d.set("problem", problem);
  return staff_.page(req, &ctx, row.number, render_desk("staff_monitor_circular", d),
                     problem.empty() ? 200 : 400);
}

http::Response StaffMonitor::answer(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return not_found(staff_, req, ctx, "整改通报");
  Result<std::optional<store::CircularRow>> c = store::find_circular_by_id(**conn, *id);
  if (!c) return busy(staff_, req, &ctx, c.status());
  if (!*c || !scope->sees((*c)->body_id)) return not_found(staff_, req, ctx, "整改通报");
  if (!scope->answer.contains((*c)->body_id)) return staff_.forbidden(req, ctx, kAnswer, (*c)->body_id);
  const std::string text = trimmed_field(req.form(), "answer");
  if (text.empty())
    return circular_page(req, **conn, ctx, *id, "", "请填写整改情况：已改正的问题和采取的措施。");
  if (text.size() > 20000) return circular_page(req, **conn, ctx, *id, "", "整改情况不能超过20000字节。");
  if ((*c)->state == "closed")
    return circular_page(req, **conn, ctx, *id, "", "该通报已办结，无需再报送整改情况。");
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  Status s = services::answer_circular(inst_, (*c)->number, text, "", &actor);
  if (!s) {
    if (s.code() == StatusCode::kConflict)
      return circular_page(req, **conn, ctx, *id, "", "该通报已办结，无需再报送整改情况。");
    return busy(staff_, req, &ctx, s);
  }
  return http::Response::redirect("/staff/monitor/circulars/" + std::to_string(*id) + "?done=answered", 303);
}

http::Response StaffMonitor::sites(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const std::string done = req.query_param("done").value_or("");
  return sites_page(req, **conn, *e.ctx,
                    done == "site"     ? "网站已登记。"
                    : done == "column" ? "栏目已登记。"
                                       : "",
                    200);
}

http::Response StaffMonitor::sites_page(const http::Request& req, store::Connection& conn,
                                        const Staff::Context& ctx, const std::string& message, int status) {
  Result<Scope> scope = scope_of(conn, ctx.user());
  if (!scope) return busy(staff_, req, &ctx, scope.status());
  if (scope->manage.empty()) return staff_.forbidden(req, ctx, kManage, ctx.user().body_id);
  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(conn);
  if (!sites) return busy(staff_, req, &ctx, sites.status());
  Data d;
  d.set("csrf", ctx.csrf);
  if (!message.empty()) d.set(status == 200 ? "notice" : "problem", message);
  Data site_rows = list();
  Data types = list();
  for (const std::string& t : services::monitor_column_types()) {
    Data td;
    td.set("code", t);
    td.set("label", column_type_label(t));
    types.push_back(td);
  }
  std::map<int64_t, std::string> body_names;
  for (const store::BodyRow& b : scope->bodies) body_names[b.id] = b.name;
  for (const store::MonitorSiteRow& s : *sites) {
    if (!scope->manage.contains(s.body_id)) continue;
    Result<std::vector<store::MonitorColumnRow>> cols = store::list_monitor_columns(conn, s.id);
    if (!cols) return busy(staff_, req, &ctx, cols.status());
    Result<std::optional<std::string>> last = store::last_run_finished_at(conn, s.id);
    if (!last) return busy(staff_, req, &ctx, last.status());
    Data sd;
    sd.set("code", s.code);
    sd.set("name", s.name);
    sd.set("unit", s.body_name);
    sd.set("url", s.home_url);
    sd.set("page_budget", std::to_string(s.page_budget));
    sd.set("check_every_hours", std::to_string(s.check_every_hours));
    sd.set("probes_per_day", std::to_string(s.probes_per_day));
    sd.set("active", s.active);
    sd.set("last_checked", last->value_or("尚未检查"));
    Data col_rows = list();
    for (const store::MonitorColumnRow& c : *cols) {
      Data cd;
      cd.set("name", c.name);
      cd.set("url", c.url);
      cd.set("type", column_type_label(c.type));
      cd.set("interval",
             c.update_interval_days ? std::to_string(*c.update_interval_days) + "天" : std::string("按规则"));
      cd.set("unit", c.body_id && body_names.contains(*c.body_id) ? body_names.at(*c.body_id) : s.body_name);
      col_rows.push_back(cd);
    }
    set_list(sd, "columns", col_rows);
    sd.set("types", types);
    sd.set("units", body_options(*scope, scope->manage, ""));
    sd.set("csrf", ctx.csrf);
    site_rows.push_back(sd);
  }
  set_list(d, "sites", site_rows);
  d.set("units", body_options(*scope, scope->manage, ""));
  return staff_.page(req, &ctx, "监测网站和栏目", render_desk("staff_monitor_sites", d), status);
}

http::Response StaffMonitor::add_site(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Staff::Context& ctx = *e.ctx;
  const FormPairs form = req.form();
  services::MonitorSiteSpec spec;
  spec.code = trimmed_field(form, "code");
  spec.name = trimmed_field(form, "name");
  spec.body_code = trimmed_field(form, "body");
  spec.home_url = trimmed_field(form, "url");
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, spec.body_code);
  if (!body) return busy(staff_, req, &ctx, body.status());
  if (!*body) return sites_page(req, **conn, ctx, "请选择负责网站的单位。", 400);
  if (!services::authorize(ctx.user(), kManage, (*body)->id))
    return staff_.forbidden(req, ctx, kManage, (*body)->id);
  const std::string budget = trimmed_field(form, "page_budget");
  const std::string hours = trimmed_field(form, "check_every_hours");
  std::optional<int64_t> budget_n = positive_id(budget.empty() ? "200" : budget);
  std::optional<int64_t> hours_n = positive_id(hours.empty() ? "24" : hours);
  if (spec.code.empty() || spec.code.size() > 64)
    return sites_page(req, **conn, ctx, "网站代码为1至64个字符。", 400);
  if (spec.name.empty()) return sites_page(req, **conn, ctx, "请填写网站名称。", 400);
  if (!spec.home_url.starts_with("http://") && !spec.home_url.starts_with("https://")) {
    return sites_page(req, **conn, ctx, "首页地址须以 http:// 或 https:// 开头。", 400);
  }
  if (!budget_n || *budget_n > 100000)
    return sites_page(req, **conn, ctx, "每次检查的页面数应为1至100000。", 400);
  if (!hours_n || *hours_n > 720) return sites_page(req, **conn, ctx, "检查间隔应为1至720小时。", 400);
  spec.page_budget = static_cast<int>(*budget_n);
  spec.check_every_hours = static_cast<int>(*hours_n);
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  Result<int64_t> id = services::add_monitor_site(inst_, spec, &actor);
  if (!id) {
    if (id.status().code() == StatusCode::kConflict)
      return sites_page(req, **conn, ctx, "网站代码“" + spec.code + "”已被使用。", 409);
    if (id.status().code() == StatusCode::kInvalid)
      return sites_page(req, **conn, ctx, "首页地址无效：" + spec.home_url, 400);
    return busy(staff_, req, &ctx, id.status());
  }
  return http::Response::redirect("/staff/monitor/sites?done=site", 303);
}

http::Response StaffMonitor::add_column(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  Result<std::optional<store::MonitorSiteRow>> site = store::find_monitor_site(**conn, req.params.at("code"));
  if (!site) return busy(staff_, req, &ctx, site.status());
  if (!*site || !scope->sees((*site)->body_id)) return not_found(staff_, req, ctx, "监测网站");
  if (!scope->manage.contains((*site)->body_id)) return staff_.forbidden(req, ctx, kManage, (*site)->body_id);
  const FormPairs form = req.form();
  services::MonitorColumnSpec spec;
  spec.site_code = (*site)->code;
  spec.name = trimmed_field(form, "name");
  spec.url = trimmed_field(form, "url");
  spec.type = trimmed_field(form, "type");
  spec.body_code = trimmed_field(form, "body");
  const std::string interval = trimmed_field(form, "interval");
  if (spec.name.empty()) return sites_page(req, **conn, ctx, "请填写栏目名称。", 400);
  if (spec.url.empty())
    return sites_page(req, **conn, ctx, "请填写栏目地址（本站的完整地址或以 / 开头的路径）。", 400);
  const std::vector<std::string>& types = services::monitor_column_types();
  if (std::find(types.begin(), types.end(), spec.type) == types.end()) {
    return sites_page(req, **conn, ctx, "请选择栏目类型。", 400);
  }
  if (!interval.empty()) {
    std::optional<int64_t> days = positive_id(interval);
    if (!days || *days > 3650)
      return sites_page(req, **conn, ctx, "更新周期应为1至3650天，或留空按检查规则。", 400);
    spec.interval_days = static_cast<int>(*days);
  }
  if (!spec.body_code.empty()) {
    Result<std::optional<store::BodyRow>> body = store::find_body(**conn, spec.body_code);
    if (!body) return busy(staff_, req, &ctx, body.status());
    if (!*body) return sites_page(req, **conn, ctx, "栏目维护单位不存在。", 400);
    if (!scope->manage.contains((*body)->id)) return staff_.forbidden(req, ctx, kManage, (*body)->id);
  }
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  Result<int64_t> id = services::add_monitor_column(inst_, spec, &actor);
  if (!id) {
    if (id.status().code() == StatusCode::kConflict)
      return sites_page(req, **conn, ctx, "该网站已登记了这个栏目地址。", 409);
    if (id.status().code() == StatusCode::kInvalid) {
      return sites_page(req, **conn, ctx, "栏目地址须在本网站上（" + (*site)->home_url + "）。", 400);
    }
    return busy(staff_, req, &ctx, id.status());
  }
  return http::Response::redirect("/staff/monitor/sites?done=column", 303);
}

http::Response StaffMonitor::accounts(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  if (scope->empty()) return staff_.forbidden(req, ctx, kManage, ctx.user().body_id);
  Result<std::vector<store::NewMediaAccountRow>> all =
      store::list_newmedia_accounts(**conn, std::nullopt, false);
  if (!all) return busy(staff_, req, &ctx, all.status());
  const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
  Data rows = list();
  int shown = 0, quiet = 0;
  for (const store::NewMediaAccountRow& a : *all) {
    if (!scope->sees(a.body_id)) continue;
    ++shown;
    Data ad;
    ad.set("id", std::to_string(a.id));
    ad.set("unit", a.body_name);
    ad.set("platform", platform_label(a.platform));
    ad.set("name", a.name);
    ad.set("status", a.status == "active" ? "正常" : a.status == "suspended" ? "暂停" : "已关停");
    ad.set("filing", a.filing_number.value_or("未备案"));
    ad.set("opened_on", a.opened_on);
    ad.set("closed_on", a.closed_on.value_or(""));
    ad.set("last_update", a.last_update.value_or("无更新记录"));
    std::optional<domain::Date> last = a.last_update ? domain::Date::parse(*a.last_update) : std::nullopt;
    const int silent = last ? today.days_since_epoch() - last->days_since_epoch() : 9999;
    if (a.status == "active") {
      const char* mark = silent > 14 ? "red" : silent > 7 ? "yellow" : "";
      ad.set("mark", std::string(mark));
      ad.set("mark_label", std::string(silent > 14  ? "超过2周未更新（单项否决）"
                                       : silent > 7 ? "超过1周未更新"
                                                    : ""));
      quiet += silent > 7 ? 1 : 0;
    }
    rows.push_back(ad);
  }
  Data d;
  set_list(d, "accounts", rows);
  d.set("total", std::to_string(shown));
  d.set("quiet", std::to_string(quiet));
  return staff_.page(req, &ctx, "政务新媒体", render_desk("staff_monitor_accounts", d));
}

http::Response StaffMonitor::account(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  std::optional<store::ConnectionPool::Lease>& conn = e.conn;
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return not_found(staff_, req, ctx, "政务新媒体账号");
  Result<std::optional<store::NewMediaAccountRow>> a = store::find_newmedia_account_by_id(**conn, *id);
  if (!a) return busy(staff_, req, &ctx, a.status());
  if (!*a || !scope->sees((*a)->body_id)) return not_found(staff_, req, ctx, "政务新媒体账号");
  Result<std::vector<store::NewMediaUpdateRow>> updates = store::list_newmedia_updates(**conn, *id, 100);
  if (!updates) return busy(staff_, req, &ctx, updates.status());
  Data d;
  d.set("unit", (*a)->body_name);
  d.set("platform", platform_label((*a)->platform));
  d.set("name", (*a)->name);
  d.set("filing", (*a)->filing_number.value_or("未备案"));
  d.set("opened_on", (*a)->opened_on);
  d.set("last_update", (*a)->last_update.value_or("无更新记录"));
  Data rows = list();
  for (const store::NewMediaUpdateRow& u : *updates) {
    Data ud;
    ud.set("posted_on", u.posted_on);
    ud.set("title", u.title);
    ud.set("url", u.url);
    ud.set("source", u.source == "import" ? "平台导出导入" : u.source == "entry" ? "人工录入" : "示例数据");
    rows.push_back(ud);
  }
  set_list(d, "updates", rows);
  return staff_.page(req, &ctx, (*a)->name, render_desk("staff_monitor_account", d));
}

http::Response StaffMonitor::weekly(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  if (scope->manage.empty()) return staff_.forbidden(req, ctx, kManage, ctx.user().body_id);
  const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
  const std::string week = req.query_param("week").value_or(iso_week_of(today));
  const std::string format = req.query_param("format").value_or("");
  Data d;
  d.set("week", week);
  if (!services::iso_week_monday(week)) {
    d.set("problem", "请按“年-W周”填写周次，例如 " + iso_week_of(today) + "。");
    return staff_.page(req, &ctx, "一周一通报", render_desk("staff_monitor_weekly", d), 400);
  }
  if (format != "html" && format != "pdf")
    return staff_.page(req, &ctx, "一周一通报", render_desk("staff_monitor_weekly", d));
  Result<services::WeeklyReport> report = services::weekly_report(inst_, week);
  if (!report) return busy(staff_, req, &ctx, report.status());
  // Only what the user supervises.
  auto outside = [&](int64_t body_id) { return !scope->manage.contains(body_id); };
  std::erase_if(report->new_findings, [&](const store::FindingRow& f) { return outside(f.body_id); });
  std::erase_if(report->open_findings, [&](const store::FindingRow& f) { return outside(f.body_id); });
  std::erase_if(report->circulars, [&](const store::CircularRow& c) { return outside(c.body_id); });
  std::erase_if(report->overdue, [&](const store::CircularRow& c) { return outside(c.body_id); });
  std::erase_if(report->quiet_accounts,
                [&](const store::NewMediaAccountRow& a) { return outside(a.body_id); });
  const store::BodyRow* top = top_managed(*scope);
  const std::string issuer = top ? top->name : "";
  if (format == "html") {
    http::Response r = http::Response::html(render_weekly_circular(*report, issuer));
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  Result<std::string> pdf = render_weekly_circular_pdf(*report, issuer);
  if (!pdf) return staff_.error(req, &ctx, 500, "无法生成 PDF", "生成一周一通报的 PDF 时出错，问题已记录。");
  http::Response r;
  r.body = std::move(*pdf);
  r.set_header("Content-Type", "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"weekly-" + week + ".pdf\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response StaffMonitor::assessment(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, false);
  if (!e.ctx) return std::move(e.response);
  const Scope* scope = &e.scope;
  const Staff::Context& ctx = *e.ctx;
  const store::BodyRow* top = top_managed(*scope);
  if (!top) return staff_.forbidden(req, ctx, kManage, ctx.user().body_id);
  const std::string this_year = china_today().substr(0, 4);
  const std::string year_text = req.query_param("year").value_or(this_year);
  std::optional<int64_t> year = positive_id(year_text);
  Data d;
  d.set("year", year_text);
  if (!year || *year < 1990 || *year > 2199) {
    d.set("problem", "请填写四位数的年份，例如 " + this_year + "。");
    return staff_.page(req, &ctx, "年度考核", render_desk("staff_monitor_assessment", d), 400);
  }
  Result<services::AssessmentReport> report =
      services::assess_units(inst_, static_cast<int>(*year), top->code);
  if (!report) return busy(staff_, req, &ctx, report.status());
  Data rows = list();
  for (const services::UnitAssessment& u : report->units) {
    Data ud;
    ud.set("rank", std::to_string(u.rank));
    ud.set("code", u.body.code);
    ud.set("unit", u.body.name);
    ud.set("score", domain::format_points(u.score.score));
    ud.set("deductions", domain::format_points(u.score.deductions));
    ud.set("bonuses", u.score.bonus_counted ? domain::format_points(u.score.bonuses) : std::string("不计"));
    ud.set("passed", u.score.passed);
    ud.set("result", u.score.passed ? "合格" : u.score.veto ? "不合格（单项否决）" : "不合格");
    Data lines = list();
    for (const domain::ScoreLine& l : u.score.lines) {
      Data ld;
      ld.set("label", l.label);
      ld.set("count", std::to_string(l.count));
      ld.set("points", l.kind == "veto" ? std::string("否决")
                                        : (l.points > 0 ? "+" : "") + domain::format_points(l.points));
      lines.push_back(ld);
    }
    set_list(ud, "lines", lines);
    rows.push_back(ud);
  }
  set_list(d, "units", rows);
  d.set("root", report->root_name);
  d.set("circulars", std::to_string(report->rectification_circulars));
  Data rules = list();
  for (const domain::AssessmentRule& r : services::assessment_rules().all()) {
    Data rd;
    rd.set("label", r.label);
    rd.set("kind", r.kind == "veto" ? "单项否决" : r.kind == "bonus" ? "加分" : "扣分");
    rd.set("points", r.kind == "veto" ? std::string("—") : domain::format_points(r.points));
    rd.set("cap", r.cap ? domain::format_points(*r.cap) : std::string("—"));
    rd.set("source", r.source);
    rules.push_back(rd);
  }
  d.set("rules", rules);
  Data highlight_rules = list();
  for (const domain::AssessmentRule& r : services::assessment_rules().all()) {
    if (r.basis != "highlight") continue;
    Data rd;
    rd.set("id", r.id);
    rd.set("label", r.label + "（+" + domain::format_points(r.points) + "分）");
    highlight_rules.push_back(rd);
  }
  d.set("highlight_rules", highlight_rules);
  Result<std::vector<store::HighlightRow>> highlights =
      store::list_highlights(**e.conn, static_cast<int>(*year));
  if (!highlights) return busy(staff_, req, &ctx, highlights.status());
  Data recorded = list();
  for (const store::HighlightRow& h : *highlights) {
    if (!scope->manage.contains(h.body_id)) continue;
    const domain::AssessmentRule* r = services::assessment_rules().find(h.rule_id);
    Data hd;
    hd.set("id", std::to_string(h.id));
    hd.set("unit", h.body_name);
    hd.set("rule", r ? r->label : h.rule_id);
    hd.set("note", h.note);
    hd.set("recorded_by", h.recorded_by);
    recorded.push_back(hd);
  }
  set_list(d, "highlights", recorded);
  d.set("csrf", ctx.csrf);
  if (req.query_param("done") == "highlight")
    d.set("notice", std::string("工作亮点已登记，已计入考核加分。"));
  if (req.query_param("done") == "highlight_removed")
    d.set("notice", std::string("工作亮点已撤销，考核不再计入这项加分；撤销的理由已记入审计日志。"));
  return staff_.page(req, &ctx, "年度考核", render_desk("staff_monitor_assessment", d));
}

http::Response StaffMonitor::add_highlight(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  const Staff::Context& ctx = *e.ctx;
  const FormPairs form = req.form();
  services::HighlightSpec spec;
  spec.body_code = trimmed_field(form, "body");
  spec.rule_id = trimmed_field(form, "rule");
  spec.note = trimmed_field(form, "note");
  const std::optional<int64_t> year = positive_id(trimmed_field(form, "year"));
  Result<std::optional<store::BodyRow>> body = store::find_body(**e.conn, spec.body_code);
  if (!body) return busy(staff_, req, &ctx, body.status());
  if (!*body || !e.scope.sees((*body)->id)) return not_found(staff_, req, ctx, "单位");
  if (!e.scope.manage.contains((*body)->id)) return staff_.forbidden(req, ctx, kManage, (*body)->id);
  const domain::AssessmentRule* rule = services::assessment_rules().find(spec.rule_id);
  if (!year || *year < 1990 || *year > 2199) {
    return staff_.error(req, &ctx, 400, "无法登记工作亮点", "年度无效，请返回年度考核页面重新填写。");
  }
  if (!rule || rule->basis != "highlight") {
    return staff_.error(req, &ctx, 400, "无法登记工作亮点", "请选择一项工作亮点加分项目。");
  }
  if (spec.note.empty() || spec.note.size() > 4000) {
    return staff_.error(req, &ctx, 400, "无法登记工作亮点",
                        "请写明该单位的具体做法或受到的表扬（不超过4000字节）。");
  }
  spec.year = static_cast<int>(*year);
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  Result<int64_t> id = services::add_highlight(inst_, spec, &actor);
  if (!id) return busy(staff_, req, &ctx, id.status());
  return http::Response::redirect(
      "/staff/monitor/assessment?year=" + std::to_string(*year) + "&done=highlight", 303);
}

http::Response StaffMonitor::remove_highlight(const http::Request& req) {
  Entry e = enter(portal_, staff_, req, true);
  if (!e.ctx) return std::move(e.response);
  const Staff::Context& ctx = *e.ctx;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return not_found(staff_, req, ctx, "工作亮点");
  Result<std::optional<store::HighlightRow>> h = store::find_highlight(**e.conn, *id);
  if (!h) return busy(staff_, req, &ctx, h.status());
  if (!*h || !e.scope.sees((*h)->body_id)) return not_found(staff_, req, ctx, "工作亮点");
  if (!e.scope.manage.contains((*h)->body_id)) return staff_.forbidden(req, ctx, kManage, (*h)->body_id);
  const std::string reason = trimmed_field(req.form(), "reason");
  if (reason.empty() || reason.size() > 2000) {
    return staff_.error(req, &ctx, 400, "无法撤销工作亮点", "请写明撤销的理由（不超过2000字节）。");
  }
  const int64_t year = (*h)->year;
  e.conn.reset();  // the service opens its own connection for the write
  const services::AuditActor actor = actor_of(ctx, client_address(req, trust_proxy_));
  const std::set<int64_t> managed = e.scope.manage;
  Status s = services::remove_highlight(inst_, *id, reason, &actor,
                                        [&](int64_t body_id) { return managed.contains(body_id); });
  if (s.code() == StatusCode::kNotFound) return not_found(staff_, req, ctx, "工作亮点");
  if (!s) return busy(staff_, req, &ctx, s);
  return http::Response::redirect(
      "/staff/monitor/assessment?year=" + std::to_string(year) + "&done=highlight_removed", 303);
}

}  // namespace gongkai::web
