// The audit log (DESIGN.md: "every change made by staff is recorded in an append-only audit log"): appending
// hash-chained entries inside the caller's transaction, verifying the chain, and reading it back for export.
// The canonical serialisation that the hashes cover is specified in docs/security.md.
//
// Every service that changes data on behalf of staff appends one entry per change, in the same write
// transaction as the change, as the LAST statement of that transaction: the append takes the chain lock
// (PostgreSQL: an advisory lock held to COMMIT), and taking it last keeps lock waits short and deadlock-free.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/audit.h"
#include "store/database.h"

namespace gongkai::services {

// The time source of the security services, to the second. Tests pass a fake; production uses system_clock().
using Clock = std::function<std::chrono::sys_seconds()>;
Clock system_clock();
// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(std::chrono::sys_seconds t);
// Parses exactly the format of format_utc; nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text);

// Who did something: a signed-in user, or the system / an operator at the command line (user_id empty).
struct AuditActor {
  std::optional<int64_t> user_id;
  std::string label;        // the user's login, or "cli:<os user>", "system"
  std::string remote_addr;  // "" when there is none (command line)
};

struct AuditEvent {
  AuditActor actor;
  std::string action;       // e.g. "user.create"; dotted, lower case
  std::string entity_type;  // e.g. "user"
  std::string entity_id;    // "" for none
  std::optional<int64_t> body_id;
  nlohmann::json before;  // null for none; objects are redacted (below) before they are stored
  nlohmann::json after;
};

// The hash of the (virtual) entry before the first: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// `value` with every object member whose name contains "password", "token" or "secret" (ignoring ASCII case),
// at any depth, replaced by the string "[redacted]".
nlohmann::json redact_secrets(const nlohmann::json& value);

// The canonical serialisation of `row` that its hash covers (every column but `hash`, prev_hash included).
std::string audit_canonical_form(const store::AuditRow& row);
// Hex SHA-256 of audit_canonical_form(row).
std::string audit_entry_hash(const store::AuditRow& row);

// Appends `event` at time `at` to the chain. Must run inside a write transaction on `conn` (kInternal if
// not), which it serialises against every other appender until COMMIT/ROLLBACK. Returns the new entry's id.
// Failures: kInvalid for an empty action, entity type or actor label; store errors otherwise.
Result<int64_t> append_audit(store::Connection& conn, const AuditEvent& event, std::chrono::sys_seconds at);

struct AuditVerifyReport {
  bool intact = true;
  int64_t entries = 0;       // entries checked (all of them when intact)
  std::string head_hash;     // hash of the newest entry when intact ("" for an empty log)
  int64_t first_bad_id = 0;  // when not intact: the first entry that fails
  std::string problem;       // when not intact: why, in one sentence
};

// Walks the whole chain in id order in one read snapshot and reports the first entry whose stored hash does
// not match its contents (changed in place), whose prev_hash is not the previous entry's hash (an entry
// before it changed, deleted or moved), or whose id does not follow the previous one (deleted entries). Store
// errors are failures; tampering is a report with intact == false. Deleting the newest entries leaves a
// shorter, intact chain: compare `entries` and `head_hash` with a copy kept elsewhere (docs/security.md).
Result<AuditVerifyReport> verify_audit(store::Connection& conn);

// Calls `visit` for every entry in id order, from one read snapshot; stops at and returns the first non-OK
// status `visit` returns.
Status export_audit(store::Connection& conn, const std::function<Status(const store::AuditRow&)>& visit);

// An entry as one JSON object (the before/after texts parsed back into JSON; a text that no longer parses is
// kept as a string).
nlohmann::json audit_row_to_json(const store::AuditRow& row);

}  // namespace gongkai::services
