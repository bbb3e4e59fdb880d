// Command: serve — the portal, the staff workspace (/staff) and the JSON API over HTTP.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "cli/context.h"
#include "http/http.h"
#include "http/response_cache.h"
#include "services/monitor_scheduler.h"
#include "services/search_service.h"
#include "web/portal.h"
#include "web/public_cases.h"
#include "web/staff_cases.h"
#include "web/staff_monitor.h"
#include "web/search_page.h"
#include "web/staff.h"
#include "web/staff_policy.h"
#include "web/staff_reports.h"

namespace gongkai::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string root_body;
  std::string public_url;
  int workers = 4;
  int io_threads = 2;
  int page_cache_mb = 64;
  bool quiet = false;
  bool no_indexer = false;
  bool no_monitor = false;
  bool secure_cookies = false;
  bool trust_proxy = false;
};

int cmd_serve(GlobalOptions& g, const ServeArgs& args) {
  const size_t colon = args.listen.rfind(':');
  if (colon == std::string::npos) return fail(Status::invalid("--listen must be HOST:PORT, not '" + args.listen + "'"));
  const std::string host = args.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(args.listen.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) return fail(Status::invalid("bad port in --listen '" + args.listen + "'"));

  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  web::PortalOptions portal_options;
  portal_options.root_body_code = args.root_body;
  portal_options.public_url = args.public_url;
  Result<std::unique_ptr<web::Portal>> portal = web::Portal::create(**inst, portal_options);
  if (!portal) return fail(portal.status());

  http::Router router;
  (*portal)->register_routes(router);
  web::register_search_routes(router, **portal, **inst);
  web::StaffOptions staff_options;
  staff_options.secure_cookies = args.secure_cookies;
  staff_options.trust_proxy = args.trust_proxy;
  web::Staff staff(**inst, **portal, staff_options);
  staff.register_routes(router);
  web::PublicCasesOptions cases_options;
  cases_options.trust_proxy = args.trust_proxy;
  Result<std::unique_ptr<web::PublicCases>> public_cases = web::PublicCases::create(**inst, **portal, cases_options);
  if (!public_cases) return fail(public_cases.status());
  (*public_cases)->register_routes(router);
  web::StaffCases staff_cases(**inst, **portal, staff, args.trust_proxy);
  staff_cases.register_routes(router);
  web::PolicyDesk policy_desk(staff, **portal);
  policy_desk.register_routes(router);
  web::StaffMonitor staff_monitor(**inst, **portal, staff, args.trust_proxy);
  staff_monitor.register_routes(router);
  web::StaffReports staff_reports(**inst, staff);
  staff_reports.register_routes(router);
  http::ServerOptions options;
  options.host = host;
  options.port = static_cast<uint16_t>(port);
  options.worker_threads = args.workers;
  options.access_log = !args.quiet;
  options.io_threads = args.io_threads;
  if (args.page_cache_mb > 0) {
    options.response_cache = std::make_shared<http::ResponseCache>(static_cast<size_t>(args.page_cache_mb) << 20);
    Result<uint64_t> generation = (*portal)->content_generation();
    if (!generation) return fail(generation.status());
    options.response_cache->set_generation(*generation);
    // A write made through this node is seen by the next request at once; the watcher below catches the
    // writes of other nodes and of CLI commands within a second.
    options.after_write = [cache = options.response_cache, &portal] {
      Result<uint64_t> now = (*portal)->content_generation();
      cache->set_generation(now ? *now : cache->generation() + 1);
    };
  }
  http::Server server(options, std::move(router));
  if (Status s = server.start(); !s) return fail(s);
  std::fprintf(stderr, "gongkai: serving %s on http://%s:%u/ (Ctrl-C to stop)\n", (*inst)->db().describe().c_str(),
               host.c_str(), server.port());
  // The search indexer: applies the outbox every few seconds (DESIGN.md, Data). Another node or a CLI command
  // holding the index lock is not an error: the next round catches up.
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  // With several nodes only one may consume the shared outbox (it deletes what it applied): the others run with
  // --no-indexer and receive the index by replication (docs/deploy.md).
  std::thread indexer([&] {
    if (args.no_indexer) return;
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      lock.unlock();
      // Scheduled items whose day has come are published first, so this round indexes them.
      if (Result<int> released = staff.release_due(); !released) {
        std::fprintf(stderr, "gongkai: scheduled publishing: %s\n", released.status().message().c_str());
      }
      Result<services::DrainReport> drained = services::drain_outbox(**inst);
      if (!drained && drained.status().code() != StatusCode::kConflict) {
        std::fprintf(stderr, "gongkai: search indexer: %s\n", drained.status().message().c_str());
      }
      lock.lock();
      wake.wait_for(lock, std::chrono::seconds(2), [&] { return stopping; });
    }
  });
  // The page cache follows the database: a change committed by any node (or a CLI command) raises the site
  // version, and cached pages are dropped within a second.
  std::thread cache_watcher([&, cache = options.response_cache] {
    if (!cache) return;
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      lock.unlock();
      Result<uint64_t> generation = (*portal)->content_generation();
      if (generation) {
        cache->set_generation(*generation);
      } else {
        // Unknown state: serve nothing stale while the database cannot be read.
        cache->set_generation(cache->generation() + 1);
        std::fprintf(stderr, "gongkai: page cache: %s\n", generation.status().message().c_str());
      }
      lock.lock();
      wake.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; });
    }
  });
  // The monitoring scheduler (services/monitor_scheduler.h): crawls, probes, re-checks and escalations on its
  // own thread; with several nodes the lease row lets one of them work.
  std::unique_ptr<services::MonitorScheduler> monitor_scheduler;
  if (!args.no_monitor) {
    monitor_scheduler = std::make_unique<services::MonitorScheduler>(**inst, services::MonitorSchedulerOptions{});
    monitor_scheduler->start();
  }
  server.run_until_signal();
  if (monitor_scheduler) monitor_scheduler->stop();
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  indexer.join();
  cache_watcher.join();
  std::fprintf(stderr, "gongkai: stopped\n");
  return kExitOk;
}

}  // namespace

void register_serve_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "serve the portal over HTTP");
  serve->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--root-body", args->root_body, "the site's own body code (default: the top government body)");
  serve->add_option("--public-url", args->public_url,
                    "the site's public address for absolute links in feeds and the sitemap, e.g. "
                    "https://www.example.gov.cn (default: from the request's Host header)");
  serve->add_option("--workers", args->workers, "handler threads")->check(CLI::Range(1, 256));
  serve->add_option("--io-threads", args->io_threads, "threads that read and write connections (default 2)")
      ->check(CLI::Range(1, 64));
  serve->add_option("--page-cache-mb", args->page_cache_mb,
                    "memory for rendered public pages, answered without a worker until the content changes "
                    "(default 64; 0 turns the cache off)")
      ->check(CLI::Range(0, 4096));
  serve->add_flag("--quiet", args->quiet, "no access log");
  serve->add_flag("--no-indexer", args->no_indexer,
                  "do not apply the search outbox (every node but one in a multi-node deployment)");
  serve->add_flag("--no-monitor", args->no_monitor,
                  "do not run the monitoring scheduler (site checks, probes, re-checks); tests and the e2e run, or "
                  "nodes that should leave it to another");
  serve->add_flag("--secure-cookies", args->secure_cookies,
                  "mark the staff session cookie Secure (the site is served over HTTPS)");
  serve->add_flag("--trust-proxy", args->trust_proxy,
                  "behind a trusted reverse proxy: honour X-Forwarded-Proto and X-Forwarded-For");
  serve->callback([&, args] { chosen = [&, args] { return cmd_serve(g, *args); }; });
}

}  // namespace gongkai::cli
