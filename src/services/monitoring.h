// Supervision of government websites and new-media accounts (issue #8, docs/monitoring.md): the registry of
// monitored sites and columns, the site check (monitor/ crawls, domain/monitor_rules judges, the findings are
// written here in one transaction per site), availability probes, new-media accounts and their update
// records, rectification circulars with their re-checks, and the weekly circular's data.
//
// Findings: an open finding is unique per (unit, rule, subject). A check that sees it again refreshes it; a
// check that no longer sees it closes it — except a finding on a circular, which closes only at a re-check
// (a check on or after the re-check's due date: red the next working day, yellow a week after the circular).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/monitor_rules.h"
#include "monitor/fetcher.h"
#include "services/installation.h"
#include "store/monitoring.h"

namespace gongkai::services {

struct AuditActor;  // services/audit.h

// The changes below (sites, columns, circulars, answers) append an audit entry in their transaction naming
// `actor` (nullptr: "system").

struct MonitorSiteSpec {
  std::string code, name, body_code, home_url;
  int page_budget = 200;
  int check_every_hours = 24;  // the scheduler inside `serve` checks the site this often
  int probes_per_day = 24;     // and probes its availability this many times a day (>= 20)
};
// kInvalid for an unknown body, a bad code or a URL that is not http(s); kConflict for a taken code.
Result<int64_t> add_monitor_site(Installation& inst, const MonitorSiteSpec& spec,
                                 const AuditActor* actor = nullptr);

struct MonitorColumnSpec {
  std::string site_code, name, url, type;  // url: absolute on the site, or a path ("/columns/12") on its home URL
  std::optional<int> interval_days;
  std::string body_code;  // the unit running the column on a shared site; "" = the site's unit
};
// kInvalid for an unknown site or body, a URL off the site, an unknown column type, or a non-positive interval.
Result<int64_t> add_monitor_column(Installation& inst, const MonitorColumnSpec& spec,
                                   const AuditActor* actor = nullptr);

// Moves a site to another home URL (a demo served on another port, a new domain). kInvalid for a bad URL,
// kNotFound for an unknown code.
Status set_monitor_site_url(Installation& inst, const std::string& code, const std::string& home_url);

// Sets how often the scheduler checks (hours, 1-720) and probes (20-1440 a day) the site. kInvalid for values
// out of range, kNotFound for an unknown code.
Status set_monitor_site_schedule(Installation& inst, const std::string& code, int check_every_hours,
                                 int probes_per_day);

// The inspection rules compiled in (data/monitor-rules.tsv).
const domain::MonitorRules& monitor_rules();

// The column types the rules know (data/monitor-rules.tsv applies_to), plus "static".
const std::vector<std::string>& monitor_column_types();

struct MonitorRunOptions {
  std::string site;     // a site code or home URL; "" = every active site. An unregistered URL is checked
                        // without registering or writing anything (its findings are only reported).
  std::string as_of;    // YYYY-MM-DD; default china_today()
  std::string wording_file;  // the wording dictionary; "" = the embedded data/monitor-wording.tsv
  monitor::FetchOptions fetch;
  int link_check_budget = 1000;
  bool progress = true;
  bool accounts_only = false;  // no site: only the new-media accounts and the circulars' states (the
                               // scheduler's daily pass)
};

struct SiteRunReport {
  std::string site_code, site_name, home_url;
  int64_t run_id = 0;  // 0 for an unregistered URL
  int pages_fetched = 0, links_checked = 0;
  int findings_new = 0, findings_seen = 0, findings_closed = 0;
  std::vector<store::FindingRow> findings;  // what this check found (state after the run)
};

struct MonitorRunReport {
  std::vector<SiteRunReport> sites;
  int accounts_checked = 0;
  int account_findings = 0;
  std::vector<store::FindingRow> accounts;  // the open findings of new-media accounts after the check
  int circulars_closed = 0, circulars_escalated = 0;
  int open_findings = 0;  // over everything checked
};

// Checks the chosen sites (and, for a full run, every active new-media account), writes runs and findings,
// settles re-checks and updates circular states. Re-running on the same day reuses that day's run and the
// open findings: nothing is duplicated. kInvalid for an unknown site code, a bad date or a bad wording file.
Result<MonitorRunReport> run_monitor(Installation& inst, const MonitorRunOptions& options);

// One availability probe of every active site (or of `site`), recorded. Returns the number of probes.
Result<int> run_probes(Installation& inst, const std::string& site, const monitor::FetchOptions& fetch);

// Probe times of a day: `per_day` (>= 20) instants spread evenly over 24 hours, offset by `offset_s`, as
// seconds since midnight.
std::vector<int> probe_schedule(int per_day, int offset_s);

// New media.
struct NewMediaAccountSpec {
  std::string body_code, platform, name, opened_on;
  std::string filing_number, filed_on, closed_on, status = "active";
};
Result<int64_t> add_newmedia_account(Installation& inst, const NewMediaAccountSpec& spec);
// Adds one update record by hand. kNotFound for an unknown account; kInvalid for a bad date or an empty title.
Result<bool> add_newmedia_update(Installation& inst, const std::string& platform, const std::string& account,
                                 const std::string& posted_on, const std::string& title, const std::string& url);
struct NewMediaImportReport {
  size_t records = 0, added = 0, duplicates = 0;
  std::vector<std::string> errors;  // "file:line: field: problem"; nothing is written when not empty
};
// Imports update records from a CSV (platform exports normalised to the header
// platform,account,posted_on,title[,url]); UTF-8 or GBK. All or nothing.
Result<NewMediaImportReport> import_newmedia_updates(Installation& inst, const std::string& path);

// Rectification.
struct CircularSpec {
  std::string body_code;
  std::string issued_on;               // default china_today()
  int deadline_working_days = 5;       // the unit's deadline, in working days after issue
  std::vector<int64_t> finding_ids;    // empty: every open finding of the unit not yet on a circular
};
// Issues a circular (number 监测通报〔YEAR〕N号) to the unit listing the findings and schedules their re-checks
// (red: next working day; yellow: 7 days later). kInvalid when there is nothing to list or a finding belongs to
// another unit; kConflict for a finding closed or already on a circular.
Result<store::CircularRow> issue_circular(Installation& inst, const CircularSpec& spec,
                                          const AuditActor* actor = nullptr);
// "监测通报〔2020〕7号".
std::string circular_number(int year, int64_t serial);
// Records the unit's answer (what it fixed). The findings stay open until their re-check passes.
Status answer_circular(Installation& inst, const std::string& number, const std::string& answer,
                       const std::string& on, const AuditActor* actor = nullptr);
// The re-check date of a finding of `grade` on a circular issued on `issued`.
domain::Date recheck_date(const domain::WorkCalendar& calendar, domain::Date issued, const std::string& grade);
// The date `working_days` working days after `from`.
domain::Date add_working_days(const domain::WorkCalendar& calendar, domain::Date from, int working_days);

// The weekly circular (一周一通报) of ISO week `week` ("2026-W48").
struct WeeklyReport {
  std::string week, from, to;  // Monday and Sunday
  std::vector<store::FindingRow> new_findings;   // first seen in the week
  std::vector<store::FindingRow> open_findings;  // open at the end of the week's checks
  std::vector<store::CircularRow> circulars;     // issued in the week
  std::vector<store::CircularRow> overdue;       // escalated or past deadline, still open
  std::vector<store::NewMediaAccountRow> quiet_accounts;  // active, no update in the 7 days up to `to`
};
// kInvalid for a malformed week.
Result<WeeklyReport> weekly_report(Installation& inst, const std::string& week);
// Monday of ISO week "YYYY-Www", or nullopt.
std::optional<domain::Date> iso_week_monday(const std::string& week);

}  // namespace gongkai::services
