// Command: demo — create the demo county 示例县.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "cli/context.h"
#include "services/demo.h"
#include "services/search_service.h"

namespace gongkai::cli {
namespace {

int cmd_demo(GlobalOptions& g, const services::DemoOptions& options, bool build_index) {
  Result<services::DemoReport> report = services::create_demo(g.installation(), options);
  if (!report) return fail(report.status());
  const services::InstallationOptions where = services::resolve_options(g.installation());
  // Build the search index now, so the portal's search works from the first request.
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(where);
  if (!inst) return fail(inst.status());
  services::ReindexReport no_index;
  Result<services::ReindexReport> indexed =
      build_index ? services::reindex(**inst, options.progress && !g.json) : Result<services::ReindexReport>(no_index);
  if (!indexed) return fail(indexed.status());
  nlohmann::json logins = nlohmann::json::array();
  for (const services::DemoLogin& l : report->logins) {
    logins.push_back({{"login", l.login}, {"password", l.password}, {"role", l.role_label}, {"body", l.body_name}});
  }
  if (g.json) {
    std::cout << nlohmann::json{{"data_dir", where.data_dir}, {"bodies", report->bodies},
                                {"items", report->items}, {"items_2020", report->items_2020},
                                {"seconds", report->seconds}, {"logins", logins}}
                     .dump()
              << "\n";
    return kExitOk;
  }
  std::printf("示例县 demo created in %s: %d bodies, %lld items (%lld in 2020) in %.1f s; search index built in %.1f s\n",
              where.data_dir.c_str(), report->bodies, static_cast<long long>(report->items),
              static_cast<long long>(report->items_2020), report->seconds, indexed->seconds);
  std::printf("Demo staff accounts (sign in at /staff/login; fixed passwords, for the demo only):\n");
  for (const services::DemoLogin& l : report->logins) {
    std::printf("  %-15s %-19s %s, %s\n", l.login.c_str(), l.password.c_str(), l.role_label.c_str(),
                l.body_name.c_str());
  }
  return kExitOk;
}

}  // namespace

void register_demo_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto options = std::make_shared<services::DemoOptions>();
  auto build_index = std::make_shared<bool>(true);
  CLI::App* demo = app.add_subcommand("demo", "create the demo county 示例县 (the seed's 2020 figures + this year)");
  demo->add_flag("--force", options->force, "replace an existing installation");
  demo->add_option("--scale", options->scale, "multiply the item volume (benchmarks)")->check(CLI::Range(1, 1000));
  demo->add_option("--seed", options->seed, "random seed (same seed, same county)");
  demo->add_option("--today", options->today, "the current date (YYYY-MM-DD); default today in China");
  demo->add_flag("!--no-search-index", *build_index,
                 "skip building the search index (`gongkai reindex` or `serve` builds it later)");
  demo->callback([&, options, build_index] { chosen = [&, options, build_index] { return cmd_demo(g, *options, *build_index); }; });
}

}  // namespace gongkai::cli
