// Command: migrate — bring the schema up to this binary's version, or (--to) copy the installation to
// PostgreSQL.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/context.h"
#include "services/migrate_copy.h"
#include "store/migrations.h"

namespace gongkai::cli {
namespace {

struct MigrateOptions {
  std::string to;       // postgresql://… : copy the installation there
  bool verify = false;  // with --to: compare only, copy nothing
};

int cmd_migrate_schema(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::create(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<int> version = store::schema_version(**conn);
  if (!version) return fail(version.status());
  if (g.json) {
    std::cout << nlohmann::json{{"schema_version", *version}}.dump() << "\n";
    return kExitOk;
  }
  std::printf("schema is at version %d\n", *version);
  return kExitOk;
}

std::string short_checksum(const std::string& checksum) {
  return checksum.substr(0, 16);
}

void print_json(const services::CopyReport& report) {
  nlohmann::json tables = nlohmann::json::array();
  for (const services::TableCopy& table : report.tables) {
    nlohmann::json entry{{"name", table.name},
                         {"rows", table.rows},
                         {"checksum", table.checksum},
                         {"verified", table.verified()}};
    if (!table.verified()) {
      entry["target_rows"] = table.target_rows;
      entry["target_checksum"] = table.target_checksum;
    }
    tables.push_back(std::move(entry));
  }
  std::cout
      << nlohmann::json{{"source", report.source}, {"target", report.target},     {"tables", tables},
                        {"rows", report.rows},     {"verified", report.verified}, {"seconds", report.seconds}}
             .dump()
      << "\n";
}

void print_table(const services::CopyReport& report) {
  std::printf("%-24s %10s  %-16s  %s\n", "table", "rows", "checksum", "");
  for (const services::TableCopy& table : report.tables) {
    if (table.verified()) {
      std::printf("%-24s %10lld  %-16s  verified\n", table.name.c_str(), static_cast<long long>(table.rows),
                  short_checksum(table.checksum).c_str());
      continue;
    }
    std::printf("%-24s %10lld  %-16s  MISMATCH: target has %lld rows, checksum %s\n", table.name.c_str(),
                static_cast<long long>(table.rows), short_checksum(table.checksum).c_str(),
                static_cast<long long>(table.target_rows), short_checksum(table.target_checksum).c_str());
  }
}

// Exit 0 when every table verified, 1 (naming the first differing table) otherwise.
int finish(const GlobalOptions& g, const services::CopyReport& report, bool copied) {
  if (g.json) {
    print_json(report);
  } else {
    print_table(report);
  }
  if (const services::TableCopy* bad = report.first_mismatch()) {
    std::fprintf(stderr, "gongkai: table %s differs between %s and %s (%lld rows vs %lld)%s\n",
                 bad->name.c_str(), report.source.c_str(), report.target.c_str(),
                 static_cast<long long>(bad->rows), static_cast<long long>(bad->target_rows),
                 copied ? "; the copy was rolled back, nothing was committed" : "");
    return kExitProblems;
  }
  if (g.json) return kExitOk;
  if (copied) {
    std::printf("copied %lld rows of %zu tables from %s to %s in %.1f s; every table verified\n",
                static_cast<long long>(report.rows), report.tables.size(), report.source.c_str(),
                report.target.c_str(), report.seconds);
    std::printf(
        "attachment files stay in the data directory: run the PostgreSQL installation with the same "
        "--data-dir "
        "(or give every node a copy of its attachments folder)\n");
  } else {
    std::printf("%s and %s hold the same %lld rows; every table verified\n", report.source.c_str(),
                report.target.c_str(), static_cast<long long>(report.rows));
  }
  return kExitOk;
}

int cmd_migrate_copy(GlobalOptions& g, const MigrateOptions& options) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  services::CopyOptions copy_options;
  Result<services::CopyReport> report =
      options.verify ? services::verify_installation_copy(**inst, options.to, copy_options)
                     : services::copy_installation(**inst, options.to, copy_options);
  if (!report) return fail(report.status());
  return finish(g, *report, !options.verify);
}

}  // namespace

void register_migrate_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto options = std::make_shared<MigrateOptions>();
  CLI::App* migrate = app.add_subcommand("migrate",
                                         "bring the database schema up to this version; with --to, copy the "
                                         "installation into an empty PostgreSQL "
                                         "database and verify every table");
  CLI::Option* to =
      migrate->add_option("--to", options->to,
                          "postgresql://user@host:port/dbname: copy the installation (--data-dir/--database, "
                          "SQLite) there in one "
                          "transaction, keeping ids, then compare row counts and checksums of every table");
  migrate
      ->add_flag("--verify", options->verify, "with --to: only compare the installation with that database")
      ->needs(to);
  migrate->callback([&, options] {
    chosen = [&, options] {
      return options->to.empty() ? cmd_migrate_schema(g) : cmd_migrate_copy(g, *options);
    };
  });
}

}  // namespace gongkai::cli
