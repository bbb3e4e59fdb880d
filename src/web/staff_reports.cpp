// /staff/reports: the annual report page of a body and year, the drill-down of one cell, downloads, the
// deadline board, and the forms that change a report (figures, section text, decisions on warnings,
// versions).
#include "web/staff_reports.h"


#include "common/clock.h"
#include "domain/report_workflow.h"
#include "domain/roles.h"
#include "render/report_html.h"
#include "render/report_tables.h"
#include "report/report_formats.h"
#include "services/report_access.h"
#include "services/report_figures.h"
#include "services/report_files.h"
#include "services/report_imports.h"
#include "services/report_versions.h"
#include "store/bodies.h"
#include "store/reports.h"
#include "web/form_values.h"
#include "web/html.h"
#include "web/outcome_text.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

using services::ReportAccess;

constexpr int kFirstYear = 2008;  // 条例 in force from 2008-05-01
constexpr int kLastYear = 2199;

std::optional<int> parse_year(const std::string& text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return year;
}

// Last year: the report the office compiles in January.
int default_year() {
  return std::stoi(china_today().substr(0, 4)) - 1;
}

// A figure as the report prints it (the shortest fixed notation).
std::string number_text(double v) { return render::printed_cell_text(domain::ReportCell{"", v}); }

// `all`: the summary of the body and every body below it (ReportQuery::include_children), "&all=1" in links
// and a hidden field "all" in forms; the body's own report otherwise.
std::string report_url(const std::string& code, int year, bool all = false) {
  return "/staff/reports?body=" + url_encode(code) + "&year=" + std::to_string(year) + (all ? "&all=1" : "");
}

bool summary_asked(const http::Request& req) { return req.query_param("all").value_or("") == "1"; }

// Whether `body` has a summary apart from its own report: a body below it other than its own office (which its
// own report covers already).
Result<bool> has_summary(store::Connection& conn, const store::BodyRow& body) {
  Result<std::vector<store::BodyRow>> every = store::list_bodies(conn);
  if (!every) return every.status();
  return std::any_of(every->begin(), every->end(),
                     [&](const store::BodyRow& b) { return b.parent_id == body.id && b.type != "office"; });
}

struct Label {
  const char* code;
  const char* text;
};
// What the pages call versions' states, workflow moves, body types and the kinds of records a cell counts.
constexpr Label kStateLabels[] = {{"draft", "草稿"},         {"submitted", "已报送待审核"}, {"returned", "已退回修改"},
                                  {"approved", "已审核通过"}, {"published", "已发布"},       {"", "未生成版本"}};
constexpr Label kActionLabels[] = {
    {"submit", "报送审核"}, {"return", "退回修改"}, {"approve", "审核通过"}, {"publish", "发布到政府信息公开年报栏目"}};
constexpr Label kTypeLabels[] = {
    {"government", "人民政府"}, {"office", "办公室"}, {"department", "部门"}, {"township", "乡镇（街道）"}};
constexpr Label kEntryKindLabels[] = {{"application", "政府信息公开申请"},
                                      {"review", "行政复议、行政诉讼"},
                                      {"document", "规范性文件"},
                                      {"figure", "填报数据"}};
constexpr Label kFileLabels[] = {
    {"html", "网页（HTML）"}, {"docx", "Word（DOCX）"}, {"xlsx", "Excel（XLSX）"}, {"pdf", "PDF"}};

template <size_t N>
std::string label(const Label (&table)[N], const std::string& code) {
  for (const Label& l : table)
    if (code == l.code) return l.text;
  return code;
}

// The service's (English) reason for refusing a change, said for staff in Chinese.
std::string refusal_text(const Status& s) {
  struct Phrase {
    const char* needle;
    const char* text;
  };
  static constexpr Phrase kPhrases[] = {
      {"error(s)", "该版本的报告仍有错误，不能审核通过。请更正记录后重新生成版本。"},
      {"cannot submit", "只有草稿状态的版本可以报送。"},
      {"cannot return", "只有已报送的版本可以退回。"},
      {"cannot approve", "只有草稿或已报送的版本可以审核通过。"},
      {"cannot publish", "只有已审核通过的版本可以发布。"},
      {"has no version", "该版本不存在。"},
      {"is an error", "“错误”类检查结果不能忽略，请更正记录后重新生成报告。"},
      {"has no warning", "当前报告中没有这一警告（可能已在重新检查后消失），请刷新页面。"},
      {"not a number", "填写的不是数字。"},
      {"whole number", "该栏应填写整数。"},
      {"cannot be negative", "该栏不能填写负数。"},
      {"computed from the normative-document registry",
       "行政规范性文件的数字由规范性文件库自动统计，不能填报。"},
      {"has no row", "该年度格式的表二中没有这一行。"},
      {"has no column", "该年度格式的这一行没有这一栏。"},
  };
  for (const Phrase& p : kPhrases)
    if (s.message().find(p.needle) != std::string::npos) return p.text;
  return "提交的内容有误（" + s.message() + "）。";
}

// The body of `code`, or nullopt.
Result<std::optional<store::BodyRow>> body_of(store::Connection& conn, const std::string& code) {
  if (code.empty() || code.size() > 64) return std::optional<store::BodyRow>();
  return store::find_body(conn, code);
}

}  // namespace

void add_report_reminders(store::Connection& conn, const services::User& user, Data& d) {
  const int year = default_year();
  Result<std::vector<services::ReportReminder>> reminders =
      services::report_reminders(conn, user, year, china_today());
  if (!reminders) return;
  bool any_role = false;
  for (const domain::Grant& g : user.grants)
    any_role = any_role || domain::role_allows(g.role, "report.edit") ||
               domain::role_allows(g.role, "report.approve");
  if (!any_role) return;
  Data rows = list();
  for (const services::ReportReminder& r : *reminders) {
    Data rd;
    rd.set("body_name", r.body_name);
    rd.set("year", std::to_string(r.year));
    rd.set("url", report_url(r.body_code, r.year));
    rd.set("comment", r.comment);
    std::string text;
    if (r.kind == "overdue") text = "已超过公布期限（" + r.deadline + "），尚未发布";
    if (r.kind == "due") text = "应于" + r.deadline + "前公布，尚未发布";
    if (r.kind == "returned") text = "第" + std::to_string(r.version) + "版已被退回，请修改后重新生成版本";
    if (r.kind == "submitted") text = "第" + std::to_string(r.version) + "版已报送，等待您审核";
    rd.set("text", text);
    rows.push_back(rd);
  }
  d.set("report_panel", true);
  set_list(d, "report_reminders", rows);
}

void StaffReports::register_routes(http::Router& router) {
  router.add("GET", "/staff/reports", [this](const http::Request& r) { return index(r); });
  router.add("GET", "/staff/reports/cell", [this](const http::Request& r) { return cell(r); });
  router.add("GET", "/staff/reports/file", [this](const http::Request& r) { return file(r); });
  router.add("GET", "/staff/reports/board", [this](const http::Request& r) { return board(r); });
  router.add("GET", "/staff/reports/compare", [this](const http::Request& r) { return compare(r); });
  // Section text of 一 can be long; 256 KiB is room for any report section, percent-encoded.
  router.add(
      "POST", "/staff/reports/{action}", [this](const http::Request& r) { return post(r); },
      http::body_limit(256 * 1024));
}

http::Response StaffReports::index(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string code = req.query_param("body").value_or("");
  const std::string year_text = req.query_param("year").value_or("");
  if (!code.empty()) {
    std::optional<int> year = year_text.empty() ? std::optional<int>(default_year()) : parse_year(year_text);
    if (!year)
      return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间的四位数字，例如 2020。");
    http::Response refusal;
    std::optional<store::BodyRow> body = body_for(req, **conn, ctx, code, ReportAccess::kView, &refusal);
    if (!body) return refusal;
    return report_page(req, **conn, ctx, *body, *year, summary_asked(req), req.query_param("done") ? "已保存。" : "",
                       "");
  }
  // No body chosen: the bodies whose reports the user may open, and the boards it may see.
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return staff_.failure(req, ctx, bodies.status(), 0);
  const int year = default_year();
  Data rows = list();
  Data boards = list();
  for (const store::BodyRow& b : *bodies) {
    if (!services::authorize_report(ctx.user(), b, ReportAccess::kView)) continue;
    Data row;
    row.set("name", b.name);
    row.set("code", b.code);
    row.set("type", label(kTypeLabels, b.type));
    row.set("url", report_url(b.code, year));
    row.set("deadline", domain::report_deadline(b.type, year));
    rows.push_back(row);
    if (!services::authorize_report(ctx.user(), b, ReportAccess::kBoard)) continue;
    Data bd;
    bd.set("name", b.name);
    bd.set("year", std::to_string(year));
    bd.set("url", "/staff/reports/board?body=" + url_encode(b.code) + "&year=" + std::to_string(year));
    boards.push_back(bd);
  }
  Data d;
  d.set("year", std::to_string(year));
  set_list(d, "bodies", rows);
  set_list(d, "boards", boards);
  return staff_.page(req, &ctx, "年度报告", render("staff_reports", d));
}

std::optional<store::BodyRow> StaffReports::body_for(const http::Request& req, store::Connection& conn,
                                                   const Staff::Context& ctx, const std::string& code,
                                                   std::optional<ReportAccess> access, http::Response* refusal) {
  Result<std::optional<store::BodyRow>> body = body_of(conn, code);
  if (!body) {
    *refusal = staff_.failure(req, ctx, body.status(), 0);
    return std::nullopt;
  }
  if (!*body) {
    *refusal = staff_.error(req, &ctx, 404, "机构不存在", "没有编码为“" + code + "”的机构。");
    return std::nullopt;
  }
  if (access && !services::authorize_report(ctx.user(), **body, *access)) {
    const auto [action, on] = services::report_access_target(**body, *access);
    *refusal = staff_.forbidden(req, ctx, action, on);
    return std::nullopt;
  }
  return *body;
}

http::Response StaffReports::report_page(const http::Request& req, store::Connection& conn,
                                         const Staff::Context& ctx, const store::BodyRow& body, int year,
                                         bool all, const std::string& notice, const std::string& problem) {
  // A body with nothing below it has no summary: its own report is the whole of it.
  Result<bool> has_children = has_summary(conn, body);
  if (!has_children) return staff_.failure(req, ctx, has_children.status(), body.id);
  all = all && *has_children;
  const services::ReportQuery q{body.code, year, all};
  Result<services::BuiltReport> built = services::build_annual_report(inst_, q);
  if (!built) return staff_.failure(req, ctx, built.status(), body.id);
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return staff_.failure(req, ctx, formats.status(), body.id);
  const domain::ReportFormat& format = (*formats)->get(domain::format_for_year(year));
  const bool can_edit = services::authorize_report(ctx.user(), body, ReportAccess::kEdit).is_ok();
  const bool can_approve = services::authorize_report(ctx.user(), body, ReportAccess::kApprove).is_ok();
  const std::string base = "body=" + url_encode(body.code) + "&year=" + std::to_string(year) + (all ? "&all=1" : "");

  Data d;
  d.set("all", all);
  if (*has_children) {
    d.set("own_url", report_url(body.code, year));
    d.set("summary_url", report_url(body.code, year, true));
  }
  d.set("csrf", ctx.csrf);
  d.set("body_code", body.code);
  d.set("body_name", body.name);
  d.set("year", std::to_string(year));
  d.set("prev_url", report_url(body.code, year - 1, all));
  d.set("next_url", report_url(body.code, year + 1, all));
  d.set("title", built->report.title);
  d.set("format_name", std::string(domain::format_name(format.version())));
  d.set("deadline", domain::report_deadline(body.type, year));
  d.set("can_edit", can_edit);
  d.set("can_approve", can_approve);
  if (!notice.empty()) d.set("notice", notice);
  if (!problem.empty()) d.set("problem", problem);
  Data downloads = list();
  for (const Label& kind : kFileLabels) {
    Data dl;
    dl.set("url", "/staff/reports/file?" + base + "&format=" + kind.code);
    dl.set("label", std::string(kind.text));
    downloads.push_back(dl);
  }
  set_list(d, "downloads", downloads);
  if (services::authorize_report(ctx.user(), body, ReportAccess::kBoard))
    d.set("board_url", "/staff/reports/board?" + base);
  d.set("compare_url", "/staff/reports/compare?body=" + url_encode(body.code) + "&years=" +
                           std::to_string(std::max(kFirstYear, year - 2)) + "-" + std::to_string(year));

  // The checks, errors first, each warning with the decision forms for whoever approves.
  int errors = 0, warnings = 0;
  Data checks = list();
  for (size_t idx = 0; idx < built->checks.size(); ++idx) {
    const domain::Violation& v = built->checks[idx];
    const bool is_error = v.severity == domain::Severity::kError;
    (is_error ? errors : warnings) += 1;
    Data c;
    c.set("n", std::to_string(idx + 1));
    c.set("rule", v.rule);
    c.set("error", is_error);
    c.set("severity", is_error ? "错误" : "警告");
    c.set("where", services::check_where_key(v.where));
    c.set("sentence", v.where.sentence);
    c.set("message", v.message);
    c.set("expected", v.expected);
    c.set("found", v.found);
    if (const std::optional<store::CheckDecisionRow>& dec = built->decisions[idx]) {
      c.set("decided", true);
      c.set("decision", dec->decision == "dismissed" ? "已忽略" : "已确认");
      c.set("reason", dec->reason);
      c.set("decided_by", dec->decided_by);
      c.set("decided_at", dec->decided_at.substr(0, 10));
    }
    c.set("decidable", !is_error && can_approve);
    checks.push_back(c);
  }
  set_list(d, "checks", checks);
  d.set("errors", std::to_string(errors));
  d.set("warnings", std::to_string(warnings));

  // Tables 二 三 四, every figure a link to the records it counts.
  Result<std::vector<render::ReportTableLayout>> tables = render::layout_report_tables(built->report, format);
  if (!tables) return staff_.failure(req, ctx, tables.status(), body.id);
  std::string tables_html;
  const render::CellLink link = [&](const std::string& table, const render::LayoutCell& c) {
    return "/staff/reports/cell?" + base + "&table=" + table.substr(5) + "&row=" + url_encode(c.row_code) +
           "&column=" + url_encode(c.column_code);
  };
  static const char* kTableHeadings[] = {"表二　主动公开政府信息情况", "表三　收到和处理政府信息公开申请情况",
                                         "表四　政府信息公开行政复议、行政诉讼情况"};
  for (size_t idx = 0; idx < tables->size(); ++idx)
    tables_html +=
        "<h3>" + escape_html(kTableHeadings[idx]) + "</h3>\n" + render::table_html((*tables)[idx], link);
  d.set("tables_html", tables_html);

  // Sections 一 五 六: the text in force (staff text, or the draft / placeholder), editable by the body.
  Data sections = list();
  for (const char* code : {"1", "5", "6"}) {
    const domain::ReportSection* s = built->report.section(code);
    Data sd;
    sd.set("code", std::string(code));
    sd.set("heading", s ? s->heading : std::string(code));
    sd.set("text", s ? s->text : std::string());
    sections.push_back(sd);
  }
  set_list(d, "sections", sections);

  // Table 二 figures other systems hold: every enterable cell of the year's format with its entered value.
  Result<std::vector<store::ReportFigureRow>> entered =
      store::list_report_figures(conn, std::vector<int64_t>{body.id}, year);
  if (!entered) return staff_.failure(req, ctx, entered.status(), body.id);
  Data figure_rows = list();
  for (const domain::FormatEntry* row : format.select("table2", "row")) {
    if (row->code == "normative") continue;  // computed from the registry
    for (const domain::FormatEntry* column : format.select("table2", "column", row->parent)) {
      Data fr;
      fr.set("row_label", row->label);
      fr.set("column_label", column->label);
      fr.set("name", "v." + row->code + "." + column->code);
      fr.set("id", "f-" + row->code + "-" + column->code);
      for (const store::ReportFigureRow& f : *entered) {
        if (f.row != row->code || f.column != column->code) continue;
        fr.set("value", number_text(f.value));
        fr.set("source", f.source + "（" + f.entered_by + "，" + f.entered_at.substr(0, 10) + "）");
      }
      figure_rows.push_back(fr);
    }
  }
  set_list(d, "figures", figure_rows);

  // (The forms inside the lists take csrf, body_code, year and can_edit from the page: mustache looks names up
  // the context stack.)
  // Versions, newest first, with the moves the workflow table allows to whoever may make them.
  Result<std::vector<store::ReportVersionRow>> versions =
      store::list_report_versions(conn, std::vector<int64_t>{body.id}, year);
  if (!versions) return staff_.failure(req, ctx, versions.status(), body.id);
  Data version_rows = list();
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    const store::ReportVersionRow& v = *it;
    Data vd;
    vd.set("version", std::to_string(v.version));
    vd.set("summary", v.include_children);
    vd.set("state", v.state);
    vd.set("state_label", label(kStateLabels, v.state));
    vd.set("created", v.created_by + "，" + v.created_at.substr(0, 10));
    vd.set("decided", v.decided_by ? *v.decided_by + "，" + v.decided_at.value_or("").substr(0, 10) : "");
    vd.set("comment", v.comment);
    if (v.item_id) vd.set("item_url", "/items/" + std::to_string(*v.item_id));
    Data moves = list();
    for (const char* action : {"submit", "approve", "publish", "return"}) {
      if (!domain::report_version_move(v.state, action)) continue;
      const bool allowed = std::string(action) == "submit" ? can_edit : can_approve;
      if (!allowed) continue;
      // The office's own report skips submission; another body's draft is submitted before it is approved.
      if (std::string(action) == "approve" && v.state == "draft" && body.parent_id) continue;
      Data m;
      m.set("action", std::string(action));
      m.set("label", label(kActionLabels, action));
      m.set("needs_comment", std::string(action) == "return");
      m.set("version", std::to_string(v.version));
            moves.push_back(m);
    }
    set_list(vd, "moves", moves);
    version_rows.push_back(vd);
  }
  set_list(d, "versions", version_rows);
  return staff_.page(req, &ctx, built->report.title, render("staff_report", d), problem.empty() ? 200 : 400);
}

http::Response StaffReports::cell(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string code = req.query_param("body").value_or("");
  std::optional<int> year = parse_year(req.query_param("year").value_or(""));
  if (!year) return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间的四位数字。");
  http::Response refusal;
  std::optional<store::BodyRow> body = body_for(req, **conn, ctx, code, ReportAccess::kView, &refusal);
  if (!body) return refusal;
  services::CellQuery q;
  q.report = {code, *year, summary_asked(req)};
  q.table = req.query_param("table").value_or("");
  q.row = req.query_param("row").value_or("");
  q.column = req.query_param("column").value_or("");
  Result<std::vector<services::CellEntry>> entries = services::report_cell_entries(inst_, q);
  if (!entries && entries.status().code() == StatusCode::kInvalid)
    return staff_.error(
        req, &ctx, 400, "单元格不存在",
        "该年度格式的报告中没有这一单元格（表" + q.table + "，行“" + q.row + "”，栏“" + q.column + "”）。");
  if (!entries) return staff_.failure(req, ctx, entries.status(), body->id);
  Data rows = list();
  double sum = 0;
  for (const services::CellEntry& e : *entries) {
    sum += e.value;
    Data r;
    r.set("kind", label(kEntryKindLabels, e.kind));
    r.set("id", e.id);
    if (e.kind == "application") r.set("url", "/staff/cases/" + url_encode(e.id));
    if (e.kind == "document") r.set("url", "/staff/items/" + e.id);
    r.set("body", e.body);
    r.set("date", e.date);
    // The builder names a case by its outcome code: said as the table 三 row label.
    r.set("title", e.kind == "application" ? outcome_text(e.title) : e.title);
    r.set("value", number_text(e.value));
    rows.push_back(r);
  }
  Data d;
  d.set("body_name", body->name);
  d.set("year", std::to_string(*year));
  d.set("table", q.table);
  d.set("row", q.row);
  d.set("column", q.column);
  d.set("count", std::to_string(entries->size()));
  d.set("sum", number_text(sum));
  d.set("back_url", report_url(code, *year, q.report.include_children));
  set_list(d, "entries", rows);
  return staff_.page(req, &ctx, "单元格明细", render("staff_report_cell", d));
}

http::Response StaffReports::file(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string code = req.query_param("body").value_or("");
  std::optional<int> year = parse_year(req.query_param("year").value_or(""));
  const std::string format = req.query_param("format").value_or("");
  const auto [mime, extension] = services::report_file_type(format);
  if (!year || mime.empty())
    return staff_.error(req, &ctx, 400, "下载参数有误",
                        "年度应为四位数字，格式应为 html、docx、xlsx 或 pdf。");
  http::Response refusal;
  std::optional<store::BodyRow> body = body_for(req, **conn, ctx, code, ReportAccess::kView, &refusal);
  if (!body) return refusal;
  Result<services::BuiltReport> built = services::build_annual_report(inst_, {code, *year, summary_asked(req)});
  if (!built) return staff_.failure(req, ctx, built.status(), body->id);
  Result<std::string> bytes = services::report_file_bytes(*built, format);
  if (!bytes) return staff_.failure(req, ctx, bytes.status(), body->id);
  http::Response res;
  res.body = std::move(*bytes);
  res.set_header("Content-Type", mime);
  res.set_header("Content-Disposition",
                 "attachment; filename*=UTF-8''" + url_encode(built->report.title + "." + extension));
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response StaffReports::board(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string year_text = req.query_param("year").value_or("");
  std::optional<int> year = year_text.empty() ? std::optional<int>(default_year()) : parse_year(year_text);
  if (!year) return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间的四位数字。");
  std::string code = req.query_param("body").value_or(ctx.user().body_code);
  http::Response refusal;
  std::optional<store::BodyRow> body = body_for(req, **conn, ctx, code, ReportAccess::kBoard, &refusal);
  if (!body) return refusal;
  const std::string today = china_today();
  Result<std::vector<services::BoardRow>> rows = services::report_board(inst_, code, *year, today);
  if (!rows) return staff_.failure(req, ctx, rows.status(), body->id);
  Data list_rows = list();
  int overdue = 0, published = 0;
  for (const services::BoardRow& r : *rows) {
    Data rd;
    rd.set("name", r.body_name);
    rd.set("type", label(kTypeLabels, r.body_type));
    rd.set("deadline", r.deadline);
    rd.set("version", r.version ? std::to_string(r.version) : "");
    rd.set("state", r.state);
    rd.set("state_label", label(kStateLabels, r.state));
    rd.set("comment", r.comment);
    rd.set("decided_at", r.decided_at.substr(0, 10));
    rd.set("overdue", r.overdue);
    rd.set("url", report_url(r.body_code, *year));
    overdue += r.overdue ? 1 : 0;
    published += r.state == "published" ? 1 : 0;
    list_rows.push_back(rd);
  }
  Data d;
  d.set("body_name", body->name);
  d.set("year", std::to_string(*year));
  d.set("body_code", code);
  d.set("today", today);
  d.set("total", std::to_string(rows->size()));
  d.set("published", std::to_string(published));
  d.set("overdue_count", std::to_string(overdue));
  set_list(d, "rows", list_rows);
  std::string codes;
  for (size_t idx = 0; idx < rows->size() && idx < 12; ++idx)
    codes += (idx ? "," : "") + (*rows)[idx].body_code;
  if (rows->size() >= 2)
    d.set("compare_url",
          "/staff/reports/compare?bodies=" + url_encode(codes) + "&year=" + std::to_string(*year));
  return staff_.page(req, &ctx, "年度报告报送情况", render("staff_report_board", d));
}

http::Response StaffReports::compare(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  std::vector<std::pair<std::string, int>> reports;
  if (std::optional<std::string> bodies = req.query_param("bodies")) {
    std::optional<int> year = parse_year(req.query_param("year").value_or(""));
    if (!year) return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间的四位数字。");
    for (const std::string& code : services::parse_code_list(*bodies)) reports.push_back({code, *year});
  } else {
    const std::string code = req.query_param("body").value_or("");
    for (int year : services::parse_year_list(req.query_param("years").value_or("")))
      reports.push_back({code, year});
  }
  if (reports.size() < 2 || reports.size() > 12)
    return staff_.error(
        req, &ctx, 400, "比较参数有误",
        "请比较2至12份报告：同一机构的多个年度（如 years=2019-2021），或多个机构的同一年度。");
  for (const auto& [code, year] : reports) {
    if (year < kFirstYear || year > kLastYear)
      return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间。");
    http::Response refusal;
    if (!body_for(req, **conn, ctx, code, ReportAccess::kView, &refusal)) return refusal;
  }
  Result<services::Comparison> c = services::compare_reports(inst_, reports);
  if (!c) return staff_.failure(req, ctx, c.status(), 0);
  Data columns = list();
  for (const services::CompareColumn& col : c->columns) {
    Data cd;
    cd.set("name", col.body_name);
    cd.set("year", std::to_string(col.year));
    cd.set("url", report_url(col.body_code, col.year));
    cd.set("source", col.source == "records"
                         ? std::string("平台记录")
                         : "导入的已发布报告（" + col.source.substr(col.source.find(':') + 2) + "）");
    cd.set("errors", std::to_string(col.errors));
    cd.set("warnings", std::to_string(col.warnings));
    columns.push_back(cd);
  }
  Data rows = list();
  int differing = 0;
  for (const services::CompareRow& r : c->rows) {
    Data rd;
    rd.set("label", r.label);
    rd.set("differs", r.differs);
    differing += r.differs ? 1 : 0;
    Data values = list();
    for (size_t idx = 0; idx < r.values.size(); ++idx) {
      Data v;
      v.set("text", r.values[idx] ? number_text(*r.values[idx]) : std::string());
      v.set("blank", !r.values[idx]);
      v.set("flagged", static_cast<bool>(r.flagged[idx]));
      values.push_back(v);
    }
    rd.set("values", values);
    rows.push_back(rd);
  }
  Data d;
  set_list(d, "columns", columns);
  set_list(d, "rows", rows);
  d.set("differing", std::to_string(differing));
  return staff_.page(req, &ctx, "年度报告比较", render("staff_report_compare", d));
}

http::Response StaffReports::post(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = staff_.connection();
  if (!conn) return staff_.error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Staff::Gate g = staff_.gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Staff::Context& ctx = *g.context;
  const std::string action = req.params.at("action");
  const FormPairs form = req.form();
  const std::string code = trimmed_field(form, "body");
  std::optional<int> year = parse_year(trimmed_field(form, "year"));
  if (!year) return staff_.error(req, &ctx, 400, "年度有误", "年度应为2008年至2199年之间的四位数字。");
  http::Response refusal;
  std::optional<store::BodyRow> found = body_for(req, **conn, ctx, code, std::nullopt, &refusal);
  if (!found) return refusal;
  const store::BodyRow& body = *found;
  Result<bool> summary = has_summary(**conn, body);
  if (!summary) return staff_.failure(req, ctx, summary.status(), body.id);
  const bool all = trimmed_field(form, "all") == "1" && *summary;  // as the page: none for a body without one
  const services::ReportQuery q{code, *year, all};
  const std::string& actor = ctx.user().login;

  ReportAccess needed = ReportAccess::kEdit;
  std::string move;
  if (action == "decide") needed = ReportAccess::kApprove;
  if (action == "move") {
    move = trimmed_field(form, "action");
    if (move != "submit" && move != "return" && move != "approve" && move != "publish")
      return staff_.error(req, &ctx, 400, "操作未执行", "未知的版本操作。");
    if (move != "submit") needed = ReportAccess::kApprove;
  }
  if (action != "text" && action != "figures" && action != "decide" && action != "draft" && action != "move")
    return staff_.error(req, &ctx, 404, "页面不存在", "没有这一年度报告操作。");
  if (!body_for(req, **conn, ctx, code, needed, &refusal)) return refusal;

  Status s;
  std::string anchor;
  if (action == "text") {
    const std::string section = trimmed_field(form, "section");
    if (section != "1" && section != "5" && section != "6")
      return report_page(req, **conn, ctx, body, *year, all, "", "只能编辑第一、五、六部分的正文。");
    if (trimmed_field(form, "text").empty())
      return report_page(req, **conn, ctx, body, *year, all, "", "正文不能为空。");
    s = services::save_report_text(inst_, q, section, field_value(form, "text"), actor);
    anchor = "#sections";
  } else if (action == "figures") {
    // Only the cells whose value changed: an unchanged figure keeps its source and who entered it.
    Result<std::vector<store::ReportFigureRow>> entered =
        store::list_report_figures(**conn, std::vector<int64_t>{body.id}, *year);
    if (!entered) return staff_.failure(req, ctx, entered.status(), body.id);
    std::vector<services::FigureInput> figures;
    for (const auto& [name, raw] : form) {
      if (!name.starts_with("v.")) continue;
      const std::string value = trimmed_field({{name, raw}}, name);
      if (value.empty()) continue;
      const size_t dot = name.find('.', 2);
      if (dot == std::string::npos) continue;
      services::FigureInput f{code, *year, name.substr(2, dot - 2), name.substr(dot + 1), value, ""};
      bool unchanged = false;
      for (const store::ReportFigureRow& e : *entered)
        if (e.row == f.row && e.column == f.column && number_text(e.value) == value) unchanged = true;
      if (!unchanged) figures.push_back(std::move(f));
    }
    if (figures.empty()) return report_page(req, **conn, ctx, body, *year, all, "没有改动的数据。", "");
    std::string source = trimmed_field(form, "source");
    if (source.empty()) source = "工作平台填报";
    s = services::set_report_figures(inst_, figures, source, actor);
    if (!s && s.code() == StatusCode::kInvalid) {
      // Name the cell the service refused, by its labels in the year's format.
      std::string cell;
      Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
      for (const services::FigureInput& f : figures) {
        if (!formats || s.message().find(" " + f.row + "." + f.column + ":") == std::string::npos) continue;
        const domain::ReportFormat& format = (*formats)->get(domain::format_for_year(*year));
        const domain::FormatEntry* row = format.find("table2", "row", f.row);
        const domain::FormatEntry* column =
            row ? format.find("table2", "column", f.column, row->parent) : nullptr;
        cell = row && column ? "“" + row->label + " / " + column->label + "”" : f.row + "." + f.column;
        cell += "填写的“" + f.value + "”：";
      }
      return report_page(req, **conn, ctx, body, *year, all, "", "数据未保存：" + cell + refusal_text(s));
    }
    anchor = "#figures";
  } else if (action == "decide") {
    const std::string decision = trimmed_field(form, "decision");
    if (decision != "confirmed" && decision != "dismissed")
      return report_page(req, **conn, ctx, body, *year, all, "", "请选择“确认”或“忽略”。");
    if (trimmed_field(form, "reason").empty())
      return report_page(req, **conn, ctx, body, *year, all, "", "确认或忽略检查结果须填写理由。");
    s = services::decide_report_check(inst_, q, trimmed_field(form, "rule"), trimmed_field(form, "where"),
                                      decision, trimmed_field(form, "reason"), actor);
    anchor = "#checks";
  } else if (action == "draft") {
    Result<int> version = services::draft_report_version(inst_, q, actor);
    s = version.status();
    anchor = "#versions";
  } else {
    std::optional<int64_t> version = positive_id(trimmed_field(form, "version"));
    if (!version || *version > 1000000) return report_page(req, **conn, ctx, body, *year, all, "", "版本号有误。");
    const std::string comment = trimmed_field(form, "comment");
    if (move == "return" && comment.empty())
      return report_page(req, **conn, ctx, body, *year, all, "", "退回修改须填写意见，说明需要更正的内容。");
    if (move == "approve" && body.parent_id) {
      // Another body's report is approved once submitted (the office's own report may be approved from
      // draft).
      Result<std::optional<store::ReportVersionRow>> v =
          store::find_report_version(**conn, body.id, *year, static_cast<int>(*version));
      if (!v) return staff_.failure(req, ctx, v.status(), body.id);
      if (*v && (*v)->state == "draft")
        return report_page(req, **conn, ctx, body, *year, all, "", "该版本尚未报送，须由本单位报送后再审核。");
    }
    Result<store::ReportVersionRow> row = services::move_report_version(inst_, q, static_cast<int>(*version),
                                                                        move, comment, actor, china_today());
    s = row.status();
    anchor = "#versions";
  }
  if (s) return http::Response::redirect(report_url(code, *year, all) + "&done=" + action + anchor, 303);
  if (s.code() == StatusCode::kInvalid || s.code() == StatusCode::kConflict)
    return report_page(req, **conn, ctx, body, *year, all, "", "操作未执行：" + refusal_text(s));
  return staff_.failure(req, ctx, s, body.id);
}

}  // namespace gongkai::web
