// Commands: import items, export items.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/context.h"
#include "services/item_export.h"
#include "services/item_import.h"

namespace gongkai::cli {
namespace {

using nlohmann::json;

constexpr size_t kMaxErrorsShown = 100;

int cmd_import_items(GlobalOptions& g, const std::string& file, const services::ImportOptions& options) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::ImportReport> report = services::import_items(**inst, file, options);
  if (!report) return fail(report.status());
  const char* encoding = report->encoding == io::SourceEncoding::kGb18030 ? "GB18030" : "UTF-8";
  if (g.json) {
    json errors = json::array();
    for (const auto& e : report->errors) {
      errors.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
    }
    std::cout << json{{"file", file},           {"encoding", encoding},
                      {"records", report->records}, {"imported", report->imported},
                      {"dry_run", options.dry_run}, {"errors", errors}}
                     .dump()
              << "\n";
  }
  if (!report->errors.empty()) {
    size_t shown = 0;
    for (const auto& e : report->errors) {
      if (shown++ == kMaxErrorsShown) break;
      std::fprintf(stderr, "%s\n", e.to_string(file).c_str());
    }
    if (report->errors.size() > kMaxErrorsShown) {
      std::fprintf(stderr, "… and %zu more errors\n", report->errors.size() - kMaxErrorsShown);
    }
    std::fprintf(stderr, "gongkai: %zu errors in %s; nothing was imported\n", report->errors.size(), file.c_str());
    return kExitBadInput;
  }
  if (!g.json) {
    if (options.dry_run) {
      std::printf("%s: %zu records checked (%s), no errors; nothing imported (--dry-run)\n", file.c_str(),
                  report->records, encoding);
    } else {
      std::printf("%s: imported %zu items (%s)\n", file.c_str(), report->imported, encoding);
    }
  }
  return kExitOk;
}

struct ExportArgs {
  std::string body, format = "jsonl", out;
  int year = 0;
  bool include_children = false;
};

int cmd_export_items(GlobalOptions& g, const ExportArgs& args) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  services::ExportOptions options;
  if (!args.body.empty()) options.body_code = args.body;
  if (args.year) options.year = args.year;
  options.include_children = args.include_children;
  options.csv = args.format == "csv";
  if (args.out.empty()) {
    Result<int64_t> n = services::export_items(**inst, options, std::cout);
    if (!n) return fail(n.status());
    return kExitOk;
  }
  namespace fs = std::filesystem;
  const fs::path out_path = fs::absolute(args.out);
  options.relative_base = out_path.parent_path().string();
  options.attachments_dir = (out_path.parent_path() / (out_path.stem().string() + "-attachments")).string();
  const fs::path tmp = out_path.string() + ".partial";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return fail(Status::invalid("cannot write " + args.out));
  Result<int64_t> n = services::export_items(**inst, options, out);
  out.close();
  if (!n || !out) {
    std::filesystem::remove(tmp);
    return fail(n ? Status::io("write to " + args.out + " failed") : n.status());
  }
  std::filesystem::rename(tmp, out_path);
  std::fprintf(stderr, "exported %lld items to %s\n", static_cast<long long>(*n), args.out.c_str());
  return kExitOk;
}

}  // namespace

void register_item_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  CLI::App* import = app.add_subcommand("import", "import records from a file");
  import->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto options = std::make_shared<services::ImportOptions>();
  CLI::App* items = import->add_subcommand("items", "information items (JSON Lines or CSV; all or nothing)");
  items->add_option("FILE", *file, "the file to import")->required();
  items->add_flag("--create-columns", options->create_columns, "create column paths that do not exist yet");
  items->add_flag("--dry-run", options->dry_run, "check the file only");
  items->callback([&, file, options] { chosen = [&, file, options] { return cmd_import_items(g, *file, *options); }; });

  CLI::App* exp = app.add_subcommand("export", "export records in the import format");
  exp->require_subcommand(1);
  auto args = std::make_shared<ExportArgs>();
  CLI::App* ex_items = exp->add_subcommand("items", "information items");
  ex_items->add_option("--body", args->body, "only this body");
  ex_items->add_flag("--include-children", args->include_children, "and the bodies below it");
  ex_items->add_option("--year", args->year, "only items published in this year");
  ex_items->add_option("--format", args->format, "jsonl (default) or csv")->check(CLI::IsMember({"jsonl", "csv"}));
  ex_items->add_option("--out", args->out,
                       "output file (attachments are copied beside it); default stdout without attachments");
  ex_items->callback([&, args] { chosen = [&, args] { return cmd_export_items(g, *args); }; });
}

}  // namespace gongkai::cli
