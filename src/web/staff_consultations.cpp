// Consultation pages: the staff list and the staff page of one consultation (period, moderation, responses,
// closing, publishing the feedback), and the public page with its comment form (no JavaScript) and the published
// feedback.
#include <algorithm>

#include "domain/normative.h"
#include "store/portal.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/staff_policy.h"
#include "web/templates.h"

namespace gongkai::web {

namespace {

std::string response_label(const std::optional<std::string>& code) {
  if (!code) return "";
  const domain::FeedbackResponse* r = domain::find_feedback_response(*code);
  return r ? std::string(r->label) : *code;
}

std::string utc_minutes(const std::string& utc) { return utc.size() >= 16 ? utc.substr(0, 16).replace(10, 1, " ") : utc; }

Data counts_data(const store::ConsultationRow& c) {
  Data d;
  d.set("id", std::to_string(c.item_id));
  d.set("title", c.title);
  d.set("opens_on", c.opens_on);
  d.set("closes_on", c.closes_on);
  d.set("closed_on", c.closed_on.value_or(""));
  d.set("feedback_published_on", c.feedback_published_on.value_or(""));
  d.set("feedback_summary", c.feedback_summary.value_or(""));
  d.set("published", c.feedback_published_on.has_value());
  d.set("pending", std::to_string(c.pending));
  d.set("accepted", std::to_string(c.accepted));
  d.set("rejected", std::to_string(c.rejected));
  d.set("adopted", std::to_string(c.adopted));
  d.set("partly_adopted", std::to_string(c.partly_adopted));
  d.set("not_adopted", std::to_string(c.not_adopted));
  return d;
}

}  // namespace

http::Response PolicyDesk::consultations(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  Result<std::vector<store::ConsultationRow>> all = consultations_.list(**conn, ctx.user());
  if (!all) return staff_.failure(req, ctx, all.status(), 0);
  const std::string today = consultations_.today();
  Data rows = list();
  for (const store::ConsultationRow& c : *all) {
    Data cd = counts_data(c);
    const bool open = !c.closed_on && c.opens_on <= today && today <= c.closes_on;
    cd.set("state", c.feedback_published_on ? "已公布反馈" : open ? "征集中" : today < c.opens_on ? "未开始" : "已结束");
    rows.push_back(cd);
  }
  Data d;
  set_list(d, "consultations", rows);
  return staff_.page(req, &ctx, "意见征集", render("staff_consultations", d));
}

http::Response PolicyDesk::consultation_page(const http::Request& req, store::Connection& conn,
                                             const Staff::Context& ctx, int64_t item_id, const std::string& problem,
                                             const std::string& notice) {
  Result<std::optional<services::ConsultationView>> view = consultations_.view(conn, ctx.user(), item_id);
  if (!view) return staff_.failure(req, ctx, view.status(), 0);
  Data d;
  d.set("id", std::to_string(item_id));
  d.set("csrf", ctx.csrf);
  if (!problem.empty()) d.set("problem", problem);
  if (!notice.empty()) d.set("notice", notice);
  if (!*view) {
    // A consultation item without a period yet: only the period form (when the item is in the scope).
    Result<std::optional<store::ItemDetail>> item = store::item_detail(conn, item_id);
    if (!item) return staff_.failure(req, ctx, item.status(), 0);
    Result<std::vector<int64_t>> visible = library_.scope(conn, ctx.user());
    if (!visible) return staff_.failure(req, ctx, visible.status(), 0);
    if (!*item || (*item)->row.kind != "consultation" ||
        std::find(visible->begin(), visible->end(), (*item)->row.body_id) == visible->end()) {
      return staff_.failure(req, ctx, Status::not_found("no consultation"), 0);
    }
    d.set("title", (*item)->row.title);
    d.set("no_period", true);
    d.set("opens_on", consultations_.today());
    d.set("closes_on", domain::Date::parse(consultations_.today())->plus_days(30).to_string());
    return staff_.page(req, &ctx, (*item)->row.title, render("staff_consultation", d), problem.empty() ? 200 : 400);
  }
  const services::ConsultationView& v = **view;
  Data base = counts_data(v.consultation);
  for (const char* key : {"title", "opens_on", "closes_on", "closed_on", "feedback_published_on", "feedback_summary",
                          "pending", "accepted", "rejected", "adopted", "partly_adopted", "not_adopted"}) {
    d.set(key, *base.get(key));
  }
  d.set("published", v.consultation.feedback_published_on.has_value());
  d.set("open", v.open);
  d.set("closed", v.consultation.closed_on.has_value());
  const bool editable = !v.consultation.feedback_published_on;
  d.set("editable", editable);
  Data comments = list();
  for (const store::CommentRow& c : v.comments) {
    Data cd;
    cd.set("id", std::to_string(item_id));
    cd.set("cid", std::to_string(c.id));
    cd.set("csrf", ctx.csrf);
    cd.set("submitted_at", utc_minutes(c.submitted_at));
    cd.set("author_name", c.author_name.value_or("（未署名）"));
    cd.set("contact", c.contact);
    cd.set("comment", c.comment);
    cd.set("status_" + c.status, true);
    cd.set("status_label", c.status == "pending" ? "待审核" : c.status == "accepted" ? "有效意见" : "不予采用（已屏蔽）");
    cd.set("response", c.response.value_or(""));
    cd.set("response_label", response_label(c.response));
    cd.set("response_reason", c.response_reason.value_or(""));
    cd.set("editable", editable);
    Data choices = list();
    for (const domain::FeedbackResponse& r : domain::feedback_responses()) {
      Data ch;
      ch.set("code", std::string(r.code));
      ch.set("label", std::string(r.label));
      ch.set("cid", std::to_string(c.id));
      ch.set("checked", c.response == r.code);
      choices.push_back(ch);
    }
    cd.set("choices", choices);
    comments.push_back(cd);
  }
  set_list(d, "comments", comments);
  return staff_.page(req, &ctx, v.consultation.title, render("staff_consultation", d), problem.empty() ? 200 : 400);
}

http::Response PolicyDesk::consultation(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return staff_.failure(req, *g.context, Status::not_found("bad id"), 0);
  return consultation_page(req, **conn, *g.context, *id, "", req.query_param("done") ? "已保存。" : "");
}

http::Response PolicyDesk::consultation_post(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  const std::string action = req.params.at("action");
  if (!id) return staff_.failure(req, ctx, Status::not_found("bad id"), 0);
  const FormPairs form = req.form();
  const std::string addr = staff_.client_addr(req);
  std::optional<int64_t> comment = positive_id(field_value(form, "comment"));
  std::vector<domain::FieldError> errors;
  Status s;
  if (action == "period") {
    s = consultations_.set_period(**conn, ctx.user(), *id, trimmed_field(form, "opens_on"),
                                  trimmed_field(form, "closes_on"), addr, &errors);
  } else if (action == "moderate" && comment) {
    s = consultations_.moderate(**conn, ctx.user(), *id, *comment, trimmed_field(form, "status"), addr);
  } else if (action == "respond" && comment) {
    s = consultations_.respond(**conn, ctx.user(), *id, *comment, trimmed_field(form, "response"),
                               trimmed_field(form, "reason"), addr);
  } else if (action == "close") {
    s = consultations_.close(**conn, ctx.user(), *id, addr);
  } else if (action == "feedback") {
    s = consultations_.publish_feedback(**conn, ctx.user(), *id, trimmed_field(form, "summary"), addr);
  } else {
    return staff_.failure(req, ctx, Status::not_found("no such action"), 0);
  }
  if (s) return http::Response::redirect("/staff/consultations/" + std::to_string(*id) + "?done=" + action, 303);
  if (s.code() == StatusCode::kInvalid) {
    std::string problem = s.message();
    if (!errors.empty()) {
      problem.clear();
      for (const domain::FieldError& e : errors) problem += e.message;
    }
    return consultation_page(req, **conn, ctx, *id, problem, "");
  }
  if (s.code() == StatusCode::kConflict && !domain::is_permission_denied(s)) {
    return consultation_page(req, **conn, ctx, *id, "操作未执行：" + s.message(), "");
  }
  Result<std::optional<store::ItemDetail>> item = store::item_detail(**conn, *id);
  return staff_.failure(req, ctx, s, item && *item ? (*item)->row.body_id : 0, "consultation.manage");
}

// ---- Public pages ----

http::Response PolicyDesk::public_page(const http::Request& req, store::Connection& conn, int64_t item_id,
                                       const services::NewComment& typed,
                                       const std::vector<domain::FieldError>& errors, bool thanks) {
  Result<std::optional<services::ConsultationView>> view = consultations_.public_view(conn, item_id);
  if (!view) return portal_.error_page(req, 500, "系统繁忙", "暂时无法读取该意见征集，请稍后再试。");
  if (!*view) return portal_.error_page(req, 404, "页面不存在", "该意见征集不存在或尚未发布。");
  const services::ConsultationView& v = **view;
  Data d = counts_data(v.consultation);
  d.set("open", v.open);
  d.set("not_started", !v.open && !v.consultation.closed_on && consultations_.today() < v.consultation.opens_on);
  d.set("thanks", thanks);
  d.set("author_name", typed.author_name);
  d.set("contact", typed.contact);
  d.set("comment", typed.comment);
  d.set("action", "/consultations/" + std::to_string(item_id) + "/comments");
  d.set("item_url", "/items/" + std::to_string(item_id));
  if (v.open && challenges_) {
    const Challenge c = challenges_->issue(clock_());
    d.set("question", c.question);
    d.set("challenge", c.token);
  }
  Data error_list = list();
  for (const domain::FieldError& e : errors) {
    d.set("err_" + e.field, e.message);
    Data ed;
    ed.set("field", e.field);
    ed.set("message", e.message);
    error_list.push_back(ed);
  }
  set_list(d, "errors", error_list);
  Data comments = list();
  int row_no = 0;
  for (const store::CommentRow& c : v.comments) {
    Data cd;
    cd.set("no", std::to_string(++row_no));
    cd.set("comment", c.comment);
    cd.set("response_label", response_label(c.response));
    cd.set("response_reason", c.response_reason.value_or(""));
    comments.push_back(cd);
  }
  set_list(d, "comments", comments);
  Portal::Chrome chrome;
  chrome.title = v.consultation.title + " - 意见征集";
  chrome.breadcrumbs = {{"首页", "/"}, {v.consultation.title, "/items/" + std::to_string(item_id)}, {"意见征集", ""}};
  chrome.nav = "home";
  http::Response res = portal_.page(req, chrome, render("consultation", d), errors.empty() ? 200 : 400);
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response PolicyDesk::public_consultation(const http::Request& req) {
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return portal_.error_page(req, 404, "页面不存在", "该意见征集不存在或尚未发布。");
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return portal_.error_page(req, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  return public_page(req, **conn, *id, {}, {}, req.query_param("thanks").has_value());
}

http::Response PolicyDesk::public_comment(const http::Request& req) {
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return portal_.error_page(req, 404, "页面不存在", "该意见征集不存在或尚未发布。");
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return portal_.error_page(req, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  const FormPairs form = req.form();
  services::NewComment comment{field_value(form, "author_name"), field_value(form, "contact"),
                               field_value(form, "comment")};
  // A filled-in honeypot field (hidden from people, see consultation.mustache) is a robot: answered like a
  // success, stored nowhere.
  if (!field_value(form, "website").empty()) {
    return http::Response::redirect("/consultations/" + std::to_string(*id) + "?thanks=1", 303);
  }
  if (const RateLimiter::Decision d = comment_limiter_.take(staff_.client_addr(req)); !d.allowed) {
    http::Response res = portal_.error_page(req, 429, "提交过于频繁",
                                            "您在短时间内提交了多条意见。请稍后再提交；如有大量意见，可合并为一条提交。");
    res.set_header("Retry-After", std::to_string(d.retry_after_seconds));
    return res;
  }
  if (!challenges_) return portal_.error_page(req, 500, "系统繁忙", "意见暂时无法提交，请稍后再试。");
  if (Status answer = challenges_->verify(field_value(form, "challenge"),
                                          field_value(form, "challenge_answer"), clock_());
      !answer) {
    // Outside the comment period there is no question to answer: say that instead.
    Result<std::optional<services::ConsultationView>> view = consultations_.public_view(**conn, *id);
    if (view && *view && !(*view)->open) {
      return public_page(req, **conn, *id, comment, {{"comment", "本次意见征集不在征集期内，意见未能提交。"}},
                         false);
    }
    return public_page(req, **conn, *id, comment, {{"challenge", answer.message()}}, false);
  }
  std::vector<domain::FieldError> errors;
  Result<int64_t> saved = consultations_.submit_comment(**conn, *id, comment, &errors);
  if (saved) return http::Response::redirect("/consultations/" + std::to_string(*id) + "?thanks=1", 303);
  if (saved.status().code() == StatusCode::kInvalid && !errors.empty()) {
    return public_page(req, **conn, *id, comment, errors, false);
  }
  if (saved.status().code() == StatusCode::kConflict) {
    return public_page(req, **conn, *id, comment, {{"comment", "本次意见征集不在征集期内，意见未能提交。"}}, false);
  }
  if (saved.status().code() == StatusCode::kNotFound) {
    return portal_.error_page(req, 404, "页面不存在", "该意见征集不存在或尚未发布。");
  }
  std::fprintf(stderr, "gongkai: comment on %lld: %s\n", static_cast<long long>(*id), saved.status().message().c_str());
  return portal_.error_page(req, 500, "系统繁忙", "意见暂时无法保存，请稍后再试。");
}

}  // namespace gongkai::web
