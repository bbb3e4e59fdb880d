// The annual report on the staff workspace (/staff/reports…), server-rendered, no JavaScript needed: a body's
// report of a year — tables 二 三 四 with every figure linked to the records it counts, the check findings
// with confirm / dismiss forms, the yearly figures other systems hold, the text of sections 一 五 六, the
// versions with their workflow buttons, downloads — and the deadline board of every body's report of a year
// (条例 Art. 49). Every handler passes Staff::gate; permissions are services/report_access's (report.edit on
// the body, report.approve on the body it reports to); every change goes through services/report_versions and
// services/report_figures, which audit it.
#pragma once

#include "http/http.h"
#include "services/installation.h"
#include "services/report_access.h"
#include "store/bodies.h"
#include "web/staff.h"
#include "web/templates.h"

namespace gongkai::web {

class StaffReports {
 public:
  // `inst` and `staff` must outlive the object. "Today" (publication dates, overdue marks) is China's
  // (common/clock.h, $GONGKAI_TODAY overrides it).
  StaffReports(services::Installation& inst, Staff& staff) : inst_(inst), staff_(staff) {}

  // GET /staff/reports (?body=CODE&year=Y), GET /staff/reports/cell, GET /staff/reports/file,
  // GET /staff/reports/board, GET /staff/reports/compare, POST
  // /staff/reports/{text|figures|decide|draft|move}.
  void register_routes(http::Router& router);

 private:
  http::Response index(const http::Request& req);
  http::Response cell(const http::Request& req);
  http::Response file(const http::Request& req);
  http::Response board(const http::Request& req);
  http::Response compare(const http::Request& req);
  http::Response post(const http::Request& req);

  // The report page of `body_code`/`year` (with `all`, the summary of the body and those below it) with an optional notice or problem (status 400 with a problem).
  http::Response report_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                             const store::BodyRow& body, int year, bool all, const std::string& notice,
                             const std::string& problem);
  // The body of `code` when the user may do `access` with its report (no check for nullopt); otherwise nullopt and
  // `*refusal` is the answer: 404 for an unknown code, 403 naming the missing permission.
  std::optional<store::BodyRow> body_for(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                                         const std::string& code, std::optional<services::ReportAccess> access,
                                         http::Response* refusal);

  services::Installation& inst_;
  Staff& staff_;
};

// Sets the dashboard's report panel in `d` (templates/staff_dashboard.mustache: report_panel,
// report_reminders) when `user` edits or approves any report: last year's reports due within 30 days or
// overdue, returned, or submitted and waiting for the user's decision (services/report_access.h). Leaves `d`
// alone on a read failure.
void add_report_reminders(store::Connection& conn, const services::User& user, Data& d);

}  // namespace gongkai::web
