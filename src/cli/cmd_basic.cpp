// Commands: init, bodies, stats, backup.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "services/bodies.h"
#include "services/stats.h"
#include "store/bodies.h"
#include "store/migrations.h"

namespace gongkai::cli {
namespace {

using nlohmann::json;

int cmd_init(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::create(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<int> version = store::schema_version(**conn);
  if (!version) return fail(version.status());
  if (g.json) {
    std::cout << json{{"data_dir", (*inst)->data_dir()}, {"database", (*inst)->db().describe()},
                      {"schema_version", *version}}
                     .dump()
              << "\n";
  } else {
    std::printf("installation ready: %s (database %s, schema version %d)\n", (*inst)->data_dir().c_str(),
                (*inst)->db().describe().c_str(), *version);
  }
  return kExitOk;
}

int cmd_bodies_list(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return fail(bodies.status());
  if (g.json) {
    json out = json::array();
    for (const auto& b : *bodies) {
      out.push_back({{"code", b.code},
                     {"name", b.name},
                     {"type", b.type},
                     {"parent", b.parent_code.empty() ? json(nullptr) : json(b.parent_code)},
                     {"index_prefix", b.index_prefix},
                     {"index_pattern", b.index_pattern}});
    }
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  if (bodies->empty()) {
    std::printf("no bodies yet: add one with `gongkai bodies add --code CODE --name NAME`\n");
    return kExitOk;
  }
  for (const auto& b : *bodies) {
    std::printf("%-20s %-12s %-20s %s\n", b.code.c_str(), b.type.c_str(), b.parent_code.c_str(), b.name.c_str());
  }
  return kExitOk;
}

int cmd_bodies_add(GlobalOptions& g, const services::BodySpec& spec) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  store::Transaction tx(**conn, store::TxMode::kWrite);
  if (!tx.status()) return fail(tx.status());
  Result<int64_t> id = services::add_body(**conn, spec);
  if (!id) return fail(id.status());
  if (Status s = tx.commit(); !s) return fail(s);
  if (g.json) {
    std::cout << json{{"code", spec.code}, {"id", *id}}.dump() << "\n";
  } else {
    std::printf("added body %s (%s)\n", spec.code.c_str(), spec.name.c_str());
  }
  return kExitOk;
}

int cmd_stats(GlobalOptions& g, const services::StatsQuery& q) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::map<std::string, int64_t>> figures = services::yearly_stats(**inst, q);
  if (!figures) return fail(figures.status());
  if (g.json) {
    json out = json::object();
    for (const auto& [key, value] : *figures) out[key] = value;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%s %d\n", q.body_code.c_str(), q.year);
  for (const auto& [key, value] : *figures) std::printf("  %-36s %lld\n", key.c_str(), static_cast<long long>(value));
  return kExitOk;
}

int cmd_backup(GlobalOptions& g, const std::string& out) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  if (std::filesystem::exists(out)) return fail(Status::invalid(out + " exists; choose a new file name"));
  if (Status s = (*inst)->db().backup_to(out); !s) return fail(s);
  std::printf("backup written to %s (attachments: copy %s as well)\n", out.c_str(),
              (*inst)->attachments_dir().c_str());
  return kExitOk;
}

}  // namespace

void register_basic_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  app.add_subcommand("init", "create an empty installation (schema, calendar, no bodies)")
      ->callback([&] { chosen = [&] { return cmd_init(g); }; });

  CLI::App* bodies = app.add_subcommand("bodies", "list bodies (机构), or add one");
  bodies->callback([&, bodies] {
    if (bodies->get_subcommands().empty()) chosen = [&] { return cmd_bodies_list(g); };
  });
  auto spec = std::make_shared<services::BodySpec>();
  CLI::App* add = bodies->add_subcommand("add", "add a body");
  add->add_option("--code", spec->code, "body code (letters, digits, - _ .)")->required();
  add->add_option("--name", spec->name, "full name, e.g. 示例县人民政府")->required();
  add->add_option("--parent", spec->parent_code, "code of the body above it");
  add->add_option("--type", spec->type, "government | office | department | township")
      ->check(CLI::IsMember({"government", "office", "department", "township"}));
  add->add_option("--index-prefix", spec->index_prefix, "body-code part of 索引号 (default: the code)");
  add->add_option("--index-pattern", spec->index_pattern, "索引号 pattern (default {prefix}/{year}-{serial:5})");
  add->callback([&, spec] { chosen = [&, spec] { return cmd_bodies_add(g, *spec); }; });

  auto query = std::make_shared<services::StatsQuery>();
  CLI::App* stats = app.add_subcommand("stats", "a body's activity figures for a year");
  stats->add_option("--body", query->body_code, "body code")->required();
  stats->add_option("--year", query->year, "calendar year")->required();
  stats->add_flag("--include-children", query->include_children, "add the bodies below it");
  stats->add_flag("--own-only", query->own_only, "only the body's own records (a government counts its area by default)");
  stats->callback([&, query] { chosen = [&, query] { return cmd_stats(g, *query); }; });

  auto out = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand("backup", "write a consistent copy of the database while it runs");
  backup->add_option("--out", *out, "backup file to create")->required();
  backup->callback([&, out] { chosen = [&, out] { return cmd_backup(g, *out); }; });
}

}  // namespace gongkai::cli
