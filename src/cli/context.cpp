// Exit-code mapping and global options.
#include "cli/context.h"

#include <cstdio>

namespace gongkai::cli {

int fail(const Status& status) {
  std::fprintf(stderr, "gongkai: %s\n", status.message().c_str());
  switch (status.code()) {
    case StatusCode::kInvalid:
    case StatusCode::kNotFound:
    case StatusCode::kConflict:
      return kExitBadInput;
    default:
      return kExitInternal;
  }
}

void add_global_options(CLI::App& cmd, GlobalOptions& options) {
  cmd.add_option("--data-dir", options.data_dir, "data directory (default ./gongkai-data or $GONGKAI_DATA_DIR)");
  cmd.add_option("--database", options.database,
                 "database URL: a SQLite file (default <data-dir>/gongkai.db) or postgresql://…");
  cmd.add_flag("--json", options.json, "print one JSON document on stdout");
}

}  // namespace gongkai::cli
