// Commands: report import (published reports, read and checked, stored for comparison) and report compare (a
// body's years, or several bodies' same year, side by side). docs/report-check.md, "Importing and comparing".
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cmd_report_build.h"
#include "cli/operator.h"
#include "services/report_imports.h"

namespace gongkai::cli {
namespace {

struct ImportArgs {
  std::string path, body;
  int year = 0;
};

int cmd_report_import(GlobalOptions& g, const ImportArgs& a) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::vector<services::ImportedReportFile>> files = services::import_checked_reports(
      **inst, a.path, a.body, a.year ? std::optional<int>(a.year) : std::nullopt, operator_label());
  if (!files) return fail(files.status());
  if (g.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const services::ImportedReportFile& f : *files)
      list.push_back({{"file", f.file},
                      {"year", f.year},
                      {"format", f.format},
                      {"errors", f.errors},
                      {"warnings", f.warnings},
                      {"replaced", f.replaced}});
    std::cout << nlohmann::ordered_json{{"body", a.body}, {"imported", list}}.dump(2) << "\n";
    return kExitOk;
  }
  for (const services::ImportedReportFile& f : *files)
    std::printf("%s: %s %d (%s): %d error(s), %d warning(s)%s\n", f.file.c_str(), a.body.c_str(), f.year,
                f.format.empty() ? "?" : f.format.c_str(), f.errors, f.warnings,
                f.replaced ? ", replaced" : "");
  std::printf("%zu report(s) imported for %s\n", files->size(), a.body.c_str());
  return kExitOk;
}

struct CompareArgs {
  std::string body, bodies, years;
  int year = 0;
};

std::string value_text(const std::optional<double>& v) {
  if (!v) return "-";
  std::ostringstream out;
  out << *v;
  return out.str();
}

int cmd_report_compare(GlobalOptions& g, const CompareArgs& a) {
  std::vector<std::pair<std::string, int>> reports;
  if (!a.bodies.empty()) {
    if (!a.year) return fail(Status::invalid("--bodies needs --year"));
    for (const std::string& code : services::parse_code_list(a.bodies)) reports.push_back({code, a.year});
  } else if (!a.body.empty()) {
    const std::vector<int> years = services::parse_year_list(a.years);
    if (years.empty()) return fail(Status::invalid("--years must be a list such as 2019,2020 or 2019-2021"));
    for (int y : years) reports.push_back({a.body, y});
  } else {
    return fail(Status::invalid("give --body CODE --years Y1,Y2… or --bodies CODE1,CODE2… --year Y"));
  }
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::Comparison> c = services::compare_reports(**inst, reports);
  if (!c) return fail(c.status());
  if (g.json) {
    std::cout << services::comparison_to_json(*c).dump(2, ' ', false,
                                                       nlohmann::json::error_handler_t::replace)
              << "\n";
    return kExitOk;
  }
  for (const services::CompareColumn& col : c->columns)
    std::printf("%-16s %d  %-28s %d error(s), %d warning(s)\n", col.body_code.c_str(), col.year,
                col.source.c_str(), col.errors, col.warnings);
  std::printf("\n");
  for (const services::CompareRow& r : c->rows) {
    std::printf("%s %-34s", r.differs ? "≠" : " ", (r.table + "." + r.row + "." + r.column).c_str());
    for (size_t idx = 0; idx < r.values.size(); ++idx)
      std::printf(" %10s%s", value_text(r.values[idx]).c_str(), r.flagged[idx] ? "!" : " ");
    std::printf("  %s\n", r.label.c_str());
  }
  std::printf("\n≠ values differ; ! a finding of that report points at the cell\n");
  return kExitOk;
}

}  // namespace

void register_report_import(CLI::App& report, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* import = report.add_subcommand(
      "import",
      "store published reports (a file or a folder of one body's years), read and checked, for comparison");
  import->add_option("FILE", args->path, "report file (.html .htm .docx .txt) or folder")->required();
  import->add_option("--body", args->body, "the body the reports are of")->required();
  import->add_option("--year", args->year,
                     "the report year, when the file does not say (checked when it does)");
  import->callback([&, args] { chosen = [&, args] { return cmd_report_import(g, *args);
};
}  // namespace gongkai::cli
);

auto cmp = std::make_shared<CompareArgs>();
CLI::App* compare = report.add_subcommand(
    "compare",
    "a body's years, or several bodies' same year, side by side (imported reports, else the records)");
compare->add_option("--body", cmp->body, "one body: compare its --years");
compare->add_option("--years", cmp->years, "years, e.g. 2019,2020 or 2019-2021");
compare->add_option("--bodies", cmp->bodies, "several bodies, comma-separated: compare their --year");
compare->add_option("--year", cmp->year, "the year for --bodies");
compare->callback([&, cmp] { chosen = [&, cmp] { return cmd_report_compare(g, *cmp); }; });
}

}  // namespace gongkai::cli
