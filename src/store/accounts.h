// Repository of staff accounts, role grants, sessions and sign-in throttling (migration 002). All SQL for
// them lives here; the rules (hashing, expiry, lockout) are in services/accounts. Timestamps are UTC
// ISO-8601 text ("YYYY-MM-DDTHH:MM:SSZ"), which sorts and compares like the instants it names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

// ---- users

struct UserRow {
  int64_t id = 0;
  std::string login;  // normalised
  std::string display_name;
  int64_t body_id = 0;
  std::string body_code;
  std::string password_hash;
  std::string password_changed_at;
  std::optional<std::string> disabled_at;
  std::optional<std::string> last_login_at;
  std::string created_at;
};

struct NewUser {
  std::string login, display_name;
  int64_t body_id = 0;
  std::string password_hash;
  std::string created_at;
};

// Inserts a user (password_changed_at = created_at). kConflict if the login is taken. Returns the new id.
Result<int64_t> insert_user(Connection& conn, const NewUser& user);
// The user with this (normalised) login or id, or nullopt.
Result<std::optional<UserRow>> find_user_by_login(Connection& conn, const std::string& login);
Result<std::optional<UserRow>> find_user_by_id(Connection& conn, int64_t user_id);
// All users, ordered by login.
Result<std::vector<UserRow>> list_users(Connection& conn);
Status set_password_hash(Connection& conn, int64_t user_id, const std::string& password_hash,
                         const std::string& changed_at);
Status set_disabled(Connection& conn, int64_t user_id, const std::string& disabled_at);
Status set_last_login(Connection& conn, int64_t user_id, const std::string& at);

// ---- role grants

struct GrantRow {
  int64_t user_id = 0;
  std::string role;
  int64_t body_id = 0;
  std::string body_code;
  std::string granted_at;
};

// Adds a grant; returns false (changing nothing) if the user already holds it.
Result<bool> insert_grant(Connection& conn, int64_t user_id, const std::string& role, int64_t body_id,
                          const std::string& granted_at);
// Removes a grant; returns false if the user did not hold it.
Result<bool> delete_grant(Connection& conn, int64_t user_id, const std::string& role, int64_t body_id);
// The grants of one user, or of every user (user_id = nullopt), ordered by user, role, body code.
Result<std::vector<GrantRow>> list_grants(Connection& conn, std::optional<int64_t> user_id);

// (id, parent id) of every body at or below the bodies the user holds grants on: the part of the tree that
// decides the user's permissions (domain::BodyTree).
Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> grant_subtrees(Connection& conn,
                                                                               int64_t user_id);

// ---- sessions

struct SessionRow {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_secret;
  std::string created_at, last_seen_at, expires_at;
  std::optional<std::string> remote_addr, user_agent;
};

// kConflict if the token hash exists (a 256-bit collision: never in practice).
Status insert_session(Connection& conn, const SessionRow& session);
// The session with `token_hash`, or nullopt.
Result<std::optional<SessionRow>> find_session(Connection& conn, const std::string& token_hash);
// Sets last_seen_at = `at` unless it is already >= `at` (no write then). Returns whether a row changed.
Result<bool> touch_session(Connection& conn, const std::string& token_hash, const std::string& at);
// Returns whether a session was deleted.
Result<bool> delete_session(Connection& conn, const std::string& token_hash);
// Deletes every session of the user; returns how many.
Result<int64_t> delete_user_sessions(Connection& conn, int64_t user_id);
// Deletes sessions past their absolute expiry (expires_at <= now) or idle since `idle_cutoff`
// (last_seen_at <= idle_cutoff); returns how many.
Result<int64_t> delete_expired_sessions(Connection& conn, const std::string& now,
                                        const std::string& idle_cutoff);

// ---- sign-in throttling

inline constexpr const char* kThrottleLogin = "login";
inline constexpr const char* kThrottleAddress = "address";

// The latest locked_until later than `now` among the rows (scope, subject) given; nullopt if none is locked.
// Pairs with an empty subject are skipped.
Result<std::optional<std::string>> locked_until(
    Connection& conn, const std::vector<std::pair<std::string, std::string>>& subjects,
    const std::string& now);
// Counts one failure of (scope, subject) at `now`: a window that started at or before `window_cutoff` (or
// none) restarts at `now` with 1 failure; otherwise the count grows by one. Atomic against concurrent callers
// on both dialects (one upsert statement). Returns the count after this failure.
Result<int64_t> record_failure(Connection& conn, const std::string& scope, const std::string& subject,
                               const std::string& now, const std::string& window_cutoff);
// Sets locked_until of an existing (scope, subject) row.
Status lock_subject(Connection& conn, const std::string& scope, const std::string& subject,
                    const std::string& until);
// Forgets the failures of (scope, subject).
Status clear_failures(Connection& conn, const std::string& scope, const std::string& subject);
// Deletes rows whose window started at or before `window_cutoff` and that are not locked after `now`.
Result<int64_t> delete_stale_throttle(Connection& conn, const std::string& window_cutoff,
                                      const std::string& now);

}  // namespace gongkai::store
