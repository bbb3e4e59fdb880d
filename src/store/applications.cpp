// Applications: SQL.
#include "store/applications.h"

#include "common/clock.h"

namespace gongkai::store {
namespace {

constexpr const char* kColumns =
    "a.id, a.body_id, b.code, a.number, a.query_code_hash, a.channel, a.receipt_basis, a.applicant_type, "
    "a.applicant_name, a.id_kind, a.id_sealed, a.id_masked, a.phone, a.address, a.request, a.form_wanted, "
    "a.delivery_wanted, a.received_date, a.stage, a.correction_requested, a.extended, a.fee_requested, a.outcome, "
    "a.decided_date, a.replied_date, a.due_date, a.due_provisional, a.reference, a.handler_user_id, a.unit_body_id "
    "FROM applications a JOIN bodies b ON b.id = a.body_id ";

ApplicationRow read_row(const Row& r) {
  ApplicationRow a;
  a.id = r.get_int(0);
  a.body_id = r.get_int(1);
  a.body_code = r.get_text(2);
  a.number = r.get_text(3);
  a.query_code_hash = r.get_text(4);
  a.channel = r.get_text(5);
  a.receipt_basis = r.get_opt_text(6);
  a.applicant_type = r.get_text(7);
  a.applicant_name = r.get_opt_text(8);
  a.id_kind = r.get_opt_text(9);
  a.id_sealed = r.get_opt_text(10);
  a.id_masked = r.get_opt_text(11);
  a.phone = r.get_opt_text(12);
  a.address = r.get_opt_text(13);
  a.request = r.get_text(14);
  a.form_wanted = r.get_opt_text(15);
  a.delivery_wanted = r.get_opt_text(16);
  a.received_date = r.get_opt_text(17);
  a.stage = r.get_text(18);
  a.correction_requested = r.get_int(19) != 0;
  a.extended = r.get_int(20) != 0;
  a.fee_requested = r.get_int(21) != 0;
  a.outcome = r.get_opt_text(22);
  a.decided_date = r.get_opt_text(23);
  a.replied_date = r.get_opt_text(24);
  a.due_date = r.get_opt_text(25);
  a.due_provisional = r.get_int(26) != 0;
  a.reference = r.get_opt_text(27);
  if (!r.is_null(28)) a.handler_user_id = r.get_int(28);
  if (!r.is_null(29)) a.unit_body_id = r.get_int(29);
  return a;
}

Result<std::optional<ApplicationRow>> find_one(Connection& conn, const std::string& where, const Value& key) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kColumns + where, {key});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<ApplicationRow>();
  return std::optional<ApplicationRow>(read_row(rows->front()));
}

int64_t flag(bool b) { return b ? 1 : 0; }

}  // namespace

Result<int64_t> next_application_serial(Connection& conn, int64_t body_id, int year) {
  Result<Rows> rows = conn.query(
      "INSERT INTO application_serials (body_id, year, last_serial) VALUES (?, ?, 1) "
      "ON CONFLICT (body_id, year) DO UPDATE SET last_serial = application_serials.last_serial + 1 "
      "RETURNING last_serial",
      {body_id, int64_t{year}});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<int64_t> insert_application(Connection& conn, const ApplicationRow& a) {
  const std::string now = utc_now_iso();
  Result<Rows> rows = conn.query(
      "INSERT INTO applications (body_id, number, query_code_hash, channel, receipt_basis, applicant_type, "
      "applicant_name, id_kind, id_sealed, id_masked, phone, address, request, form_wanted, delivery_wanted, "
      "received_date, stage, correction_requested, extended, fee_requested, outcome, decided_date, replied_date, "
      "due_date, due_provisional, reference, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.body_id, a.number, a.query_code_hash, a.channel, opt(a.receipt_basis), a.applicant_type,
       opt(a.applicant_name), opt(a.id_kind), opt(a.id_sealed), opt(a.id_masked), opt(a.phone), opt(a.address),
       a.request, opt(a.form_wanted), opt(a.delivery_wanted), opt(a.received_date), a.stage,
       flag(a.correction_requested), flag(a.extended), flag(a.fee_requested), opt(a.outcome), opt(a.decided_date),
       opt(a.replied_date), opt(a.due_date), flag(a.due_provisional), opt(a.reference), now, now});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Status update_application_state(Connection& conn, const ApplicationRow& a) {
  return conn.exec(
      "UPDATE applications SET stage = ?, correction_requested = ?, extended = ?, fee_requested = ?, outcome = ?, "
      "received_date = ?, receipt_basis = ?, decided_date = ?, replied_date = ?, due_date = ?, due_provisional = ?, "
      "updated_at = ? WHERE id = ?",
      {a.stage, flag(a.correction_requested), flag(a.extended), flag(a.fee_requested), opt(a.outcome),
       opt(a.received_date), opt(a.receipt_basis), opt(a.decided_date), opt(a.replied_date), opt(a.due_date),
       flag(a.due_provisional), utc_now_iso(), a.id});
}

Status assign_application(Connection& conn, int64_t application_id, std::optional<int64_t> handler_user_id,
                          std::optional<int64_t> unit_body_id) {
  return conn.exec("UPDATE applications SET handler_user_id = ?, unit_body_id = ?, updated_at = ? WHERE id = ?",
                   {opt(handler_user_id), opt(unit_body_id), utc_now_iso(), application_id});
}

Status lock_application(Connection& conn, const std::string& number) {
  // A no-op UPDATE: portable, and it locks the row exactly like SELECT … FOR UPDATE would on PostgreSQL.
  return conn.exec("UPDATE applications SET updated_at = updated_at WHERE number = ?", {number});
}

Result<std::optional<ApplicationRow>> find_application(Connection& conn, int64_t id) {
  return find_one(conn, "WHERE a.id = ?", id);
}

Result<std::optional<ApplicationRow>> find_application_by_number(Connection& conn, const std::string& number) {
  return find_one(conn, "WHERE a.number = ?", number);
}

Result<std::optional<int64_t>> find_application_by_reference(Connection& conn, int64_t body_id,
                                                             const std::string& reference) {
  Result<Rows> rows =
      conn.query("SELECT id FROM applications WHERE body_id = ? AND reference = ?", {body_id, reference});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().get_int(0));
}

Result<std::vector<ApplicationRow>> list_open_applications(Connection& conn, int64_t body_id) {
  Result<Rows> rows = conn.query(
      std::string("SELECT ") + kColumns +
          "WHERE a.received_date IS NOT NULL AND a.replied_date IS NULL AND a.stage <> 'discarded' "
          "AND (? = 0 OR a.body_id = ?) "
          "ORDER BY CASE WHEN a.due_date IS NULL THEN 1 ELSE 0 END, a.due_date, a.number",
      {body_id, body_id});
  if (!rows) return rows.status();
  std::vector<ApplicationRow> out;
  for (const Row& r : *rows) out.push_back(read_row(r));
  return out;
}

Result<std::vector<ApplicationRow>> list_unfinished_applications(Connection& conn, int64_t body_id) {
  Result<Rows> rows = conn.query(
      std::string("SELECT ") + kColumns +
          "WHERE a.stage NOT IN ('archived', 'discarded') AND (? = 0 OR a.body_id = ?) "
          "ORDER BY CASE WHEN a.stage = 'submitted' THEN 0 WHEN a.due_date IS NULL THEN 2 ELSE 1 END, "
          "a.due_date, a.number",
      {body_id, body_id});
  if (!rows) return rows.status();
  std::vector<ApplicationRow> out;
  for (const Row& r : *rows) out.push_back(read_row(r));
  return out;
}

Result<std::vector<ApplicationRow>> list_applications_of_year(Connection& conn, int year) {
  const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year + 1) + "-01-01";
  Result<Rows> rows = conn.query(std::string("SELECT ") + kColumns +
                                     "WHERE (a.received_date >= ? AND a.received_date < ?) "
                                     "OR (a.replied_date >= ? AND a.replied_date < ?) ORDER BY a.number",
                                 {from, to, from, to});
  if (!rows) return rows.status();
  std::vector<ApplicationRow> out;
  for (const Row& r : *rows) out.push_back(read_row(r));
  return out;
}

Result<int64_t> append_application_event(Connection& conn, const ApplicationEventRow& e) {
  Result<Rows> rows = conn.query(
      "INSERT INTO application_events (application_id, seq, kind, on_date, days, outcome, detail, actor, created_at) "
      "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM application_events WHERE application_id = ? "
      "RETURNING seq",
      {e.application_id, e.kind, e.on_date, opt(e.days), opt(e.outcome), e.detail, e.actor, utc_now_iso(),
       e.application_id});
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<ApplicationEventRow>> list_application_events(Connection& conn, int64_t application_id) {
  Result<Rows> rows = conn.query(
      "SELECT application_id, seq, kind, on_date, days, outcome, detail, actor FROM application_events "
      "WHERE application_id = ? ORDER BY seq",
      {application_id});
  if (!rows) return rows.status();
  std::vector<ApplicationEventRow> out;
  for (const Row& r : *rows) {
    ApplicationEventRow e;
    e.application_id = r.get_int(0);
    e.seq = r.get_int(1);
    e.kind = r.get_text(2);
    e.on_date = r.get_text(3);
    if (!r.is_null(4)) e.days = r.get_int(4);
    e.outcome = r.get_opt_text(5);
    e.detail = r.get_text(6);
    e.actor = r.get_text(7);
    out.push_back(std::move(e));
  }
  return out;
}

Status insert_application_attachment(Connection& conn, int64_t application_id, int64_t position,
                                     const std::string& file_name, const std::string& sha256) {
  return conn.exec(
      "INSERT INTO application_attachments (application_id, position, file_name, sha256, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {application_id, position, file_name, sha256, utc_now_iso()});
}

Result<std::vector<ApplicationAttachmentRow>> list_application_attachments(Connection& conn, int64_t application_id) {
  Result<Rows> rows = conn.query(
      "SELECT a.position, a.file_name, a.sha256, bl.mime_type, bl.size_bytes FROM application_attachments a "
      "JOIN blobs bl ON bl.sha256 = a.sha256 WHERE a.application_id = ? ORDER BY a.position",
      {application_id});
  if (!rows) return rows.status();
  std::vector<ApplicationAttachmentRow> out;
  for (const Row& r : *rows) {
    out.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_int(4)});
  }
  return out;
}

Result<int64_t> count_sealed_ids(Connection& conn) {
  return conn.query_int("SELECT COUNT(*) FROM applications WHERE id_sealed IS NOT NULL");
}

Result<std::map<std::string, int64_t>> yearly_application_figures(Connection& conn, int64_t body_id,
                                                                  bool include_children, int year) {
  Result<Rows> rows = conn.query(
      "WITH RECURSIVE scope(id) AS (SELECT id FROM bodies WHERE id = ? "
      "UNION ALL SELECT b.id FROM bodies b JOIN scope s ON b.parent_id = s.id WHERE ? = 1) "
      "SELECT COUNT(*), "
      "COALESCE(SUM(CASE WHEN a.channel = 'online' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN a.channel = 'in_person' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN a.channel = 'mail' THEN 1 ELSE 0 END), 0) "
      "FROM applications a WHERE a.body_id IN (SELECT id FROM scope) "
      "AND a.received_date >= ? AND a.received_date < ?",
      {body_id, int64_t{include_children ? 1 : 0}, std::to_string(year) + "-01-01",
       std::to_string(year + 1) + "-01-01"});
  if (!rows) return rows.status();
  const Row& r = rows->front();
  return std::map<std::string, int64_t>{{"applications_received", r.get_int(0)},
                                        {"applications_online", r.get_int(1)},
                                        {"applications_in_person", r.get_int(2)},
                                        {"applications_mail", r.get_int(3)}};
}

}  // namespace gongkai::store
