// The monitoring scheduler inside `serve` (issue #8, docs/monitoring.md "The scheduler"): on its own thread,
// never on the HTTP I/O threads, it probes every active site's availability at the instants of
// probe_schedule (>= 20 a day), checks each site when its check_every_hours have passed or a re-check of one
// of its findings is due (red: the next working day, yellow: a week after the circular), and once a China day
// checks the new-media accounts and escalates overdue circulars. With several nodes on one database only the
// holder of the lease row (monitor_scheduler, migration 013) works; the others wait and take over when the
// holder stops renewing it.
//
// Thread safety: tick() and the thread must not run at once (start() owns the thread; tests call tick()
// without start()). stop() may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "monitor/fetcher.h"
#include "services/installation.h"

namespace gongkai::services {

struct MonitorSchedulerOptions {
  std::string node;                       // the lease holder's name; "" = hostname:pid
  std::chrono::milliseconds tick{30000};  // time between rounds
  std::chrono::seconds lease{300};        // how long a round's lease lasts without renewal
  monitor::FetchOptions fetch;            // the crawler's limits (defaults of monitor/fetcher)
  int link_check_budget = 1000;
  // Tests: overrides of every site's check interval and probe spacing (the data's hours and per-day counts).
  std::optional<std::chrono::seconds> check_every, probe_every;
  bool log = true;  // one line per check and per failure on stderr
};

struct SchedulerRound {
  bool leader = false;  // this node held the lease and worked
  int probes = 0;
  std::vector<std::string> sites_checked;  // codes, in order
  int rechecks_due = 0;                    // due re-checks that made a site (or the accounts) be checked
  bool accounts_checked = false;
  int circulars_escalated = 0;
  std::vector<std::string> errors;  // what failed this round (the round goes on with the next site)
};

class MonitorScheduler {
 public:
  // `inst` must outlive the scheduler.
  MonitorScheduler(Installation& inst, MonitorSchedulerOptions options);
  ~MonitorScheduler();  // stops the thread and releases the lease
  MonitorScheduler(const MonitorScheduler&) = delete;
  MonitorScheduler& operator=(const MonitorScheduler&) = delete;

  // Starts the thread: a round every `tick` until stop().
  void start();
  // Ends the thread after the round in progress (a check under way runs to its end, bounded by the fetch
  // timeouts) and releases the lease.
  void stop();

  // One round now. Fails only when the database cannot be reached; a site that fails is in `errors`.
  Result<SchedulerRound> tick();

  const std::string& node() const { return node_; }

 private:
  void run();

  Installation& inst_;
  MonitorSchedulerOptions options_;
  std::string node_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

// The lease row's name (one scheduler per installation).
inline constexpr const char* kMonitorLease = "monitor";

}  // namespace gongkai::services
