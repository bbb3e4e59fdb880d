// /apply and /apply/track: the form, its field-level errors, the acknowledgement after the commit, the status.
#include "web/public_cases.h"

#include <cstdio>

#include "common/clock.h"
#include "domain/outcomes.h"
#include "services/audit.h"
#include "services/case_intake.h"
#include "services/form_keys.h"
#include "store/bodies.h"
#include "web/application_attachments.h"
#include "web/application_form_view.h"
#include "web/form_values.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

using Form = FormPairs;

std::chrono::sys_seconds now_seconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

http::Response no_store(http::Response res) {
  res.set_header("Cache-Control", "no-store");
  return res;
}

}  // namespace

Result<std::unique_ptr<PublicCases>> PublicCases::create(services::Installation& inst, Portal& portal,
                                                         PublicCasesOptions options) {
  Result<std::string> key = services::form_challenge_key(inst);
  if (!key) return key.status();
  return std::unique_ptr<PublicCases>(new PublicCases(inst, portal, options, std::move(*key)));
}

void PublicCases::register_routes(http::Router& router) {
  router.add("GET", "/apply", [this](const http::Request& req) { return apply_form(req); });
  router.add("POST", "/apply", [this](const http::Request& req) { return apply_submit(req); },
             http::body_limit(kApplicationFormMaxBytes));
  router.add("GET", "/apply/track", [this](const http::Request& req) { return track_form(req); });
  router.add("POST", "/apply/track", [this](const http::Request& req) { return track_submit(req); },
             http::body_limit(4 * 1024));
}

// GET shows the empty form; a POST that cannot be accepted comes back as the same page with its values and errors.
http::Response PublicCases::apply_form(const http::Request& req) { return apply_submit(req); }

http::Response PublicCases::apply_submit(const http::Request& req) {
  const bool posted = req.method == "POST";
  // The form is multipart/form-data (it carries files); a urlencoded post (an old page, a script) still works.
  const PostedApplicationForm posted_form(req);
  const Form& f = posted_form.fields();
  const std::vector<services::ApplicationFile>& files = posted_form.files();
  std::vector<domain::FieldError> errors;
  if (posted_form.error()) errors.push_back(*posted_form.error());
  domain::ApplicationForm values = posted ? application_form_values(f) : domain::ApplicationForm{};
  if (!posted) {
    values.applicant_type = "natural_person";
    values.body_code = req.query_param("body").value_or("");
  }
  std::string limited;
  int status = 200;
  if (posted) {
    const std::string client = client_address(req, options_.trust_proxy);
    RateLimiter::Decision d = apply_limiter_.take(client);
    if (!d.allowed) {
      limited = "提交过于频繁，请于 " + std::to_string(d.retry_after_seconds) + " 秒后再提交。您填写的内容已保留。";
      status = 429;
    } else if (honeypot_tripped(f)) {
      // A robot filled the hidden field: refuse without saying why.
      limited = "申请未能提交，请刷新页面后重新填写。";
      status = 400;
    } else {
      const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
      std::vector<domain::FieldError> field_errors = domain::check_application_form(values, today);
      errors.insert(errors.end(), field_errors.begin(), field_errors.end());
      Result<std::vector<std::string>> refused = services::check_application_files(files);
      if (!refused) {
        std::fprintf(stderr, "gongkai: online application files: %s\n", refused.status().message().c_str());
        return no_store(portal_.error_page(req, 503, "申请未能保存",
                                           "系统暂时无法检查附件，申请没有提交。请稍后重新提交。"));
      }
      for (const std::string& problem : *refused) errors.push_back({"attachments", problem});
      Status challenge = challenges_.verify(field_value(f, "challenge"), field_value(f, "challenge_answer"), now_seconds());
      if (!challenge) errors.push_back({"challenge", challenge.message()});
      if (errors.empty()) {
        Result<services::Registered> reg = services::submit_online_application(inst_, values, files);
        if (reg) {
          // Committed: only now is the applicant told the number (DESIGN.md: an acknowledged application is durable).
          Data done;
          done.set("number", reg->number);
          done.set("query_code", reg->query_code);
          done.set("files", std::to_string(files.size()));
          done.set("has_files", !files.empty());
          Portal::Chrome chrome;
          chrome.title = "申请已提交";
          chrome.breadcrumbs = {{"首页", "/"}, {"依申请公开", "/apply"}, {"申请已提交", ""}};
          return no_store(portal_.page(req, chrome, render("apply_done", done), 201));
        }
        if (reg.status().code() == StatusCode::kInvalid) {
          const std::string& m = reg.status().message();
          const size_t colon = m.find(": ");
          const bool body = m.starts_with("body") || colon == std::string::npos;
          errors.push_back({body ? std::string("body_code") : m.substr(0, colon),
                            body ? std::string("请选择列表中的机关。") : m.substr(colon + 2)});
        } else {
          std::fprintf(stderr, "gongkai: online application: %s\n", reg.status().message().c_str());
          return no_store(portal_.error_page(req, 503, "申请未能保存",
                                             "系统暂时无法保存您的申请，申请没有提交。请稍后重新提交。"));
        }
      }
      status = 400;
    }
  }
  Result<store::ConnectionPool::Lease> conn = portal_.pool().acquire();
  if (!conn) return portal_.error_page(req, 500, "系统繁忙", "暂时无法打开申请页面，请稍后再试。");
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return portal_.error_page(req, 500, "系统繁忙", "暂时无法打开申请页面，请稍后再试。");
  Data d = application_form_data(values, *bodies, errors);
  if (!limited.empty()) d.set("limited", limited);
  set_attachments_field(d, "证明材料或其他附件", "如身份证明复印件、授权委托书等", !files.empty() && !errors.empty());
  Challenge c = challenges_.issue(now_seconds());
  d.set("question", c.question);
  d.set("challenge", c.token);
  Portal::Chrome chrome;
  chrome.title = "政府信息公开申请";
  chrome.breadcrumbs = {{"首页", "/"}, {"政府信息公开申请", ""}};
  http::Response res = no_store(portal_.page(req, chrome, render("apply", d), status));
  if (status == 429) res.set_header("Retry-After", "60");
  return res;
}

http::Response PublicCases::track_form(const http::Request& req) {
  Data d;
  Portal::Chrome chrome;
  chrome.title = "申请办理状态查询";
  chrome.breadcrumbs = {{"首页", "/"}, {"政府信息公开申请", "/apply"}, {"办理状态查询", ""}};
  return no_store(portal_.page(req, chrome, render("apply_track", d)));
}

http::Response PublicCases::track_submit(const http::Request& req) {
  const Form f = req.form();
  Data d;
  int status = 200;
  const std::string number = field_value(f, "number");
  d.set("number_input", number.substr(0, 60));
  RateLimiter::Decision decision = track_limiter_.take(client_address(req, options_.trust_proxy));
  if (!decision.allowed) {
    d.set("limited", "查询过于频繁，请于 " + std::to_string(decision.retry_after_seconds) + " 秒后再试。");
    status = 429;
  } else {
    Result<std::optional<services::TrackedCase>> t =
        services::track_application(inst_, number, field_value(f, "code"));
    if (!t) {
      std::fprintf(stderr, "gongkai: tracking: %s\n", t.status().message().c_str());
      return no_store(portal_.error_page(req, 500, "系统繁忙", "暂时无法查询，请稍后再试。"));
    }
    if (!*t) {
      d.set("not_found", true);
      status = 404;
    } else {
      const services::TrackedCase& c = **t;
      d.set("found", true);
      d.set("number", c.number);
      d.set("body_name", c.body_name);
      d.set("stage_label", c.stage_label);
      if (c.received_date) d.set("received_date", *c.received_date);
      if (c.due_date) d.set("due_date", *c.due_date);
      if (c.replied_date) d.set("replied_date", *c.replied_date);
      if (c.outcome_label) d.set("outcome_label", *c.outcome_label);
    }
  }
  Portal::Chrome chrome;
  chrome.title = "申请办理状态查询";
  chrome.breadcrumbs = {{"首页", "/"}, {"政府信息公开申请", "/apply"}, {"办理状态查询", ""}};
  http::Response res = no_store(portal_.page(req, chrome, render("apply_track", d), status));
  if (status == 429) res.set_header("Retry-After", std::to_string(decision.retry_after_seconds));
  return res;
}

}  // namespace gongkai::web
