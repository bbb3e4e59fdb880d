// Staff sign-in on the web: the sign-in form with its pre-session CSRF token, sessions as HttpOnly SameSite=Strict
// cookies (Secure over TLS), sign-out, one's own password, the gate every staff handler passes, and the
// workspace's page chrome and error pages.
#include <sodium.h>

#include <cstdio>

#include "domain/roles.h"
#include "store/bodies.h"
#include "web/abuse_guard.h"
#include "web/html.h"
#include "web/staff.h"
#include "web/staff_uploads.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

// Where to go after signing in: a local /staff path only (never an open redirect).
std::string safe_next(const std::string& next) {
  if (!next.starts_with("/staff") || next.starts_with("//") || next.find('\\') != std::string::npos ||
      next.find_first_of("\r\n") != std::string::npos || next.size() > 1000) {
    return "/staff";
  }
  return next;
}

std::string form_value(const std::vector<std::pair<std::string, std::string>>& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

std::string random_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// "2026-12-01T13:05:00Z" (UTC) → "2026-12-01 21:05" (China time), for messages.
std::string china_time(const std::string& utc) {
  std::optional<std::chrono::sys_seconds> t = services::parse_utc(utc);
  if (!t) return utc;
  const std::string s = services::format_utc(*t + std::chrono::hours(8));
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

// The UTC time at the end of an accounts message "… try again after <time>" / "… locked until <time>".
std::string lock_time_of(const std::string& message) {
  const size_t z = message.rfind('Z');
  if (z == std::string::npos || z < 19) return "";
  return message.substr(z - 19, 20);
}

constexpr const char* kPasswordRules =
    "新密码至少10个字符，至少包含小写字母、大写字母、数字、其他字符中的两类，且不得包含登录名。";

}  // namespace

Staff::Staff(services::Installation& inst, Portal& portal, StaffOptions options, services::Clock clock)
    : inst_(inst),
      portal_(portal),
      options_(options),
      accounts_(options.security, clock),
      publishing_(inst.attachments_dir(), clock),
      uploads_(inst.attachments_dir(), clock),
      channel_records_(clock) {}

Result<store::ConnectionPool::Lease> Staff::connection() { return portal_.pool().acquire(); }

std::string Staff::client_addr(const http::Request& req) const { return client_address(req, options_.trust_proxy); }

bool Staff::over_tls(const http::Request& req) const {
  if (options_.secure_cookies) return true;
  return options_.trust_proxy && req.header("x-forwarded-proto").value_or("") == "https";
}

std::string Staff::session_cookie(const std::string& value, bool expire, const http::Request& req) const {
  // No Max-Age: the cookie ends with the browser session; the server ends it after 30 min idle / 12 h anyway.
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (expire) c += "; Max-Age=0";
  if (over_tls(req)) c += "; Secure";
  return c;
}

Staff::Gate Staff::gate(const http::Request& req, store::Connection& conn, bool post) {
  Gate g;
  const std::string cookie = req.cookie(kSessionCookie).value_or("");
  std::optional<services::Session> session;
  if (!cookie.empty()) {
    Result<std::optional<services::Session>> found = accounts_.find_session(conn, cookie);
    if (!found) {
      std::fprintf(stderr, "gongkai: staff session lookup: %s\n", found.status().message().c_str());
      g.response = error(req, nullptr, 500, "系统繁忙", "暂时无法验证您的登录状态，请稍后再试。");
      return g;
    }
    session = std::move(*found);
  }
  if (!session) {
    // A POST without a session cannot be replayed after signing in; send the person to the page they were on.
    const std::string next = req.method == "GET" || req.method == "HEAD" ? req.target : "/staff";
    g.response = http::Response::redirect("/staff/login?next=" + url_encode(safe_next(next)), 303);
    g.response.set_header("Cache-Control", "no-store");
    if (!cookie.empty()) g.response.add_header("Set-Cookie", session_cookie("", true, req));
    return g;
  }
  Context ctx{std::move(*session), ""};
  ctx.csrf = services::csrf_token(ctx.session);
  if (post && !services::check_csrf(ctx.session, form_value(req.form(), "csrf"))) {
    g.response = csrf_refused(req, ctx);
    return g;
  }
  g.context = std::move(ctx);
  return g;
}

http::Response Staff::csrf_refused(const http::Request& req, const Context& ctx) {
  return error(req, &ctx, 403, "请求无法验证",
               "为保护您的账号安全，这次提交没有被处理：页面缺少有效的安全令牌（可能页面已过期，或请求来自其他网站）。"
               "请返回上一页，刷新后重新提交。");
}

http::Response Staff::page(const http::Request& req, const Context* ctx, const std::string& title,
                           const std::string& content, int status) {
  Data d;
  d.set("page_title", title);
  d.set("site_name", portal_.site_name());
  d.set("asset_version", portal_.asset_version());
  d.set("content", content);
  if (ctx) {
    d.set("signed_in", true);
    d.set("user_name", ctx->user().display_name);
    d.set("user_login", ctx->user().login);
    d.set("user_body", ctx->user().body_code);
    d.set("csrf", ctx->csrf);
    const std::string& p = req.path;
    d.set("nav_home", p == "/staff");
    d.set("nav_items", p.starts_with("/staff/items") && p != "/staff/items/new");
    d.set("nav_new", p == "/staff/items/new");
    d.set("nav_password", p == "/staff/password");
    d.set("nav_policies", p.starts_with("/staff/policies") || p.starts_with("/staff/cleanup") ||
                              p.starts_with("/staff/catalog"));
    d.set("nav_consultations", p.starts_with("/staff/consultations"));
    d.set("nav_audit", p.starts_with("/staff/audit"));
    d.set("nav_monitor", p.starts_with("/staff/monitor"));
    d.set("nav_reports", p.starts_with("/staff/reports"));
  }
  http::Response res = http::Response::html(render("staff_layout", d), status);
  // Staff pages carry personal and unpublished data: never cached, never framed.
  res.set_header("Cache-Control", "no-store");
  res.set_header("Vary", "Cookie");
  return res;
}

http::Response Staff::error(const http::Request& req, const Context* ctx, int status, const std::string& heading,
                            const std::string& message) {
  Data d;
  d.set("heading", heading);
  d.set("message", message);
  d.set("signed_in", ctx != nullptr);
  return page(req, ctx, heading, render("staff_error", d), status);
}

http::Response Staff::forbidden(const http::Request& req, const Context& ctx, const std::string& action,
                                int64_t body_id) {
  std::string action_label = action.empty() ? std::string("执行此操作") : action;
  for (const domain::ActionDef& a : domain::actions()) {
    if (a.code == action) action_label = std::string(a.label);
  }
  std::string body_name;
  std::string roles;
  Result<store::ConnectionPool::Lease> conn = connection();
  if (conn) {
    Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
    if (all) {
      for (const auto& b : *all) {
        if (b.id == body_id) body_name = b.name;
        for (const domain::Grant& g : ctx.user().grants) {
          if (g.body_id != b.id) continue;
          const domain::RoleDef* r = domain::find_role(g.role);
          roles += (roles.empty() ? "" : "；") + b.name + "：" + std::string(r ? r->label : g.role);
        }
      }
    }
  }
  Data d;
  d.set("heading", "没有权限");
  d.set("message", "您当前的账号没有在“" + (body_name.empty() ? std::string("该机构") : body_name) + "”“" +
                       action_label + "”的权限，本次操作没有执行。");
  d.set("roles", roles.empty() ? std::string("（无）") : roles);
  d.set("signed_in", true);
  d.set("forbidden", true);
  return page(req, &ctx, "没有权限", render("staff_error", d), 403);
}

http::Response Staff::failure(const http::Request& req, const Context& ctx, const Status& status, int64_t body_id,
                              const std::string& action) {
  if (domain::is_permission_denied(status)) {
    if (status.message().find("author") != std::string::npos) {
      return error(req, &ctx, 403, "不能审核本人起草的信息",
                   "按照“起草、审核分离”的要求，信息须由起草人以外的审核人审核。请联系本单位的审核人。");
    }
    return forbidden(req, ctx, action, body_id);
  }
  switch (status.code()) {
    case StatusCode::kNotFound:
      return error(req, &ctx, 404, "信息不存在", "该信息不存在，或不在您有权管理的机构范围内。");
    case StatusCode::kConflict:
      return error(req, &ctx, 409, "操作未执行",
                   "该信息的状态已经变化（可能有其他人刚刚处理过），当前状态下不能执行这一操作。请返回信息页面查看最新状态。");
    case StatusCode::kInvalid:
      return error(req, &ctx, 400, "操作未执行", "提交的内容不完整：" + status.message());
    default:
      std::fprintf(stderr, "gongkai: staff %s: %s\n", req.path.c_str(), status.message().c_str());
      return error(req, &ctx, 500, "系统繁忙", "服务器暂时无法处理您的请求，请稍后再试。问题已记录。");
  }
}

http::Response Staff::login_form(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  if (std::optional<std::string> cookie = req.cookie(kSessionCookie)) {
    Result<std::optional<services::Session>> found = accounts_.find_session(**conn, *cookie);
    if (found && *found) return http::Response::redirect(safe_next(req.query_param("next").value_or("/staff")));
  }
  std::string token = req.cookie(kLoginCsrfCookie).value_or("");
  if (token.size() != 43) token = random_token();
  Data d;
  d.set("csrf", token);
  d.set("next", safe_next(req.query_param("next").value_or("/staff")));
  if (req.query_param("signed_out")) d.set("notice", "您已安全退出。");
  if (req.query_param("password_changed")) d.set("notice", "密码已修改，请用新密码登录。");
  http::Response res = page(req, nullptr, "工作人员登录", render("staff_login", d));
  std::string c = std::string(kLoginCsrfCookie) + "=" + token + "; Path=/staff/login; HttpOnly; SameSite=Strict";
  if (over_tls(req)) c += "; Secure";
  res.add_header("Set-Cookie", c);
  return res;
}

http::Response Staff::login_submit(const http::Request& req) {
  const auto form = req.form();
  const std::string token = form_value(form, "csrf");
  const std::string next = safe_next(form_value(form, "next"));
  if (!same_token(token, req.cookie(kLoginCsrfCookie).value_or(""))) {
    return error(req, nullptr, 403, "请求无法验证",
                 "登录页面已过期，或请求不是从本站登录页面提交的。请重新打开登录页面再登录。");
  }
  const std::string login = form_value(form, "login");
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  services::LoginAttempt attempt{login, form_value(form, "password"), client_addr(req),
                                 req.header("user-agent").value_or("").substr(0, 300),
                                 req.cookie(kSessionCookie).value_or("")};
  Result<services::NewSession> s = accounts_.login(**conn, attempt);
  if (s) {
    http::Response res = http::Response::redirect(next, 303);
    res.add_header("Set-Cookie", session_cookie(s->cookie_value, false, req));
    res.add_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=; Path=/staff/login; HttpOnly; SameSite=Strict; Max-Age=0");
    res.set_header("Cache-Control", "no-store");
    return res;
  }
  Data d;
  d.set("csrf", token);
  d.set("next", next);
  d.set("login", login);
  int status = 401;
  const std::string until = china_time(lock_time_of(s.status().message()));
  if (s.status().code() == StatusCode::kConflict) {
    status = 429;
    d.set("error", "登录失败次数过多，已暂时锁定。请于 " + until + "（北京时间）后再试，或联系平台管理员。");
  } else if (s.status().code() == StatusCode::kInvalid) {
    std::string message = "登录名或密码错误。";
    if (!lock_time_of(s.status().message()).empty()) {
      message += "失败次数过多，已暂时锁定，请于 " + until + "（北京时间）后再试。";
    }
    d.set("error", message);
  } else {
    std::fprintf(stderr, "gongkai: staff login: %s\n", s.status().message().c_str());
    return error(req, nullptr, 500, "系统繁忙", "服务器暂时无法处理登录，请稍后再试。");
  }
  return page(req, nullptr, "工作人员登录", render("staff_login", d), status);
}

http::Response Staff::logout(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  if (Status s = accounts_.logout(**conn, g.context->session, client_addr(req)); !s) {
    return failure(req, *g.context, s, 0);
  }
  http::Response res = http::Response::redirect("/staff/login?signed_out=1", 303);
  res.add_header("Set-Cookie", session_cookie("", true, req));
  return res;
}

http::Response Staff::password_form(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  Data d;
  d.set("csrf", g.context->csrf);
  d.set("rules", kPasswordRules);
  return page(req, &*g.context, "修改密码", render("staff_password", d));
}

http::Response Staff::password_submit(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const auto form = req.form();
  const std::string fresh = form_value(form, "new_password");
  Data d;
  d.set("csrf", g.context->csrf);
  d.set("rules", kPasswordRules);
  if (fresh != form_value(form, "new_password2")) {
    d.set("error_new2", "两次输入的新密码不一致。");
    d.set("has_errors", true);
    return page(req, &*g.context, "修改密码", render("staff_password", d), 400);
  }
  Result<services::NewSession> s = accounts_.change_own_password(**conn, g.context->session,
                                                                 form_value(form, "current_password"), fresh,
                                                                 client_addr(req));
  if (s) {
    // Every other session of the user ended; this browser continues on the fresh one.
    http::Response res = http::Response::redirect("/staff?password_changed=1", 303);
    res.add_header("Set-Cookie", session_cookie(s->cookie_value, false, req));
    return res;
  }
  d.set("has_errors", true);
  if (s.status().code() == StatusCode::kConflict) {
    d.set("error_current", "失败次数过多，已暂时锁定，请于 " + china_time(lock_time_of(s.status().message())) +
                               "（北京时间）后再试。");
    return page(req, &*g.context, "修改密码", render("staff_password", d), 429);
  }
  if (s.status().code() != StatusCode::kInvalid) return failure(req, *g.context, s.status(), 0);
  if (s.status().message().find("current") != std::string::npos ||
      s.status().message().find("wrong") != std::string::npos) {
    d.set("error_current", "当前密码不正确。");
  } else {
    d.set("error_new", std::string("新密码不符合要求。") + kPasswordRules);
  }
  return page(req, &*g.context, "修改密码", render("staff_password", d), 400);
}

void Staff::register_routes(http::Router& router) {
  auto bind = [this](http::Response (Staff::*fn)(const http::Request&)) {
    return [this, fn](const http::Request& req) { return (this->*fn)(req); };
  };
  router.add("GET", "/staff/login", bind(&Staff::login_form));
  router.add("POST", "/staff/login", bind(&Staff::login_submit));
  router.add("POST", "/staff/logout", bind(&Staff::logout));
  router.add("GET", "/staff/password", bind(&Staff::password_form));
  router.add("POST", "/staff/password", bind(&Staff::password_submit));
  router.add("GET", "/staff", bind(&Staff::dashboard));
  router.add("GET", "/staff/items", bind(&Staff::items));
  router.add("GET", "/staff/items/new", bind(&Staff::item_new));
  router.add("POST", "/staff/items/new", bind(&Staff::item_create), http::body_limit(kItemFormMaxBytes));
  router.add("GET", "/staff/items/{id}", bind(&Staff::item_page));
  router.add("GET", "/staff/items/{id}/edit", bind(&Staff::item_edit));
  router.add("POST", "/staff/items/{id}/edit", bind(&Staff::item_update), http::body_limit(kItemFormMaxBytes));
  router.add("POST", "/staff/items/{id}/{action}", bind(&Staff::item_action));
  router.add("POST", "/staff/items/{id}/attachments", bind(&Staff::item_attach), http::body_limit(kUploadFormMaxBytes));
  router.add("GET", "/staff/items/{id}/revisions/{rev}", bind(&Staff::revision_diff));
  router.add("POST", "/staff/items/{id}/channels", bind(&Staff::channel_record));
  router.add("POST", "/staff/items/{id}/channels/{channel}/delete", bind(&Staff::channel_remove));
}

}  // namespace gongkai::web
