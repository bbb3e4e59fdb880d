// The supervision desk of the staff workspace (/staff/monitor…, issue #8): findings with their evidence
// (filters, paging, a circular issued from the selected ones), monitored sites and their columns (add a site,
// a column), new-media accounts and their update records, rectification circulars (list, one circular with
// its findings and the unit's answer), the weekly circular as HTML and PDF.
//
// Permissions (domain/roles): monitor.manage on a body supervises it and the bodies below it (sees
// everything, registers sites and columns, issues circulars); monitor.answer lets a unit see its own
// findings, accounts and circulars and answer them. Every handler passes Staff::gate first; a record of a
// body outside the user's scope answers 404 like one that does not exist; a known body without the permission
// answers 403. Changes are audited by services/monitoring.
#pragma once

#include "http/http.h"
#include "web/staff.h"

namespace gongkai::web {

class StaffMonitor {
 public:
  // `inst`, `portal` and `staff` must outlive the object; `trust_proxy` as serve --trust-proxy (audit
  // addresses).
  StaffMonitor(services::Installation& inst, Portal& portal, Staff& staff, bool trust_proxy)
      : inst_(inst), portal_(portal), staff_(staff), trust_proxy_(trust_proxy) {}

  // GET /staff/monitor, POST /staff/monitor/circulars, GET /staff/monitor/circulars,
  // GET /staff/monitor/circulars/{id}, POST /staff/monitor/circulars/{id}/answer, GET/POST
  // /staff/monitor/sites, POST /staff/monitor/sites/{code}/columns, GET /staff/monitor/accounts, GET
  // /staff/monitor/accounts/{id}, GET /staff/monitor/weekly (?week=YYYY-Www&format=html|pdf), GET
  // /staff/monitor/assessment (?year=YYYY), POST /staff/monitor/assessment/highlights.
  void register_routes(http::Router& router);

 private:
  http::Response findings(const http::Request& req);
  http::Response issue(const http::Request& req);
  http::Response circulars(const http::Request& req);
  http::Response circular(const http::Request& req);
  http::Response answer(const http::Request& req);
  http::Response sites(const http::Request& req);
  http::Response add_site(const http::Request& req);
  http::Response add_column(const http::Request& req);
  http::Response accounts(const http::Request& req);
  http::Response account(const http::Request& req);
  http::Response weekly(const http::Request& req);
  http::Response assessment(const http::Request& req);
  http::Response add_highlight(const http::Request& req);
  http::Response remove_highlight(const http::Request& req);

  http::Response circular_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                               int64_t id, const std::string& notice, const std::string& problem);
  http::Response sites_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                            const std::string& problem, int status);

  services::Installation& inst_;
  Portal& portal_;
  Staff& staff_;
  bool trust_proxy_;
};

}  // namespace gongkai::web
