// The daily digest of disclosure on application (issue #6): per unit (body), the open cases marked red
// (overdue or due within kRedWithinWorkingDays working days) and yellow (within kYellowWithinWorkingDays),
// and what arrived (received) and was answered (replied) the day before. `gongkai cases digest` prints it;
// the staff dashboard shows the user's part of it.
//
// Thread safety: free functions over the caller's connection.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::store {
class Connection;
}

namespace gongkai::services {

struct DigestCase {
  std::string number;
  std::string stage;     // domain/case_state stage code
  std::string due_date;  // "" for arrivals / answers without one
  int working_days_left = 0;
  std::string mark;     // "red", "yellow" or ""
  std::string outcome;  // answered cases: the outcome code
};

struct DigestUnit {
  int64_t body_id = 0;
  std::string body_code, body_name;
  std::vector<DigestCase> red, yellow;  // by due date
  std::vector<DigestCase> arrived;      // received_date = the day before
  std::vector<DigestCase> answered;     // replied_date = the day before
  bool empty() const { return red.empty() && yellow.empty() && arrived.empty() && answered.empty(); }
};

struct CaseDigest {
  std::string date;               // the digest's day (marks are counted from it)
  std::string yesterday;          // the calendar day before it
  std::vector<DigestUnit> units;  // every body in scope with something to say, in body-list order
  int64_t red = 0, yellow = 0, arrived = 0, answered = 0;  // totals
};

// The digest for `date` over the bodies for which `in_scope(body_id)` holds, with the installation's
// calendar.
Result<CaseDigest> case_digest(store::Connection& conn, domain::Date date,
                               const std::function<bool(int64_t)>& in_scope);

}  // namespace gongkai::services
