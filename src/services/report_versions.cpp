// Report workflow: texts, versions, publication, decisions, the deadline board.
#include "services/report_versions.h"

#include <nlohmann/json.hpp>

#include "domain/item.h"
#include "domain/report_workflow.h"
#include "render/report_render.h"
#include "report/report_formats.h"
#include "report/report_json.h"
#include "services/audit.h"
#include "services/item_writer.h"

namespace gongkai::services {
namespace {

using json = nlohmann::ordered_json;

// Opens a write transaction and resolves the report's body.
struct WriteScope {
  std::unique_ptr<store::Connection> conn;
  std::unique_ptr<store::Transaction> tx;
  ReportScope scope;
};

Result<WriteScope> open_write(Installation& inst, const ReportQuery& q) {
  WriteScope w;
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  w.conn = std::move(*conn);
  w.tx = std::make_unique<store::Transaction>(*w.conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(w.tx->status());
  Result<ReportScope> scope = report_scope(*w.conn, q.body_code, q.include_children);
  if (!scope) return scope.status();
  w.scope = std::move(*scope);
  return w;
}

int snapshot_errors(const json& snapshot) {
  int n = 0;
  for (const json& c : snapshot.value("checks", json::array())) n += c.value("severity", "") == "error" ? 1 : 0;
  return n;
}

// The published item's text: the frozen report as the HTML fragment of render/ (sections and tables 二 三 四
// in the official layout; no charts, which the portal's content sanitizer would drop).
Result<std::string> item_content(const json& snapshot) {
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  domain::AnnualReport r;
  r.year = snapshot.value("year", 0);
  const domain::ReportFormatVersion version = snapshot.value("format", "") == "2021"
                                                  ? domain::ReportFormatVersion::k2021
                                                  : domain::ReportFormatVersion::k2019;
  r.format = version;
  r.table2_format = version;
  r.has_other_subrows = version == domain::ReportFormatVersion::k2021;
  r.title = snapshot.value("title", "");
  for (const json& s : snapshot.value("sections", json::array()))
    r.sections.push_back({s.value("code", ""), s.value("heading", ""), s.value("text", "")});
  report::tables_from_json(snapshot, r);
  render::ReportRenderOptions options;
  options.html_fragment = true;
  options.charts = false;
  return render::render_report(r, (*formats)->get(version), render::ReportFileKind::kHtml, options);
}

}  // namespace

Status audit_report_change(store::Connection& conn, const std::string& actor, const std::string& what,
                           const ReportScope& scope, int year, const nlohmann::json& after) {
  AuditEvent event;
  event.actor.label = actor;
  event.action = "report." + what;
  event.entity_type = "report";
  event.entity_id = scope.body.code + "/" + std::to_string(year);
  event.body_id = scope.body.id;
  event.after = after;
  Result<int64_t> entry = append_audit(conn, event, system_clock()());
  return entry ? Status::ok() : entry.status();
}

Status save_report_text(Installation& inst, const ReportQuery& q, const std::string& section, const std::string& text,
                        const std::string& actor) {
  if (section != "1" && section != "5" && section != "6")
    return Status::invalid("--section must be 1, 5 or 6 (sections 二 三 四 are the tables), not '" + section + "'");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Status::invalid("the section text is empty");
  if (q.year < 2008 || q.year > 2199) return Status::invalid("year out of range (2008-2199)");
  Result<WriteScope> w = open_write(inst, q);
  if (!w) return w.status();
  GK_RETURN_IF_ERROR(store::upsert_report_text(*w->conn, w->scope.body.id, q.year, section, text, actor));
  GK_RETURN_IF_ERROR(audit_report_change(*w->conn, actor, "text", w->scope, q.year,
                                         {{"section", section}, {"text", text}}));
  return w->tx->commit();
}

Result<int> draft_report_version(Installation& inst, const ReportQuery& q, const std::string& actor) {
  Result<BuiltReport> built = build_annual_report(inst, q);
  if (!built) return built.status();
  Result<WriteScope> w = open_write(inst, q);
  if (!w) return w.status();
  store::ReportVersionRow row;
  row.body_id = w->scope.body.id;
  row.year = q.year;
  row.state = "draft";
  row.include_children = q.include_children;
  row.snapshot = report_to_json(*built);
  row.created_by = actor;
  Result<int> version = store::insert_report_version(*w->conn, row);
  if (!version) return version.status();
  GK_RETURN_IF_ERROR(audit_report_change(*w->conn, actor, "draft", w->scope, q.year, {{"version", *version}}));
  GK_RETURN_IF_ERROR(w->tx->commit());
  return *version;
}

Result<store::ReportVersionRow> move_report_version(Installation& inst, const ReportQuery& q, int version,
                                                    const std::string& action, const std::string& comment,
                                                    const std::string& actor, const std::string& today) {
  Result<WriteScope> w = open_write(inst, q);
  if (!w) return w.status();
  Result<std::optional<store::ReportVersionRow>> found =
      store::find_report_version(*w->conn, w->scope.body.id, q.year, version);
  if (!found) return found.status();
  if (!*found)
    return Status::invalid(q.body_code + " has no version " + std::to_string(version) + " of its " +
                           std::to_string(q.year) + " report");
  store::ReportVersionRow row = std::move(**found);
  const std::optional<std::string_view> next = domain::report_version_move(row.state, action);
  if (!next) return Status::invalid("version " + std::to_string(version) + " is " + row.state + ": cannot " + action);
  if (action == "return" && comment.empty()) return Status::invalid("return needs --comment (what to correct)");
  const json snapshot = json::parse(row.snapshot, nullptr, false);
  if (snapshot.is_discarded()) return Status::internal("version " + std::to_string(version) + ": snapshot unreadable");
  if (action == "approve" && snapshot_errors(snapshot) > 0)
    return Status::conflict("version " + std::to_string(version) + " has " +
                            std::to_string(snapshot_errors(snapshot)) + " error(s): correct the records and draft again");
  if (action == "publish") {
    ItemWriter writer(*w->conn, inst.attachments_dir());
    domain::ItemRecord item;
    item.title = snapshot.value("title", "");
    item.body = q.body_code;
    item.publish_date = today;
    item.kind = "annual_report";
    item.column = "政府信息公开/政府信息公开年报";
    item.channels = {"portal", "disclosure_site"};
    Result<std::string> content = item_content(snapshot);
    if (!content) return content.status();
    item.content = std::move(*content);
    const std::vector<domain::FieldError> errors = domain::validate_item(item);
    if (!errors.empty()) return Status::invalid("the report item: " + errors.front().field + ": " + errors.front().message);
    Result<std::optional<int64_t>> column = writer.column(w->scope.body.id, *item.column, /*create=*/true);
    if (!column) return column.status();
    Result<int64_t> id = writer.write(item, {}, *column);
    if (!id) return id.status();
    row.item_id = *id;
  }
  row.state = std::string(*next);
  if (!comment.empty()) row.comment = comment;
  row.decided_by = actor;
  GK_RETURN_IF_ERROR(store::update_report_version(*w->conn, row));
  json after = {{"version", version}, {"state", row.state}, {"comment", row.comment}};
  if (row.item_id) after["item_id"] = *row.item_id;
  GK_RETURN_IF_ERROR(audit_report_change(*w->conn, actor, action, w->scope, q.year, after));
  GK_RETURN_IF_ERROR(w->tx->commit());
  return row;
}

Status decide_report_check(Installation& inst, const ReportQuery& q, const std::string& rule,
                           const std::string& where_key, const std::string& decision, const std::string& reason,
                           const std::string& actor) {
  if (decision != "confirmed" && decision != "dismissed")
    return Status::invalid("decision must be confirmed or dismissed, not '" + decision + "'");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return Status::invalid("a decision needs --reason");
  Result<BuiltReport> built = build_annual_report(inst, q);
  if (!built) return built.status();
  bool is_warning = false, is_error = false;
  for (const domain::Violation& v : built->checks) {
    if (v.rule != rule || check_where_key(v.where) != where_key) continue;
    (v.severity == domain::Severity::kWarning ? is_warning : is_error) = true;
  }
  if (is_error) return Status::invalid(rule + " at '" + where_key + "' is an error: correct it, it cannot be dismissed");
  if (!is_warning)
    return Status::invalid("the report has no warning " + rule + " at '" + where_key +
                           "' (see the where_key of its checks in `report build`)");
  Result<WriteScope> w = open_write(inst, q);
  if (!w) return w.status();
  GK_RETURN_IF_ERROR(store::upsert_check_decision(*w->conn, w->scope.body.id, q.year,
                                                  {rule, where_key, decision, reason, actor, ""}));
  GK_RETURN_IF_ERROR(audit_report_change(*w->conn, actor, "check_decision", w->scope, q.year,
                                         {{"rule", rule}, {"where", where_key}, {"decision", decision},
                                          {"reason", reason}}));
  return w->tx->commit();
}

Result<std::vector<BoardRow>> report_board(Installation& inst, const std::string& root_code, int year,
                                           const std::string& today) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<ReportScope> scope = report_scope(**conn, root_code, /*include_children=*/true);
  if (!scope) return scope.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  Result<std::vector<store::ReportVersionRow>> versions = store::list_report_versions(**conn, scope->body_ids, year);
  if (!versions) return versions.status();
  std::vector<BoardRow> out;
  for (const store::BodyRow& b : *bodies) {
    if (std::find(scope->body_ids.begin(), scope->body_ids.end(), b.id) == scope->body_ids.end()) continue;
    BoardRow row;
    row.body_code = b.code;
    row.body_name = b.name;
    row.body_type = b.type;
    row.deadline = domain::report_deadline(b.type, year);
    for (const store::ReportVersionRow& v : *versions) {
      if (v.body_id != b.id || v.version < row.version) continue;
      row.version = v.version;
      row.state = v.state;
      row.comment = v.comment;
      row.decided_at = v.decided_at.value_or("");
    }
    row.overdue = row.state != "published" && today > row.deadline;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace gongkai::services
