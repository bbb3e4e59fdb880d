// Shared pieces of the command-line interface: global options (spec/contracts.md) and exit-code mapping.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "common/status.h"
#include "services/installation.h"

namespace gongkai::cli {

// Exit codes of spec/contracts.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;

struct GlobalOptions {
  std::string data_dir;
  std::string database;
  bool json = false;
  services::InstallationOptions installation() const { return {data_dir, database}; }
};

// Prints "gongkai: <message>" on stderr and returns the exit code for `status` (2 for bad input, 3 otherwise).
int fail(const Status& status);

// Adds --data-dir, --database and --json to `cmd` (each subcommand accepts them, before or after its name).
void add_global_options(CLI::App& cmd, GlobalOptions& options);

// The work a subcommand does once parsed; returns the exit code.
using Action = std::function<int()>;

// Registration functions, one per command group; each adds subcommands to `app` and appends the action of the
// subcommand chosen at parse time to `chosen`.
void register_basic_commands(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_item_commands(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_demo_command(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_migrate_command(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_serve_command(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_search_commands(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_user_commands(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_deadline_command(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_report_commands(CLI::App& app, GlobalOptions& g, Action& chosen);
void register_case_commands(CLI::App& app, GlobalOptions& g, Action& chosen);  // after register_item_commands

}  // namespace gongkai::cli
