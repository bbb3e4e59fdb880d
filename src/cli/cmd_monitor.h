// The `monitor` command group and `import newmedia` (docs/monitoring.md). Declared here rather than in
// cli/context.h so that adding it recompiles only main.cpp.
#pragma once

#include "cli/context.h"

namespace gongkai::cli {

// After register_item_commands (it adds `newmedia` to the `import` group).
void register_monitor_commands(CLI::App& app, GlobalOptions& g, Action& chosen);

}  // namespace gongkai::cli
