// The report builder: scope, facts from the store, tallies from domain/report_tally, cells, sections, checks.
#include "services/report_builder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/report_narrative.h"
#include "domain/report_tally.h"
#include "report/report_formats.h"
#include "report/report_json.h"
#include "services/report_imports.h"
#include "services/stats.h"
#include "store/bodies.h"
#include "store/reports.h"

namespace gongkai::services {
namespace {

using domain::CountTable;
using domain::ReportCell;
using domain::ReportTable;

constexpr int kFirstYear = 2008;  // 条例 in force from 2008-05-01

using Scope = ReportScope;

Status check_year(int year) {
  if (year < kFirstYear || year > 2199)
    return Status::invalid("year " + std::to_string(year) + " is out of range (2008-2199)");
  return Status::ok();
}

std::string number_text(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(std::llround(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

ReportCell cell_of(double v) { return ReportCell{number_text(v), v}; }

int64_t count_in(const CountTable& t, const std::string& row, const std::string& column) {
  auto r = t.find(row);
  if (r == t.end()) return 0;
  auto c = r->second.find(column);
  return c == r->second.end() ? 0 : c->second;
}

// What the tables of one year are built from.
struct YearFacts {
  std::vector<domain::CaseFacts> cases;
  std::vector<domain::ReviewFacts> reviews;
  std::vector<domain::DocumentFacts> documents;
  std::vector<store::ReportFigureRow> figures;
};

Result<YearFacts> load_facts(store::Connection& conn, const Scope& scope, int year) {
  YearFacts f;
  Result<std::vector<domain::CaseFacts>> cases = store::list_report_cases(conn, scope.body_ids, year);
  if (!cases) return cases.status();
  f.cases = std::move(*cases);
  Result<std::vector<domain::ReviewFacts>> reviews = store::list_report_reviews(conn, scope.body_ids, year);
  if (!reviews) return reviews.status();
  f.reviews = std::move(*reviews);
  Result<std::vector<domain::DocumentFacts>> docs = store::list_report_documents(conn, scope.body_ids, year);
  if (!docs) return docs.status();
  f.documents = std::move(*docs);
  Result<std::vector<store::ReportFigureRow>> figures = store::list_report_figures(conn, scope.body_ids, year);
  if (!figures) return figures.status();
  f.figures = std::move(*figures);
  return f;
}

// Tables 二 三 四 of `year` from `facts`. `unmapped` counts replied cases whose outcome maps to no row.
domain::AnnualReport build_tables(const YearFacts& facts, int year, const domain::ReportFormat& format,
                                  int* unmapped) {
  domain::AnnualReport r;
  r.year = year;
  r.format = format.version();
  r.table2_format = format.version();
  r.has_other_subrows = format.version() == domain::ReportFormatVersion::k2021;

  *unmapped = 0;
  CountTable t3;
  for (const domain::CaseFacts& c : facts.cases) {
    bool missing_row = false;
    for (const domain::TallyCell& cell : domain::table3_cells(c, year, &missing_row)) ++t3[cell.row][cell.column];
    if (missing_row) ++*unmapped;
  }
  ReportTable table3;
  for (const std::string& row : domain::table3_row_codes(year))
    for (const domain::FormatEntry* column : format.select("table3", "column"))
      table3[row][column->code] = cell_of(static_cast<double>(count_in(t3, row, column->code)));
  r.table3 = std::move(table3);

  const CountTable t4 = domain::tally<domain::ReviewFacts>(
      facts.reviews, [year](const domain::ReviewFacts& v) { return domain::table4_cells(v, year); });
  ReportTable table4;
  for (const domain::FormatEntry* group : format.select("table4", "colgroup")) {
    if (group->code == "litigation") continue;
    for (const domain::FormatEntry* column : format.select("table4", "column"))
      table4[group->code][column->code] = cell_of(static_cast<double>(count_in(t4, group->code, column->code)));
  }
  r.table4 = std::move(table4);

  const CountTable registry = domain::tally<domain::DocumentFacts>(
      facts.documents, [year](const domain::DocumentFacts& d) { return domain::table2_registry_cells(d, year); });
  std::map<std::pair<std::string, std::string>, double> entered;
  for (const store::ReportFigureRow& f : facts.figures) entered[{f.row, f.column}] += f.value;
  ReportTable table2;
  for (const domain::FormatEntry* row : format.select("table2", "row")) {
    for (const domain::FormatEntry* column : format.select("table2", "column", row->parent)) {
      const bool from_registry = row->code == "normative" || row->code == "regulations";
      auto e = entered.find({row->code, column->code});
      if (!from_registry && e == entered.end()) {
        table2[row->code][column->code] = ReportCell{};  // not entered: blank, never a made-up 0
        continue;
      }
      double v = from_registry ? static_cast<double>(count_in(registry, row->code, column->code)) : 0;
      if (e != entered.end()) v += e->second;
      table2[row->code][column->code] = cell_of(v);
    }
  }
  r.table2 = std::move(table2);
  return r;
}

double cell_value(const std::optional<ReportTable>& t, const std::string& row, const std::string& column) {
  if (!t) return 0;
  auto r = t->find(row);
  if (r == t->end()) return 0;
  auto c = r->second.find(column);
  return c == r->second.end() ? 0 : c->second.value.value_or(0);
}

std::string section_heading(const domain::ReportFormat& format, const std::string& code) {
  const domain::FormatEntry* e = format.find("sections", "section", code);
  return e ? e->label : code;
}

Status add_sections(store::Connection& conn, const Scope& scope, const std::map<std::string, int64_t>& figures,
                    const domain::ReportFormat& format, domain::AnnualReport& r) {
  const int year = *r.year;
  auto saved = [&](const std::string& section) { return store::find_report_text(conn, scope.body.id, year, section); };
  Result<std::optional<std::string>> one = saved("1");
  if (!one) return one.status();
  std::string overview;
  if (*one) {
    overview = **one;
  } else {
    domain::NarrativeInput in;
    in.year = year;
    in.figures = figures;
    in.received = static_cast<int64_t>(cell_value(r.table3, "new", "total"));
    in.carried_over = static_cast<int64_t>(cell_value(r.table3, "carried_over", "total"));
    in.handled = static_cast<int64_t>(cell_value(r.table3, "total", "total"));
    in.carry_forward = static_cast<int64_t>(cell_value(r.table3, "carry_forward", "total"));
    in.reconsiderations = static_cast<int64_t>(cell_value(r.table4, "reconsideration", "total"));
    in.lawsuits = static_cast<int64_t>(cell_value(r.table4, "litigation_direct", "total") +
                                       cell_value(r.table4, "litigation_after_review", "total"));
    overview = domain::draft_overview(in);
  }
  Result<std::optional<std::string>> five = saved("5");
  if (!five) return five.status();
  Result<std::optional<std::string>> six = saved("6");
  if (!six) return six.status();
  const std::string texts[] = {
      overview,
      "本年度主动公开政府信息情况见下表。",
      "本年度收到和处理政府信息公开申请情况见下表。",
      "本年度政府信息公开行政复议、行政诉讼情况见下表。",
      five->value_or(domain::narrative_placeholder("存在的主要问题及改进情况")),
      six->value_or(domain::narrative_placeholder("其他需要报告的事项")),
  };
  for (int idx = 0; idx < 6; ++idx) {
    const std::string code = std::to_string(idx + 1);
    r.sections.push_back({code, section_heading(format, code), texts[idx]});
  }
  return Status::ok();
}

domain::Violation finding(std::string rule, domain::Severity severity, domain::ViolationWhere where,
                          std::string expected, std::string found, std::string message) {
  domain::Violation v;
  v.rule = std::move(rule);
  v.severity = severity;
  v.where = std::move(where);
  v.expected = std::move(expected);
  v.found = std::move(found);
  v.message = std::move(message);
  return v;
}

// The builder's own findings: what the records could not fill.
void add_build_findings(const domain::AnnualReport& r, int unmapped, const domain::ReportFormat& format,
                        std::vector<domain::Violation>& out) {
  if (unmapped > 0)
    out.push_back(finding("build.unmapped_outcome", domain::Severity::kError, {"table3", "total", "", "", ""}, "0",
                          std::to_string(unmapped),
                          std::to_string(unmapped) + "件本年答复的申请没有可计入表三的办理结果，请核实其办理结果"));
  for (const domain::FormatEntry* row : format.select("table2", "row")) {
    auto cells = r.table2->find(row->code);
    bool blank = false;
    for (const auto& [column, cell] : cells->second) blank = blank || cell.blank();
    if (!blank) continue;
    out.push_back(finding("build.figure_missing", domain::Severity::kWarning, {"table2", row->code, "", "", ""},
                          "entered", "blank",
                          "表二“" + row->label + "”的本年数字尚未录入（gongkai report figures set|import）"));
  }
  for (const domain::ReportSection& s : r.sections) {
    const int left = domain::count_placeholders(s.text);
    if (left == 0) continue;
    out.push_back(finding("build.placeholder", domain::Severity::kWarning, {"", "", "", s.code, ""}, "0",
                          std::to_string(left),
                          "“" + s.heading + "”还有" + std::to_string(left) + "处待补充的内容"));
  }
}

// Table 三 一、新收 总计 of a frozen version's report JSON, if it holds one.
std::optional<double> snapshot_received(const std::string& snapshot) {
  const nlohmann::json j = nlohmann::json::parse(snapshot, nullptr, false);
  if (j.is_discarded() || !j.contains("table3") || !j["table3"].contains("new")) return std::nullopt;
  const nlohmann::json& v = j["table3"]["new"].value("total", nlohmann::json());
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

// Earlier years of the trend chart (kTrendYears before `year`, oldest first), each from the best source there
// is: the body's published version of that year (what the public saw), else an imported published report,
// else the platform's own cases when it holds any for that year. A year with none of them is left out, never
// drawn as 0.
constexpr int kTrendYears = 4;
// `last_received` is last year's figure from the records when the builder already counted them (nullopt if
// the records hold no case of last year).
Result<std::vector<TrendYear>> earlier_years(store::Connection& conn, const Scope& scope, int year,
                                             std::optional<double> last_received) {
  std::vector<TrendYear> out;
  for (int earlier = std::max(kFirstYear, year - kTrendYears); earlier < year; ++earlier) {
    Result<std::vector<store::ReportVersionRow>> versions =
        store::list_report_versions(conn, std::vector<int64_t>{scope.body.id}, earlier);
    if (!versions) return versions.status();
    std::optional<TrendYear> point;
    for (const store::ReportVersionRow& v : *versions) {
      if (v.state != "published") continue;
      if (std::optional<double> received = snapshot_received(v.snapshot))
        point = TrendYear{earlier, *received, "version " + std::to_string(v.version)};
    }
    if (!point) {
      Result<std::optional<double>> imported = imported_received(conn, scope.body.id, earlier);
      if (!imported) return imported.status();
      if (*imported) point = TrendYear{earlier, **imported, "imported"};
    }
    if (!point && earlier == year - 1) {
      if (last_received) point = TrendYear{earlier, *last_received, "records"};
    } else if (!point) {
      Result<std::vector<domain::CaseFacts>> cases = store::list_report_cases(conn, scope.body_ids, earlier);
      if (!cases) return cases.status();
      if (!cases->empty()) {
        double received = 0;
        for (const domain::CaseFacts& c : *cases)
          for (const domain::TallyCell& cell : domain::table3_cells(c, earlier))
            received += cell.row == "new" && cell.column == "total" ? 1 : 0;
        point = TrendYear{earlier, received, "records"};
      }
    }
    if (point) out.push_back(std::move(*point));
  }
  return out;
}

}  // namespace

std::string check_where_key(const domain::ViolationWhere& w) {
  std::string out;
  for (const std::string* part : {&w.table, &w.row, &w.column}) {
    if (part->empty()) continue;
    if (!out.empty()) out += '.';
    out += *part;
  }
  if (!w.section.empty()) out += (out.empty() ? "" : " ") + std::string("section ") + w.section;
  return out;
}

Result<ReportScope> report_scope(store::Connection& conn, const std::string& body_code, bool include_children) {
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return bodies.status();
  ReportScope scope;
  const store::BodyRow* root = nullptr;
  for (const store::BodyRow& b : *bodies) {
    scope.codes[b.id] = b.code;
    if (b.code == body_code) root = &b;
  }
  if (!root) return Status::invalid("no body has the code '" + body_code + "' (see `gongkai bodies`)");
  scope.body = *root;
  scope.body_ids.push_back(root->id);
  // list_bodies puts parents before children, so one pass collects a subtree.
  for (const store::BodyRow& b : *bodies) {
    if (!b.parent_id || b.id == root->id) continue;
    const bool below = std::find(scope.body_ids.begin(), scope.body_ids.end(), *b.parent_id) != scope.body_ids.end();
    const bool own_office = *b.parent_id == root->id && root->type == "government" && b.type == "office";
    if ((include_children && below) || own_office) scope.body_ids.push_back(b.id);
  }
  return scope;
}

Result<BuiltReport> build_annual_report(Installation& inst, const ReportQuery& q) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(check_year(q.year));
  Result<Scope> scope = report_scope(**conn, q.body_code, q.include_children);
  if (!scope) return scope.status();

  StatsQuery sq;
  sq.body_code = q.body_code;
  sq.year = q.year;
  sq.include_children = q.include_children;
  Result<std::map<std::string, int64_t>> figures = yearly_stats(inst, sq);
  if (!figures) return figures.status();

  const domain::ReportFormat& format = (*formats)->get(domain::format_for_year(q.year));
  Result<YearFacts> facts = load_facts(**conn, *scope, q.year);
  if (!facts) return facts.status();
  int unmapped = 0;
  BuiltReport built;
  built.body_code = q.body_code;
  built.include_children = q.include_children;
  built.figures = std::move(*figures);
  built.report = build_tables(*facts, q.year, format, &unmapped);
  built.report.body = scope->body.name;
  built.report.title = scope->body.name + std::to_string(q.year) + "年政府信息公开工作年度报告";
  built.report.preamble = "根据《中华人民共和国政府信息公开条例》规定，现公布" + built.report.title + "。";
  GK_RETURN_IF_ERROR(add_sections(**conn, *scope, built.figures, format, built.report));

  std::optional<domain::AnnualReport> previous;
  std::optional<double> last_received;
  if (q.year > kFirstYear) {
    Result<YearFacts> last = load_facts(**conn, *scope, q.year - 1);
    if (!last) return last.status();
    int last_unmapped = 0;
    previous = build_tables(*last, q.year - 1, (*formats)->get(domain::format_for_year(q.year - 1)), &last_unmapped);
    if (!last->cases.empty()) last_received = cell_value(previous->table3, "new", "total");
  }
  Result<std::vector<TrendYear>> trend = earlier_years(**conn, *scope, q.year, last_received);
  if (!trend) return trend.status();
  built.trend = std::move(*trend);
  built.checks = domain::check_report(built.report, **formats, previous ? &*previous : nullptr);
  add_build_findings(built.report, unmapped, format, built.checks);
  Result<std::vector<store::CheckDecisionRow>> decisions = store::list_check_decisions(**conn, scope->body.id, q.year);
  if (!decisions) return decisions.status();
  for (const domain::Violation& v : built.checks) {
    std::optional<store::CheckDecisionRow> match;
    const std::string key = check_where_key(v.where);
    for (const store::CheckDecisionRow& d : *decisions)
      if (d.rule == v.rule && d.where_key == key) match = d;
    built.decisions.push_back(std::move(match));
  }
  return built;
}

Result<std::vector<CellEntry>> report_cell_entries(Installation& inst, const CellQuery& q) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  std::string table = q.table;
  if (table.size() == 1) table = "table" + table;
  if (table != "table2" && table != "table3" && table != "table4")
    return Status::invalid("--table must be 2, 3 or 4, not '" + q.table + "'");
  const int year = q.report.year;
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(check_year(year));
  Result<Scope> scope = report_scope(**conn, q.report.body_code, q.report.include_children);
  if (!scope) return scope.status();
  const domain::ReportFormat& format = (*formats)->get(domain::format_for_year(year));
  const std::string format_text = std::string(domain::format_name(format.version()));

  // The cell must be one of the format's.
  bool known = false;
  if (table == "table3") {
    const auto rows = domain::table3_row_codes(year);
    known = std::find(rows.begin(), rows.end(), q.row) != rows.end() &&
            format.find("table3", "column", q.column) != nullptr;
  } else if (table == "table4") {
    known = q.row != "litigation" && format.find("table4", "colgroup", q.row) && format.find("table4", "column", q.column);
  } else {
    const domain::FormatEntry* row = format.find("table2", "row", q.row);
    known = row && format.find("table2", "column", q.column, row->parent);
  }
  if (!known)
    return Status::invalid(table + " of the " + format_text + " format (report year " + std::to_string(year) +
                           ") has no cell " + q.row + "." + q.column);

  Result<YearFacts> facts = load_facts(**conn, *scope, year);
  if (!facts) return facts.status();
  const domain::TallyCell wanted{q.row, q.column};
  auto has = [&wanted](const std::vector<domain::TallyCell>& cells) {
    return std::find(cells.begin(), cells.end(), wanted) != cells.end();
  };
  std::vector<CellEntry> out;
  if (table == "table3") {
    for (const domain::CaseFacts& c : facts->cases) {
      if (!has(domain::table3_cells(c, year))) continue;
      out.push_back({"application", c.number, scope->codes[c.body_id], c.replied.value_or(c.received.value_or("")),
                     c.outcome.empty() ? "办理中" : c.outcome, 1});
    }
    return out;
  }
  if (table == "table4") {
    for (const domain::ReviewFacts& v : facts->reviews)
      if (has(domain::table4_cells(v, year)))
        out.push_back({"review", std::to_string(v.id), scope->codes[v.body_id], v.filed, v.kind + " " + v.result, 1});
    return out;
  }
  for (const domain::DocumentFacts& d : facts->documents)
    if (has(domain::table2_registry_cells(d, year)))
      out.push_back({"document", std::to_string(d.id), scope->codes[d.body_id], d.published, d.title, 1});
  for (const store::ReportFigureRow& f : facts->figures)
    if (f.row == q.row && f.column == q.column)
      out.push_back({"figure", f.body_code + ":" + f.row + "." + f.column, f.body_code, f.entered_at,
                     f.source.empty() ? f.entered_by : f.source, f.value});
  return out;
}

std::string report_to_json(const BuiltReport& built) {
  using json = nlohmann::ordered_json;
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  json out = json::object();
  out["body"] = built.body_code;
  out["year"] = built.report.year.value_or(0);
  out["format"] = std::string(domain::format_name(built.report.format.value_or(domain::ReportFormatVersion::k2019)));
  out["include_children"] = built.include_children;
  out["title"] = built.report.title;
  if (formats) {
    json tables = report::tables_to_json(built.report, **formats);
    for (const char* t : {"table2", "table3", "table4"}) out[t] = std::move(tables[t]);
  }
  json figures = json::object();
  for (const auto& [key, value] : built.figures) figures[key] = value;
  out["figures"] = std::move(figures);
  json sections = json::array();
  for (const domain::ReportSection& s : built.report.sections)
    sections.push_back({{"code", s.code}, {"heading", s.heading}, {"text", s.text}});
  out["sections"] = std::move(sections);
  json trend = json::array();
  for (const TrendYear& t : built.trend)
    trend.push_back({{"year", t.year}, {"received", t.received}, {"source", t.source}});
  out["trend"] = std::move(trend);
  json checks = json::array();
  for (size_t idx = 0; idx < built.checks.size(); ++idx) {
    json check = report::violation_to_json(built.checks[idx]);
    check["where_key"] = check_where_key(built.checks[idx].where);
    if (idx < built.decisions.size() && built.decisions[idx]) {
      const store::CheckDecisionRow& d = *built.decisions[idx];
      check["decision"] = {{"decision", d.decision}, {"reason", d.reason}, {"by", d.decided_by}, {"at", d.decided_at}};
    }
    checks.push_back(std::move(check));
  }
  out["checks"] = std::move(checks);
  return out.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace gongkai::services
