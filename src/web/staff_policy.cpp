// The policy library pages: the registry of normative documents with filing and validity, clean-up campaigns
// and their decisions, and the quarterly 发文目录清单 as a printable page and CSV.
#include "web/staff_policy.h"

#include <algorithm>
#include <cstdio>

#include "domain/normative.h"
#include "domain/vocabulary.h"
#include "io/csv.h"
#include "services/form_keys.h"
#include "store/bodies.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/pager.h"
#include "web/templates.h"

namespace gongkai::web {

namespace {

constexpr int kPageSize = 50;

// Sets err_<field> and the error summary list of a form.
void set_errors(Data& d, const std::vector<domain::FieldError>& errors,
                const std::vector<std::pair<std::string, std::string>>& labels) {
  Data list_data = list();
  for (const domain::FieldError& e : errors) {
    d.set("err_" + e.field, e.message);
    Data ed;
    ed.set("field", e.field);
    std::string label = e.field;
    for (const auto& [field, l] : labels) {
      if (field == e.field) label = l;
    }
    ed.set("label", label);
    ed.set("message", e.message);
    list_data.push_back(ed);
  }
  set_list(d, "errors", list_data);
}

Data doc_data(const store::PolicyDocRow& doc) {
  Data d;
  d.set("id", std::to_string(doc.id));
  d.set("title", doc.title);
  d.set("body_name", doc.body_name);
  d.set("doc_number", doc.doc_number.value_or(""));
  d.set("written_date", doc.written_date.value_or(""));
  d.set("publish_date", doc.publish_date);
  d.set("validity", doc.validity.value_or("（未标注）"));
  d.set("kind_label", doc.kind == "normative" ? "行政规范性文件" : "政府文件");
  d.set("draft", doc.status == "draft");
  d.set("filed", doc.filed_with.has_value());
  d.set("filed_with", doc.filed_with.value_or(""));
  d.set("filed_on", doc.filed_on.value_or(""));
  d.set("filing_number", doc.filing_number.value_or(""));
  d.set("interpreted", doc.interpreted);
  d.set("normative", doc.kind == "normative");
  return d;
}

std::optional<bool> yes_no(const std::optional<std::string>& v) {
  if (v == "yes") return true;
  if (v == "no") return false;
  return std::nullopt;
}

}  // namespace

PolicyDesk::PolicyDesk(Staff& staff, Portal& portal, services::Clock clock)
    : staff_(staff), portal_(portal), clock_(clock), library_(clock), consultations_(clock) {
  Result<std::string> key = services::form_challenge_key(staff.inst_);
  if (key) {
    challenges_ = std::make_unique<ChallengeIssuer>(std::move(*key));
  } else {
    std::fprintf(stderr, "gongkai: consultation comment form: no challenge key: %s\n",
                 key.status().message().c_str());
  }
}

void PolicyDesk::register_routes(http::Router& router) {
  auto bind = [this](http::Response (PolicyDesk::*fn)(const http::Request&)) {
    return [this, fn](const http::Request& req) { return (this->*fn)(req); };
  };
  router.add("GET", "/staff/policies", bind(&PolicyDesk::policies));
  router.add("GET", "/staff/policies/{id}", bind(&PolicyDesk::policy));
  router.add("POST", "/staff/policies/{id}/filing", bind(&PolicyDesk::record_filing));
  router.add("POST", "/staff/policies/{id}/validity", bind(&PolicyDesk::change_validity));
  router.add("GET", "/staff/cleanup", bind(&PolicyDesk::campaigns));
  router.add("POST", "/staff/cleanup", bind(&PolicyDesk::create_campaign));
  router.add("GET", "/staff/cleanup/{id}", bind(&PolicyDesk::campaign));
  router.add("POST", "/staff/cleanup/{id}/decide", bind(&PolicyDesk::decide));
  router.add("GET", "/staff/catalog", bind(&PolicyDesk::quarter_list));
  router.add("GET", "/staff/consultations", bind(&PolicyDesk::consultations));
  router.add("GET", "/staff/consultations/{id}", bind(&PolicyDesk::consultation));
  router.add("POST", "/staff/consultations/{id}/{action}", bind(&PolicyDesk::consultation_post));
  router.add("GET", "/staff/audit", bind(&PolicyDesk::audit));
  router.add("POST", "/staff/audit/verify", bind(&PolicyDesk::audit_verify));
  router.add("GET", "/consultations/{id}", bind(&PolicyDesk::public_consultation));
  router.add("POST", "/consultations/{id}/comments", bind(&PolicyDesk::public_comment), http::body_limit(64 * 1024));
}

http::Response PolicyDesk::policies(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  store::PolicyDocFilter filter;
  const std::string year = req.query_param("year").value_or("");
  if (std::optional<int64_t> y = positive_id(year); y && *y >= 1990 && *y <= 2199) filter.year = static_cast<int>(*y);
  filter.filed = yes_no(req.query_param("filed"));
  filter.interpreted = yes_no(req.query_param("interpreted"));
  int page_no = 1;
  if (std::optional<int64_t> p = positive_id(req.query_param("page").value_or(""))) {
    page_no = static_cast<int>(std::min<int64_t>(*p, 100000));
  }
  filter.limit = kPageSize;
  filter.offset = (page_no - 1) * kPageSize;
  Result<store::PolicyDocPage> docs = library_.list(**conn, ctx.user(), filter);
  if (!docs) return staff_.failure(req, ctx, docs.status(), 0);
  Data rows = list();
  for (const store::PolicyDocRow& doc : docs->rows) rows.push_back(doc_data(doc));
  Data d;
  set_list(d, "docs", rows);
  d.set("total", std::to_string(docs->total));
  const std::string year_shown = filter.year ? std::to_string(*filter.year) : "";
  d.set("year", year_shown);
  for (const char* key : {"filed", "interpreted"}) {
    const std::string v = req.query_param(key).value_or("");
    d.set(std::string(key) + "_yes", v == "yes");
    d.set(std::string(key) + "_no", v == "no");
  }
  const std::string base = "/staff/policies?year=" + url_encode(year_shown) +
                           "&filed=" + url_encode(req.query_param("filed").value_or("")) +
                           "&interpreted=" + url_encode(req.query_param("interpreted").value_or(""));
  d.set("pager", pager(base, docs->total, page_no, kPageSize));
  return staff_.page(req, &ctx, "规范性文件库", render("staff_policies", d));
}

http::Response PolicyDesk::policy_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                                       int64_t item_id, const std::vector<domain::FieldError>& errors,
                                       const std::string& notice) {
  Result<std::optional<store::PolicyDocRow>> doc = library_.document(conn, ctx.user(), item_id);
  if (!doc) return staff_.failure(req, ctx, doc.status(), 0);
  if (!*doc) return staff_.failure(req, ctx, Status::not_found("no document"), 0);
  Data d = doc_data(**doc);
  d.set("csrf", ctx.csrf);
  d.set("today", library_.today());
  d.set("can_manage", services::authorize(ctx.user(), "policy.manage", (*doc)->body_id).is_ok());
  if (!notice.empty()) d.set("notice", notice);
  if ((*doc)->filed_on) {
    std::optional<domain::Date> published = domain::Date::parse((*doc)->publish_date);
    std::optional<domain::Date> filed = domain::Date::parse(*(*doc)->filed_on);
    if (published && filed && domain::filing_is_late(*published, *filed)) d.set("late_filing", true);
  }
  d.set("filing_days", std::to_string(domain::kFilingDays));
  d.set("warn_interpretation", (*doc)->kind == "normative" && !(*doc)->interpreted && (*doc)->status != "draft");
  Data validities = list();
  for (const domain::Term& t : domain::validities()) {
    Data vd;
    vd.set("code", std::string(t.code));
    validities.push_back(vd);
  }
  d.set("validities", validities);
  set_errors(d, errors, {{"filed_with", "备案机关"}, {"filed_on", "备案日期"}, {"filing_number", "备案号"},
                         {"validity", "有效性"}});
  // What was typed stays in the form after an error.
  const FormPairs form = req.method == "POST" ? req.form() : FormPairs{};
  if (!errors.empty() && !form.empty()) {
    d.set("filed_with", field_value(form, "filed_with"));
    d.set("filed_on", field_value(form, "filed_on"));
    d.set("filing_number", field_value(form, "filing_number"));
  }
  return staff_.page(req, &ctx, (*doc)->title, render("staff_policy", d), errors.empty() ? 200 : 400);
}

http::Response PolicyDesk::policy(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return staff_.failure(req, *g.context, Status::not_found("bad id"), 0);
  std::string notice;
  if (req.query_param("filed")) notice = "备案信息已保存。";
  if (req.query_param("validity")) notice = "有效性已更新，并已在文件原页面标注。";
  return policy_page(req, **conn, *g.context, *id, {}, notice);
}

http::Response PolicyDesk::record_filing(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return staff_.failure(req, ctx, Status::not_found("bad id"), 0);
  const FormPairs form = req.form();
  domain::FilingInput filing{trimmed_field(form, "filed_with"), trimmed_field(form, "filed_on"),
                             trimmed_field(form, "filing_number")};
  std::vector<domain::FieldError> errors;
  Status s = library_.record_filing(**conn, ctx.user(), *id, filing, staff_.client_addr(req), &errors);
  if (s) return http::Response::redirect("/staff/policies/" + std::to_string(*id) + "?filed=1", 303);
  if (s.code() == StatusCode::kInvalid && !errors.empty()) return policy_page(req, **conn, ctx, *id, errors, "");
  Result<std::optional<store::PolicyDocRow>> doc = library_.document(**conn, ctx.user(), *id);
  return staff_.failure(req, ctx, s, doc && *doc ? (*doc)->body_id : 0, "policy.manage");
}

http::Response PolicyDesk::change_validity(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return staff_.failure(req, ctx, Status::not_found("bad id"), 0);
  const FormPairs form = req.form();
  Status s = library_.change_validity(**conn, ctx.user(), *id, trimmed_field(form, "validity"),
                                      trimmed_field(form, "effective_on"), trimmed_field(form, "reason"),
                                      staff_.client_addr(req));
  if (s) return http::Response::redirect("/staff/policies/" + std::to_string(*id) + "?validity=1", 303);
  if (s.code() == StatusCode::kInvalid) {
    return policy_page(req, **conn, ctx, *id, {{"validity", "有效性未更改：" + s.message()}}, "");
  }
  Result<std::optional<store::PolicyDocRow>> doc = library_.document(**conn, ctx.user(), *id);
  return staff_.failure(req, ctx, s, doc && *doc ? (*doc)->body_id : 0, "policy.manage");
}

http::Response PolicyDesk::campaigns_page(const http::Request& req, store::Connection& conn,
                                          const Staff::Context& ctx, const services::CampaignInput& input,
                                          const std::vector<domain::FieldError>& errors) {
  Result<std::vector<store::CampaignRow>> all = library_.campaigns(conn, ctx.user());
  if (!all) return staff_.failure(req, ctx, all.status(), 0);
  Data rows = list();
  for (const store::CampaignRow& c : *all) {
    Data cd;
    cd.set("id", std::to_string(c.id));
    cd.set("name", c.name);
    cd.set("body_name", c.body_name);
    cd.set("cutoff_date", c.cutoff_date);
    cd.set("decided_on", c.decided_on);
    cd.set("total", std::to_string(c.total));
    cd.set("valid", std::to_string(c.valid));
    cd.set("amended", std::to_string(c.amended));
    cd.set("repealed", std::to_string(c.repealed));
    cd.set("pending", std::to_string(c.pending()));
    rows.push_back(cd);
  }
  Data d;
  set_list(d, "campaigns", rows);
  Data bodies = list();
  Result<std::vector<store::BodyRow>> all_bodies = store::list_bodies(conn);
  if (!all_bodies) return staff_.failure(req, ctx, all_bodies.status(), 0);
  for (const store::BodyRow& b : *all_bodies) {
    if (!services::authorize(ctx.user(), "policy.manage", b.id)) continue;
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == input.body_code);
    bodies.push_back(bd);
  }
  set_list(d, "bodies", bodies);
  d.set("csrf", ctx.csrf);
  d.set("name", input.name);
  d.set("cutoff_date", input.cutoff_date);
  d.set("decided_on", input.decided_on);
  set_errors(d, errors, {{"body", "机构"}, {"name", "名称"}, {"cutoff_date", "制定日期截止"}, {"decided_on", "清理决定日期"}});
  return staff_.page(req, &ctx, "规范性文件清理", render("staff_cleanup", d), errors.empty() ? 200 : 400);
}

http::Response PolicyDesk::campaigns(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  services::CampaignInput input;
  input.body_code = g.context->user().body_code;
  return campaigns_page(req, **conn, *g.context, input, {});
}

http::Response PolicyDesk::create_campaign(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const FormPairs form = req.form();
  services::CampaignInput input{trimmed_field(form, "body"), trimmed_field(form, "name"),
                                trimmed_field(form, "cutoff_date"), trimmed_field(form, "decided_on")};
  std::vector<domain::FieldError> errors;
  Result<int64_t> id = library_.create_campaign(**conn, ctx.user(), input, staff_.client_addr(req), &errors);
  if (id) return http::Response::redirect("/staff/cleanup/" + std::to_string(*id), 303);
  if (id.status().code() == StatusCode::kInvalid && !errors.empty()) {
    return campaigns_page(req, **conn, ctx, input, errors);
  }
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, input.body_code);
  return staff_.failure(req, ctx, id.status(), body && *body ? (*body)->id : 0, "policy.manage");
}

http::Response PolicyDesk::campaign(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return staff_.failure(req, ctx, Status::not_found("bad id"), 0);
  Result<std::optional<store::CampaignRow>> c = library_.campaign(**conn, ctx.user(), *id);
  if (!c) return staff_.failure(req, ctx, c.status(), 0);
  if (!*c) return staff_.failure(req, ctx, Status::not_found("no campaign"), 0);
  const bool undecided_only = req.query_param("show").value_or("") != "all";
  int page_no = 1;
  if (std::optional<int64_t> p = positive_id(req.query_param("page").value_or(""))) {
    page_no = static_cast<int>(std::min<int64_t>(*p, 100000));
  }
  Result<std::vector<store::CandidateRow>> docs =
      store::list_candidates(**conn, *id, undecided_only, (page_no - 1) * kPageSize, kPageSize);
  if (!docs) return staff_.failure(req, ctx, docs.status(), 0);
  const bool can_decide = services::authorize(ctx.user(), "policy.manage", (*c)->body_id).is_ok();
  Data rows = list();
  for (const store::CandidateRow& cand : *docs) {
    Data cd = doc_data(cand.doc);
    cd.set("campaign_id", std::to_string(*id));
    cd.set("csrf", ctx.csrf);
    cd.set("can_decide", can_decide && !cand.decision);
    if (cand.decision) {
      const domain::CleanupDecision* dec = domain::find_cleanup_decision(*cand.decision);
      cd.set("decision", dec ? std::string(dec->label) : *cand.decision);
    }
    cd.set("note", cand.note.value_or(""));
    Data choices = list();
    for (const domain::CleanupDecision& dec : domain::cleanup_decisions()) {
      Data ch;
      ch.set("code", std::string(dec.code));
      ch.set("label", std::string(dec.label));
      ch.set("item_id", std::to_string(cand.doc.id));
      choices.push_back(ch);
    }
    cd.set("choices", choices);
    rows.push_back(cd);
  }
  const store::CampaignRow& row = **c;
  Data d;
  d.set("id", std::to_string(row.id));
  d.set("name", row.name);
  d.set("body_name", row.body_name);
  d.set("cutoff_date", row.cutoff_date);
  d.set("decided_on", row.decided_on);
  d.set("total", std::to_string(row.total));
  d.set("valid", std::to_string(row.valid));
  d.set("amended", std::to_string(row.amended));
  d.set("repealed", std::to_string(row.repealed));
  d.set("pending", std::to_string(row.pending()));
  d.set("show_all", !undecided_only);
  set_list(d, "docs", rows);
  const int64_t shown_total = undecided_only ? row.pending() : row.total;
  d.set("pager", pager("/staff/cleanup/" + std::to_string(row.id) + "?show=" + (undecided_only ? "pending" : "all"),
                       shown_total, page_no, kPageSize));
  if (std::optional<std::string> done = req.query_param("decided")) d.set("notice", "已记录清理决定。");
  return staff_.page(req, &ctx, row.name, render("staff_campaign", d));
}

http::Response PolicyDesk::decide(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  const FormPairs form = req.form();
  std::optional<int64_t> item = positive_id(field_value(form, "item"));
  if (!id || !item) return staff_.failure(req, ctx, Status::not_found("bad id"), 0);
  Status s = library_.decide(**conn, ctx.user(), *id, *item, trimmed_field(form, "decision"),
                             trimmed_field(form, "note"), staff_.client_addr(req),
                             trimmed_field(form, "amended_by"));
  if (s) return http::Response::redirect("/staff/cleanup/" + std::to_string(*id) + "?decided=" + std::to_string(*item), 303);
  if (s.code() == StatusCode::kInvalid) {
    return staff_.error(req, &ctx, 400, "清理决定未记录", s.message() + "请返回清理页面重新选择。");
  }
  if (s.code() == StatusCode::kConflict && !domain::is_permission_denied(s)) {
    return staff_.error(req, &ctx, 409, "清理决定未记录", "该文件在本次清理中已有决定（可能有其他人刚刚记录过）。");
  }
  Result<std::optional<store::CampaignRow>> c = library_.campaign(**conn, ctx.user(), *id);
  return staff_.failure(req, ctx, s, c && *c ? (*c)->body_id : 0, "policy.manage");
}

http::Response PolicyDesk::quarter_list(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string today = library_.today();
  const std::string body_code = req.query_param("body").value_or(ctx.user().body_code);
  const int year = static_cast<int>(positive_id(req.query_param("year").value_or("")).value_or(std::stoi(today.substr(0, 4))));
  const int quarter = static_cast<int>(
      positive_id(req.query_param("quarter").value_or("")).value_or((std::stoi(today.substr(5, 2)) + 2) / 3));
  Result<std::vector<store::PolicyDocRow>> docs = library_.quarter_list(**conn, ctx.user(), body_code, year, quarter);
  if (!docs && docs.status().code() == StatusCode::kInvalid) {
    return staff_.error(req, &ctx, 400, "清单无法生成", "请选择1990-2199年之间的年份和第1-4季度。");
  }
  if (!docs) return staff_.failure(req, ctx, docs.status(), 0);
  if (req.query_param("format").value_or("") == "csv") {
    std::string csv = "\xEF\xBB\xBF" + io::format_csv_line({"序号", "文号", "标题", "发布机构", "成文日期", "发布日期", "有效性"});
    int row_no = 0;
    for (const store::PolicyDocRow& doc : *docs) {
      csv += io::format_csv_line({std::to_string(++row_no), doc.doc_number.value_or(""), doc.title, doc.body_name,
                                  doc.written_date.value_or(""), doc.publish_date, doc.validity.value_or("")});
    }
    http::Response res = http::Response::text(csv);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"catalog-" + body_code.substr(0, 40) + "-" +
                                              std::to_string(year) + "Q" + std::to_string(quarter) + ".csv\"");
    res.set_header("Cache-Control", "no-store");
    return res;
  }
  Data rows = list();
  int row_no = 0;
  for (const store::PolicyDocRow& doc : *docs) {
    Data rd = doc_data(doc);
    rd.set("no", std::to_string(++row_no));
    rows.push_back(rd);
  }
  Data d;
  set_list(d, "docs", rows);
  d.set("year", std::to_string(year));
  d.set("quarter", std::to_string(quarter));
  d.set("body", body_code);
  d.set("count", std::to_string(docs->size()));
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, body_code);
  d.set("body_name", body && *body ? (*body)->name : body_code);
  Data quarters = list();
  for (int q = 1; q <= 4; ++q) {
    Data qd;
    qd.set("q", std::to_string(q));
    qd.set("selected", q == quarter);
    quarters.push_back(qd);
  }
  d.set("quarters", quarters);
  d.set("csv_url", "/staff/catalog?body=" + url_encode(body_code) + "&year=" + std::to_string(year) +
                       "&quarter=" + std::to_string(quarter) + "&format=csv");
  return staff_.page(req, &ctx, "发文目录清单", render("staff_catalog", d));
}

}  // namespace gongkai::web
