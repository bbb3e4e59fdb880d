// gongkai: the government information-disclosure platform. One binary, many subcommands (docs/cli.md).
#include <clocale>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <sodium.h>

#include "cli/cmd_monitor.h"
#include "cli/context.h"

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C.UTF-8");
  if (sodium_init() < 0) {
    std::fprintf(stderr, "gongkai: libsodium failed to initialise\n");
    return gongkai::cli::kExitInternal;
  }
  CLI::App app{"gongkai — 政务公开平台 (government information disclosure platform)", "gongkai"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  gongkai::cli::GlobalOptions global;
  gongkai::cli::add_global_options(app, global);
  gongkai::cli::Action action;
  gongkai::cli::register_basic_commands(app, global, action);
  gongkai::cli::register_item_commands(app, global, action);
  gongkai::cli::register_demo_command(app, global, action);
  gongkai::cli::register_migrate_command(app, global, action);
  gongkai::cli::register_serve_command(app, global, action);
  gongkai::cli::register_search_commands(app, global, action);
  gongkai::cli::register_user_commands(app, global, action);
  gongkai::cli::register_deadline_command(app, global, action);
  gongkai::cli::register_report_commands(app, global, action);
  gongkai::cli::register_case_commands(app, global, action);
  gongkai::cli::register_monitor_commands(app, global, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : gongkai::cli::kExitBadInput;
  }
  if (!action) return gongkai::cli::kExitBadInput;
  try {
    return action();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai: internal error: %s\n", e.what());
    return gongkai::cli::kExitInternal;
  }
}
