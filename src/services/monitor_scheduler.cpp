// The monitoring scheduler (see monitor_scheduler.h): lease, probes, due checks, the daily account pass.
#include "services/monitor_scheduler.h"

#include <unistd.h>

#include <cstdio>
#include <functional>

#include "common/clock.h"
#include "services/audit.h"
#include "services/monitoring.h"
#include "store/monitoring.h"

namespace gongkai::services {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

std::string default_node() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(*host ? host : "node") + ":" + std::to_string(getpid());
}

sys_seconds now_s() {
  return std::chrono::floor<seconds>(std::chrono::system_clock::now());
}

// The latest probe instant at or before `now` for a site probed every `step`, offset within the step by the
// site's code (so that many sites do not all probe in the same second).
sys_seconds latest_probe_instant(sys_seconds now, seconds step, const std::string& code) {
  const int64_t step_s = std::max<int64_t>(step.count(), 1);
  const int64_t offset = static_cast<int64_t>(std::hash<std::string>{}(code) % static_cast<size_t>(step_s));
  const int64_t t = now.time_since_epoch().count();
  const int64_t n = (t - offset) >= 0 ? (t - offset) / step_s : -1;
  return sys_seconds(seconds(n * step_s + offset));
}

}  // namespace

MonitorScheduler::MonitorScheduler(Installation& inst, MonitorSchedulerOptions options)
    : inst_(inst),
      options_(std::move(options)),
      node_(options_.node.empty() ? default_node() : options_.node) {}

MonitorScheduler::~MonitorScheduler() {
  stop();
}

void MonitorScheduler::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void MonitorScheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Hand the work over at once instead of after the lease runs out (a no-op when another node holds it).
  Result<std::unique_ptr<store::Connection>> conn = inst_.connect();
  if (!conn) return;
  store::Transaction tx(**conn, store::TxMode::kWrite);
  if (!tx.status() || !store::release_scheduler_lease(**conn, kMonitorLease, node_) || !tx.commit()) {
    std::fprintf(stderr, "gongkai: monitor scheduler: could not release the lease\n");
  }
}

void MonitorScheduler::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    Result<SchedulerRound> round = tick();
    if (!round && options_.log)
      std::fprintf(stderr, "gongkai: monitor scheduler: %s\n", round.status().message().c_str());
    if (round && options_.log) {
      for (const std::string& e : round->errors)
        std::fprintf(stderr, "gongkai: monitor scheduler: %s\n", e.c_str());
    }
    lock.lock();
    wake_.wait_for(lock, options_.tick, [&] { return stopping_; });
  }
}

Result<SchedulerRound> MonitorScheduler::tick() {
  SchedulerRound round;
  const sys_seconds now = now_s();
  Result<std::unique_ptr<store::Connection>> conn_r = inst_.connect();
  if (!conn_r) return conn_r.status();
  store::Connection& conn = **conn_r;
  {
    store::Transaction tx(conn, store::TxMode::kWrite);
    GK_RETURN_IF_ERROR(tx.status());
    Result<bool> leader = store::take_scheduler_lease(conn, kMonitorLease, node_, format_utc(now),
                                                      format_utc(now + options_.lease));
    if (!leader) return leader.status();
    GK_RETURN_IF_ERROR(tx.commit());
    round.leader = *leader;
  }
  if (!round.leader) return round;

  const std::string today = china_today();
  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(conn);
  if (!sites) return sites.status();
  Result<std::vector<store::RecheckRow>> due = store::due_rechecks(conn, today);
  if (!due) return due.status();

  MonitorRunOptions run;
  run.fetch = options_.fetch;
  run.link_check_budget = options_.link_check_budget;
  run.progress = false;
  for (const store::MonitorSiteRow& site : *sites) {
    if (!site.active) continue;
    // Availability: one probe per slot of the day (probe_schedule's spacing).
    const seconds probe_step =
        options_.probe_every.value_or(seconds(86400 / std::max<int64_t>(site.probes_per_day, 20)));
    Result<std::optional<std::string>> last_probe = store::last_probe_at(conn, site.id);
    if (!last_probe) return last_probe.status();
    std::optional<sys_seconds> probed = *last_probe ? parse_utc(**last_probe) : std::nullopt;
    if (!probed || *probed < latest_probe_instant(now, probe_step, site.code)) {
      Result<int> probes = run_probes(inst_, site.code, options_.fetch);
      if (probes) round.probes += *probes;
      if (!probes) round.errors.push_back("probe " + site.code + ": " + probes.status().message());
    }
    // A check when the interval has passed or a re-check of one of its findings is due.
    const seconds every = options_.check_every.value_or(seconds(3600 * site.check_every_hours));
    Result<std::optional<std::string>> last_run = store::last_run_finished_at(conn, site.id);
    if (!last_run) return last_run.status();
    std::optional<sys_seconds> checked = *last_run ? parse_utc(**last_run) : std::nullopt;
    int rechecks = 0;
    for (const store::RecheckRow& r : *due) rechecks += r.site_id == site.id ? 1 : 0;
    if (checked && now - *checked < every && rechecks == 0) continue;
    run.site = site.code;
    Result<MonitorRunReport> report = run_monitor(inst_, run);
    if (!report) {
      round.errors.push_back("check " + site.code + ": " + report.status().message());
      continue;
    }
    round.sites_checked.push_back(site.code);
    round.rechecks_due += rechecks;
    round.circulars_escalated += report->circulars_escalated;
    if (options_.log) {
      std::fprintf(stderr, "gongkai: monitor: checked %s (%d pages, %d open findings)\n", site.code.c_str(),
                   report->sites.empty() ? 0 : report->sites[0].pages_fetched, report->open_findings);
    }
  }

  // Once a day (and whenever an account finding's re-check is due): accounts and circulars.
  int account_rechecks = 0;
  for (const store::RecheckRow& r : *due) account_rechecks += r.site_id ? 0 : 1;
  Result<std::string> accounts_on = store::scheduler_accounts_checked_on(conn, kMonitorLease);
  if (!accounts_on) return accounts_on.status();
  if (*accounts_on == today && account_rechecks == 0) return round;
  run.site.clear();
  run.accounts_only = true;
  Result<MonitorRunReport> report = run_monitor(inst_, run);
  if (!report) {
    round.errors.push_back("new-media accounts: " + report.status().message());
    return round;
  }
  round.accounts_checked = true;
  round.rechecks_due += account_rechecks;
  round.circulars_escalated += report->circulars_escalated;
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(store::set_scheduler_accounts_checked_on(conn, kMonitorLease, today));
  GK_RETURN_IF_ERROR(tx.commit());
  if (options_.log) {
    std::fprintf(stderr,
                 "gongkai: monitor: checked %d new-media accounts (%d findings), %d circulars escalated\n",
                 report->accounts_checked, report->account_findings, report->circulars_escalated);
  }
  return round;
}

}  // namespace gongkai::services
