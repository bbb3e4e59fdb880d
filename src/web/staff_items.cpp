// Staff item pages: the dashboard, the item list, the draft form, the item page with its workflow buttons,
// history and revisions, and the revision diff. Every handler passes Staff::gate first; the scope and
// permission rules are the publishing service's.
#include <algorithm>
#include <charconv>

#include "domain/kind_fields.h"
#include "domain/text_diff.h"
#include "domain/vocabulary.h"
#include "services/policy.h"
#include "store/bodies.h"
#include "store/channel_records.h"
#include "store/item_facts.h"
#include "web/case_digest_panel.h"
#include "web/html.h"
#include "web/kind_fields_view.h"
#include "web/pager.h"
#include "web/staff.h"
#include "web/staff_reports.h"
#include "web/staff_uploads.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

std::optional<int64_t> parse_id(const std::string& text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

using Form = std::vector<std::pair<std::string, std::string>>;

std::string form_value(const Form& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

std::optional<std::string> optional_value(const Form& form, std::string_view name) {
  std::string v = form_value(form, name);
  const size_t start = v.find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  return v.substr(start, v.find_last_not_of(" \t") - start + 1);
}

std::string state_label(const std::string& code) {
  const domain::WorkflowState* s = domain::find_workflow_state(code);
  return s ? std::string(s->label) : code;
}

std::string action_label(const std::string& code) {
  if (code == "create") return "创建草稿";
  for (const domain::WorkflowAction& a : domain::workflow_actions()) {
    if (a.code == code) return std::string(a.label);
  }
  return code;
}

// What the form's fields mean, for error messages tied to them.
struct FieldHelp {
  const char* field;
  const char* label;
  const char* message;
};
constexpr FieldHelp kFieldHelp[] = {
    {"title", "标题", "请填写标题（不超过1000字节，不含换行）。"},
    {"body", "发布机构", "请选择您有起草权限的发布机构。"},
    {"column", "栏目", "该机构没有这个栏目，请从提示列表中选择已有栏目。"},
    {"publish_date", "发布日期", "请按“年-月-日”填写有效的发布日期，如 2026-12-01。"},
    {"written_date", "成文日期", "请按“年-月-日”填写有效的成文日期，且不得晚于发布日期。"},
    {"kind", "信息类别", "请选择信息类别。"},
    {"validity", "有效性", "请选择有效、修订后有效、失效或废止，或不选。"},
    {"content", "正文", "正文过长（不超过4MB）。"},
    {"channels", "发布渠道", "请选择列出的发布渠道。"},
    {"interprets", "解读的文件", "没有这个索引号的信息，请填写所解读文件的索引号（见该文件页面）。"},
    {"interpretation_forms", "解读形式", "请选择列出的解读形式。"},
};

const FieldHelp* help_for(const std::string& field) {
  for (const FieldHelp& h : kFieldHelp) {
    if (h.field == field) return &h;
  }
  return nullptr;
}

// The item record of a submitted form (validation is the service's).
domain::ItemRecord record_from(const Form& form) {
  domain::ItemRecord r;
  r.title = optional_value(form, "title").value_or("");
  r.body = form_value(form, "body");
  r.publish_date = optional_value(form, "publish_date").value_or("");
  r.content = form_value(form, "content");
  r.doc_number = optional_value(form, "doc_number");
  r.written_date = optional_value(form, "written_date");
  r.column = optional_value(form, "column");
  r.subject = optional_value(form, "subject");
  r.kind = form_value(form, "kind");
  read_facts(form, r);
  if (r.kind == "interpretation") {  // 政策解读: the document it explains (索引号) and its forms
    r.interprets = optional_value(form, "interprets");
    for (const auto& [k, v] : form) {
      if (k == "interpretation_forms") r.interpretation_forms.push_back(v);
    }
  }
  r.validity = optional_value(form, "validity");
  for (const auto& [k, v] : form) {
    if (k == "channels" && std::find(r.channels.begin(), r.channels.end(), v) == r.channels.end()) {
      r.channels.push_back(v);
    }
  }
  r.key_area = form_value(form, "key_area") == "1";
  r.emergency = form_value(form, "emergency") == "1";
  return r;
}

Data summary_list(const std::vector<store::StaffItemSummary>& items) {
  Data l = list();
  for (const auto& s : items) {
    Data d;
    d.set("id", std::to_string(s.id));
    d.set("title", s.title);
    d.set("body_name", s.body_name);
    d.set("state", s.state);
    d.set("state_label", state_label(s.state));
    d.set("publish_date", s.publish_date);
    d.set("updated_at", s.updated_at.substr(0, 16).replace(10, 1, " "));
    if (s.written_date) d.set("written_date", *s.written_date);
    if (s.doc_number) d.set("doc_number", *s.doc_number);
    l.push_back(d);
  }
  return l;
}

struct SortChoice {
  const char* code;
  const char* label;
  store::StaffSort sort;
};
constexpr SortChoice kSortChoices[] = {
    {"updated", "最后更新", store::StaffSort::kUpdated},
    {"publish_date", "发布日期", store::StaffSort::kPublishDate},
    {"title", "标题", store::StaffSort::kTitle},
    {"state", "状态", store::StaffSort::kState},
};

// Button style and hint per action.
struct ActionLook {
  const char* code;
  const char* button_class;
  const char* hint;
};
constexpr ActionLook kActionLooks[] = {
    {"submit", "primary", "提交后草稿不能再修改，除非审核人退回。"},
    {"approve", "primary", ""},
    {"return", "", "退回后信息回到草稿状态，由起草人修改后重新提交。"},
    {"publish", "primary", "发布日期晚于今天的，将在当天自动发布（定时发布）。"},
    {"cancel", "", "取消定时发布，信息回到已审核待发布状态。"},
    {"withdraw", "danger", "撤回后页面保留并标注“已撤回”，信息不再出现在搜索结果中。"},
    {"unpublish", "danger", "下线后页面不再显示，原网址跳转到所属栏目。"},
};

}  // namespace

Result<int> Staff::release_due() {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return conn.status();
  return publishing_.release_due(**conn);
}

http::Response Staff::dashboard(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  Result<services::Dashboard> dash = publishing_.dashboard(**conn, ctx.user());
  if (!dash) return failure(req, ctx, dash.status(), 0);
  Result<std::vector<store::BodyRow>> reviewable = publishing_.bodies_for(**conn, ctx.user(), "item.review");
  if (!reviewable) return failure(req, ctx, reviewable.status(), 0);
  Data d;
  d.set("user_name", ctx.user().display_name);
  if (req.query_param("password_changed")) d.set("notice", "密码已修改。您在其他设备上的登录已全部失效。");
  set_list(d, "drafts", summary_list(dash->my_drafts));
  set_list(d, "review", summary_list(dash->to_review));
  set_list(d, "publish", summary_list(dash->to_publish));
  d.set("can_review", !reviewable->empty());
  Data late = list();
  for (const services::LateItem& l : dash->late) {
    Data row = summary_list({l.item}).list_value().front();
    row.set("working_days", std::to_string(l.working_days));
    late.push_back(row);
  }
  set_list(d, "late", late);
  // The policy desk's reminders (web/staff_policy.h): consultations closing, clean-up, filings, interpretations.
  if (Result<services::PolicyDashboard> policy = services::PolicyLibrary().dashboard(**conn, ctx.user())) {
    d.set("policy_panel", true);
    d.set("without_interpretation", std::to_string(policy->without_interpretation));
    d.set("without_filing", std::to_string(policy->without_filing));
    d.set("cleanup_pending", std::to_string(policy->cleanup_pending));
    Data closing = list();
    for (const store::ConsultationRow& c : policy->closing_soon) {
      Data cd;
      cd.set("id", std::to_string(c.item_id));
      cd.set("title", c.title);
      cd.set("closes_on", c.closes_on);
      cd.set("pending", std::to_string(c.pending));
      closing.push_back(cd);
    }
    set_list(d, "closing", closing);
  }
  d.set("case_panel", case_digest_panel(**conn, ctx.user()));  // disclosure on application (web/case_digest_panel)
  add_report_reminders(**conn, ctx.user(), d);  // web/staff_reports.h: reports due, returned, to approve
  return page(req, &ctx, "工作台", render("staff_dashboard", d));
}

http::Response Staff::items(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  store::StaffItemFilter filter;
  const std::string state = req.query_param("state").value_or("");
  if (domain::find_workflow_state(state)) filter.state = state;
  const std::string sort = req.query_param("sort").value_or("updated");
  for (const SortChoice& s : kSortChoices) {
    if (sort == s.code) filter.sort = s.sort;
  }
  filter.descending = req.query_param("order").value_or("desc") != "asc";
  Result<std::vector<int64_t>> scope = publishing_.scope(**conn, ctx.user());
  if (!scope) return failure(req, ctx, scope.status(), 0);
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) return failure(req, ctx, all.status(), 0);
  const std::string body_code = req.query_param("body").value_or("");
  Data bodies = list();
  Data any_body;
  any_body.set("code", "");
  any_body.set("name", "全部机构");
  bodies.push_back(any_body);
  for (const auto& b : *all) {
    if (std::find(scope->begin(), scope->end(), b.id) == scope->end()) continue;
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == body_code);
    if (b.code == body_code) filter.body_ids = {b.id};
    bodies.push_back(bd);
  }
  // A body outside the scope (or unknown) matches nothing rather than everything.
  if (!body_code.empty() && filter.body_ids.empty()) filter.body_ids = {-1};
  int page_no = 1;
  if (std::optional<int64_t> p = parse_id(req.query_param("page").value_or(""))) {
    page_no = static_cast<int>(std::min<int64_t>(*p, 100000));
  }
  filter.limit = options_.page_size;
  filter.offset = int64_t{page_no - 1} * options_.page_size;
  Result<store::StaffItemPage> page_items = publishing_.list(**conn, ctx.user(), filter);
  if (!page_items) return failure(req, ctx, page_items.status(), 0);
  Data states = list();
  Data any_state;
  any_state.set("code", "");
  any_state.set("label", "全部状态");
  states.push_back(any_state);
  for (const domain::WorkflowState& s : domain::workflow_states()) {
    Data sd;
    sd.set("code", std::string(s.code));
    sd.set("label", std::string(s.label));
    sd.set("selected", filter.state == s.code);
    states.push_back(sd);
  }
  Data sorts = list();
  for (const SortChoice& s : kSortChoices) {
    Data sd;
    sd.set("code", s.code);
    sd.set("label", s.label);
    sd.set("selected", s.sort == filter.sort);
    sorts.push_back(sd);
  }
  const std::string base = "/staff/items?state=" + url_encode(filter.state.value_or("")) + "&body=" +
                           url_encode(body_code) + "&sort=" + url_encode(sort) +
                           "&order=" + (filter.descending ? "desc" : "asc");
  Data d;
  d.set("states", states);
  d.set("bodies", bodies);
  d.set("sorts", sorts);
  d.set("desc", filter.descending);
  d.set("total", std::to_string(page_items->total));
  set_list(d, "items", summary_list(page_items->items));
  d.set("pager", pager(base, page_items->total, page_no, options_.page_size));
  return page(req, &ctx, "信息管理", render("staff_items", d));
}

namespace {

// Fills the form template's data from `r` and the choices.
Data form_data(const domain::ItemRecord& r, const std::vector<store::BodyRow>& bodies,
               const std::vector<std::string>& column_paths, const std::vector<domain::FieldError>& errors) {
  Data d;
  d.set("title", r.title);
  d.set("column", r.column.value_or(""));
  d.set("doc_number", r.doc_number.value_or(""));
  d.set("subject", r.subject.value_or(""));
  d.set("written_date", r.written_date.value_or(""));
  d.set("publish_date", r.publish_date);
  d.set("content", r.content);
  d.set("key_area", r.key_area);
  d.set("emergency", r.emergency);
  Data body_list = list();
  for (const auto& b : bodies) {
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == r.body);
    body_list.push_back(bd);
  }
  d.set("bodies", body_list);
  Data columns = list();
  for (const auto& p : column_paths) {
    Data cd;
    cd.set("path", p);
    columns.push_back(cd);
  }
  d.set("columns", columns);
  Data kinds = list();
  for (const domain::Term& t : domain::item_kinds()) {
    Data kd;
    kd.set("code", std::string(t.code));
    kd.set("label", std::string(t.label));
    kd.set("selected", t.code == r.kind);
    kinds.push_back(kd);
  }
  d.set("kinds", kinds);
  Data validities = list();
  Data none;
  none.set("code", "");
  none.set("label", "（不标注）");
  none.set("selected", !r.validity.has_value());
  validities.push_back(none);
  for (const domain::Term& t : domain::validities()) {
    Data vd;
    vd.set("code", std::string(t.code));
    vd.set("label", std::string(t.code));
    vd.set("selected", r.validity == t.code);
    validities.push_back(vd);
  }
  d.set("validities", validities);
  const std::vector<std::string> chosen = domain::effective_channels(r);
  Data channels = list();
  for (const domain::Term& t : domain::channels()) {
    Data cd;
    cd.set("code", std::string(t.code));
    cd.set("label", std::string(t.label));
    cd.set("checked", std::find(chosen.begin(), chosen.end(), t.code) != chosen.end());
    channels.push_back(cd);
  }
  d.set("channels", channels);
  d.set("facts_html", facts_fieldset(r, errors));
  d.set("is_interpretation", r.kind == "interpretation");
  d.set("interprets", r.interprets.value_or(""));
  Data forms = list();
  for (const domain::Term& t : domain::interpretation_forms()) {
    Data fd;
    fd.set("code", std::string(t.code));
    fd.set("label", std::string(t.label));
    fd.set("checked", std::find(r.interpretation_forms.begin(), r.interpretation_forms.end(), t.code) !=
                          r.interpretation_forms.end());
    forms.push_back(fd);
  }
  d.set("interpretation_forms", forms);
  Data error_list = list();
  for (const domain::FieldError& e : errors) {
    if (e.field.starts_with("fact.")) {  // the kind's own fields: the domain's message names the field
      Data ed;
      ed.set("field", "fact-" + e.field.substr(5));
      const domain::FactField* f = domain::find_kind_field(r.kind, e.field.substr(5));
      ed.set("label", f ? std::string(f->label) : e.field);
      ed.set("message", e.message);
      error_list.push_back(ed);
      continue;
    }
    const FieldHelp* h = help_for(e.field);
    const std::string field = h ? e.field : "title";
    const std::string message = h ? h->message : e.message;
    d.set("err_" + field, message);
    Data ed;
    ed.set("field", field == "channels" ? "ch-portal" : field);
    ed.set("label", h ? h->label : e.field);
    ed.set("message", message);
    error_list.push_back(ed);
  }
  set_list(d, "errors", error_list);
  return d;
}

// The channel records section of the staff item page (services/channel_records.h): one row per channel with
// its link and date, and, for a user who may record them on a published item, the forms to add and remove.
void set_channel_records(Data& d, int64_t item_id, const std::string& csrf,
                         const std::vector<store::ChannelRecord>& records, bool can_record) {
  Data rows = list();
  for (const store::ChannelRecord& r : records) {
    const domain::Term* t = domain::find_term(domain::channels(), r.channel);
    Data rd;
    rd.set("id", std::to_string(item_id));
    rd.set("code", r.channel);
    rd.set("label", t ? std::string(t->label) : r.channel);
    rd.set("url", r.url.value_or(""));
    rd.set("has_url", r.url.has_value());  // an empty string is true to the template engine
    rd.set("published_on", r.published_on.value_or(""));
    rd.set("can_remove", can_record && records.size() > 1);
    rd.set("csrf", csrf);
    rows.push_back(rd);
  }
  set_list(d, "channel_records", rows);
  d.set("can_record_channels", can_record);
  d.set("channel_csrf", csrf);
  Data choices = list();
  for (const domain::Term& t : domain::channels()) {
    Data cd;
    cd.set("code", std::string(t.code));
    cd.set("label", std::string(t.label));
    choices.push_back(cd);
  }
  d.set("channel_choices", choices);
}

std::vector<std::string> column_paths_of(store::Connection& conn, const std::vector<store::BodyRow>& bodies) {
  std::vector<std::string> paths;
  for (const auto& b : bodies) {
    Result<std::vector<store::ColumnRow>> cols = store::list_columns(conn, b.id);
    if (!cols) continue;
    for (const auto& c : *cols) {
      if (std::find(paths.begin(), paths.end(), c.path) == paths.end()) paths.push_back(c.path);
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

http::Response Staff::item_new(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  Result<std::vector<store::BodyRow>> bodies = publishing_.bodies_for(**conn, ctx.user(), "item.draft");
  if (!bodies) return failure(req, ctx, bodies.status(), 0);
  if (bodies->empty()) return forbidden(req, ctx, "item.draft", ctx.user().body_id);
  domain::ItemRecord r;
  r.body = ctx.user().body_code;
  r.publish_date = publishing_.today();
  r.kind = "news";
  // /staff/items/new?kind=survey opens the form with the kind's own fields (links of the dashboard).
  const std::string kind = req.query_param("kind").value_or("");
  if (domain::find_term(domain::item_kinds(), kind)) r.kind = kind;
  Data d = form_data(r, *bodies, column_paths_of(**conn, *bodies), {});
  d.set("heading", "新建信息");
  d.set("action", "/staff/items/new");
  d.set("csrf", ctx.csrf);
  d.set("cancel_url", "/staff");
  return page(req, &ctx, "新建信息", render("staff_item_form", d));
}

http::Response Staff::item_create(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  const domain::ItemRecord r = record_from(req.form());
  // "显示专项信息": the form again with the fields of the kind just chosen, nothing saved (works without JS).
  const bool show_kind = form_value(req.form(), "show_kind") == "1";
  std::vector<domain::FieldError> errors;
  Result<int64_t> id = show_kind ? Result<int64_t>(Status::invalid("showing the kind's fields"))
                                 : publishing_.create_draft(**conn, ctx.user(), r, client_addr(req), &errors);
  if (id) return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?saved=1", 303);
  if (!show_kind && (id.status().code() != StatusCode::kInvalid || errors.empty())) {
    return failure(req, ctx, id.status(), ctx.user().body_id, "item.draft");
  }
  Result<std::vector<store::BodyRow>> bodies = publishing_.bodies_for(**conn, ctx.user(), "item.draft");
  if (!bodies) return failure(req, ctx, bodies.status(), 0);
  Data d = form_data(r, *bodies, column_paths_of(**conn, *bodies), errors);
  d.set("heading", "新建信息");
  d.set("action", "/staff/items/new");
  d.set("csrf", ctx.csrf);
  d.set("cancel_url", "/staff");
  if (show_kind) return page(req, &ctx, "新建信息", render("staff_item_form", d));
  return page(req, &ctx, "新建信息（有错误）", render("staff_item_form", d), 400);
}

http::Response Staff::item_page(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  if (!view) return failure(req, ctx, view.status(), 0);
  if (!*view) return failure(req, ctx, Status::not_found("no item"), 0);
  const services::StaffItemView& v = **view;
  const store::ItemRow& row = v.detail.row;
  Data d;
  d.set("id", std::to_string(row.id));
  d.set("title", row.title);
  d.set("state", v.state);
  d.set("state_label", state_label(v.state));
  d.set("index_number", row.index_number);
  d.set("subject", row.subject.value_or(""));
  d.set("body_name", v.detail.body_name);
  d.set("column_path", v.detail.column_path);
  d.set("doc_number", row.doc_number.value_or(""));
  const domain::Term* kind = domain::find_term(domain::item_kinds(), row.kind);
  d.set("kind_label", kind ? std::string(kind->label) : row.kind);
  d.set("written_date", row.written_date.value_or(""));
  d.set("publish_date", row.publish_date);
  d.set("validity", row.validity.value_or(""));
  std::string channels;
  for (const std::string& c : v.detail.channels) {
    const domain::Term* t = domain::find_term(domain::channels(), c);
    channels += (channels.empty() ? "" : "、") + (t ? std::string(t->label) : c);
  }
  d.set("channels", channels);
  d.set("key_area", row.key_area ? "是" : "否");
  d.set("emergency", row.emergency ? "是" : "否");
  d.set("content_html", sanitize_html(row.content));
  Result<std::map<std::string, std::string>> facts = store::item_facts(**conn, row.id);
  if (!facts) return failure(req, ctx, facts.status(), 0);
  set_fact_rows(d, row.kind, *facts);
  Result<std::vector<store::ChannelRecord>> channel_records = store::list_channel_records(**conn, row.id);
  if (!channel_records) return failure(req, ctx, channel_records.status(), 0);
  set_channel_records(d, row.id, ctx.csrf, *channel_records,
                      (v.state == "published" || v.state == "withdrawn") &&
                          authorize(ctx.user(), "item.publish", row.body_id).is_ok());
  if (std::optional<std::string> done = req.query_param("channel")) {
    d.set("notice", *done == "removed" ? "已删除该发布渠道记录。" : "已保存发布渠道记录。");
  }
  d.set("editable", v.editable);
  // A normative document is published together with its interpretation (seed 一（四）); say so before and after.
  d.set("no_interpretation", row.kind == "normative" && v.detail.interpretations.empty());
  Data attachments = list();
  for (const store::ItemDetail::Attachment& a : v.detail.attachments) {
    Data ad;
    ad.set("file_name", a.file_name);
    ad.set("url", "/attachments/" + a.sha256 + "/" + url_encode(a.file_name));
    ad.set("size_kb", std::to_string((a.size_bytes + 1023) / 1024));
    attachments.push_back(ad);
  }
  set_list(d, "attachments", attachments);
  if (v.editable) d.set("upload_form", render("staff_upload_form", upload_form_data(row.id, ctx.csrf)));
  if (std::optional<int64_t> n = parse_id(req.query_param("attached").value_or(""))) {
    d.set("notice", "已上传 " + std::to_string(std::min<int64_t>(*n, kMaxUploadFiles)) + " 个附件。");
  }
  if (v.state == "published" || v.state == "withdrawn") d.set("public_url", "/items/" + std::to_string(row.id));
  if (req.query_param("saved")) d.set("notice", "已保存。");
  if (std::optional<std::string> done = req.query_param("done")) {
    d.set("notice", "已" + action_label(*done) + "，当前状态：" + state_label(v.state) + "。");
  }
  if (v.late) {
    d.set("late", true);
    d.set("working_days", std::to_string(*v.art26_working_days));
    d.set("released", v.state == "published" || v.state == "withdrawn" || v.state == "unpublished");
  }
  Data actions = list();
  for (const domain::WorkflowAction* a : v.allowed) {
    Data ad;
    ad.set("id", std::to_string(row.id));
    ad.set("code", std::string(a->code));
    ad.set("label", std::string(a->label));
    ad.set("needs_comment", a->needs_comment);
    ad.set("csrf", ctx.csrf);
    for (const ActionLook& look : kActionLooks) {
      if (a->code != look.code) continue;
      ad.set("button_class", look.button_class);
      if (*look.hint) ad.set("hint", look.hint);
    }
    actions.push_back(ad);
  }
  set_list(d, "actions", actions);
  Data events = list();
  for (const store::WorkflowEventRow& e : v.events) {
    Data ed;
    ed.set("at", e.at.substr(0, 16).replace(10, 1, " "));
    ed.set("actor", e.actor_label == "system" ? "系统" : e.actor_label);
    ed.set("action", action_label(e.action));
    ed.set("from", e.from_state ? state_label(*e.from_state) : "—");
    ed.set("to", state_label(e.to_state));
    ed.set("comment", e.comment.value_or(""));
    events.push_back(ed);
  }
  set_list(d, "events", events);
  Data revisions = list();
  for (const store::RevisionRow& r : v.revisions) {
    Data rd;
    rd.set("id", std::to_string(row.id));
    rd.set("revision", std::to_string(r.revision));
    rd.set("created_at", r.created_at.substr(0, 16).replace(10, 1, " "));
    rd.set("author", r.author_label);
    rd.set("has_previous", r.revision > 1);
    revisions.push_back(rd);
  }
  set_list(d, "revisions", revisions);
  return page(req, &ctx, row.title, render("staff_item", d));
}

http::Response Staff::item_edit(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  if (!view) return failure(req, ctx, view.status(), 0);
  if (!*view) return failure(req, ctx, Status::not_found("no item"), 0);
  const services::StaffItemView& v = **view;
  if (!authorize(ctx.user(), "item.draft", v.detail.row.body_id)) {
    return forbidden(req, ctx, "item.draft", v.detail.row.body_id);
  }
  if (!v.editable) {
    return error(req, &ctx, 409, "不能修改",
                 "只有草稿可以修改。该信息当前状态为“" + state_label(v.state) + "”；如需修改，请审核人退回。");
  }
  domain::ItemRecord r;
  r.title = v.detail.row.title;
  r.body = v.detail.body_code;
  r.publish_date = v.detail.row.publish_date;
  r.content = v.detail.row.content;
  r.doc_number = v.detail.row.doc_number;
  r.written_date = v.detail.row.written_date;
  if (!v.detail.column_path.empty()) r.column = v.detail.column_path;
  r.subject = v.detail.row.subject;
  r.kind = v.detail.row.kind;
  r.validity = v.detail.row.validity;
  r.channels = v.detail.channels;
  r.key_area = v.detail.row.key_area;
  r.emergency = v.detail.row.emergency;
  Result<std::map<std::string, std::string>> facts = store::item_facts(**conn, *id);
  if (!facts) return failure(req, ctx, facts.status(), 0);
  r.facts = std::move(*facts);
  if (v.detail.interpreted_document) r.interprets = v.detail.interpreted_document->index_number;
  r.interpretation_forms = v.detail.interpretation_forms;
  store::BodyRow body;
  body.code = v.detail.body_code;
  body.name = v.detail.body_name;
  body.id = v.detail.row.body_id;
  Data d = form_data(r, {body}, column_paths_of(**conn, {body}), {});
  d.set("heading", "修改草稿");
  d.set("body_fixed", true);
  d.set("body_name", v.detail.body_name);
  d.set("action", "/staff/items/" + std::to_string(*id) + "/edit");
  d.set("csrf", ctx.csrf);
  d.set("cancel_url", "/staff/items/" + std::to_string(*id));
  return page(req, &ctx, "修改草稿", render("staff_item_form", d));
}

http::Response Staff::item_update(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  const domain::ItemRecord r = record_from(req.form());
  const bool show_kind = form_value(req.form(), "show_kind") == "1";
  std::vector<domain::FieldError> errors;
  Status s = show_kind ? Status::invalid("showing the kind's fields")
                       : publishing_.update_draft(**conn, ctx.user(), *id, r, client_addr(req), &errors);
  if (s) return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?saved=1", 303);
  if (!show_kind && (s.code() != StatusCode::kInvalid || errors.empty())) {
    Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
    const int64_t body_id = view && *view ? (*view)->detail.row.body_id : 0;
    return failure(req, ctx, s, body_id, "item.draft");
  }
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  if (!view) return failure(req, ctx, view.status(), 0);
  if (!*view) return failure(req, ctx, Status::not_found("no item"), 0);
  store::BodyRow body;
  body.code = (*view)->detail.body_code;
  body.name = (*view)->detail.body_name;
  body.id = (*view)->detail.row.body_id;
  domain::ItemRecord shown = r;
  shown.body = body.code;
  Data d = form_data(shown, {body}, column_paths_of(**conn, {body}), errors);
  d.set("heading", "修改草稿");
  d.set("body_fixed", true);
  d.set("body_name", body.name);
  d.set("action", "/staff/items/" + std::to_string(*id) + "/edit");
  d.set("csrf", ctx.csrf);
  d.set("cancel_url", "/staff/items/" + std::to_string(*id));
  if (show_kind) return page(req, &ctx, "修改草稿", render("staff_item_form", d));
  return page(req, &ctx, "修改草稿（有错误）", render("staff_item_form", d), 400);
}

http::Response Staff::item_action(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  const std::string action = req.params.at("action");
  bool known = false;
  std::string permission;
  for (const domain::WorkflowAction& a : domain::workflow_actions()) {
    if (a.code == action && !a.permission.empty()) {
      known = true;
      permission = std::string(a.permission);
    }
  }
  if (!id || !known) return failure(req, ctx, Status::not_found("no such action"), 0);
  const std::string comment = form_value(req.form(), "comment");
  Result<std::string> to = publishing_.act(**conn, ctx.user(), *id, action, comment, client_addr(req));
  if (to) return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?done=" + action, 303);
  if (to.status().code() == StatusCode::kInvalid) {
    return error(req, &ctx, 400, "操作未执行", "请填写" + action_label(action) + "的理由，说明需要修改或撤下的原因。");
  }
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  const int64_t body_id = view && *view ? (*view)->detail.row.body_id : 0;
  return failure(req, ctx, to.status(), body_id, permission);
}

http::Response Staff::revision_diff(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  std::optional<int64_t> rev = parse_id(req.params.at("rev"));
  if (!id || !rev) return failure(req, ctx, Status::not_found("bad id"), 0);
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  if (!view) return failure(req, ctx, view.status(), 0);
  if (!*view) return failure(req, ctx, Status::not_found("no item"), 0);
  const store::RevisionRow* current = nullptr;
  const store::RevisionRow* previous = nullptr;
  for (const store::RevisionRow& r : (*view)->revisions) {
    if (r.revision == *rev) current = &r;
    if (r.revision == *rev - 1) previous = &r;
  }
  if (!current || !previous) {
    return error(req, &ctx, 404, "版本不存在", "该信息没有这个版本，或它是初稿（没有可比较的上一版本）。");
  }
  Data lines = list();
  for (const domain::DiffLine& l : domain::diff_lines(services::snapshot_lines(previous->snapshot),
                                                      services::snapshot_lines(current->snapshot))) {
    Data ld;
    const bool same = l.kind == domain::DiffLine::Kind::kSame;
    const bool removed = l.kind == domain::DiffLine::Kind::kRemoved;
    ld.set("kind", same ? "same" : removed ? "removed" : "added");
    ld.set("mark", same ? " " : removed ? "−" : "+");
    ld.set("kind_label", same ? "未改动" : removed ? "删除" : "新增");
    ld.set("text", l.text);
    lines.push_back(ld);
  }
  Data d;
  d.set("id", std::to_string(*id));
  d.set("title", (*view)->detail.row.title);
  d.set("revision", std::to_string(*rev));
  d.set("previous", std::to_string(*rev - 1));
  d.set("lines", lines);
  return page(req, &ctx, "版本比较", render("staff_diff", d));
}

}  // namespace gongkai::web
