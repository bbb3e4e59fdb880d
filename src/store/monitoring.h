// Repository of site and new-media monitoring (migration 008): monitored sites and columns, runs, probes,
// findings, new-media accounts and their updates, rectification circulars and re-checks. All SQL of issue #8.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct MonitorSiteRow {
  int64_t id = 0;
  std::string code, name;
  int64_t body_id = 0;
  std::string body_code, body_name;
  std::string home_url;
  int64_t page_budget = 200;
  bool active = true;
  int64_t check_every_hours = 24;  // the scheduler's interval between checks (migration 013)
  int64_t probes_per_day = 24;     // availability probes a day, >= 20
};
struct MonitorColumnRow {
  int64_t id = 0;
  int64_t site_id = 0;
  std::optional<int64_t> body_id;  // the unit running the column; nullopt: the site's unit
  std::string name, url, type;
  std::optional<int64_t> update_interval_days;
};

// kConflict if the code is taken.
Result<int64_t> insert_monitor_site(Connection& conn, const MonitorSiteRow& site);
// kConflict if the site already has a column with this URL.
Result<int64_t> insert_monitor_column(Connection& conn, const MonitorColumnRow& column);
Result<std::vector<MonitorSiteRow>> list_monitor_sites(Connection& conn);
// The site with `code`, or whose home URL is `code`; nullopt if none.
Result<std::optional<MonitorSiteRow>> find_monitor_site(Connection& conn, const std::string& code_or_url);
Result<std::vector<MonitorColumnRow>> list_monitor_columns(Connection& conn, int64_t site_id);
// Moves a site to a new home URL (its relative column URLs follow). kNotFound for an unknown code.
Status set_monitor_site_url(Connection& conn, const std::string& code, const std::string& home_url);

// Sets how often the scheduler checks and probes the site. kNotFound for an unknown code.
Status set_monitor_site_schedule(Connection& conn, const std::string& code, int64_t check_every_hours,
                                 int64_t probes_per_day);
// When the site's latest check finished (UTC ISO timestamp), or nullopt if it was never checked.
Result<std::optional<std::string>> last_run_finished_at(Connection& conn, int64_t site_id);

// The scheduler's lease (migration 013): takes or renews lease `name` for `holder` until `expires_at` when it
// is free, expired at `now`, or already held by `holder`. Returns whether `holder` holds it afterwards. Must
// run inside a write transaction.
Result<bool> take_scheduler_lease(Connection& conn, const std::string& name, const std::string& holder,
                                  const std::string& now, const std::string& expires_at);
// Ends `holder`'s lease at once (a node shutting down), so another node need not wait for it to expire.
Status release_scheduler_lease(Connection& conn, const std::string& name, const std::string& holder);
// The China date of the lease's last daily account pass ("" if none), and setting it.
Result<std::string> scheduler_accounts_checked_on(Connection& conn, const std::string& name);
Status set_scheduler_accounts_checked_on(Connection& conn, const std::string& name, const std::string& on);

// The run of `site_id` on `as_of`, created if there is none (re-running the same day reuses it).
Result<int64_t> open_monitor_run(Connection& conn, int64_t site_id, const std::string& as_of);
Status finish_monitor_run(Connection& conn, int64_t run_id, int64_t pages, int64_t links, int64_t findings);

Status insert_probe(Connection& conn, int64_t site_id, const std::string& probed_at, bool ok, int64_t millis,
                    int64_t http_status, const std::string& error);
struct ProbeCounts {
  int64_t probes = 0, failures = 0;
  int64_t days = 0;  // distinct UTC days with probes
};
// Probes with probed_at in [from, to) (UTC ISO timestamps).
Result<ProbeCounts> probe_counts(Connection& conn, int64_t site_id, const std::string& from, const std::string& to);
// The time of the site's latest probe, or nullopt.
Result<std::optional<std::string>> last_probe_at(Connection& conn, int64_t site_id);

struct FindingInput {
  int64_t body_id = 0;
  std::optional<int64_t> site_id, account_id;
  std::string rule_id, grade, subject, found_on, excerpt;
  std::optional<std::string> date_seen;
};
struct FindingRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_code, body_name;
  std::optional<int64_t> site_id, account_id;
  std::string rule_id, grade, subject, found_on, excerpt;
  std::optional<std::string> date_seen;
  std::string first_seen_on, last_seen_on, state;
  std::optional<std::string> closed_on;
  std::optional<int64_t> circular_id;
};
// Records a finding seen by run `run_id` (NULL for account checks) on `seen_on`: the open finding with the same
// (body, rule, subject) is refreshed (last seen, evidence), otherwise a new one is opened. Returns its id and
// whether it is new.
Result<std::pair<int64_t, bool>> record_finding(Connection& conn, const FindingInput& f, std::optional<int64_t> run_id,
                                                const std::string& seen_on);
// Closes the open findings of `site_id` (or, with site_id NULL, of account checks of `account_ids`) that
// are not in `seen_ids`: those not on a circular at once; those on a circular only if a re-check is due on or
// before `as_of` (that re-check is marked passed). Re-checks due whose finding was seen again are marked
// failed. Returns the number of findings closed.
Result<int64_t> settle_findings(Connection& conn, std::optional<int64_t> site_id, const std::vector<int64_t>& seen_ids,
                                const std::string& as_of, std::optional<int64_t> run_id, bool accounts);

struct FindingFilter {
  std::optional<int64_t> site_id;
  std::optional<int64_t> body_id;   // with include_children, the bodies below it too
  bool include_children = false;
  std::optional<std::string> state = "open";  // "open" or "closed"; nullopt: either
  std::optional<std::string> grade;  // "red" or "yellow"
  std::optional<int64_t> circular_id;
  // Set: only findings of these bodies (a staff member's scope); an empty list matches nothing.
  std::optional<std::vector<int64_t>> body_ids;
  std::vector<int64_t> ids;  // not empty: only these findings
  int64_t limit = 0;         // > 0: a page of at most `limit` rows from `offset`
  int64_t offset = 0;
};
// Red before yellow, then by rule, subject and id.
Result<std::vector<FindingRow>> list_findings(Connection& conn, const FindingFilter& filter);
// How many findings list_findings would return without limit and offset.
Result<int64_t> count_findings(Connection& conn, const FindingFilter& filter);

// New media.
struct NewMediaAccountRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_code, body_name, body_type;
  std::string platform, name, status;
  std::optional<std::string> filing_number, filed_on;
  std::string opened_on;
  std::optional<std::string> closed_on;
  std::optional<std::string> last_update;  // latest posted_on
};
// kConflict if (platform, name) exists.
Result<int64_t> insert_newmedia_account(Connection& conn, const NewMediaAccountRow& account);
Result<std::optional<NewMediaAccountRow>> find_newmedia_account(Connection& conn, const std::string& platform,
                                                                const std::string& name);
// Accounts of `body_id` (and below, with include_children); every account when body_id is nullopt.
Result<std::vector<NewMediaAccountRow>> list_newmedia_accounts(Connection& conn, std::optional<int64_t> body_id,
                                                               bool include_children);
Result<std::optional<NewMediaAccountRow>> find_newmedia_account_by_id(Connection& conn, int64_t account_id);
struct NewMediaUpdateRow {
  std::string posted_on, title, url, source;
};
// The account's update records, newest first, at most `limit`.
Result<std::vector<NewMediaUpdateRow>> list_newmedia_updates(Connection& conn, int64_t account_id,
                                                             int64_t limit);
// Adds an update record; returns false when the same (account, date, title) was already recorded.
Result<bool> insert_newmedia_update(Connection& conn, int64_t account_id, const std::string& posted_on,
                                    const std::string& title, const std::string& url, const std::string& source);

// Circulars.
struct CircularRow {
  int64_t id = 0;
  std::string number;
  int64_t body_id = 0;
  std::string body_code, body_name;
  std::string issued_on, deadline, state;
  std::optional<std::string> answer, answered_on, escalated_on, closed_on;
  int64_t findings = 0, open_findings = 0;
};
Result<int64_t> insert_circular(Connection& conn, const std::string& number, int64_t body_id, const std::string& issued_on,
                                const std::string& deadline);
// Puts an open finding on the circular and schedules its re-check on `recheck_on`. kConflict if the finding is
// closed or already on a circular.
Status attach_finding(Connection& conn, int64_t circular_id, int64_t finding_id, const std::string& recheck_on);
// Circulars issued in [from, to) dates, newest first (all when from is empty).
Result<std::vector<CircularRow>> list_circulars(Connection& conn, const std::string& from, const std::string& to);
Result<std::optional<CircularRow>> find_circular(Connection& conn, const std::string& number);
Result<std::optional<CircularRow>> find_circular_by_id(Connection& conn, int64_t circular_id);
Status answer_circular(Connection& conn, int64_t circular_id, const std::string& answer, const std::string& on);
// Circulars whose findings are all closed become closed; open ones past their deadline become escalated.
// Returns {closed, escalated}.
Result<std::pair<int64_t, int64_t>> update_circular_states(Connection& conn, const std::string& as_of);
// Highest serial of circular numbers of `year` ("<prefix><year>-<serial>"); 0 if none.
Result<int64_t> count_circulars_of_year(Connection& conn, int year);

struct RecheckRow {
  int64_t id = 0, finding_id = 0;
  std::string due_on;
  std::optional<int64_t> site_id;
};
// Re-checks not done and due on or before `as_of`.
Result<std::vector<RecheckRow>> due_rechecks(Connection& conn, const std::string& as_of);

// Yearly figures for stats (services/stats.h): newmedia_* and rectification_circulars.
Result<std::map<std::string, int64_t>> yearly_monitoring_figures(Connection& conn, int64_t body_id,
                                                                 bool include_children, int year);

}  // namespace gongkai::store
