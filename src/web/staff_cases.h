// Staff case pages of disclosure on application (/staff/cases…): the open cases by deadline with red / yellow
// marks, filters and paging; one case with its deadline derivation, history and a CSRF-protected form for each
// act the transition table allows; staff registration of in-person / mail / fax / oral applications; the
// audited reveal of an ID number; the Art. 44 flag. Role and body scope are checked by services/case_work on
// every request; a case outside the scope answers like one that does not exist.
#pragma once

#include "http/http.h"
#include "services/case_work.h"
#include "web/staff.h"

namespace gongkai::web {

class StaffCases {
 public:
  // `inst`, `portal` and `staff` must outlive the object; `trust_proxy` as serve --trust-proxy (audit addresses).
  StaffCases(services::Installation& inst, Portal& portal, Staff& staff, bool trust_proxy)
      : inst_(inst), portal_(portal), staff_(staff), trust_proxy_(trust_proxy), work_(inst) {}

  // GET /staff/cases, GET /staff/cases/stats, GET/POST /staff/cases/new, GET /staff/cases/{number}, POST /staff/cases/{number}/act,
  // POST /staff/cases/{number}/reveal, POST /staff/cases/{number}/art44, POST /staff/cases/{number}/assign,
  // GET /staff/cases/{number}/attachments/{position}, GET/POST
  // /staff/cases/{number}/letters/{kind}, GET /staff/cases/{number}/letters/{kind}/{version}.
  void register_routes(http::Router& router);

 private:
  http::Response list_page(const http::Request& req);
  http::Response stats_page(const http::Request& req);  // GET /staff/cases/stats?year=Y[&format=csv]
  http::Response register_form(const http::Request& req);
  http::Response case_page(const http::Request& req);
  http::Response act(const http::Request& req);
  http::Response reveal(const http::Request& req);
  http::Response art44(const http::Request& req);
  http::Response assign(const http::Request& req);      // POST /staff/cases/{number}/assign
  http::Response attachment(const http::Request& req);  // GET /staff/cases/{number}/attachments/{position}
  http::Response letter_form(const http::Request& req);  // GET and POST /staff/cases/{number}/letters/{kind}
  http::Response letter_version(const http::Request& req);

  // The case page of `number` for `ctx` with an optional notice, error (with its stable `error_code`, shown as
  // data-refusal) or revealed ID number.
  http::Response render_case(const http::Request& req, const Staff::Context& ctx, const std::string& number,
                             const std::string& notice, const std::string& error, const std::string& revealed,
                             int status, const std::string& error_code = "");
  // The answer for a failed service call.
  http::Response failure(const http::Request& req, const Staff::Context& ctx, const Status& s);

  services::Installation& inst_;
  Portal& portal_;
  Staff& staff_;
  bool trust_proxy_;
  services::CaseWork work_;
};

}  // namespace gongkai::web
