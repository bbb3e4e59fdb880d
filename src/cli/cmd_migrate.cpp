// Command: migrate — bring the schema up to this binary's version.
#include <cstdio>

#include "cli/context.h"
#include "store/migrations.h"

namespace gongkai::cli {
namespace {

int cmd_migrate(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::create(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<int> version = store::schema_version(**conn);
  if (!version) return fail(version.status());
  std::printf("schema is at version %d\n", *version);
  return kExitOk;
}

}  // namespace

void register_migrate_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  app.add_subcommand("migrate", "bring the database schema up to this version")
      ->callback([&] { chosen = [&] { return cmd_migrate(g); }; });
}

}  // namespace gongkai::cli
