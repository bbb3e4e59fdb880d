// Who may do what with a body's annual report on the staff workspace (docs/security.md: report.edit,
// report.approve), and the report reminders of the staff dashboard. The command line does not come through
// here: `gongkai report …` is the operator's tool (like `gongkai user`), trusted as whoever runs it can write
// the database anyway, and every change it makes is audited as "cli:<os user>" (docs/report-build.md).
#pragma once

#include <string>
#include <vector>

#include "services/accounts.h"
#include "store/bodies.h"

namespace gongkai::services {

// What a request does with a report.
enum class ReportAccess {
  kView,     // read the report, its cells, downloads: report.edit on the body, or report.approve over it
  kEdit,     // figures, section text, drafting, submitting: report.edit on the body
  kApprove,  // return, approve, publish, decide on warnings: report.approve on the body's supervisor
  kBoard,    // the deadline board of a body and those below it: report.approve on the body
};

// The body a report decision answers to: the body above it (条例 Art. 49: departments and townships report to
// the government's disclosure office), or the body itself when it is a root (the government's own report).
int64_t report_supervisor(const store::BodyRow& body);

// OK when `user` may do `access` with the report of `body`; otherwise a denial (domain::is_permission_denied)
// naming the action and the body it was checked on (the supervisor for kApprove).
Status authorize_report(const User& user, const store::BodyRow& body, ReportAccess access);
// The action code and body id authorize_report checks for `access` (for the 403 page).
std::pair<std::string, int64_t> report_access_target(const store::BodyRow& body, ReportAccess access);

// One reminder line of the dashboard.
struct ReportReminder {
  std::string body_code, body_name;
  int year = 0;
  std::string kind;      // "returned" | "submitted" (waiting for the user to decide) | "due" | "overdue"
  std::string deadline;  // 条例 Art. 49
  int version = 0;
  std::string comment;  // the return comment
};

// The reminders for `user` as of `today` (YYYY-MM-DD): for bodies it edits, a report (of any year) whose
// latest version was returned, and the report of `year` not yet published with its deadline within 30 days or
// passed; for bodies it approves, a report whose latest version is submitted. At most `limit`, overdue and
// returned first.
Result<std::vector<ReportReminder>> report_reminders(store::Connection& conn, const User& user, int year,
                                                     const std::string& today, size_t limit = 20);

}  // namespace gongkai::services
