// Per-unit statistics of disclosure on application for the disclosure office's supervision (issue #6): for
// each body of a scope and a calendar year, the cases received, answered, answered within their statutory
// deadline, the average working days from receipt to answer, and the answers by table 三 row of the year's
// report format. The annual report itself counts its own way (services/report_builder); this is the office's
// working view.
//
// Thread safety: free functions over the caller's connection.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongkai::store {
class Connection;
}

namespace gongkai::services {

struct UnitCaseStats {
  int64_t body_id = 0;
  std::string body_code, body_name;
  int64_t received = 0;          // received_date in the year
  int64_t answered = 0;          // replied_date in the year
  int64_t answered_in_time = 0;  // of those, replied on or before the reply deadline (条例 Art. 33, pauses
                                 // and the extension included: domain/deadline over the case's events)
  int64_t answer_working_days = 0;  // summed over the answered: working days after receipt up to the reply
                                    // day (domain/workflow working_days_between)
  std::optional<double> average_working_days;  // answer_working_days / answered; nullopt when none answered
  std::map<std::string, int64_t> outcomes;     // table 三 ROW code of the year's format → answers
};

struct CaseYearStats {
  int year = 0;
  std::string format;                  // "2019" or "2021": whose table 三 rows `outcomes` uses
  std::vector<std::string> row_codes;  // those rows in table order …
  std::vector<std::string>
      row_labels;  // … and their labels: the group label, a space, the row label (verbatim)
  std::vector<UnitCaseStats> units;  // every body in scope, in body-list order
};

// The statistics of `year` for every body for which `in_scope(body_id)` holds, from the cases in the database
// and the installation's calendar. kInvalid for a year outside 2000-2100; store failures otherwise.
Result<CaseYearStats> case_year_stats(store::Connection& conn, int year,
                                      const std::function<bool(int64_t)>& in_scope);

// `stats` as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese headers): one line per unit.
std::string case_year_stats_csv(const CaseYearStats& stats);

}  // namespace gongkai::services
