// SQL of the audit log.
#include "store/audit.h"

namespace gongkai::store {
namespace {

constexpr const char* kColumns =
    "id, at, actor_user_id, actor_label, remote_addr, action, entity_type, entity_id, body_id, before_json, "
    "after_json, prev_hash, hash";

std::optional<int64_t> opt_int(const Row& row, size_t column_idx) {
  if (row.is_null(column_idx)) return std::nullopt;
  return row.get_int(column_idx);
}

AuditRow to_audit_row(const Row& row) {
  AuditRow out;
  out.id = row.get_int(0);
  out.at = row.get_text(1);
  out.actor_user_id = opt_int(row, 2);
  out.actor_label = row.get_text(3);
  out.remote_addr = row.get_opt_text(4);
  out.action = row.get_text(5);
  out.entity_type = row.get_text(6);
  out.entity_id = row.get_opt_text(7);
  out.body_id = opt_int(row, 8);
  out.before_json = row.get_opt_text(9);
  out.after_json = row.get_opt_text(10);
  out.prev_hash = row.get_text(11);
  out.hash = row.get_text(12);
  return out;
}

}  // namespace

Status lock_audit_chain(Connection& conn) {
  if (!conn.in_transaction())
    return Status::internal("audit entries must be appended inside a write transaction");
  if (conn.dialect() == Dialect::kSqlite) return Status::ok();
  return conn.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAuditChainLockKey) + ")");
}

Result<std::optional<AuditHead>> audit_head(Connection& conn) {
  Result<Rows> rows = conn.query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<AuditHead>();
  return std::optional<AuditHead>(AuditHead{rows->front().get_int(0), rows->front().get_text(1)});
}

Status insert_audit_row(Connection& conn, const AuditRow& row) {
  return conn.exec(
      std::string("INSERT INTO audit_log (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {row.id, row.at, opt(row.actor_user_id), row.actor_label, opt(row.remote_addr), row.action,
       row.entity_type, opt(row.entity_id), opt(row.body_id), opt(row.before_json), opt(row.after_json),
       row.prev_hash, row.hash});
}

Result<std::vector<AuditRow>> read_audit_rows(Connection& conn, int64_t after_id, int64_t limit) {
  Result<Rows> rows =
      conn.query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                 {after_id, limit});
  if (!rows) return rows.status();
  std::vector<AuditRow> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) out.push_back(to_audit_row(row));
  return out;
}

Status for_each_audit_row(Connection& conn, int64_t batch,
                          const std::function<Status(const AuditRow&)>& visit) {
  int64_t after_id = 0;
  for (;;) {
    Result<std::vector<AuditRow>> rows = read_audit_rows(conn, after_id, batch);
    if (!rows) return rows.status();
    for (const AuditRow& row : *rows) GK_RETURN_IF_ERROR(visit(row));
    if (static_cast<int64_t>(rows->size()) < batch) return Status::ok();
    after_id = rows->back().id;
  }
}

}  // namespace gongkai::store
