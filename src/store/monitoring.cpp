// Monitoring repository: SQL of migration 008. Both dialects run the same statements.
#include "store/monitoring.h"

#include <algorithm>

#include "common/clock.h"

namespace gongkai::store {

namespace {

// A body and, when the second parameter is 1, every body below it.
constexpr const char* kScope =
    "WITH RECURSIVE scope(id) AS (SELECT id FROM bodies WHERE id = ? "
    "UNION ALL SELECT b.id FROM bodies b JOIN scope s ON b.parent_id = s.id WHERE ? = 1) ";

constexpr const char* kSiteColumns =
    "SELECT s.id, s.code, s.name, s.body_id, b.code, b.name, s.home_url, s.page_budget, s.active, "
    "s.check_every_hours, s.probes_per_day "
    "FROM monitor_sites s JOIN bodies b ON b.id = s.body_id ";

MonitorSiteRow site_from(const Row& r) {
  MonitorSiteRow s;
  s.id = r.get_int(0);
  s.code = r.get_text(1);
  s.name = r.get_text(2);
  s.body_id = r.get_int(3);
  s.body_code = r.get_text(4);
  s.body_name = r.get_text(5);
  s.home_url = r.get_text(6);
  s.page_budget = r.get_int(7);
  s.active = r.get_int(8) != 0;
  s.check_every_hours = r.get_int(9);
  s.probes_per_day = r.get_int(10);
  return s;
}

constexpr const char* kFindingColumns =
    "SELECT f.id, f.body_id, b.code, b.name, f.site_id, f.account_id, f.rule_id, f.grade, f.subject, f.found_on, "
    "f.excerpt, f.date_seen, f.first_seen_on, f.last_seen_on, f.state, f.closed_on, f.circular_id "
    "FROM monitor_findings f JOIN bodies b ON b.id = f.body_id ";

std::optional<int64_t> opt_int(const Row& r, size_t idx) {
  if (r.is_null(idx)) return std::nullopt;
  return r.get_int(idx);
}

FindingRow finding_from(const Row& r) {
  FindingRow f;
  f.id = r.get_int(0);
  f.body_id = r.get_int(1);
  f.body_code = r.get_text(2);
  f.body_name = r.get_text(3);
  f.site_id = opt_int(r, 4);
  f.account_id = opt_int(r, 5);
  f.rule_id = r.get_text(6);
  f.grade = r.get_text(7);
  f.subject = r.get_text(8);
  f.found_on = r.get_text(9);
  f.excerpt = r.get_text(10);
  f.date_seen = r.get_opt_text(11);
  f.first_seen_on = r.get_text(12);
  f.last_seen_on = r.get_text(13);
  f.state = r.get_text(14);
  f.closed_on = r.get_opt_text(15);
  f.circular_id = opt_int(r, 16);
  return f;
}

constexpr const char* kAccountColumns =
    "SELECT a.id, a.body_id, b.code, b.name, b.type, a.platform, a.name, a.status, a.filing_number, a.filed_on, "
    "a.opened_on, a.closed_on, (SELECT MAX(u.posted_on) FROM newmedia_updates u WHERE u.account_id = a.id) "
    "FROM newmedia_accounts a JOIN bodies b ON b.id = a.body_id ";

NewMediaAccountRow account_from(const Row& r) {
  NewMediaAccountRow a;
  a.id = r.get_int(0);
  a.body_id = r.get_int(1);
  a.body_code = r.get_text(2);
  a.body_name = r.get_text(3);
  a.body_type = r.get_text(4);
  a.platform = r.get_text(5);
  a.name = r.get_text(6);
  a.status = r.get_text(7);
  a.filing_number = r.get_opt_text(8);
  a.filed_on = r.get_opt_text(9);
  a.opened_on = r.get_text(10);
  a.closed_on = r.get_opt_text(11);
  a.last_update = r.get_opt_text(12);
  return a;
}

constexpr const char* kCircularColumns =
    "SELECT c.id, c.number, c.body_id, b.code, b.name, c.issued_on, c.deadline, c.state, c.answer, c.answered_on, "
    "c.escalated_on, c.closed_on, "
    "(SELECT COUNT(*) FROM monitor_findings f WHERE f.circular_id = c.id), "
    "(SELECT COUNT(*) FROM monitor_findings f WHERE f.circular_id = c.id AND f.state = 'open') "
    "FROM rectification_circulars c JOIN bodies b ON b.id = c.body_id ";

CircularRow circular_from(const Row& r) {
  CircularRow c;
  c.id = r.get_int(0);
  c.number = r.get_text(1);
  c.body_id = r.get_int(2);
  c.body_code = r.get_text(3);
  c.body_name = r.get_text(4);
  c.issued_on = r.get_text(5);
  c.deadline = r.get_text(6);
  c.state = r.get_text(7);
  c.answer = r.get_opt_text(8);
  c.answered_on = r.get_opt_text(9);
  c.escalated_on = r.get_opt_text(10);
  c.closed_on = r.get_opt_text(11);
  c.findings = r.get_int(12);
  c.open_findings = r.get_int(13);
  return c;
}

}  // namespace

Result<int64_t> insert_monitor_site(Connection& conn, const MonitorSiteRow& site) {
  Result<Rows> rows = conn.query(
      "INSERT INTO monitor_sites (code, name, body_id, home_url, page_budget, active, created_at, "
      "check_every_hours, "
      "probes_per_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {site.code, site.name, site.body_id, site.home_url, site.page_budget, int64_t{site.active ? 1 : 0},
       utc_now_iso(), site.check_every_hours, site.probes_per_day});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<int64_t> insert_monitor_column(Connection& conn, const MonitorColumnRow& c) {
  Result<Rows> rows = conn.query(
      "INSERT INTO monitor_columns (site_id, body_id, name, url, type, update_interval_days) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {c.site_id, opt(c.body_id), c.name, c.url, c.type, opt(c.update_interval_days)});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<MonitorSiteRow>> list_monitor_sites(Connection& conn) {
  Result<Rows> rows = conn.query(std::string(kSiteColumns) + "ORDER BY s.code");
  if (!rows) return rows.status();
  std::vector<MonitorSiteRow> out;
  for (const Row& r : *rows) out.push_back(site_from(r));
  return out;
}

Result<std::optional<MonitorSiteRow>> find_monitor_site(Connection& conn, const std::string& code_or_url) {
  Result<Rows> rows =
      conn.query(std::string(kSiteColumns) + "WHERE s.code = ? OR s.home_url = ? ORDER BY s.id", {code_or_url, code_or_url});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<MonitorSiteRow>();
  return std::optional<MonitorSiteRow>(site_from(rows->front()));
}

Result<std::vector<MonitorColumnRow>> list_monitor_columns(Connection& conn, int64_t site_id) {
  Result<Rows> rows = conn.query(
      "SELECT id, site_id, body_id, name, url, type, update_interval_days FROM monitor_columns WHERE site_id = ? "
      "ORDER BY id",
      {site_id});
  if (!rows) return rows.status();
  std::vector<MonitorColumnRow> out;
  for (const Row& r : *rows) {
    out.push_back({r.get_int(0), r.get_int(1), opt_int(r, 2), r.get_text(3), r.get_text(4), r.get_text(5), opt_int(r, 6)});
  }
  return out;
}

Status set_monitor_site_url(Connection& conn, const std::string& code, const std::string& home_url) {
  Result<Rows> rows = conn.query("UPDATE monitor_sites SET home_url = ? WHERE code = ? RETURNING id", {home_url, code});
  if (!rows) return rows.status();
  if (rows->empty()) return Status::not_found("no monitored site '" + code + "'");
  return Status::ok();
}

Status set_monitor_site_schedule(Connection& conn, const std::string& code, int64_t check_every_hours,
                                 int64_t probes_per_day) {
  Result<Rows> rows = conn.query(
      "UPDATE monitor_sites SET check_every_hours = ?, probes_per_day = ? WHERE code = ? RETURNING id",
      {check_every_hours, probes_per_day, code});
  if (!rows) return rows.status();
  if (rows->empty()) return Status::not_found("no monitored site '" + code + "'");
  return Status::ok();
}

Result<std::optional<std::string>> last_run_finished_at(Connection& conn, int64_t site_id) {
  Result<Rows> rows = conn.query("SELECT MAX(finished_at) FROM monitor_runs WHERE site_id = ?", {site_id});
  if (!rows) return rows.status();
  return rows->front().get_opt_text(0);
}

Result<bool> take_scheduler_lease(Connection& conn, const std::string& name, const std::string& holder,
                                  const std::string& now, const std::string& expires_at) {
  GK_RETURN_IF_ERROR(
      conn.exec("INSERT INTO monitor_scheduler (name, holder, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                "WHERE monitor_scheduler.holder = excluded.holder OR monitor_scheduler.expires_at < ?",
                {name, holder, expires_at, now}));
  Result<Rows> rows = conn.query("SELECT holder FROM monitor_scheduler WHERE name = ?", {name});
  if (!rows) return rows.status();
  return !rows->empty() && rows->front().get_text(0) == holder;
}

Status release_scheduler_lease(Connection& conn, const std::string& name, const std::string& holder) {
  return conn.exec("UPDATE monitor_scheduler SET expires_at = '' WHERE name = ? AND holder = ?",
                   {name, holder});
}

Result<std::string> scheduler_accounts_checked_on(Connection& conn, const std::string& name) {
  Result<Rows> rows = conn.query("SELECT accounts_checked_on FROM monitor_scheduler WHERE name = ?", {name});
  if (!rows) return rows.status();
  if (rows->empty()) return std::string();
  return rows->front().get_opt_text(0).value_or("");
}

Status set_scheduler_accounts_checked_on(Connection& conn, const std::string& name, const std::string& on) {
  return conn.exec("UPDATE monitor_scheduler SET accounts_checked_on = ? WHERE name = ?", {on, name});
}

Result<int64_t> open_monitor_run(Connection& conn, int64_t site_id, const std::string& as_of) {
  const std::string now = utc_now_iso();
  GK_RETURN_IF_ERROR(conn.exec(
      "INSERT INTO monitor_runs (site_id, as_of, started_at) VALUES (?, ?, ?) "
      "ON CONFLICT (site_id, as_of) DO UPDATE SET started_at = excluded.started_at, finished_at = NULL",
      {site_id, as_of, now}));
  return conn.query_int("SELECT id FROM monitor_runs WHERE site_id = ? AND as_of = ?", {site_id, as_of});
}

Status finish_monitor_run(Connection& conn, int64_t run_id, int64_t pages, int64_t links, int64_t findings) {
  return conn.exec(
      "UPDATE monitor_runs SET finished_at = ?, pages_fetched = ?, links_checked = ?, findings = ? WHERE id = ?",
      {utc_now_iso(), pages, links, findings, run_id});
}

Status insert_probe(Connection& conn, int64_t site_id, const std::string& probed_at, bool ok, int64_t millis,
                    int64_t http_status, const std::string& error) {
  return conn.exec(
      "INSERT INTO monitor_probes (site_id, probed_at, ok, millis, http_status, error) VALUES (?, ?, ?, ?, ?, ?)",
      {site_id, probed_at, int64_t{ok ? 1 : 0}, millis, http_status, null_if_empty(error)});
}

Result<ProbeCounts> probe_counts(Connection& conn, int64_t site_id, const std::string& from, const std::string& to) {
  Result<Rows> rows = conn.query(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN ok = 0 THEN 1 ELSE 0 END), 0), COUNT(DISTINCT substr(probed_at, 1, 10)) "
      "FROM monitor_probes "
      "WHERE site_id = ? AND probed_at >= ? AND probed_at < ?",
      {site_id, from, to});
  if (!rows) return rows.status();
  return ProbeCounts{rows->front().get_int(0), rows->front().get_int(1), rows->front().get_int(2)};
}

Result<std::optional<std::string>> last_probe_at(Connection& conn, int64_t site_id) {
  Result<Rows> rows = conn.query("SELECT MAX(probed_at) FROM monitor_probes WHERE site_id = ?", {site_id});
  if (!rows) return rows.status();
  return rows->front().get_opt_text(0);
}

Result<std::pair<int64_t, bool>> record_finding(Connection& conn, const FindingInput& f, std::optional<int64_t> run_id,
                                                const std::string& seen_on) {
  Result<Rows> existing = conn.query(
      "SELECT id FROM monitor_findings WHERE body_id = ? AND rule_id = ? AND subject = ? AND state = 'open'",
      {f.body_id, f.rule_id, f.subject});
  if (!existing) return existing.status();
  if (!existing->empty()) {
    const int64_t id = existing->front().get_int(0);
    GK_RETURN_IF_ERROR(conn.exec(
        "UPDATE monitor_findings SET grade = ?, found_on = ?, excerpt = ?, date_seen = ?, last_seen_on = ?, "
        "last_run_id = COALESCE(?, last_run_id) WHERE id = ?",
        {f.grade, null_if_empty(f.found_on), f.excerpt, opt(f.date_seen), seen_on, opt(run_id), id}));
    return std::make_pair(id, false);
  }
  Result<Rows> rows = conn.query(
      "INSERT INTO monitor_findings (body_id, site_id, account_id, rule_id, grade, subject, found_on, excerpt, "
      "date_seen, first_seen_on, last_seen_on, first_run_id, last_run_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {f.body_id, opt(f.site_id), opt(f.account_id), f.rule_id, f.grade, f.subject, null_if_empty(f.found_on),
       f.excerpt, opt(f.date_seen), seen_on, seen_on, opt(run_id), opt(run_id)});
  if (!rows) return rows.status();
  return std::make_pair(rows->front().get_int(0), true);
}

Result<int64_t> settle_findings(Connection& conn, std::optional<int64_t> site_id, const std::vector<int64_t>& seen_ids,
                                const std::string& as_of, std::optional<int64_t> run_id, bool accounts) {
  Result<Rows> open = accounts
      ? conn.query("SELECT id, circular_id FROM monitor_findings WHERE state = 'open' AND account_id IS NOT NULL")
      : conn.query("SELECT id, circular_id FROM monitor_findings WHERE state = 'open' AND site_id = ?",
                   {opt(site_id)});
  if (!open) return open.status();
  int64_t closed = 0;
  for (const Row& r : *open) {
    const int64_t id = r.get_int(0);
    const bool seen = std::find(seen_ids.begin(), seen_ids.end(), id) != seen_ids.end();
    Result<Rows> due = conn.query(
        "SELECT id FROM monitor_rechecks WHERE finding_id = ? AND done_on IS NULL AND due_on <= ?", {id, as_of});
    if (!due) return due.status();
    for (const Row& recheck : *due) {
      GK_RETURN_IF_ERROR(conn.exec("UPDATE monitor_rechecks SET done_on = ?, passed = ?, run_id = ? WHERE id = ?",
                                   {as_of, int64_t{seen ? 0 : 1}, opt(run_id), recheck.get_int(0)}));
    }
    if (seen) continue;
    // On a circular: only a re-check that has come due may close it.
    if (!r.is_null(1) && due->empty()) continue;
    GK_RETURN_IF_ERROR(conn.exec("UPDATE monitor_findings SET state = 'closed', closed_on = ? WHERE id = ?", {as_of, id}));
    ++closed;
  }
  return closed;
}

namespace {

// The WITH clause and the conditions of `filter`, after the FROM of kFindingColumns or a count.
void add_in(std::string& sql, std::vector<Value>& params, const char* column, const std::vector<int64_t>& values) {
  sql += std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  sql += ")";
}

std::string finding_conditions(const FindingFilter& filter, std::vector<Value>& params) {
  std::string sql = " WHERE 1 = 1";
  if (filter.body_id) sql += " AND f.body_id IN (SELECT id FROM scope)";
  if (filter.site_id) {
    sql += " AND f.site_id = ?";
    params.emplace_back(*filter.site_id);
  }
  if (filter.circular_id) {
    sql += " AND f.circular_id = ?";
    params.emplace_back(*filter.circular_id);
  }
  if (filter.state) {
    sql += " AND f.state = ?";
    params.emplace_back(*filter.state);
  }
  if (filter.grade) {
    sql += " AND f.grade = ?";
    params.emplace_back(*filter.grade);
  }
  if (filter.body_ids) {
    if (filter.body_ids->empty()) return sql + " AND 1 = 0";
    add_in(sql, params, "f.body_id", *filter.body_ids);
  }
  if (!filter.ids.empty()) add_in(sql, params, "f.id", filter.ids);
  return sql;
}

}  // namespace

// 'red' sorts before 'yellow' (the only grades, migration 008), so the order is index 016's.
Result<std::vector<FindingRow>> list_findings(Connection& conn, const FindingFilter& filter) {
  std::vector<Value> params{opt(filter.body_id), int64_t{filter.include_children ? 1 : 0}};
  std::string sql = std::string(kScope) + kFindingColumns + finding_conditions(filter, params) +
                    " ORDER BY f.grade, f.rule_id, f.subject, f.id";
  if (filter.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(filter.limit);
    params.emplace_back(std::max<int64_t>(filter.offset, 0));
  }
  Result<Rows> rows = conn.query(sql, params);
  if (!rows) return rows.status();
  std::vector<FindingRow> out;
  for (const Row& r : *rows) out.push_back(finding_from(r));
  return out;
}

Result<int64_t> count_findings(Connection& conn, const FindingFilter& filter) {
  std::vector<Value> params{opt(filter.body_id), int64_t{filter.include_children ? 1 : 0}};
  const std::string sql =
      std::string(kScope) + "SELECT COUNT(*) FROM monitor_findings f" + finding_conditions(filter, params);
  Result<Rows> rows = conn.query(sql, params);
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<int64_t> insert_newmedia_account(Connection& conn, const NewMediaAccountRow& a) {
  Result<Rows> rows = conn.query(
      "INSERT INTO newmedia_accounts (body_id, platform, name, status, filing_number, filed_on, opened_on, closed_on, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.body_id, a.platform, a.name, a.status, opt(a.filing_number), opt(a.filed_on), a.opened_on, opt(a.closed_on),
       utc_now_iso()});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::optional<NewMediaAccountRow>> find_newmedia_account(Connection& conn, const std::string& platform,
                                                                const std::string& name) {
  Result<Rows> rows = conn.query(std::string(kAccountColumns) + "WHERE a.platform = ? AND a.name = ?", {platform, name});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<NewMediaAccountRow>();
  return std::optional<NewMediaAccountRow>(account_from(rows->front()));
}

Result<std::optional<NewMediaAccountRow>> find_newmedia_account_by_id(Connection& conn, int64_t account_id) {
  Result<Rows> rows = conn.query(std::string(kAccountColumns) + "WHERE a.id = ?", {account_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<NewMediaAccountRow>();
  return std::optional<NewMediaAccountRow>(account_from(rows->front()));
}

Result<std::vector<NewMediaUpdateRow>> list_newmedia_updates(Connection& conn, int64_t account_id,
                                                             int64_t limit) {
  Result<Rows> rows = conn.query(
      "SELECT posted_on, title, COALESCE(url, ''), source FROM newmedia_updates WHERE account_id = ? "
      "ORDER BY posted_on DESC, id DESC LIMIT ?",
      {account_id, limit});
  if (!rows) return rows.status();
  std::vector<NewMediaUpdateRow> out;
  for (const Row& r : *rows) out.push_back({r.get_text(0), r.get_text(1), r.get_text(2), r.get_text(3)});
  return out;
}

Result<std::vector<NewMediaAccountRow>> list_newmedia_accounts(Connection& conn, std::optional<int64_t> body_id,
                                                               bool include_children) {
  std::string sql = std::string(kScope) + kAccountColumns;
  if (body_id) sql += "WHERE a.body_id IN (SELECT id FROM scope) ";
  sql += "ORDER BY b.sort_order, b.code, a.platform, a.name";
  Result<Rows> rows = conn.query(sql, {opt(body_id), int64_t{include_children ? 1 : 0}});
  if (!rows) return rows.status();
  std::vector<NewMediaAccountRow> out;
  for (const Row& r : *rows) out.push_back(account_from(r));
  return out;
}

Result<bool> insert_newmedia_update(Connection& conn, int64_t account_id, const std::string& posted_on,
                                    const std::string& title, const std::string& url, const std::string& source) {
  Result<Rows> rows = conn.query(
      "INSERT INTO newmedia_updates (account_id, posted_on, title, url, source) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (account_id, posted_on, title) DO NOTHING RETURNING id",
      {account_id, posted_on, title, null_if_empty(url), source});
  if (!rows) return rows.status();
  return !rows->empty();
}

Result<int64_t> insert_circular(Connection& conn, const std::string& number, int64_t body_id, const std::string& issued_on,
                                const std::string& deadline) {
  Result<Rows> rows = conn.query(
      "INSERT INTO rectification_circulars (number, body_id, issued_on, deadline, state, created_at) "
      "VALUES (?, ?, ?, ?, 'issued', ?) RETURNING id",
      {number, body_id, issued_on, deadline, utc_now_iso()});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Status attach_finding(Connection& conn, int64_t circular_id, int64_t finding_id, const std::string& recheck_on) {
  Result<Rows> rows = conn.query(
      "UPDATE monitor_findings SET circular_id = ? WHERE id = ? AND state = 'open' AND circular_id IS NULL RETURNING id",
      {circular_id, finding_id});
  if (!rows) return rows.status();
  if (rows->empty()) {
    return Status::conflict("finding " + std::to_string(finding_id) + " is closed or already on a circular");
  }
  return conn.exec("INSERT INTO monitor_rechecks (finding_id, due_on) VALUES (?, ?)", {finding_id, recheck_on});
}

Result<std::vector<CircularRow>> list_circulars(Connection& conn, const std::string& from, const std::string& to) {
  Result<Rows> rows = from.empty()
      ? conn.query(std::string(kCircularColumns) + "ORDER BY c.issued_on DESC, c.number DESC")
      : conn.query(std::string(kCircularColumns) + "WHERE c.issued_on >= ? AND c.issued_on < ? "
                   "ORDER BY c.issued_on DESC, c.number DESC", {from, to});
  if (!rows) return rows.status();
  std::vector<CircularRow> out;
  for (const Row& r : *rows) out.push_back(circular_from(r));
  return out;
}

Result<std::optional<CircularRow>> find_circular(Connection& conn, const std::string& number) {
  Result<Rows> rows = conn.query(std::string(kCircularColumns) + "WHERE c.number = ?", {number});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<CircularRow>();
  return std::optional<CircularRow>(circular_from(rows->front()));
}

Result<std::optional<CircularRow>> find_circular_by_id(Connection& conn, int64_t circular_id) {
  Result<Rows> rows = conn.query(std::string(kCircularColumns) + "WHERE c.id = ?", {circular_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<CircularRow>();
  return std::optional<CircularRow>(circular_from(rows->front()));
}

Status answer_circular(Connection& conn, int64_t circular_id, const std::string& answer, const std::string& on) {
  Result<Rows> rows = conn.query(
      "UPDATE rectification_circulars SET answer = ?, answered_on = ?, "
      "state = CASE WHEN state = 'issued' THEN 'answered' ELSE state END "
      "WHERE id = ? AND state IN ('issued', 'answered', 'escalated') AND issued_on <= ? RETURNING id",
      {answer, on, circular_id, on});
  if (!rows) return rows.status();
  if (rows->empty()) return Status::conflict("the circular is closed, or the answer is dated before it was issued");
  return Status::ok();
}

Result<std::pair<int64_t, int64_t>> update_circular_states(Connection& conn, const std::string& as_of) {
  Result<Rows> closed = conn.query(
      "UPDATE rectification_circulars SET state = 'closed', closed_on = ? WHERE state <> 'closed' "
      "AND NOT EXISTS (SELECT 1 FROM monitor_findings f WHERE f.circular_id = rectification_circulars.id "
      "AND f.state = 'open') RETURNING id",
      {as_of});
  if (!closed) return closed.status();
  Result<Rows> escalated = conn.query(
      "UPDATE rectification_circulars SET state = 'escalated', escalated_on = ? "
      "WHERE state IN ('issued', 'answered') AND deadline < ? RETURNING id",
      {as_of, as_of});
  if (!escalated) return escalated.status();
  return std::make_pair(static_cast<int64_t>(closed->size()), static_cast<int64_t>(escalated->size()));
}

Result<int64_t> count_circulars_of_year(Connection& conn, int year) {
  return conn.query_int("SELECT COUNT(*) FROM rectification_circulars WHERE issued_on >= ? AND issued_on < ?",
                        {std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"});
}

Result<std::vector<RecheckRow>> due_rechecks(Connection& conn, const std::string& as_of) {
  Result<Rows> rows = conn.query(
      "SELECT r.id, r.finding_id, r.due_on, f.site_id FROM monitor_rechecks r "
      "JOIN monitor_findings f ON f.id = r.finding_id WHERE r.done_on IS NULL AND r.due_on <= ? ORDER BY r.due_on, r.id",
      {as_of});
  if (!rows) return rows.status();
  std::vector<RecheckRow> out;
  for (const Row& r : *rows) out.push_back({r.get_int(0), r.get_int(1), r.get_text(2), opt_int(r, 3)});
  return out;
}

Result<std::map<std::string, int64_t>> yearly_monitoring_figures(Connection& conn, int64_t body_id,
                                                                 bool include_children, int year) {
  const std::string from = std::to_string(year) + "-01-01";
  const std::string to = std::to_string(year + 1) + "-01-01";
  const Value children{int64_t{include_children ? 1 : 0}};
  // An account counts for the year if it was open on any day of it.
  Result<Rows> media = conn.query(
      std::string(kScope) +
          "SELECT b.type, COUNT(*), COUNT(DISTINCT a.body_id) FROM newmedia_accounts a JOIN bodies b ON b.id = a.body_id "
          "WHERE a.body_id IN (SELECT id FROM scope) AND a.opened_on < ? AND (a.closed_on IS NULL OR a.closed_on >= ?) "
          "GROUP BY b.type",
      {body_id, children, to, from});
  if (!media) return media.status();
  std::map<std::string, int64_t> out{{"newmedia_accounts_departments", 0}, {"newmedia_departments", 0},
                                     {"newmedia_accounts_townships", 0}, {"newmedia_townships", 0}};
  for (const Row& r : *media) {
    const std::string type = r.get_text(0);
    if (type == "department") {
      out["newmedia_accounts_departments"] = r.get_int(1);
      out["newmedia_departments"] = r.get_int(2);
    } else if (type == "township") {
      out["newmedia_accounts_townships"] = r.get_int(1);
      out["newmedia_townships"] = r.get_int(2);
    }
  }
  Result<int64_t> circulars = conn.query_int(
      std::string(kScope) +
          "SELECT COUNT(*) FROM rectification_circulars WHERE body_id IN (SELECT id FROM scope) "
          "AND issued_on >= ? AND issued_on < ?",
      {body_id, children, from, to});
  if (!circulars) return circulars.status();
  out["rectification_circulars"] = *circulars;
  return out;
}

}  // namespace gongkai::store
