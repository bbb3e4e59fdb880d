// Command group: report — the statutory annual report. `report check` parses and checks published reports (one file
// or a folder of them); `report build` (a later issue) is added beside it in register_report_commands.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/cmd_report_build.h"
#include "cli/context.h"
#include "domain/report_check.h"
#include "report/report_file.h"
#include "report/report_formats.h"
#include "report/report_json.h"
#include "services/report_builder.h"

namespace gongkai::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

struct CheckArgs {
  std::string path;
  std::string previous;  // optional: the same body's report of the year before
};

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

int count_errors(const std::vector<domain::Violation>& violations, domain::Severity severity) {
  return static_cast<int>(std::count_if(violations.begin(), violations.end(),
                                        [severity](const domain::Violation& v) { return v.severity == severity; }));
}

std::string where_text(const domain::ViolationWhere& w) {
  std::string out = services::check_where_key(w);
  if (!w.sentence.empty()) out += ": “" + w.sentence.substr(0, 120) + (w.sentence.size() > 120 ? "…" : "") + "”";
  return out;
}

// The checks, with library exceptions (std::regex) turned into a finding-free failure.
Result<std::vector<domain::Violation>> run_checks(const domain::AnnualReport& report,
                                                  const domain::ReportFormats& formats,
                                                  const domain::AnnualReport* previous) {
  try {
    return domain::check_report(report, formats, previous);
  } catch (const std::exception& e) {
    return Status::invalid(std::string("the report could not be checked: ") + e.what());
  }
}

int fail_unreadable(const Status& status, bool as_json) {
  if (as_json) {
    json j = {{"year", nullptr}, {"format", nullptr}, {"body", nullptr}, {"tables", nullptr},
              {"violations", json::array()}, {"error", status.message()}};
    std::cout << dump(j) << "\n";
  }
  std::fprintf(stderr, "gongkai: %s\n", status.message().c_str());
  return status.code() == StatusCode::kInternal ? kExitInternal : kExitBadInput;
}

int check_file(const GlobalOptions& g, const CheckArgs& args, const domain::ReportFormats& formats) {
  Result<domain::AnnualReport> report = report::read_report_file(args.path, formats);
  if (!report) return fail_unreadable(report.status(), g.json);
  std::optional<domain::AnnualReport> previous;
  if (!args.previous.empty()) {
    Result<domain::AnnualReport> prev = report::read_report_file(args.previous, formats);
    if (!prev) return fail_unreadable(prev.status().with_context("--previous"), g.json);
    previous = std::move(*prev);
  }
  Result<std::vector<domain::Violation>> violations = run_checks(*report, formats, previous ? &*previous : nullptr);
  if (!violations) return fail_unreadable(violations.status(), g.json);
  const int errors = count_errors(*violations, domain::Severity::kError);
  if (g.json) {
    std::cout << dump(report::check_to_json(*report, formats, *violations)) << "\n";
    return errors > 0 ? kExitProblems : kExitOk;
  }
  std::printf("%s: %s %s年 (%s年版格式)\n", args.path.c_str(), report->body.value_or("?").c_str(),
              report->year ? std::to_string(*report->year).c_str() : "?",
              report->format ? std::string(domain::format_name(*report->format)).c_str() : "?");
  for (const domain::Violation& v : *violations) {
    std::printf("  %-7s %-18s %s\n          %s", std::string(domain::severity_name(v.severity)).c_str(), v.rule.c_str(),
                where_text(v.where).c_str(), v.message.c_str());
    if (!v.expected.empty() || !v.found.empty())
      std::printf(" (expected %s, found %s)", v.expected.c_str(), v.found.c_str());
    std::printf("\n");
  }
  std::printf("%d error(s), %d warning(s)\n", errors, count_errors(*violations, domain::Severity::kWarning));
  return errors > 0 ? kExitProblems : kExitOk;
}

// `text` padded with spaces to `width` terminal columns (CJK characters take two).
std::string pad(const std::string& text, size_t width) {
  size_t columns = 0;
  for (size_t pos = 0; pos < text.size();) {
    const auto b = static_cast<unsigned char>(text[pos]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
    columns += len >= 3 ? 2 : 1;
    pos += len;
  }
  return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

bool is_report_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".html" || ext == ".htm" || ext == ".docx" || ext == ".txt";
}

struct BatchEntry {
  std::string file;
  std::optional<domain::AnnualReport> report;
  Status failure;
  std::vector<domain::Violation> violations;
};

int check_folder(const GlobalOptions& g, const CheckArgs& args, const domain::ReportFormats& formats) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(args.path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && is_report_file(it->path())) files.push_back(it->path());
  if (ec) return fail(Status::invalid(args.path + ": " + ec.message()));
  if (files.empty()) return fail(Status::invalid(args.path + ": no .html, .htm, .docx or .txt files"));
  std::sort(files.begin(), files.end());

  std::vector<BatchEntry> entries;
  for (const fs::path& file : files) {
    BatchEntry entry;
    entry.file = file.filename().string();
    Result<domain::AnnualReport> report = report::read_report_file(file.string(), formats);
    if (report) {
      entry.report = std::move(*report);
    } else {
      entry.failure = report.status();
    }
    entries.push_back(std::move(entry));
  }
  // The same body's report of the year before, for identities 5 and 8 (first one found wins).
  std::map<std::pair<std::string, int>, const domain::AnnualReport*> by_body_year;
  for (const BatchEntry& e : entries)
    if (e.report && e.report->body && e.report->year)
      by_body_year.emplace(std::pair{*e.report->body, *e.report->year}, &*e.report);
  bool problems = false;
  for (BatchEntry& e : entries) {
    if (!e.report) {
      problems = true;
      continue;
    }
    const domain::AnnualReport* previous = nullptr;
    if (e.report->body && e.report->year) {
      auto it = by_body_year.find({*e.report->body, *e.report->year - 1});
      if (it != by_body_year.end()) previous = it->second;
    }
    Result<std::vector<domain::Violation>> violations = run_checks(*e.report, formats, previous);
    if (!violations) {
      e.failure = violations.status();
      e.report.reset();
      problems = true;
      continue;
    }
    e.violations = std::move(*violations);
    if (count_errors(e.violations, domain::Severity::kError) > 0) problems = true;
  }

  if (g.json) {
    json list = json::array();
    for (const BatchEntry& e : entries) {
      json item = e.report ? report::check_to_json(*e.report, formats, e.violations) : json::object();
      item["file"] = e.file;
      if (!e.report) item["error"] = e.failure.message();
      list.push_back(std::move(item));
    }
    std::cout << dump(list) << "\n";
    return problems ? kExitProblems : kExitOk;
  }
  std::printf("%s%s%-6s %6s %8s\n", pad("file", 40).c_str(), pad("body", 24).c_str(), "year", "errors", "warnings");
  for (const BatchEntry& e : entries) {
    if (!e.report) {
      std::printf("%scannot be checked: %s\n", pad(e.file, 40).c_str(), e.failure.message().c_str());
      continue;
    }
    std::printf("%s%s%-6s %6d %8d\n", pad(e.file, 40).c_str(), pad(e.report->body.value_or("?"), 24).c_str(),
                e.report->year ? std::to_string(*e.report->year).c_str() : "?",
                count_errors(e.violations, domain::Severity::kError),
                count_errors(e.violations, domain::Severity::kWarning));
  }
  return problems ? kExitProblems : kExitOk;
}

int cmd_report_check(const GlobalOptions& g, const CheckArgs& args) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return fail(formats.status());
  std::error_code ec;
  if (fs::is_directory(args.path, ec)) return check_folder(g, args, **formats);
  if (!fs::exists(args.path, ec)) return fail_unreadable(Status::invalid(args.path + ": no such file"), g.json);
  return check_file(g, args, **formats);
}

void register_report_check(CLI::App& report, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* check = report.add_subcommand(
      "check", "parse a published annual report (HTML, DOCX, text) or a folder of them and check it (docs/report-check.md)");
  check->add_option("FILE", args->path, "a report file, or a folder: every .html .htm .docx .txt in it")->required();
  check->add_option("--previous", args->previous, "the same body's report of the year before (carry-over check)");
  check->callback([&, args] { chosen = [&, args] { return cmd_report_check(g, *args); }; });
}

}  // namespace

void register_report_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  CLI::App* report = app.add_subcommand("report", "the statutory annual report (政府信息公开工作年度报告)");
  report->require_subcommand(1);
  register_report_check(*report, g, chosen);
  register_report_build(*report, g, chosen);
}

}  // namespace gongkai::cli
