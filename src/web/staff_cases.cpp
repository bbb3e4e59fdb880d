// /staff/cases: the case list, the case page with its acts, registration, reveal and the Art. 44 flag.
#include "web/staff_cases.h"

#include <charconv>
#include <cstdio>

#include "common/clock.h"
#include "domain/application_form.h"
#include "domain/outcomes.h"
#include "render/letter_pdf.h"
#include "services/case_intake.h"
#include "services/case_stats.h"
#include "web/abuse_guard.h"
#include "web/application_attachments.h"
#include "web/application_form_view.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/pager.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

using Form = FormPairs;
using domain::CaseEventKind;

// How each act looks on the case page: its button, what its note field asks for, whether the note is required,
// and the law it rests on. The rules themselves are domain/case_state's and domain/deadline's.
struct ActLook {
  CaseEventKind kind;
  const char* label;
  const char* detail_label;
  bool detail_required;
  const char* hint;
};
constexpr ActLook kActLooks[] = {
    {CaseEventKind::kConfirm, "确认收到申请", "确认方式（可不填）", false,
     "网上、传真申请以双方确认之日为收到申请之日（条例第三十一条第（三）项），答复期限自次日起计算。"},
    {CaseEventKind::kDiscard, "作废（未能确认）", "原因", true, "无法与申请人确认的提交不作为申请办理。"},
    {CaseEventKind::kStartHandling, "分办", "承办单位和承办人", false, ""},
    {CaseEventKind::kRequestCorrection, "发出补正告知书", "需要补正的事项和补正期限", true,
     "条例第三十条：收到申请之日起7个工作日内一次性告知；答复期限自收到补正后的申请之日起重新计算。"},
    {CaseEventKind::kCorrectionReceived, "收到补正", "补正内容（可不填）", false, "答复期限自此日起重新计算。"},
    {CaseEventKind::kCorrectionLapsed, "逾期未补正，不再处理", "说明", false,
     "条例第三十条：无正当理由逾期不补正的，视为放弃申请。"},
    {CaseEventKind::kConsultThirdParty, "征求第三方意见", "第三方名称和征求事项", true,
     "条例第三十二条：第三方15个工作日内提出意见；征求意见所需时间不计算在答复期限内。"},
    {CaseEventKind::kConsultCoProducer, "征求共同制作机关意见", "机关名称和征求事项", true,
     "条例第三十四条：被征求意见机关15个工作日内提出意见；所需时间不计算在答复期限内。"},
    {CaseEventKind::kConsultationAnswered, "收到意见（或期满）", "意见摘要", false, "期限自次日恢复计算。"},
    {CaseEventKind::kExtend, "延期答复", "批准人及理由", true,
     "条例第三十三条第二款：经政府信息公开工作机构负责人同意并告知申请人，延长不超过20个工作日，只能延长一次。"},
    {CaseEventKind::kRequestFee, "发出收费通知书", "收费金额及计算方式", true,
     "国办函〔2020〕109号：申请人自收到通知次日起20个工作日内缴费；缴费期间不计算在答复期限内。"},
    {CaseEventKind::kFeePaid, "已缴费", "缴费情况（可不填）", false, ""},
    {CaseEventKind::kFeeUnpaid, "逾期未缴费，不再处理", "说明", false, "视为放弃申请（国办函〔2020〕109号）。"},
    {CaseEventKind::kWithdraw, "申请人撤回申请", "撤回方式", false, ""},
    {CaseEventKind::kDecide, "作出答复决定", "法律依据和理由", true, "按条例第三十六条至第三十九条选择办理结果。"},
    {CaseEventKind::kReply, "出具告知书", "文书编号（可不填）", false, "告知书出具之日为年度报告的办理结果日期。"},
    {CaseEventKind::kDeliver, "送达", "送达方式", false, ""},
    {CaseEventKind::kArchive, "归档", "档案号（可不填）", false, ""},
};

const ActLook* look_for(CaseEventKind kind) {
  for (const ActLook& l : kActLooks) {
    if (l.kind == kind) return &l;
  }
  return nullptr;
}

std::string act_label(const std::string& code) {
  if (code == "register") return "登记";
  if (code == "import") return "导入";
  if (code == "deadline_changed") return "期限重算";
  if (code == "art44") return "第四十四条标记";
  if (code == "assign") return "分配承办";
  std::optional<CaseEventKind> kind = domain::parse_event(code);
  const ActLook* l = kind ? look_for(*kind) : nullptr;
  return l ? l->label : code;
}

std::string stage_label(const std::string& code) {
  std::optional<domain::CaseStage> s = domain::parse_stage(code);
  return s ? std::string(domain::stage_label(*s)) : code;
}

std::string channel_label(const std::string& code) {
  const domain::ApplicationChannel* c = domain::find_application_channel(code);
  return c ? std::string(c->label) : code;
}

std::string applicant_label(const std::string& code) {
  const domain::ApplicantType* t = domain::find_applicant_type(code);
  return t ? std::string(t->label) : code;
}

std::string outcome_label(const std::string& code) {
  const domain::Outcome* o = domain::find_outcome(code);
  if (!o) return code;
  return std::string(o->group) + (o->group.empty() ? "" : " ") + std::string(o->label);
}

std::string mark_label(const std::string& mark) {
  if (mark == "red") return "红色：已超期或3个工作日内到期";
  if (mark == "yellow") return "黄色：7个工作日内到期";
  return "";
}

// One <option> of a select: its value, label and whether it is the current choice.
Data option(const std::string& value, const std::string& label, bool selected) {
  Data o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

// A refused act said for staff, with a stable code for the page (data-refusal) that tests and scripts can match
// instead of the wording.
struct Refusal {
  std::string code;
  std::string text;
};

// The service messages of the case rules (services/applications, services/case_work) as Refusals.
Refusal refusal_of(const Status& s) {
  const std::string& m = s.message();
  if (m.find("once") != std::string::npos || m.find("already") != std::string::npos) {
    if (m.find("correction") != std::string::npos) return {"once.correction", "补正告知只能发出一次（条例第三十条：一次性告知）。"};
    if (m.find("extended") != std::string::npos) return {"once.extension", "答复期限只能延长一次（条例第三十三条）。"};
    if (m.find("fee") != std::string::npos) return {"once.fee", "收费通知只能发出一次。"};
  }
  if (s.code() == StatusCode::kConflict) {
    return {"stage", "当前办理阶段不能执行这一操作（" + m + "）。请刷新页面查看最新状态。"};
  }
  if (m.find("in the future") != std::string::npos) return {"date.future", "日期不能晚于今天。"};
  if (m.find("is before the case") != std::string::npos) return {"date.order", "日期不能早于本案上一个办理环节的日期。"};
  if (m.find("not a real date") != std::string::npos) return {"date.invalid", "请按“年-月-日”填写有效日期。"};
  if (m.find("extension is 1 to") != std::string::npos) {
    return {"extension.days", "延长期限应为1至20个工作日（条例第三十三条第二款）。"};
  }
  if (m.find("approval") != std::string::npos) return {"extension.approval", "延期答复须写明批准人（条例第三十三条第二款）。"};
  if (m.find("legal basis") != std::string::npos) return {"decide.basis", "作出答复决定须写明法律依据和理由。"};
  if (m.find("outcome") != std::string::npos) return {"decide.outcome", "请选择办理结果。"};
  if (m.find("reason") != std::string::npos) return {"reveal.reason", "查看完整证件号码须填写理由（将记入审计日志）。"};
  if (m.starts_with("unit")) return {"assign.unit", "承办单位须为本机构或其下属机构。"};
  if (m.starts_with("handler") && m.find("already") != std::string::npos) return {"assign.unchanged", "分配没有变化。"};
  if (m.starts_with("handler")) return {"assign.handler", "请选择在本机构有依申请公开办理权限的承办人。"};
  return {"other", m};
}

Data deadline_data(const services::CaseDeadline& cd) {
  Data d;
  if (!cd.deadline) {
    d.set("stopped", cd.stopped_because.find("correction") != std::string::npos
                         ? std::string("等待申请人补正，答复期限暂停计算（条例第三十条）。")
                         : std::string("尚未收到申请（网上、传真申请待双方确认，条例第三十一条）。"));
    return d;
  }
  const domain::Deadline& dl = *cd.deadline;
  const domain::Derivation& der = dl.derivation;
  d.set("has_deadline", true);
  d.set("due", dl.due.to_string());
  d.set("trigger", der.trigger.to_string());
  d.set("starts", der.starts.to_string());
  d.set("working_days", std::to_string(der.working_days));
  d.set("provisional", der.provisional);
  std::string years;
  for (int y : der.unloaded_years) years += (years.empty() ? "" : "、") + std::to_string(y);
  d.set("unloaded_years", years);
  Data pauses = list();
  for (const domain::PauseCount& p : der.pauses) {
    Data pd;
    pd.set("from", p.pause.from.to_string());
    pd.set("to", p.pause.to.to_string());
    pd.set("why", p.pause.why);
    pd.set("days", std::to_string(p.working_days_not_counted));
    pauses.push_back(pd);
  }
  set_list(d, "pauses", pauses);
  Data skipped = list();
  for (const domain::SkippedDay& s : der.skipped) {
    if (s.why == "周末") continue;  // weekends are implied; holidays are what people check
    Data sd;
    sd.set("date", s.date.to_string());
    sd.set("why", s.why);
    skipped.push_back(sd);
  }
  set_list(d, "holidays", skipped);
  Data make_up = list();
  for (const domain::MakeUpDay& m : der.make_up_days) {
    Data md;
    md.set("date", m.date.to_string());
    md.set("name", m.name);
    make_up.push_back(md);
  }
  set_list(d, "make_up", make_up);
  Data notes = list();
  for (const std::string& n : der.notes) {
    Data nd;
    nd.set("text", n);
    notes.push_back(nd);
  }
  set_list(d, "notes", notes);
  return d;
}

}  // namespace

void StaffCases::register_routes(http::Router& router) {
  auto bind = [this](http::Response (StaffCases::*fn)(const http::Request&)) {
    return [this, fn](const http::Request& req) { return (this->*fn)(req); };
  };
  router.add("GET", "/staff/cases", bind(&StaffCases::list_page));
  router.add("GET", "/staff/cases/new", bind(&StaffCases::register_form));
  router.add("POST", "/staff/cases/new", bind(&StaffCases::register_form), http::body_limit(kApplicationFormMaxBytes));
  router.add("GET", "/staff/cases/stats", bind(&StaffCases::stats_page));
  router.add("GET", "/staff/cases/{number}", bind(&StaffCases::case_page));
  router.add("POST", "/staff/cases/{number}/act", bind(&StaffCases::act), http::body_limit(16 * 1024));
  router.add("POST", "/staff/cases/{number}/reveal", bind(&StaffCases::reveal));
  router.add("POST", "/staff/cases/{number}/art44", bind(&StaffCases::art44));
  router.add("POST", "/staff/cases/{number}/assign", bind(&StaffCases::assign));
  router.add("GET", "/staff/cases/{number}/attachments/{position}", bind(&StaffCases::attachment));
  router.add("GET", "/staff/cases/{number}/letters/{kind}", bind(&StaffCases::letter_form));
  router.add("POST", "/staff/cases/{number}/letters/{kind}", bind(&StaffCases::letter_form),
             http::body_limit(256 * 1024));
  router.add("GET", "/staff/cases/{number}/letters/{kind}/{version}", bind(&StaffCases::letter_version));
}

http::Response StaffCases::failure(const http::Request& req, const Staff::Context& ctx, const Status& s) {
  if (domain::is_permission_denied(s)) return staff_.forbidden(req, ctx, "case.handle", 0);
  if (s.code() == StatusCode::kNotFound) {
    return staff_.error(req, &ctx, 404, "申请不存在", "没有这个申请编号，或该申请不在您有权办理的机构范围内。");
  }
  std::fprintf(stderr, "gongkai: staff %s: %s\n", req.path.c_str(), s.message().c_str());
  return staff_.error(req, &ctx, 500, "系统繁忙", "服务器暂时无法处理您的请求，请稍后再试。问题已记录。");
}

http::Response StaffCases::list_page(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  services::CaseFilter filter;
  filter.body_code = req.query_param("body").value_or("");
  filter.stage = req.query_param("stage").value_or("");
  if (!domain::parse_stage(filter.stage)) filter.stage.clear();
  filter.mark = req.query_param("mark").value_or("");
  if (filter.mark != "red" && filter.mark != "yellow") filter.mark.clear();
  const bool mine = req.query_param("mine").value_or("") == "1";
  if (mine) filter.handler_user_id = ctx.user().id;
  int64_t page_no = 1;
  const std::string page_text = req.query_param("page").value_or("1");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), page_no);
  filter.page = static_cast<int>(std::clamp<int64_t>(page_no, 1, 100000));
  Result<services::OpenCasePage> cases = work_.open_cases(ctx.user(), filter);
  if (!cases) return failure(req, ctx, cases.status());
  Result<std::vector<store::BodyRow>> bodies = work_.bodies_for(ctx.user(), "case.handle");
  if (!bodies) return failure(req, ctx, bodies.status());
  Data d;
  Data rows = list();
  for (const services::OpenCase& c : cases->cases) {
    Data r;
    r.set("number", c.row.number);
    r.set("body_name", c.body_name);
    r.set("stage_label", stage_label(c.row.stage));
    r.set("channel_label", channel_label(c.row.channel));
    r.set("applicant", c.row.applicant_name.value_or("（未填）"));
    r.set("received_date", c.row.received_date.value_or("待确认"));
    r.set("due_date", c.row.due_date.value_or("—"));
    r.set("provisional", c.row.due_provisional);
    r.set("days", services::days_left_text(c.working_days_left));
    r.set("mark", c.mark);
    r.set("mark_label", mark_label(c.mark));
    r.set("handler", c.handler_name.empty() ? std::string("未分配") : c.handler_name);
    r.set("unit", c.unit_name);
    rows.push_back(r);
  }
  set_list(d, "cases", rows);
  d.set("total", std::to_string(cases->total));
  Data body_list = list();
  for (const store::BodyRow& b : *bodies) {
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == filter.body_code);
    body_list.push_back(bd);
  }
  d.set("bodies", body_list);
  Data stages = list();
  for (const char* code : {"submitted", "registered", "correction_requested", "in_handling", "consulting",
                           "fee_requested", "decided", "replied", "delivered"}) {
    Data sd;
    sd.set("code", code);
    sd.set("label", stage_label(code));
    sd.set("selected", filter.stage == code);
    stages.push_back(sd);
  }
  d.set("stages", stages);
  d.set("mark_red", filter.mark == "red");
  d.set("mark_yellow", filter.mark == "yellow");
  d.set("mine", mine);
  d.set("can_register", !bodies->empty());
  const std::string base = "/staff/cases?body=" + url_encode(filter.body_code) + "&stage=" + url_encode(filter.stage) +
                           "&mark=" + url_encode(filter.mark) + (mine ? "&mine=1" : "");
  d.set("pager", pager(base, cases->total, filter.page, filter.page_size));
  return staff_.page(req, &ctx, "依申请公开", render("staff_cases", d));
}

http::Response StaffCases::stats_page(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const services::User& user = ctx.user();
  const auto in_scope = [&](int64_t body_id) {
    return services::authorize(user, "case.handle", body_id) || services::authorize(user, "case.supervise", body_id);
  };
  const int this_year = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1)).year();
  const std::string year_text = req.query_param("year").value_or(std::to_string(this_year));
  int year = 0;
  const auto [end, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  if (ec != std::errc() || end != year_text.data() + year_text.size() || year < 2000 || year > this_year) {
    return staff_.error(req, &ctx, 400, "年份无效",
                        "请填写2000年至" + std::to_string(this_year) + "年之间的年份，例如 ?year=" +
                            std::to_string(this_year) + "。");
  }
  Result<services::CaseYearStats> stats = [&]() -> Result<services::CaseYearStats> {
    store::Transaction tx(**conn, store::TxMode::kRead);
    GK_RETURN_IF_ERROR(tx.status());
    return services::case_year_stats(**conn, year, in_scope);
  }();
  if (!stats) return failure(req, ctx, stats.status());
  if (stats->units.empty()) return staff_.forbidden(req, ctx, "case.supervise", user.body_id);
  if (req.query_param("format") == "csv") {
    http::Response res;
    res.body = services::case_year_stats_csv(*stats);
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    res.set_header("Content-Disposition", "attachment; filename=\"case-stats-" + std::to_string(year) + ".csv\"");
    res.set_header("Cache-Control", "no-store");
    return res;
  }
  Data d;
  d.set("year", std::to_string(year));
  d.set("format", stats->format);
  Data years = list();
  for (int y = this_year; y >= std::max(2019, this_year - 8); --y) {
    Data yd;
    yd.set("year", std::to_string(y));
    yd.set("selected", y == year);
    years.push_back(yd);
  }
  d.set("years", years);
  Data units = list();
  services::UnitCaseStats total;
  for (const services::UnitCaseStats& u : stats->units) {
    Data ud;
    ud.set("code", u.body_code);
    ud.set("name", u.body_name);
    ud.set("received", std::to_string(u.received));
    ud.set("answered", std::to_string(u.answered));
    ud.set("in_time", std::to_string(u.answered_in_time));
    if (u.answered > 0) ud.set("in_time_pct", std::to_string(u.answered_in_time * 100 / u.answered) + "%");
    char avg[32] = "—";
    if (u.average_working_days) std::snprintf(avg, sizeof avg, "%.1f", *u.average_working_days);
    ud.set("average", std::string(avg));
    Data outcomes = list();
    for (size_t row_idx = 0; row_idx < stats->row_codes.size(); ++row_idx) {
      auto it = u.outcomes.find(stats->row_codes[row_idx]);
      if (it == u.outcomes.end()) continue;
      Data od;
      od.set("label", stats->row_labels[row_idx]);
      od.set("count", std::to_string(it->second));
      outcomes.push_back(od);
      total.outcomes[stats->row_codes[row_idx]] += it->second;
    }
    set_list(ud, "outcomes", outcomes);
    units.push_back(ud);
    total.received += u.received;
    total.answered += u.answered;
    total.answered_in_time += u.answered_in_time;
    total.answer_working_days += u.answer_working_days;
  }
  set_list(d, "units", units);
  d.set("total_received", std::to_string(total.received));
  d.set("total_answered", std::to_string(total.answered));
  d.set("total_in_time", std::to_string(total.answered_in_time));
  if (total.answered > 0) {
    char avg[32];
    std::snprintf(avg, sizeof avg, "%.1f",
                  static_cast<double>(total.answer_working_days) / static_cast<double>(total.answered));
    d.set("total_average", std::string(avg));
  }
  return staff_.page(req, &ctx, "依申请公开统计（" + std::to_string(year) + "年）", render("staff_case_stats", d));
}

http::Response StaffCases::register_form(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  const bool posted = req.method == "POST";
  // The form is multipart/form-data (it carries the scanned pages; a urlencoded post from a script still works):
  // its token travels inside the body, checked here once the body is read.
  const PostedApplicationForm posted_form(req);
  Staff::Gate g = staff_.gate(req, **conn, posted && !posted_form.multipart());
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  if (posted_form.multipart() && !posted_form.error() &&
      !services::check_csrf(ctx.session, field_value(posted_form.fields(), "csrf"))) {
    return staff_.csrf_refused(req, ctx);
  }
  Result<std::vector<store::BodyRow>> bodies = work_.bodies_for(ctx.user(), "case.handle");
  if (!bodies) return failure(req, ctx, bodies.status());
  if (bodies->empty()) return staff_.forbidden(req, ctx, "case.handle", ctx.user().body_id);
  const Form& f = posted_form.fields();
  const std::vector<services::ApplicationFile>& files = posted_form.files();
  domain::ApplicationForm values = application_form_values(f);
  if (!posted) values.applicant_type = "natural_person";
  const std::string channel = posted ? field_value(f, "channel") : "in_person";
  const std::string received = posted ? field_value(f, "received_date") : china_today();
  const bool signed_for = !posted || field_value(f, "signed_for") == "1";
  std::vector<domain::FieldError> errors;
  int status = 200;
  if (posted_form.error()) {
    // Nothing of the form could be read: it comes back empty with the reason, and nothing is registered.
    errors.push_back(*posted_form.error());
    status = 400;
  } else if (posted) {
    const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
    errors = domain::check_application_form(values, today);
    if (channel != "in_person" && channel != "mail" && channel != "fax" && channel != "other") {
      errors.push_back({"channel", "请选择申请方式。"});
    }
    std::optional<domain::Date> on = domain::Date::parse(received);
    if (received.empty() && channel != "fax") {
      errors.push_back({"received_date", "请填写收到申请的日期（条例第三十一条）。"});
    } else if (!received.empty() && (!on || *on > today)) {
      errors.push_back({"received_date", "请按“年-月-日”填写不晚于今天的有效日期。"});
    }
    Result<std::vector<std::string>> refused = services::check_application_files(files);
    if (!refused) return failure(req, ctx, refused.status());
    for (const std::string& problem : *refused) errors.push_back({"attachments", problem});
    if (errors.empty()) {
      services::NewApplication a;
      a.body_code = values.body_code;
      a.channel = channel;
      a.mail_signed_for = signed_for;
      a.applicant_type = values.applicant_type;
      a.applicant_name = values.applicant_name;
      a.id_number = values.id_number;
      a.phone = values.phone;
      a.address = values.address;
      a.request = services::request_text(values);
      const domain::FormChoice* fw = domain::find_choice(domain::form_wanted_choices(), values.form_wanted);
      const domain::FormChoice* dw = domain::find_choice(domain::delivery_wanted_choices(), values.delivery_wanted);
      a.form_wanted = fw ? std::string(fw->label) : "";
      a.delivery_wanted = dw ? std::string(dw->label) : "";
      a.received_date = received;
      Result<services::Registered> reg =
          work_.register_case(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)), a, files);
      if (reg) {
        // The query code is shown to the staff member once, to hand to the applicant with the receipt (回执).
        return render_case(req, ctx, reg->number,
                           "已登记。请将申请编号和查询码 " + reg->query_code + " 告知申请人（查询码只显示这一次）。", "", "",
                           201);
      }
      if (domain::is_permission_denied(reg.status())) return staff_.forbidden(req, ctx, "case.handle", 0);
      if (reg.status().code() != StatusCode::kInvalid) return failure(req, ctx, reg.status());
      if (const std::string& m = reg.status().message(); m.starts_with("attachments: ")) {
        errors.push_back({"attachments", m.substr(std::string_view("attachments: ").size())});
      } else {
        errors.push_back({"body_code", refusal_of(reg.status()).text});
      }
    }
    status = 400;
  }
  Data d = application_form_data(values, *bodies, errors);
  d.set("csrf", ctx.csrf);
  set_attachments_field(d, "申请书扫描件或其他材料",
                        "如纸质申请书、信封、身份证明复印件的扫描件或照片（PDF、JPEG、PNG）",
                        !files.empty() && !errors.empty());
  Data channels = list();
  for (const char* code : {"in_person", "mail", "fax", "other"}) {
    Data cd;
    cd.set("code", code);
    cd.set("label", std::string(code) == "other" ? std::string("其他（含口头申请，由工作人员代为填写）")
                                                 : channel_label(code));
    cd.set("checked", channel == code);
    channels.push_back(cd);
  }
  d.set("channels", channels);
  d.set("signed_for", signed_for);
  d.set("received_date", received);
  return staff_.page(req, &ctx, "登记申请", render("staff_case_new", d), status);
}

http::Response StaffCases::case_page(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const std::string done = req.query_param("done").value_or("");
  return render_case(req, *g.context, req.params.at("number"), done.empty() ? "" : "已记录：" + act_label(done) + "。",
                     "", "", 200);
}

http::Response StaffCases::render_case(const http::Request& req, const Staff::Context& ctx, const std::string& number,
                                       const std::string& notice, const std::string& error,
                                       const std::string& revealed, int status, const std::string& error_code) {
  Result<services::CaseView> v = work_.view(ctx.user(), number);
  if (!v) return failure(req, ctx, v.status());
  const store::ApplicationRow& row = v->open.row;
  Data d;
  d.set("csrf", ctx.csrf);
  d.set("number", row.number);
  d.set("body_name", v->open.body_name);
  d.set("stage_label", stage_label(row.stage));
  d.set("channel_label", channel_label(row.channel));
  d.set("applicant_type", applicant_label(row.applicant_type));
  d.set("applicant_name", row.applicant_name.value_or("（未填）"));
  d.set("id_masked", row.id_masked.value_or("（未填）"));
  d.set("has_id", row.id_masked.has_value());
  if (!revealed.empty()) d.set("revealed", revealed);
  d.set("phone", row.phone.value_or(""));
  d.set("address", row.address.value_or(""));
  d.set("request", row.request);
  d.set("form_wanted", row.form_wanted.value_or(""));
  d.set("delivery_wanted", row.delivery_wanted.value_or(""));
  d.set("received_date", row.received_date.value_or("待确认"));
  d.set("handler", v->open.handler_name.empty() ? std::string("未分配") : v->open.handler_name);
  d.set("unit", v->open.unit_name.empty() ? std::string("未分配") : v->open.unit_name);
  Data handlers = list();
  for (const services::Assignee& a : v->handlers) {
    handlers.push_back(option(a.login, a.display_name + "（" + a.login + "）", row.handler_user_id == a.user_id));
  }
  set_list(d, "handlers", handlers);
  Data units = list();
  for (const store::BodyRow& b : v->units) units.push_back(option(b.code, b.name, row.unit_body_id == b.id));
  set_list(d, "units", units);
  Data files = list();
  for (const store::ApplicationAttachmentRow& a : v->attachments) {
    Data fd;
    fd.set("number", row.number);
    fd.set("position", std::to_string(a.position));
    fd.set("file_name", a.file_name);
    fd.set("size", a.size_bytes >= 1024 * 1024 ? std::to_string(a.size_bytes / (1024 * 1024)) + " MB"
                                                : std::to_string((a.size_bytes + 1023) / 1024) + " KB");
    files.push_back(fd);
  }
  set_list(d, "attachments", files);
  if (row.outcome) d.set("outcome", outcome_label(*row.outcome));
  if (row.replied_date) d.set("replied_date", *row.replied_date);
  d.set("days", services::days_left_text(v->open.working_days_left));
  d.set("mark", v->open.mark);
  d.set("mark_label", mark_label(v->open.mark));
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) d.set("error", error);
  if (!error_code.empty()) d.set("error_code", error_code);
  d.set("deadline", deadline_data(v->deadline));
  Data events = list();
  for (const store::ApplicationEventRow& e : v->events) {
    Data ed;
    ed.set("seq", std::to_string(e.seq));
    ed.set("on_date", e.on_date);
    ed.set("label", act_label(e.kind));
    std::string detail = e.detail;
    if (e.days) detail += (detail.empty() ? "" : "；") + std::string("延长") + std::to_string(*e.days) + "个工作日";
    if (e.outcome) detail += (detail.empty() ? "" : "；") + outcome_label(*e.outcome);
    ed.set("detail", detail);
    ed.set("actor", e.actor);
    events.push_back(ed);
  }
  set_list(d, "events", events);
  Data acts = list();
  if (v->can_handle) {
    for (CaseEventKind kind : v->allowed) {
      const ActLook* l = look_for(kind);
      if (!l) continue;
      Data ad;
      ad.set("code", std::string(domain::event_code(kind)));
      ad.set("label", l->label);
      ad.set("detail_label", l->detail_label);
      ad.set("detail_required", l->detail_required);
      ad.set("hint", l->hint);
      ad.set("today", china_today());
      ad.set("needs_days", kind == CaseEventKind::kExtend);
      if (kind == CaseEventKind::kDecide) {
        ad.set("needs_outcome", true);
        Data outcomes = list();
        for (const domain::Outcome& o : domain::outcomes()) {
          if (o.code == "other.no_correction" || o.code == "other.no_fee") continue;
          Data od;
          od.set("code", std::string(o.code));
          od.set("label", outcome_label(std::string(o.code)) +
                              (o.article.empty() ? "" : "（" + std::string(o.article) + "）"));
          outcomes.push_back(od);
        }
        ad.set("outcomes", outcomes);
      }
      ad.set("number", row.number);
      ad.set("csrf", ctx.csrf);
      acts.push_back(ad);
    }
  }
  set_list(d, "acts", acts);
  d.set("can_handle", v->can_handle);
  Result<std::vector<store::CaseLetterRow>> letters = work_.letters(ctx.user(), number);
  if (!letters) return failure(req, ctx, letters.status());
  Data kinds = list();
  for (const domain::LetterKind& k : domain::letter_kinds()) {
    Data kd;
    kd.set("code", std::string(k.code));
    kd.set("title", std::string(k.title));
    kd.set("number", row.number);
    Data versions = list();
    for (const store::CaseLetterRow& l : *letters) {
      if (l.kind != k.code) continue;
      Data ld;
      ld.set("version", std::to_string(l.version));
      ld.set("sent", l.sent);
      ld.set("sent_on", l.sent_on.value_or(""));
      ld.set("author", l.author);
      versions.push_back(ld);
    }
    set_list(kd, "versions", versions);
    kinds.push_back(kd);
  }
  d.set("letter_kinds", kinds);
  return staff_.page(req, &ctx, "申请 " + row.number, render("staff_case", d), status);
}

http::Response StaffCases::act(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  const Form f = req.form();
  services::CaseAct a;
  a.kind = field_value(f, "kind");
  a.on_date = field_value(f, "on_date");
  a.outcome = field_value(f, "outcome");
  a.detail = field_value(f, "detail").substr(0, 2000);
  const std::string days = field_value(f, "days");
  std::from_chars(days.data(), days.data() + days.size(), a.days);
  Result<store::ApplicationRow> done =
      work_.act(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)), number, a);
  if (done) return http::Response::redirect("/staff/cases/" + url_encode(number) + "?done=" + url_encode(a.kind), 303);
  if (domain::is_permission_denied(done.status()) || done.status().code() == StatusCode::kNotFound ||
      (done.status().code() != StatusCode::kInvalid && done.status().code() != StatusCode::kConflict)) {
    return failure(req, ctx, done.status());
  }
  const Refusal refused = refusal_of(done.status());
  return render_case(req, ctx, number, "", "操作未执行：" + refused.text, "",
                     done.status().code() == StatusCode::kConflict ? 409 : 400, refused.code);
}

http::Response StaffCases::reveal(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  Result<std::string> id = work_.reveal_id(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)),
                                           number, field_value(req.form(), "reason"));
  if (id) return render_case(req, ctx, number, "本次查看已记入审计日志。", "", *id, 200);
  if (id.status().code() == StatusCode::kInvalid) {
    const Refusal refused = refusal_of(id.status());
    return render_case(req, ctx, number, "", refused.text, "", 400, refused.code);
  }
  return failure(req, ctx, id.status());
}

http::Response StaffCases::art44(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  Status s = work_.flag_art44(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)), number,
                              field_value(req.form(), "note"));
  if (!s) return failure(req, ctx, s);
  return http::Response::redirect("/staff/cases/" + url_encode(number) + "?done=art44", 303);
}

http::Response StaffCases::assign(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  const Form f = req.form();
  Status s = work_.assign(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)), number,
                          field_value(f, "handler"), field_value(f, "unit"), field_value(f, "note"));
  if (s) return http::Response::redirect("/staff/cases/" + url_encode(number) + "?done=assign", 303);
  if (s.code() != StatusCode::kInvalid) return failure(req, ctx, s);
  const Refusal refused = refusal_of(s);
  return render_case(req, ctx, number, "", "未分配：" + refused.text, "", 400, refused.code);
}

http::Response StaffCases::attachment(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string& position_text = req.params.at("position");
  int64_t position = -1;
  const auto [end, ec] = std::from_chars(position_text.data(), position_text.data() + position_text.size(), position);
  if (ec != std::errc() || end != position_text.data() + position_text.size()) position = -1;
  Result<std::pair<store::ApplicationAttachmentRow, std::string>> found =
      work_.attachment(ctx.user(), req.params.at("number"), position);
  if (!found) return failure(req, ctx, found.status());
  std::FILE* file = std::fopen(found->second.c_str(), "rb");
  if (!file) return staff_.error(req, &ctx, 404, "附件不存在", "附件文件缺失，请联系平台管理员。");
  std::string body;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, file)) > 0) body.append(buf, n);
  std::fclose(file);
  http::Response res;
  res.body = std::move(body);
  res.set_header("Content-Type", found->first.mime_type);
  res.set_header("Content-Disposition", "attachment; filename*=UTF-8''" + url_encode(found->first.file_name));
  res.set_header("Cache-Control", "no-store");  // applicants' documents
  res.set_header("X-Content-Type-Options", "nosniff");
  return res;
}

http::Response StaffCases::letter_form(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  const bool posted = req.method == "POST";
  Staff::Gate g = staff_.gate(req, **conn, posted);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  const std::string kind = req.params.at("kind");
  const domain::LetterKind* k = domain::find_letter_kind(kind);
  if (!k) return staff_.error(req, &ctx, 404, "文书不存在", "没有这种文书。");
  Data d;
  int status = 200;
  if (posted) {
    const Form f = req.form();
    const bool send = field_value(f, "send") == "1";
    Result<int64_t> version = work_.save_letter(services::Actor::signed_in(ctx.user(), client_address(req, trust_proxy_)),
                                                number, kind, field_value(f, "title"), field_value(f, "body"), send);
    if (version) {
      return http::Response::redirect("/staff/cases/" + url_encode(number) + "/letters/" + kind + "/" +
                                          std::to_string(*version),
                                      303);
    }
    if (version.status().code() != StatusCode::kInvalid) return failure(req, ctx, version.status());
    d.set("error", "文书没有保存：标题和正文不能为空，正文不超过2万字。");
    d.set("title", field_value(f, "title"));
    d.set("body", field_value(f, "body"));
    status = 400;
  } else {
    Result<domain::LetterDraft> draft = work_.letter_draft(ctx.user(), number, kind);
    if (!draft && draft.status().code() == StatusCode::kInvalid) {
      return staff_.error(req, &ctx, 409, "暂不能出具", "答复告知书须在作出答复决定后出具。");
    }
    if (!draft) return failure(req, ctx, draft.status());
    d.set("title", draft->title);
    d.set("body", draft->body);
  }
  Result<services::CaseView> v = work_.view(ctx.user(), number);
  if (!v) return failure(req, ctx, v.status());
  if (!v->can_handle) return staff_.forbidden(req, ctx, "case.handle", v->open.row.body_id);
  d.set("csrf", ctx.csrf);
  d.set("number", number);
  d.set("kind", kind);
  d.set("kind_title", std::string(k->title));
  d.set("basis", std::string(k->basis));
  return staff_.page(req, &ctx, std::string(k->title), render("staff_letter_form", d), status);
}

http::Response StaffCases::letter_version(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string number = req.params.at("number");
  Result<std::vector<store::CaseLetterRow>> letters = work_.letters(ctx.user(), number);
  if (!letters) return failure(req, ctx, letters.status());
  for (const store::CaseLetterRow& l : *letters) {
    if (l.kind != req.params.at("kind") || std::to_string(l.version) != req.params.at("version")) continue;
    if (req.query_param("format") == "pdf") {
      Result<std::string> pdf = render::render_letter_pdf(l.title, l.body);
      if (!pdf) return staff_.error(req, &ctx, 500, "无法生成 PDF", pdf.status().message());
      http::Response r;
      r.body = std::move(*pdf);
      r.set_header("Content-Type", "application/pdf");
      r.set_header("Content-Disposition",
                   "attachment; filename=\"letter-" + l.kind + "-" + std::to_string(l.version) + ".pdf\"");
      r.set_header("Cache-Control", "no-store");  // applicants' names and requests
      return r;
    }
    Data d;
    d.set("number", number);
    d.set("kind", l.kind);
    d.set("title", l.title);
    Data paragraphs = list();
    size_t start = 0;
    while (start <= l.body.size()) {
      size_t end = l.body.find("\n\n", start);
      if (end == std::string::npos) end = l.body.size();
      Data p;
      p.set("text", l.body.substr(start, end - start));
      paragraphs.push_back(p);
      start = end + 2;
    }
    d.set("paragraphs", paragraphs);
    d.set("version", std::to_string(l.version));
    d.set("sent", l.sent);
    d.set("sent_on", l.sent_on.value_or(""));
    d.set("author", l.author);
    d.set("notice", req.query_param("saved").has_value());
    return staff_.page(req, &ctx, l.title, render("staff_letter", d));
  }
  return staff_.error(req, &ctx, 404, "文书不存在", "该申请没有这一版本的文书。");
}

}  // namespace gongkai::web
