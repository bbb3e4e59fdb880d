// Repository of the audit log (audit_log, migration 002). All SQL for it lives here; the hash chain itself is
// computed by services/audit, which is the only writer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct AuditRow {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> actor_user_id;
  std::string actor_label;
  std::optional<std::string> remote_addr;
  std::string action;
  std::string entity_type;
  std::optional<std::string> entity_id;
  std::optional<int64_t> body_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string prev_hash;
  std::string hash;
};

// The newest entry's id and hash.
struct AuditHead {
  int64_t id = 0;
  std::string hash;
};

// Makes the calling write transaction the only appender until it ends. SQLite: nothing to do (BEGIN IMMEDIATE
// already holds the database's write lock). PostgreSQL: pg_advisory_xact_lock(kAuditChainLockKey), released
// at COMMIT or ROLLBACK. Must be called inside a write transaction, before audit_head().
Status lock_audit_chain(Connection& conn);

// The key of the PostgreSQL advisory lock that serialises appenders ("gkaudit" in ASCII).
inline constexpr int64_t kAuditChainLockKey = 0x676b6175646974;

// The newest entry, or nullopt for an empty log.
Result<std::optional<AuditHead>> audit_head(Connection& conn);

// Inserts `row` with its id as given. kConflict if the id or prev_hash is taken (a fork that the lock should
// have prevented) or the hash repeats.
Status insert_audit_row(Connection& conn, const AuditRow& row);

// Up to `limit` entries with id > after_id, in id order (keyset paging: pass the last id seen).
Result<std::vector<AuditRow>> read_audit_rows(Connection& conn, int64_t after_id, int64_t limit);

// Calls `visit` for every entry in id order, reading `batch` rows per query, and stops at the first non-OK
// status it returns (returning that status). Run it inside a read transaction for a consistent snapshot.
Status for_each_audit_row(Connection& conn, int64_t batch,
                          const std::function<Status(const AuditRow&)>& visit);

}  // namespace gongkai::store
