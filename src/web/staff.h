// The staff workspace on the web (/staff/...): sign-in and sign-out, one's own password, the dashboard, the item
// lists and forms, and the publishing workflow's buttons. Server-rendered plain forms, no JavaScript. The
// security rules (cookies, CSRF, session fixation, roles) are in docs/security.md, "The staff workspace on the
// web".
//
// Every staff handler starts with `gate(req, conn, /*post=*/…)`: the signed-in user, or the answer to send
// instead (303 to the sign-in page without a live session; 403 for a state-changing request without the
// session's CSRF token). Permission checks then go through services (domain/roles) for the body the request
// touches.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "http/http.h"
#include "services/accounts.h"
#include "services/channel_records.h"
#include "services/installation.h"
#include "services/publishing.h"
#include "services/uploads.h"
#include "web/portal.h"

namespace gongkai::web {

struct StaffOptions {
  // Mark the session cookie Secure on every response (the site is served over HTTPS).
  bool secure_cookies = false;
  // The server sits behind a trusted reverse proxy (nginx): "X-Forwarded-Proto: https" makes the cookie Secure
  // and the last X-Forwarded-For address is the client's (for lockout and the audit log). Off by default: a
  // client could forge both headers.
  bool trust_proxy = false;
  int page_size = 20;
  services::SecurityPolicy security;  // session lifetimes, lockout thresholds, password hashing cost
};

inline constexpr const char* kSessionCookie = "gk_session";
inline constexpr const char* kLoginCsrfCookie = "gk_login_csrf";
// The item form carries up to domain::kMaxContentBytes of content, percent-encoded (up to 3 bytes per byte).
inline constexpr size_t kItemFormMaxBytes = 13 * 1024 * 1024;

class Staff {
  friend class PolicyDesk;  // the policy desk's pages (staff_policy.h) share the gate, pool and error pages
  friend class StaffReports;  // so do the annual report pages (staff_reports.h)

 public:
  // `inst` and `portal` must outlive the Staff object; `clock` drives sessions and the workflow (tests fake it).
  Staff(services::Installation& inst, Portal& portal, StaffOptions options,
        services::Clock clock = services::system_clock());

  // Adds every /staff route to `router`.
  void register_routes(http::Router& router);

  // Publishes scheduled items whose date has come (call every few seconds, e.g. from the indexer thread).
  Result<int> release_due();

  const services::Accounts& accounts() const { return accounts_; }

  // A signed-in request: the session and the CSRF token for forms.
  struct Context {
    services::Session session;
    std::string csrf;
    const services::User& user() const { return session.user; }
  };
  // The signed-in staff member, or the response to send instead (303 to /staff/login?next=…; for `post`, 403
  // when the form's "csrf" field is missing or not the session's token).
  struct Gate {
    std::optional<Context> context;
    http::Response response;
  };
  Gate gate(const http::Request& req, store::Connection& conn, bool post);
  // The 403 page for a form whose "csrf" field is missing or not the session's token: what the gate answers, for
  // the handlers that check the token themselves (it travels inside a multipart body, which the gate does not read).
  http::Response csrf_refused(const http::Request& req, const Context& ctx);

 private:
  // Sign-in (staff_auth.cpp).
  http::Response login_form(const http::Request& req);
  http::Response login_submit(const http::Request& req);
  http::Response logout(const http::Request& req);
  http::Response password_form(const http::Request& req);
  http::Response password_submit(const http::Request& req);
  // Items (staff_items.cpp).
  http::Response dashboard(const http::Request& req);
  http::Response items(const http::Request& req);
  http::Response item_new(const http::Request& req);
  http::Response item_create(const http::Request& req);
  http::Response item_page(const http::Request& req);
  http::Response item_edit(const http::Request& req);
  http::Response item_update(const http::Request& req);
  http::Response item_action(const http::Request& req);
  http::Response revision_diff(const http::Request& req);
  // Attachments (staff_uploads.cpp).
  http::Response item_attach(const http::Request& req);
  // Channel records of published items (staff_channels.cpp).
  http::Response channel_record(const http::Request& req);
  http::Response channel_remove(const http::Request& req);

 public:
  // Page chrome of the workspace around `content` (escaped values in it are the caller's business).
  http::Response page(const http::Request& req, const Context* ctx, const std::string& title,
                      const std::string& content, int status = 200);
  // The error page of the workspace: a heading, what happened, what to do next.
  http::Response error(const http::Request& req, const Context* ctx, int status, const std::string& heading,
                       const std::string& message);
  // 403 for a denied permission: says which permission on which body is missing and whom to ask.
  http::Response forbidden(const http::Request& req, const Context& ctx, const std::string& action,
                           int64_t body_id);

 private:
  // The client's address (X-Forwarded-For behind a trusted proxy).
  std::string client_addr(const http::Request& req) const;
  // Whether the request reached us over TLS (a Secure cookie is fitting).
  bool over_tls(const http::Request& req) const;
  std::string session_cookie(const std::string& value, bool expire, const http::Request& req) const;
  Result<store::ConnectionPool::Lease> connection();
  // The Response for a failed service call: 404 for kNotFound, 403 for a permission denial (naming `action`
  // on `body_id`), 409 for a conflict, 400 for invalid input, 500 otherwise.
  http::Response failure(const http::Request& req, const Context& ctx, const Status& status, int64_t body_id,
                         const std::string& action = "");

  services::Installation& inst_;
  Portal& portal_;
  StaffOptions options_;
  services::Accounts accounts_;
  services::Publishing publishing_;
  services::Uploads uploads_;
  services::ChannelRecords channel_records_;
};

}  // namespace gongkai::web
