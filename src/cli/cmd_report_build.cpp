// Commands: report build (the annual report from the records, docs/report-build.md), report cell (the records of
// one cell), report figures set | import | list (table 二 figures other systems hold).
#include "cli/cmd_report_build.h"
#include "cli/operator.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "common/clock.h"
#include "services/report_builder.h"
#include "services/report_figures.h"
#include "services/report_files.h"
#include "services/report_versions.h"

namespace gongkai::cli {
namespace {

using json = nlohmann::ordered_json;

struct BuildArgs {
  services::ReportQuery query;
  std::string format = "json";
  std::string out;  // "" or "-": stdout
};

int count_severity(const std::vector<domain::Violation>& checks, domain::Severity severity) {
  int n = 0;
  for (const domain::Violation& v : checks) n += v.severity == severity ? 1 : 0;
  return n;
}

// Writes the rendered file (services/report_files: the renderers with the charts' series).
Status render_report(const services::BuiltReport& built, const std::string& format, const std::string& out) {
  Result<std::string> bytes = services::report_file_bytes(built, format);
  if (!bytes) return bytes.status();
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  file.close();
  if (!file) return Status::io(out + ": cannot be written");
  return Status::ok();
}

int cmd_report_build(GlobalOptions& g, const BuildArgs& args) {
  if (args.format != "json" && args.format != "html" && args.format != "xlsx" && args.format != "docx" &&
      args.format != "pdf")
    return fail(Status::invalid("--format must be json, html, xlsx, docx or pdf, not '" + args.format + "'"));
  const bool to_stdout = args.out.empty() || args.out == "-";
  if (args.format != "json" && to_stdout) return fail(Status::invalid("--format " + args.format + " needs --out FILE"));
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::BuiltReport> built = services::build_annual_report(**inst, args.query);
  if (!built) return fail(built.status());
  const int errors = count_severity(built->checks, domain::Severity::kError);
  const int warnings = count_severity(built->checks, domain::Severity::kWarning);
  if (args.format != "json") {
    if (Status s = render_report(*built, args.format, args.out); !s) return fail(s);
  } else if (to_stdout) {
    std::cout << services::report_to_json(*built) << "\n";
    return errors > 0 ? kExitProblems : kExitOk;
  } else {
    std::ofstream file(args.out, std::ios::binary | std::ios::trunc);
    file << services::report_to_json(*built) << "\n";
    file.close();
    if (!file) return fail(Status::io(args.out + ": cannot be written"));
  }
  if (g.json) {
    json summary = {{"out", args.out}, {"errors", errors}, {"warnings", warnings}};
    std::cout << summary.dump(2) << "\n";
  } else {
    std::printf("%s: %s %d年 (%s年版格式): %d error(s), %d warning(s)\n", args.out.c_str(),
                built->report.body.value_or("").c_str(), args.query.year,
                std::string(domain::format_name(*built->report.format)).c_str(), errors, warnings);
    for (const domain::Violation& v : built->checks)
      std::printf("  %-7s %-22s %s\n", std::string(domain::severity_name(v.severity)).c_str(), v.rule.c_str(),
                  v.message.c_str());
  }
  return errors > 0 ? kExitProblems : kExitOk;
}

int cmd_report_cell(GlobalOptions& g, const services::CellQuery& q) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::vector<services::CellEntry>> entries = services::report_cell_entries(**inst, q);
  if (!entries) return fail(entries.status());
  double sum = 0;
  for (const services::CellEntry& e : *entries) sum += e.value;
  if (g.json) {
    json list = json::array();
    for (const services::CellEntry& e : *entries)
      list.push_back({{"kind", e.kind}, {"id", e.id}, {"body", e.body}, {"date", e.date}, {"title", e.title},
                      {"value", e.value}});
    json out = {{"table", q.table}, {"row", q.row}, {"column", q.column}, {"sum", sum}, {"entries", list}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const services::CellEntry& e : *entries)
    std::printf("%-10s %-24s %-16s %-10s %g  %s\n", e.kind.c_str(), e.id.c_str(), e.body.c_str(), e.date.c_str(),
                e.value, e.title.c_str());
  std::printf("%zu record(s), sum %g\n", entries->size(), sum);
  return kExitOk;
}

int cmd_figures_set(GlobalOptions& g, const services::FigureInput& f, const std::string& source) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  const services::FigureInput figures[] = {f};
  if (Status s = services::set_report_figures(**inst, figures, source, operator_label()); !s) return fail(s);
  if (!g.json) std::printf("%s %d %s.%s = %s\n", f.body_code.c_str(), f.year, f.row.c_str(), f.column.c_str(),
                           f.value.c_str());
  return kExitOk;
}

int cmd_figures_import(GlobalOptions& g, const std::string& path) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::vector<services::FigureInput>> figures = services::read_figures_csv(path);
  if (!figures) return fail(figures.status());
  if (Status s = services::set_report_figures(**inst, *figures, path, operator_label()); !s) return fail(s);
  if (g.json) {
    std::cout << json{{"imported", figures->size()}}.dump() << "\n";
  } else {
    std::printf("%zu figure(s) imported from %s\n", figures->size(), path.c_str());
  }
  return kExitOk;
}

int cmd_figures_list(GlobalOptions& g, const services::ReportQuery& q) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::vector<store::ReportFigureRow>> rows =
      services::list_report_figures(**inst, q.body_code, q.year, q.include_children);
  if (!rows) return fail(rows.status());
  if (g.json) {
    json list = json::array();
    for (const store::ReportFigureRow& r : *rows)
      list.push_back({{"body", r.body_code}, {"year", r.year}, {"table", r.table}, {"row", r.row},
                      {"column", r.column}, {"value", r.value}, {"source", r.source}, {"entered_by", r.entered_by},
                      {"entered_at", r.entered_at}});
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const store::ReportFigureRow& r : *rows)
    std::printf("%-16s %d %-16s %-20s %12g  %s (%s, %s)\n", r.body_code.c_str(), r.year, r.row.c_str(),
                r.column.c_str(), r.value, r.source.c_str(), r.entered_by.c_str(), r.entered_at.c_str());
  return kExitOk;
}

struct WorkflowArgs {
  services::ReportQuery query;
  int version = 0;
  std::string comment, section, text, file, rule, where, reason, today;
};

template <typename Work>
int with_installation(GlobalOptions& g, Work work) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  return work(**inst);
}

int cmd_report_text(GlobalOptions& g, const WorkflowArgs& a) {
  std::string text = a.text;
  if (!a.file.empty()) {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) return fail(Status::invalid(a.file + ": cannot be read"));
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return with_installation(g, [&](services::Installation& inst) {
    if (Status s = services::save_report_text(inst, a.query, a.section, text, operator_label()); !s)
      return fail(s);
    if (!g.json)
      std::printf("section %s of %s %d saved\n", a.section.c_str(), a.query.body_code.c_str(), a.query.year);
    return kExitOk;
  });
}

int cmd_report_draft(GlobalOptions& g, const WorkflowArgs& a) {
  return with_installation(g, [&](services::Installation& inst) {
    Result<int> version = services::draft_report_version(inst, a.query, operator_label());
    if (!version) return fail(version.status());
    if (g.json) {
      std::cout << json{{"version", *version}, {"state", "draft"}}.dump() << "\n";
    } else {
      std::printf("%s %d: version %d drafted\n", a.query.body_code.c_str(), a.query.year, *version);
    }
    return kExitOk;
  });
}

int cmd_report_move(GlobalOptions& g, const WorkflowArgs& a, const std::string& action) {
  return with_installation(g, [&](services::Installation& inst) {
    const std::string today = a.today.empty() ? china_today() : a.today;
    Result<store::ReportVersionRow> row =
        services::move_report_version(inst, a.query, a.version, action, a.comment, operator_label(), today);
    if (!row) return fail(row.status());
    if (g.json) {
      json out = {{"version", row->version}, {"state", row->state}};
      if (row->item_id) out["item_id"] = *row->item_id;
      std::cout << out.dump() << "\n";
    } else {
      std::printf("%s %d: version %d is %s\n", a.query.body_code.c_str(), a.query.year, row->version,
                  row->state.c_str());
    }
    return kExitOk;
  });
}

int cmd_report_decide(GlobalOptions& g, const WorkflowArgs& a, const std::string& decision) {
  return with_installation(g, [&](services::Installation& inst) {
    if (Status s = services::decide_report_check(inst, a.query, a.rule, a.where, decision, a.reason,
                                                 operator_label());
        !s)
      return fail(s);
    if (!g.json) std::printf("%s at '%s': %s\n", a.rule.c_str(), a.where.c_str(), decision.c_str());
    return kExitOk;
  });
}

int cmd_report_board(GlobalOptions& g, const WorkflowArgs& a) {
  return with_installation(g, [&](services::Installation& inst) {
    const std::string today = a.today.empty() ? china_today() : a.today;
    Result<std::vector<services::BoardRow>> rows = services::report_board(inst, a.query.body_code, a.query.year, today);
    if (!rows) return fail(rows.status());
    if (g.json) {
      json list = json::array();
      for (const services::BoardRow& r : *rows)
        list.push_back({{"body", r.body_code}, {"name", r.body_name}, {"type", r.body_type}, {"deadline", r.deadline},
                        {"version", r.version}, {"state", r.state.empty() ? json(nullptr) : json(r.state)},
                        {"comment", r.comment}, {"overdue", r.overdue}});
      std::cout << list.dump(2) << "\n";
      return kExitOk;
    }
    for (const services::BoardRow& r : *rows)
      std::printf("%-18s %-12s %s  v%-3d %-10s %s %s\n", r.body_code.c_str(), r.body_type.c_str(), r.deadline.c_str(),
                  r.version, r.state.empty() ? "-" : r.state.c_str(), r.overdue ? "逾期" : "", r.comment.c_str());
    return kExitOk;
  });
}

void add_scope_options(CLI::App& cmd, services::ReportQuery& q, bool year_required = true) {
  cmd.add_option("--body", q.body_code, "body code")->required();
  CLI::Option* year = cmd.add_option("--year", q.year, "report year");
  if (year_required) year->required();
  cmd.add_flag("--include-children", q.include_children, "the body and every body below it");
}

void register_report_workflow(CLI::App& report, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<WorkflowArgs>();
  CLI::App* text = report.add_subcommand("text", "save the staff text of section 1 (一), 5 (五) or 6 (六)");
  add_scope_options(*text, args->query);
  text->add_option("--section", args->section, "1, 5 or 6")->required();
  text->add_option("--text", args->text, "the text");
  text->add_option("--file", args->file, "a UTF-8 file with the text");
  text->callback([&, args] { chosen = [&, args] { return cmd_report_text(g, *args); }; });

  CLI::App* draft = report.add_subcommand("draft", "build the report and freeze it as a new draft version");
  add_scope_options(*draft, args->query);
  draft->callback([&, args] { chosen = [&, args] { return cmd_report_draft(g, *args); }; });

  for (const char* action : {"submit", "return", "approve", "publish"}) {
    CLI::App* move = report.add_subcommand(action, std::string(action) + " a report version (docs/report-build.md)");
    add_scope_options(*move, args->query);
    move->add_option("--version", args->version, "the version number")->required();
    move->add_option("--comment", args->comment, "comments (required to return)");
    move->add_option("--today", args->today, "the publication date (default: today in China)");
    const std::string a = action;
    move->callback([&, args, a] { chosen = [&, args, a] { return cmd_report_move(g, *args, a); }; });
  }
  for (const auto& [name, decision] : {std::pair{"dismiss", "dismissed"}, {"confirm", "confirmed"}}) {
    CLI::App* decide = report.add_subcommand(name, std::string(name) + " a check warning, with a reason");
    add_scope_options(*decide, args->query);
    decide->add_option("--rule", args->rule, "the rule ID")->required();
    decide->add_option("--where", args->where, "the where_key of the check in `report build`")->required();
    decide->add_option("--reason", args->reason, "why")->required();
    const std::string d = decision;
    decide->callback([&, args, d] { chosen = [&, args, d] { return cmd_report_decide(g, *args, d); }; });
  }
  CLI::App* board = report.add_subcommand("board", "every body's report of a year: deadline, state, overdue");
  board->add_option("--body", args->query.body_code, "the top body: it and every body below it")->required();
  board->add_option("--year", args->query.year, "report year")->required();
  board->add_option("--today", args->today, "judge overdue as of this date (default: today in China)");
  board->callback([&, args] { chosen = [&, args] { return cmd_report_board(g, *args); }; });
}

}  // namespace

void register_report_build(CLI::App& report, GlobalOptions& g, Action& chosen) {
  auto build_args = std::make_shared<BuildArgs>();
  CLI::App* build = report.add_subcommand("build", "compute a body's annual report from the records (docs/report-build.md)");
  add_scope_options(*build, build_args->query);
  build->add_option("--format", build_args->format, "json (default) | html | xlsx | docx | pdf");
  build->add_option("--out", build_args->out, "output file; absent or - prints JSON on stdout");
  build->callback([&, build_args] { chosen = [&, build_args] { return cmd_report_build(g, *build_args); }; });

  auto cell = std::make_shared<services::CellQuery>();
  CLI::App* cell_cmd = report.add_subcommand("cell", "list the cases, reviews, documents or figures one cell counts");
  add_scope_options(*cell_cmd, cell->report);
  cell_cmd->add_option("--table", cell->table, "2, 3 or 4")->required();
  cell_cmd->add_option("--row", cell->row, "row code (spec/contracts.md), e.g. granted")->required();
  cell_cmd->add_option("--column", cell->column, "column code, e.g. natural_person")->required();
  cell_cmd->callback([&, cell] { chosen = [&, cell] { return cmd_report_cell(g, *cell); }; });

  register_report_workflow(report, g, chosen);
  register_report_import(report, g, chosen);

  CLI::App* figures = report.add_subcommand("figures", "table 二 figures other systems hold: set, import, list");
  figures->require_subcommand(1);
  auto one = std::make_shared<services::FigureInput>();
  auto source = std::make_shared<std::string>("entered");
  CLI::App* set = figures->add_subcommand("set", "enter one figure");
  set->add_option("--body", one->body_code, "body code")->required();
  set->add_option("--year", one->year, "report year")->required();
  set->add_option("--row", one->row, "table 二 row code, e.g. licensing")->required();
  set->add_option("--column", one->column, "column code of the year's format, e.g. decisions")->required();
  set->add_option("--value", one->value, "the figure")->required();
  set->add_option("--source", *source, "where the figure comes from (default: entered)");
  set->callback([&, one, source] { chosen = [&, one, source] { return cmd_figures_set(g, *one, *source); }; });
  auto path = std::make_shared<std::string>();
  CLI::App* import = figures->add_subcommand("import", "import a CSV file: body,year,row,column,value (all or nothing)");
  import->add_option("FILE", *path, "CSV file")->required();
  import->callback([&, path] { chosen = [&, path] { return cmd_figures_import(g, *path); }; });
  auto list_query = std::make_shared<services::ReportQuery>();
  CLI::App* list = figures->add_subcommand("list", "list entered figures");
  add_scope_options(*list, *list_query, false);
  list->callback([&, list_query] { chosen = [&, list_query] { return cmd_figures_list(g, *list_query); }; });
}

}  // namespace gongkai::cli
