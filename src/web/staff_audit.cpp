// The audit log on the web (/staff/audit): search by who, what, when and target within the bodies where the user
// holds audit.read (installation-wide entries for global roles only), paging, CSV export of the search, and the
// hash-chain check (services/audit verify_audit) behind a button.
#include "io/csv.h"
#include "services/audit.h"
#include "services/policy.h"
#include "store/audit_search.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/pager.h"
#include "web/staff_policy.h"
#include "web/templates.h"

namespace gongkai::web {

namespace {

constexpr int kAuditPageSize = 50;
constexpr int64_t kCsvMaxRows = 100000;
constexpr std::string_view kAuditActions[] = {"audit.read"};

std::optional<std::string> non_empty(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  const size_t start = v->find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  return v->substr(start, v->find_last_not_of(" \t") - start + 1);
}

std::string date_or_empty(const std::optional<std::string>& v) {
  if (!v || !domain::Date::parse(*v)) return "";
  return *v;
}

}  // namespace

http::Response PolicyDesk::audit(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  Result<std::vector<int64_t>> bodies = services::bodies_with_any(**conn, ctx.user(), kAuditActions);
  if (!bodies) return staff_.failure(req, ctx, bodies.status(), 0);
  if (bodies->empty()) return staff_.forbidden(req, ctx, "audit.read", ctx.user().body_id);
  store::AuditFilter filter;
  filter.body_ids = *bodies;
  // A global grant (platform administrator) also sees installation-wide entries; no body id -1 exists, so only
  // a global role passes this check.
  filter.include_unscoped = services::authorize(ctx.user(), "audit.read", -1).is_ok();
  filter.actor = non_empty(req.query_param("who"));
  filter.action = non_empty(req.query_param("what"));
  filter.entity_type = non_empty(req.query_param("type"));
  filter.entity_id = non_empty(req.query_param("target"));
  const std::string from = date_or_empty(req.query_param("from"));
  const std::string to = date_or_empty(req.query_param("to"));
  if (!from.empty()) filter.from_date = from;
  if (!to.empty()) filter.to_date = to;
  const bool csv = req.query_param("format").value_or("") == "csv";
  int page_no = 1;
  if (std::optional<int64_t> p = positive_id(req.query_param("page").value_or(""))) {
    page_no = static_cast<int>(std::min<int64_t>(*p, 1000000));
  }
  filter.limit = csv ? kCsvMaxRows : kAuditPageSize;
  filter.offset = csv ? 0 : int64_t{page_no - 1} * kAuditPageSize;
  Result<store::AuditPage> found = store::search_audit(**conn, filter);
  if (!found) return staff_.failure(req, ctx, found.status(), 0);
  if (csv) {
    std::string out = "\xEF\xBB\xBF" + io::format_csv_line({"id", "time_utc", "actor", "remote_addr", "action",
                                                            "entity_type", "entity_id", "body_id", "before", "after",
                                                            "hash"});
    for (const store::AuditRow& r : found->rows) {
      out += io::format_csv_line({std::to_string(r.id), r.at, r.actor_label, r.remote_addr.value_or(""), r.action,
                                  r.entity_type, r.entity_id.value_or(""),
                                  r.body_id ? std::to_string(*r.body_id) : "", r.before_json.value_or(""),
                                  r.after_json.value_or(""), r.hash});
    }
    http::Response res = http::Response::text(out);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"audit.csv\"");
    res.set_header("Cache-Control", "no-store");
    return res;
  }
  Data rows = list();
  for (const store::AuditRow& r : found->rows) {
    Data rd;
    rd.set("id", std::to_string(r.id));
    rd.set("at", r.at.size() >= 19 ? r.at.substr(0, 19).replace(10, 1, " ") : r.at);
    rd.set("actor", r.actor_label);
    rd.set("remote_addr", r.remote_addr.value_or(""));
    rd.set("action", r.action);
    rd.set("target", r.entity_type + (r.entity_id ? " " + *r.entity_id : ""));
    rd.set("before", r.before_json.value_or(""));
    rd.set("after", r.after_json.value_or(""));
    rows.push_back(rd);
  }
  Data d;
  set_list(d, "entries", rows);
  d.set("total", std::to_string(found->total));
  d.set("who", filter.actor.value_or(""));
  d.set("what", filter.action.value_or(""));
  d.set("type", filter.entity_type.value_or(""));
  d.set("target", filter.entity_id.value_or(""));
  d.set("from", from);
  d.set("to", to);
  d.set("csrf", ctx.csrf);
  const std::string query = "who=" + url_encode(filter.actor.value_or("")) + "&what=" +
                            url_encode(filter.action.value_or("")) + "&type=" +
                            url_encode(filter.entity_type.value_or("")) + "&target=" +
                            url_encode(filter.entity_id.value_or("")) + "&from=" + from + "&to=" + to;
  d.set("csv_url", "/staff/audit?" + query + "&format=csv");
  d.set("pager", pager("/staff/audit?" + query, found->total, page_no, kAuditPageSize));
  return staff_.page(req, &ctx, "审计日志", render("staff_audit", d));
}

http::Response PolicyDesk::audit_verify(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  Result<std::vector<int64_t>> bodies = services::bodies_with_any(**conn, ctx.user(), kAuditActions);
  if (!bodies) return staff_.failure(req, ctx, bodies.status(), 0);
  if (bodies->empty()) return staff_.forbidden(req, ctx, "audit.read", ctx.user().body_id);
  Result<services::AuditVerifyReport> report = services::verify_audit(**conn);
  if (!report) return staff_.failure(req, ctx, report.status(), 0);
  // The result is rendered here, not passed on in a URL that anyone could forge.
  Data d;
  d.set("intact", report->intact);
  d.set("entries", std::to_string(report->entries));
  d.set("head_hash", report->head_hash);
  d.set("first_bad_id", std::to_string(report->first_bad_id));
  d.set("problem", report->problem);
  return staff_.page(req, &ctx, "审计日志校验", render("staff_audit_verify", d));
}

}  // namespace gongkai::web
