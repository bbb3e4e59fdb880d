// Monitoring service: registry, checks, probes, new media, circulars, the weekly circular's data.
#include "services/monitoring.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/clock.h"
#include "common/embedded.h"
#include "domain/monitor_rules.h"
#include "io/csv.h"
#include "io/progress.h"
#include "io/text_encoding.h"
#include "monitor/site_check.h"
#include "services/audit.h"
#include "store/bodies.h"
#include "store/calendar.h"

namespace gongkai::services {

namespace {

const domain::MonitorRules& rules() { return monitor_rules(); }

// The unit `code` for option `option`, in the open transaction of `conn`.
Result<int64_t> unit_id(store::Connection& conn, const std::string& code, const char* option) {
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, code);
  if (!body) return body.status();
  if (!*body) return Status::invalid(std::string(option) + ": no body has the code '" + code + "'");
  return (*body)->id;
}

// A violation as a finding of unit `body_id`.
store::FindingInput finding_input(const domain::MonitorViolation& v, int64_t body_id) {
  store::FindingInput f;
  f.body_id = body_id;
  f.rule_id = v.rule_id;
  f.grade = v.grade;
  f.subject = v.subject;
  f.found_on = v.found_on;
  f.excerpt = v.excerpt;
  if (v.date_seen) f.date_seen = v.date_seen->to_string();
  return f;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<domain::WordingEntry>> load_wording(const std::string& file) {
  if (file.empty()) return domain::parse_wording(embedded::monitor_wording(), "monitor-wording.tsv (embedded)");
  Result<std::string> bytes = read_file(file);
  if (!bytes) return bytes.status();
  Result<io::DecodedText> text = io::decode_to_utf8(*bytes, file);
  if (!text) return text.status();
  return domain::parse_wording(text->utf8, file);
}

Result<domain::Date> date_or_today(const std::string& given, const char* what) {
  const std::string text = given.empty() ? china_today() : given;
  std::optional<domain::Date> d = domain::Date::parse(text);
  if (!d) return Status::invalid(std::string(what) + ": '" + text + "' is not a date YYYY-MM-DD");
  return *d;
}

bool is_http_url(const std::string& url) { return !monitor::host_key(url).empty() && !monitor::resolve_url(url, url).empty(); }

// A violation of an unregistered site, reported without being stored.
store::FindingRow row_of(const domain::MonitorViolation& v) {
  const store::FindingInput in = finding_input(v, 0);
  store::FindingRow f;
  f.rule_id = in.rule_id;
  f.grade = in.grade;
  f.subject = in.subject;
  f.found_on = in.found_on;
  f.excerpt = in.excerpt;
  f.date_seen = in.date_seen;
  f.state = "open";
  return f;
}

// Appends the audit entry of a monitoring change (the last statement of the caller's write transaction).
Status audit_change(store::Connection& conn, const AuditActor* actor, const std::string& action,
                    const std::string& entity_type, const std::string& entity_id,
                    std::optional<int64_t> body_id, nlohmann::json after) {
  AuditEvent e;
  e.actor = actor ? *actor : AuditActor{std::nullopt, "system", ""};
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.body_id = body_id;
  e.after = std::move(after);
  Result<int64_t> id =
      append_audit(conn, e, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  return id ? Status::ok() : id.status();
}

std::string account_subject(const store::NewMediaAccountRow& a) { return "newmedia:" + a.platform + ":" + a.name; }

}  // namespace

const domain::MonitorRules& monitor_rules() {
  // The embedded table is checked by tests; a broken one is a build defect.
  static const domain::MonitorRules r = [] {
    Result<domain::MonitorRules> parsed = domain::MonitorRules::parse(embedded::monitor_rules(), "monitor-rules.tsv");
    return parsed ? std::move(*parsed) : domain::MonitorRules();
  }();
  return r;
}

const std::vector<std::string>& monitor_column_types() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> out{"static"};
    for (const domain::MonitorRule& r : rules().all()) {
      if (r.scope != "column") continue;
      for (const std::string& t : r.applies_to) {
        if (t != "*" && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
      }
    }
    return out;
  }();
  return types;
}

Result<int64_t> add_monitor_site(Installation& inst, const MonitorSiteSpec& spec, const AuditActor* actor) {
  if (spec.code.empty() || spec.code.size() > 64) return Status::invalid("--code: 1-64 characters");
  if (spec.name.empty()) return Status::invalid("--name: required");
  if (!is_http_url(spec.home_url)) return Status::invalid("--url: '" + spec.home_url + "' is not an http(s) URL");
  if (spec.page_budget < 1 || spec.page_budget > 100000) return Status::invalid("--page-budget: 1-100000");
  if (spec.check_every_hours < 1 || spec.check_every_hours > 720)
    return Status::invalid("--check-every-hours: 1-720");
  if (spec.probes_per_day < 20 || spec.probes_per_day > 1440)
    return Status::invalid("--probes-per-day: 20-1440");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<int64_t> body_id = unit_id(**conn, spec.body_code, "--body");
  if (!body_id) return body_id.status();
  store::MonitorSiteRow row;
  row.code = spec.code;
  row.name = spec.name;
  row.body_id = *body_id;
  row.home_url = spec.home_url;
  row.page_budget = spec.page_budget;
  row.check_every_hours = spec.check_every_hours;
  row.probes_per_day = spec.probes_per_day;
  Result<int64_t> id = store::insert_monitor_site(**conn, row);
  if (!id) return id.status().code() == StatusCode::kConflict ? Status::conflict("a site with code '" + spec.code + "' exists") : id.status();
  GK_RETURN_IF_ERROR(audit_change(**conn, actor, "monitor.site_add", "monitor_site", spec.code, *body_id,
                                  {{"name", spec.name},
                                   {"url", spec.home_url},
                                   {"page_budget", spec.page_budget},
                                   {"check_every_hours", spec.check_every_hours},
                                   {"probes_per_day", spec.probes_per_day}}));
  GK_RETURN_IF_ERROR(tx.commit());
  return id;
}

Result<int64_t> add_monitor_column(Installation& inst, const MonitorColumnSpec& spec,
                                   const AuditActor* actor) {
  const std::vector<std::string>& types = monitor_column_types();
  if (std::find(types.begin(), types.end(), spec.type) == types.end()) {
    std::string all;
    for (const std::string& t : types) all += (all.empty() ? "" : ", ") + t;
    return Status::invalid("--type: '" + spec.type + "' is not a column type (" + all + ")");
  }
  if (spec.interval_days && *spec.interval_days <= 0) return Status::invalid("--interval: must be a positive number of days");
  if (spec.name.empty()) return Status::invalid("--name: required");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::MonitorSiteRow>> site = store::find_monitor_site(**conn, spec.site_code);
  if (!site) return site.status();
  if (!*site) return Status::invalid("--site: no monitored site '" + spec.site_code + "'");
  const bool relative = spec.url.starts_with("/") && !spec.url.starts_with("//");
  if (!relative && monitor::host_key(spec.url) != monitor::host_key((*site)->home_url)) {
    return Status::invalid("--url: '" + spec.url + "' is not on the site " + (*site)->home_url);
  }
  store::MonitorColumnRow row;
  if (!spec.body_code.empty()) {
    Result<int64_t> body_id = unit_id(**conn, spec.body_code, "--body");
    if (!body_id) return body_id.status();
    row.body_id = *body_id;
  }
  row.site_id = (*site)->id;
  row.name = spec.name;
  row.url = spec.url;
  row.type = spec.type;
  if (spec.interval_days) row.update_interval_days = *spec.interval_days;
  Result<int64_t> id = store::insert_monitor_column(**conn, row);
  if (!id) return id.status().code() == StatusCode::kConflict ? Status::conflict("the site already has a column at " + spec.url) : id.status();
  GK_RETURN_IF_ERROR(audit_change(**conn, actor, "monitor.column_add", "monitor_column", std::to_string(*id),
                                  row.body_id.value_or((*site)->body_id),
                                  {{"site", spec.site_code},
                                   {"name", spec.name},
                                   {"url", spec.url},
                                   {"type", spec.type},
                                   {"interval_days", spec.interval_days ? nlohmann::json(*spec.interval_days)
                                                                        : nlohmann::json(nullptr)}}));
  GK_RETURN_IF_ERROR(tx.commit());
  return id;
}

Status set_monitor_site_url(Installation& inst, const std::string& code, const std::string& home_url) {
  if (!is_http_url(home_url)) return Status::invalid("--url: '" + home_url + "' is not an http(s) URL");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(store::set_monitor_site_url(**conn, code, home_url));
  return tx.commit();
}

Status set_monitor_site_schedule(Installation& inst, const std::string& code, int check_every_hours,
                                 int probes_per_day) {
  if (check_every_hours < 1 || check_every_hours > 720) return Status::invalid("--check-every-hours: 1-720");
  if (probes_per_day < 20 || probes_per_day > 1440) return Status::invalid("--probes-per-day: 20-1440");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(store::set_monitor_site_schedule(**conn, code, check_every_hours, probes_per_day));
  return tx.commit();
}

Result<MonitorRunReport> run_monitor(Installation& inst, const MonitorRunOptions& options) {
  Result<domain::Date> as_of = date_or_today(options.as_of, "--as-of");
  if (!as_of) return as_of.status();
  const std::string as_of_text = as_of->to_string();
  Result<std::vector<domain::WordingEntry>> wording = load_wording(options.wording_file);
  if (!wording) return wording.status();
  Result<std::unique_ptr<store::Connection>> conn_r = inst.connect();
  if (!conn_r) return conn_r.status();
  store::Connection& conn = **conn_r;

  std::vector<store::MonitorSiteRow> sites;
  bool ad_hoc = false;
  if (options.accounts_only) {
    // No site: the accounts and the circulars below.
  } else if (!options.site.empty()) {
    Result<std::optional<store::MonitorSiteRow>> site = store::find_monitor_site(conn, options.site);
    if (!site) return site.status();
    if (*site) {
      sites.push_back(**site);
    } else if (is_http_url(options.site)) {
      store::MonitorSiteRow adhoc;
      adhoc.code = "";
      adhoc.name = options.site;
      adhoc.home_url = options.site;
      sites.push_back(adhoc);
      ad_hoc = true;
    } else {
      return Status::invalid("--site: no monitored site '" + options.site + "' (see `gongkai monitor sites`)");
    }
  } else {
    Result<std::vector<store::MonitorSiteRow>> all = store::list_monitor_sites(conn);
    if (!all) return all.status();
    for (const store::MonitorSiteRow& s : *all) {
      if (s.active) sites.push_back(s);
    }
  }

  MonitorRunReport report;
  monitor::Fetcher fetcher(options.fetch);
  const domain::MonitorRule* availability = rules().find("site.unreachable");
  const int window_days = availability ? availability->param("window_days", 7) : 7;
  for (const store::MonitorSiteRow& site : sites) {
    monitor::SiteTarget target;
    target.home_url = site.home_url;
    target.page_budget = static_cast<int>(site.page_budget);
    target.link_check_budget = options.link_check_budget;
    std::map<std::string, int64_t> unit_of_column;  // absolute column URL -> the unit running it
    if (!ad_hoc) {
      Result<std::vector<store::MonitorColumnRow>> cols = store::list_monitor_columns(conn, site.id);
      if (!cols) return cols.status();
      for (const store::MonitorColumnRow& c : *cols) {
        std::optional<int> interval;
        if (c.update_interval_days) interval = static_cast<int>(*c.update_interval_days);
        const std::string url = monitor::resolve_url(site.home_url, c.url);
        target.columns.push_back({url, c.name, c.type, interval});
        if (c.body_id) unit_of_column[url] = *c.body_id;
      }
    }
    io::Progress progress("监测 " + site.name, static_cast<uint64_t>(target.page_budget));
    if (!options.progress) progress.set_enabled(false);
    monitor::SiteCheck check = monitor::check_site(fetcher, target, *wording, *as_of, [&](int done, int) {
      progress.update(static_cast<uint64_t>(done));
    });
    progress.finish();

    SiteRunReport sr;
    sr.site_code = site.code;
    sr.site_name = site.name;
    sr.home_url = site.home_url;
    sr.pages_fetched = check.pages_fetched;
    sr.links_checked = check.links_checked;
    if (!ad_hoc) {
      Result<store::ProbeCounts> probes = store::probe_counts(
          conn, site.id, as_of->plus_days(-(window_days - 1)).to_string(), as_of->plus_days(1).to_string());
      if (!probes) return probes.status();
      if (probes->probes > 0) {
        check.observation.probes = domain::ProbeSummary{static_cast<int>(probes->probes),
                                                        static_cast<int>(probes->failures), static_cast<int>(probes->days)};
      }
    }
    std::vector<domain::MonitorViolation> violations = domain::evaluate_site(rules(), check.observation);
    if (ad_hoc) {
      for (const domain::MonitorViolation& v : violations) sr.findings.push_back(row_of(v));
      sr.findings_new = static_cast<int>(violations.size());
      report.open_findings += sr.findings_new;
      report.sites.push_back(std::move(sr));
      continue;
    }
    store::Transaction tx(conn, store::TxMode::kWrite);
    GK_RETURN_IF_ERROR(tx.status());
    Result<int64_t> run_id = store::open_monitor_run(conn, site.id, as_of_text);
    if (!run_id) return run_id.status();
    std::vector<int64_t> seen;
    for (const domain::MonitorViolation& v : violations) {
      store::FindingInput f = finding_input(v, site.body_id);
      // A column's own problems and those of the articles it lists belong to the unit running it.
      for (const std::string& where : {v.subject, v.found_on}) {
        auto unit = unit_of_column.find(where);
        if (unit != unit_of_column.end() && v.rule_id != "link.dead_internal" && v.rule_id != "link.dead_external") {
          f.body_id = unit->second;
        }
      }
      f.site_id = site.id;
      Result<std::pair<int64_t, bool>> rec = store::record_finding(conn, f, *run_id, as_of_text);
      if (!rec) return rec.status();
      seen.push_back(rec->first);
      (rec->second ? sr.findings_new : sr.findings_seen)++;
    }
    Result<int64_t> closed = store::settle_findings(conn, site.id, seen, as_of_text, *run_id, false);
    if (!closed) return closed.status();
    sr.findings_closed = static_cast<int>(*closed);
    GK_RETURN_IF_ERROR(store::finish_monitor_run(conn, *run_id, check.pages_fetched, check.links_checked,
                                                 static_cast<int64_t>(seen.size())));
    GK_RETURN_IF_ERROR(tx.commit());
    sr.run_id = *run_id;
    store::FindingFilter filter;
    filter.site_id = site.id;
    Result<std::vector<store::FindingRow>> open = store::list_findings(conn, filter);
    if (!open) return open.status();
    sr.findings = std::move(*open);
    report.open_findings += static_cast<int>(sr.findings.size());
    report.sites.push_back(std::move(sr));
  }
  if (ad_hoc) return report;

  // New-media accounts (a full run only).
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  if (options.site.empty()) {
    Result<std::vector<store::NewMediaAccountRow>> accounts = store::list_newmedia_accounts(conn, std::nullopt, false);
    if (!accounts) return accounts.status();
    std::vector<int64_t> seen;
    for (const store::NewMediaAccountRow& a : *accounts) {
      if (a.status != "active" || a.opened_on > as_of_text) continue;
      ++report.accounts_checked;
      domain::AccountObservation obs{account_subject(a), a.name.starts_with(a.body_name) ? a.name : a.body_name + " " + a.name,
                                     *domain::Date::parse(a.opened_on), std::nullopt};
      if (a.last_update) obs.last_update = domain::Date::parse(*a.last_update);
      std::optional<domain::MonitorViolation> v = domain::evaluate_account(rules(), obs, *as_of);
      if (!v) continue;
      store::FindingInput f = finding_input(*v, a.body_id);
      f.account_id = a.id;
      Result<std::pair<int64_t, bool>> rec = store::record_finding(conn, f, std::nullopt, as_of_text);
      if (!rec) return rec.status();
      seen.push_back(rec->first);
      ++report.account_findings;
    }
    Result<int64_t> closed = store::settle_findings(conn, std::nullopt, seen, as_of_text, std::nullopt, true);
    if (!closed) return closed.status();
    report.open_findings += report.account_findings;
    store::FindingFilter filter;
    Result<std::vector<store::FindingRow>> open = store::list_findings(conn, filter);
    if (!open) return open.status();
    for (const store::FindingRow& f : *open) {
      if (f.account_id) report.accounts.push_back(f);
    }
  }
  Result<std::pair<int64_t, int64_t>> states = store::update_circular_states(conn, as_of_text);
  if (!states) return states.status();
  report.circulars_closed = static_cast<int>(states->first);
  report.circulars_escalated = static_cast<int>(states->second);
  GK_RETURN_IF_ERROR(tx.commit());
  return report;
}

Result<int> run_probes(Installation& inst, const std::string& site_code, const monitor::FetchOptions& fetch) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(**conn);
  if (!sites) return sites.status();
  const domain::MonitorRule* rule = rules().find("site.unreachable");
  const long timeout_ms = 1000L * (rule ? rule->param("timeout_s", 15) : 15);
  monitor::FetchOptions options = fetch;
  options.total_timeout_ms = std::max(options.total_timeout_ms, timeout_ms + 1000);
  monitor::Fetcher fetcher(options);
  int probes = 0;
  bool found = site_code.empty();
  for (const store::MonitorSiteRow& s : *sites) {
    if (!site_code.empty() && s.code != site_code && s.home_url != site_code) continue;
    if (!s.active) continue;
    found = true;
    const std::string at = utc_now_iso();
    monitor::ProbeResult r = monitor::probe(fetcher, s.home_url, timeout_ms);
    store::Transaction tx(**conn, store::TxMode::kWrite);
    GK_RETURN_IF_ERROR(tx.status());
    GK_RETURN_IF_ERROR(store::insert_probe(**conn, s.id, at, r.ok, r.millis, r.status, r.error));
    GK_RETURN_IF_ERROR(tx.commit());
    ++probes;
  }
  if (!found) return Status::invalid("--site: no monitored site '" + site_code + "'");
  return probes;
}

std::vector<int> probe_schedule(int per_day, int offset_s) {
  per_day = std::max(per_day, 20);
  std::vector<int> out;
  const int step = 86400 / per_day;
  for (int n = 0; n < per_day; ++n) out.push_back((offset_s % step + n * step) % 86400);
  return out;
}

Result<int64_t> add_newmedia_account(Installation& inst, const NewMediaAccountSpec& spec) {
  static const std::set<std::string> kPlatforms = {"weibo", "wechat", "douyin", "toutiao", "kuaishou", "app", "other"};
  if (!kPlatforms.count(spec.platform)) {
    return Status::invalid("--platform: '" + spec.platform + "' (weibo, wechat, douyin, toutiao, kuaishou, app, other)");
  }
  if (spec.name.empty()) return Status::invalid("--name: required");
  if (!domain::Date::parse(spec.opened_on)) return Status::invalid("--opened: '" + spec.opened_on + "' is not YYYY-MM-DD");
  if (!spec.filed_on.empty() && !domain::Date::parse(spec.filed_on)) return Status::invalid("--filed: not YYYY-MM-DD");
  if (!spec.closed_on.empty() && !domain::Date::parse(spec.closed_on)) return Status::invalid("--closed: not YYYY-MM-DD");
  if (!spec.closed_on.empty() && spec.closed_on < spec.opened_on) return Status::invalid("--closed: before --opened");
  if (spec.status != "active" && spec.status != "suspended" && spec.status != "closed") {
    return Status::invalid("--status: active, suspended or closed");
  }
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<int64_t> body_id = unit_id(**conn, spec.body_code, "--body");
  if (!body_id) return body_id.status();
  store::NewMediaAccountRow row;
  row.body_id = *body_id;
  row.platform = spec.platform;
  row.name = spec.name;
  row.status = spec.closed_on.empty() ? spec.status : "closed";
  if (!spec.filing_number.empty()) row.filing_number = spec.filing_number;
  if (!spec.filed_on.empty()) row.filed_on = spec.filed_on;
  row.opened_on = spec.opened_on;
  if (!spec.closed_on.empty()) row.closed_on = spec.closed_on;
  Result<int64_t> id = store::insert_newmedia_account(**conn, row);
  if (!id) {
    if (id.status().code() == StatusCode::kConflict) {
      return Status::conflict("a " + spec.platform + " account named '" + spec.name + "' is registered");
    }
    return id.status();
  }
  GK_RETURN_IF_ERROR(tx.commit());
  return id;
}

Result<bool> add_newmedia_update(Installation& inst, const std::string& platform, const std::string& account,
                                 const std::string& posted_on, const std::string& title, const std::string& url) {
  if (!domain::Date::parse(posted_on)) return Status::invalid("--date: '" + posted_on + "' is not YYYY-MM-DD");
  if (title.empty()) return Status::invalid("--title: required");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::NewMediaAccountRow>> a = store::find_newmedia_account(**conn, platform, account);
  if (!a) return a.status();
  if (!*a) return Status::not_found("no " + platform + " account named '" + account + "'");
  if (posted_on < (*a)->opened_on) return Status::invalid("--date: before the account was opened (" + (*a)->opened_on + ")");
  Result<bool> added = store::insert_newmedia_update(**conn, (*a)->id, posted_on, title, url, "entry");
  if (!added) return added.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return added;
}

Result<NewMediaImportReport> import_newmedia_updates(Installation& inst, const std::string& path) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return bytes.status();
  Result<io::DecodedText> text = io::decode_to_utf8(*bytes, path);
  if (!text) return text.status();
  Result<std::vector<io::CsvRecord>> records = io::parse_csv(text->utf8, path);
  if (!records) return records.status();
  if (records->empty()) return Status::invalid(path + ": empty file (expected the header platform,account,posted_on,title[,url])");
  const std::vector<std::string>& header = records->front().fields;
  std::map<std::string, size_t> col;
  for (size_t idx = 0; idx < header.size(); ++idx) col[header[idx]] = idx;
  for (const char* required : {"platform", "account", "posted_on", "title"}) {
    if (!col.count(required)) return Status::invalid(path + ":1: header: missing column '" + required + "'");
  }
  NewMediaImportReport report;
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  struct Pending {
    int64_t account_id;
    std::string posted_on, title, url;
  };
  std::vector<Pending> pending;
  std::map<std::pair<std::string, std::string>, std::optional<store::NewMediaAccountRow>> accounts;
  for (size_t rec_idx = 1; rec_idx < records->size(); ++rec_idx) {
    const io::CsvRecord& r = (*records)[rec_idx];
    ++report.records;
    auto field = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= r.fields.size() ? "" : r.fields[it->second];
    };
    const std::string where = path + ":" + std::to_string(r.line) + ": ";
    const std::string platform = field("platform"), account = field("account"), posted = field("posted_on"),
                      title = field("title");
    auto key = std::make_pair(platform, account);
    if (!accounts.count(key)) {
      Result<std::optional<store::NewMediaAccountRow>> a = store::find_newmedia_account(**conn, platform, account);
      if (!a) return a.status();
      accounts[key] = *a;
    }
    const std::optional<store::NewMediaAccountRow>& a = accounts[key];
    if (!a) {
      report.errors.push_back(where + "account: no " + platform + " account named '" + account + "' is registered");
      continue;
    }
    if (!domain::Date::parse(posted)) {
      report.errors.push_back(where + "posted_on: '" + posted + "' is not YYYY-MM-DD");
      continue;
    }
    if (posted < a->opened_on) {
      report.errors.push_back(where + "posted_on: before the account was opened (" + a->opened_on + ")");
      continue;
    }
    if (title.empty()) {
      report.errors.push_back(where + "title: empty");
      continue;
    }
    pending.push_back({a->id, posted, title, field("url")});
  }
  if (!report.errors.empty()) return report;  // the transaction rolls back: nothing written
  for (const Pending& p : pending) {
    Result<bool> added = store::insert_newmedia_update(**conn, p.account_id, p.posted_on, p.title, p.url, "import");
    if (!added) return added.status();
    (*added ? report.added : report.duplicates)++;
  }
  GK_RETURN_IF_ERROR(tx.commit());
  return report;
}

domain::Date add_working_days(const domain::WorkCalendar& calendar, domain::Date from, int working_days) {
  domain::Date d = from;
  for (int left = working_days; left > 0;) {
    d = d.plus_days(1);
    if (calendar.is_working_day(d)) --left;
  }
  return d;
}

domain::Date recheck_date(const domain::WorkCalendar& calendar, domain::Date issued, const std::string& grade) {
  // 一周一通报 (seed report 一（六）): red circulars are re-checked the next (working) day, yellow the next week.
  if (grade == "red") return add_working_days(calendar, issued, 1);
  return issued.plus_days(7);
}

Result<store::CircularRow> issue_circular(Installation& inst, const CircularSpec& spec,
                                          const AuditActor* actor) {
  Result<domain::Date> issued = date_or_today(spec.issued_on, "--date");
  if (!issued) return issued.status();
  if (spec.deadline_working_days < 1 || spec.deadline_working_days > 60) {
    return Status::invalid("--deadline-days: 1-60 working days");
  }
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<domain::WorkCalendar> calendar = store::load_calendar(**conn);
  if (!calendar) return calendar.status();
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, spec.body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("--body: no body has the code '" + spec.body_code + "'");
  store::FindingFilter filter;
  filter.body_id = (*body)->id;
  Result<std::vector<store::FindingRow>> open = store::list_findings(**conn, filter);
  if (!open) return open.status();
  std::vector<store::FindingRow> listed;
  if (spec.finding_ids.empty()) {
    for (const store::FindingRow& f : *open) {
      if (!f.circular_id) listed.push_back(f);
    }
  } else {
    for (int64_t id : spec.finding_ids) {
      auto it = std::find_if(open->begin(), open->end(), [&](const store::FindingRow& f) { return f.id == id; });
      if (it == open->end()) {
        return Status::invalid("finding " + std::to_string(id) + " is not an open finding of " + (*body)->name);
      }
      listed.push_back(*it);
    }
  }
  if (listed.empty()) return Status::invalid((*body)->name + " has no open finding to list on a circular");
  Result<int64_t> count = store::count_circulars_of_year(**conn, issued->year());
  if (!count) return count.status();
  const std::string number = circular_number(issued->year(), *count + 1);
  const domain::Date deadline = add_working_days(*calendar, *issued, spec.deadline_working_days);
  Result<int64_t> id = store::insert_circular(**conn, number, (*body)->id, issued->to_string(), deadline.to_string());
  if (!id) return id.status();
  nlohmann::json finding_ids = nlohmann::json::array();
  for (const store::FindingRow& f : listed) {
    GK_RETURN_IF_ERROR(store::attach_finding(**conn, *id, f.id, recheck_date(*calendar, *issued, f.grade).to_string()));
    finding_ids.push_back(f.id);
  }
  GK_RETURN_IF_ERROR(audit_change(
      **conn, actor, "monitor.circular_issue", "rectification_circular", number, (*body)->id,
      {{"issued_on", issued->to_string()}, {"deadline", deadline.to_string()}, {"findings", finding_ids}}));
  GK_RETURN_IF_ERROR(tx.commit());
  Result<std::optional<store::CircularRow>> row = store::find_circular(**conn, number);
  if (!row) return row.status();
  return **row;
}

std::string circular_number(int year, int64_t serial) {
  return "监测通报〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

Status answer_circular(Installation& inst, const std::string& number, const std::string& answer,
                       const std::string& on, const AuditActor* actor) {
  Result<domain::Date> date = date_or_today(on, "--date");
  if (!date) return date.status();
  if (answer.empty()) return Status::invalid("--answer: say what was fixed");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::CircularRow>> c = store::find_circular(**conn, number);
  if (!c) return c.status();
  if (!*c) return Status::not_found("no circular numbered '" + number + "'");
  GK_RETURN_IF_ERROR(store::answer_circular(**conn, (*c)->id, answer, date->to_string()));
  GK_RETURN_IF_ERROR(audit_change(**conn, actor, "monitor.circular_answer", "rectification_circular", number,
                                  (*c)->body_id, {{"answer", answer}, {"answered_on", date->to_string()}}));
  return tx.commit();
}

std::optional<domain::Date> iso_week_monday(const std::string& week) {
  if (week.size() != 8 || week[4] != '-' || week[5] != 'W') return std::nullopt;
  for (size_t idx : {0u, 1u, 2u, 3u, 6u, 7u}) {
    if (week[idx] < '0' || week[idx] > '9') return std::nullopt;
  }
  const int year = std::stoi(week.substr(0, 4));
  const int n = std::stoi(week.substr(6, 2));
  if (year < 1990 || year > 2199 || n < 1) return std::nullopt;
  // Week 1 contains 4 January.
  const domain::Date jan4 = domain::Date::from_ymd(year, 1, 4);
  const domain::Date week1 = jan4.plus_days(1 - jan4.iso_weekday());
  const domain::Date monday = week1.plus_days(7 * (n - 1));
  // The week must belong to `year` (its Thursday in the year).
  if (monday.plus_days(3).year() != year) return std::nullopt;
  return monday;
}

Result<WeeklyReport> weekly_report(Installation& inst, const std::string& week) {
  std::optional<domain::Date> monday = iso_week_monday(week);
  if (!monday) return Status::invalid("--week: '" + week + "' is not an ISO week YYYY-Www");
  WeeklyReport out;
  out.week = week;
  out.from = monday->to_string();
  out.to = monday->plus_days(6).to_string();
  const std::string after = monday->plus_days(7).to_string();
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  store::FindingFilter all;
  all.state.reset();
  Result<std::vector<store::FindingRow>> findings = store::list_findings(**conn, all);
  if (!findings) return findings.status();
  for (const store::FindingRow& f : *findings) {
    if (f.first_seen_on >= out.from && f.first_seen_on < after) out.new_findings.push_back(f);
    const bool open_then = f.first_seen_on < after && (!f.closed_on || *f.closed_on >= after);
    if (open_then) out.open_findings.push_back(f);
  }
  Result<std::vector<store::CircularRow>> circulars = store::list_circulars(**conn, out.from, after);
  if (!circulars) return circulars.status();
  out.circulars = std::move(*circulars);
  Result<std::vector<store::CircularRow>> every = store::list_circulars(**conn, "", "");
  if (!every) return every.status();
  for (const store::CircularRow& c : *every) {
    if (c.state != "closed" && c.deadline < out.to && c.issued_on < after) out.overdue.push_back(c);
  }
  Result<std::vector<store::NewMediaAccountRow>> accounts = store::list_newmedia_accounts(**conn, std::nullopt, false);
  if (!accounts) return accounts.status();
  const std::string week_ago = out.from;  // no update on any day of the week
  for (const store::NewMediaAccountRow& a : *accounts) {
    if (a.status != "active" || a.opened_on > out.to) continue;
    if (!a.last_update || *a.last_update < week_ago) out.quiet_accounts.push_back(a);
  }
  return out;
}

}  // namespace gongkai::services
