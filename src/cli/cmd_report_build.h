// The data side of the annual report on the command line: `report build`, `report cell`, `report figures`.
#pragma once

#include "cli/context.h"

namespace gongkai::cli {

// Adds build, cell and figures (set | import | list) to the `report` command group.
void register_report_build(CLI::App& report, GlobalOptions& g, Action& chosen);
// Adds import and compare (cmd_report_import.cpp) to the `report` command group.
void register_report_import(CLI::App& report, GlobalOptions& g, Action& chosen);

}  // namespace gongkai::cli
