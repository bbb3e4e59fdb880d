// Staff accounts and the security core of the staff workspace: password hashing, sign-in with throttling and
// lockout, server-side sessions, CSRF tokens, and "may user U do action A on body B". Every change appends an
// audit entry in the same transaction (services/audit.h). docs/security.md describes the design and its
// limits.
//
// For a web handler, per request:
//   sign-in form      accounts.login(conn, {login, password, remote_addr, user_agent, old_cookie})
//                     -> NewSession: set cookie_value as an HttpOnly, Secure, SameSite=Lax cookie
//   every request     accounts.find_session(conn, cookie_value) -> the Session with its User, or nullopt
//   every POST        check_csrf(session, form_token); pages embed csrf_token(session)
//   every action      authorize(session.user, "item.publish", body_id)
//   sign-out          accounts.logout(conn, session, remote_addr)
//
// Connections passed in must not be inside a transaction: each operation runs its own (it hashes passwords
// outside any transaction, so that SQLite's write lock is never held across the slow hash).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/roles.h"
#include "services/audit.h"
#include "store/database.h"

namespace gongkai::services {

// Work factor of crypto_pwhash_str (argon2id): libsodium's "interactive" limits, about 64 MiB of memory and
// 0.1 s per hash. Every concurrent sign-in holds that much memory while it hashes. Hashes made with other
// limits still verify and are re-made with these at the next successful sign-in.
inline constexpr unsigned long long kPasswordOpsLimit = 2;     // crypto_pwhash_OPSLIMIT_INTERACTIVE
inline constexpr size_t kPasswordMemLimit = size_t{64} << 20;  // crypto_pwhash_MEMLIMIT_INTERACTIVE

struct SecurityPolicy {
  std::chrono::seconds session_lifetime = std::chrono::hours(12);  // absolute, from sign-in
  std::chrono::seconds session_idle = std::chrono::minutes(30);    // sliding
  // last_seen_at is written at most this often (idle expiry is exact to within this interval).
  std::chrono::seconds session_touch_interval = std::chrono::minutes(1);
  int max_login_failures = 5;     // per login name, within failure_window
  int max_address_failures = 20;  // per remote address (offices share one NAT address; docs/security.md)
  std::chrono::seconds failure_window = std::chrono::minutes(15);
  std::chrono::seconds lockout = std::chrono::minutes(15);
  unsigned long long password_ops_limit = kPasswordOpsLimit;
  size_t password_mem_limit = kPasswordMemLimit;
};

// A staff member as the permission checks see them, loaded with their grants.
struct User {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  int64_t body_id = 0;  // the unit the person works for
  std::string body_code;
  bool active = false;  // false once disabled
  std::vector<domain::Grant> grants;
  domain::BodyTree scope;  // the bodies at or below the grant bodies, as of loading
};

// OK if `user` may do `action` on body `body_id` (domain::authorize: the role table, the body tree, and
// nothing for a disabled user). Denials are kConflict with a message starting "permission denied"
// (domain::is_permission_denied); an action that does not exist is kInvalid (a bug at the call site).
Status authorize(const User& user, std::string_view action, int64_t body_id);

// A signed-in session. csrf_key is secret: never send it to the client.
struct Session {
  std::string token_hash;  // hex SHA-256 of the cookie value (what the database holds)
  std::string csrf_key;    // 32 raw bytes
  std::chrono::sys_seconds created_at{}, last_seen_at{}, expires_at{};
  User user;
};

struct NewSession {
  std::string
      cookie_value;  // 43 characters of base64url: 32 random bytes. The only copy: not stored anywhere.
  Session session;
};

// The CSRF token of `session`: base64url of HMAC-SHA-512/256 (crypto_auth) of the session's token hash, keyed
// with its per-session secret. The same for the whole session; embed it in every form.
std::string csrf_token(const Session& session);
// Whether `token` is the CSRF token of `session` (constant-time comparison; false for malformed tokens).
bool check_csrf(const Session& session, std::string_view token);

// Who asks for an account change. A signed-in user is checked against the permission table; the operator at
// the command line (user == nullptr) is trusted, as whoever runs gongkai can read the database anyway.
struct Actor {
  const User* user = nullptr;  // not owned; must outlive the call
  std::string label;           // the user's login, or "cli:<os user>"
  std::string remote_addr;     // "" for the command line
  static Actor command_line(std::string os_user) { return Actor{nullptr, "cli:" + os_user, ""}; }
  static Actor signed_in(const User& user, std::string remote_addr) {
    return Actor{&user, user.login, std::move(remote_addr)};
  }
};

struct NewUserSpec {
  std::string login;  // normalised to lower case
  std::string display_name;
  std::string body_code;  // the unit the person works for
  std::string role;       // granted on that body; "" for none
  std::string password;   // must pass domain::check_password
};

struct LoginAttempt {
  std::string login;
  std::string password;
  std::string remote_addr;  // "" if unknown: then only the per-login counter applies
  std::string user_agent;
  std::string old_cookie;  // the session cookie the browser sent with the form, if any: it is ended
};

struct UserListing {
  int64_t id = 0;
  std::string login, display_name, body_code;
  bool active = false;
  std::string created_at;
  std::optional<std::string> disabled_at, last_login_at;
  std::vector<std::pair<std::string, std::string>> grants;  // (role, body code)
};

struct PurgeReport {
  int64_t sessions = 0;
  int64_t throttle_rows = 0;
};

// A strong random password that passes domain::check_password for `login`: 20 characters from 57 letters and
// digits without look-alikes (about 116 bits).
std::string generate_password(std::string_view login);

// Thread safety: all methods are const and may be called from many threads at once, each with its own
// connection. libsodium must be initialised (sodium_init) before the first call.
class Accounts {
 public:
  explicit Accounts(SecurityPolicy policy = {}, Clock clock = system_clock());
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  const SecurityPolicy& policy() const { return policy_; }

  // ---- accounts (each appends one audit entry per change, in the same transaction)

  // Creates a user with `spec.role` on their body. Returns the new id.
  // Failures: kInvalid for a bad login name, password, unknown role or body; kConflict if the login is taken
  // or the actor may not (user.manage on the body; a global role only by one who holds it).
  Result<int64_t> create_user(store::Connection& conn, const Actor& actor, const NewUserSpec& spec) const;
  // Sets a new password for `login` (an administrator's reset) and ends all of that user's sessions.
  // kNotFound for an unknown login; kInvalid for a weak password; kConflict when the actor may not manage the
  // user (user.manage on the user's body and every body they hold a role on; a global role's holder only by
  // one who holds it too).
  Status set_password(store::Connection& conn, const Actor& actor, const std::string& login,
                      const std::string& new_password) const;
  // The signed-in user changes their own password: checks the current one (a wrong one counts as a failed
  // sign-in), ends every session of the user, and returns a fresh session to replace the current cookie.
  // kInvalid for a wrong current password or a weak new one; kConflict while the login is locked.
  Result<NewSession> change_own_password(store::Connection& conn, const Session& session,
                                         const std::string& current_password, const std::string& new_password,
                                         const std::string& remote_addr) const;
  // Disables `login` and ends its sessions; a disabled user can neither sign in nor do anything. Disabling
  // twice is OK and changes nothing. Same failures as set_password.
  Status disable_user(store::Connection& conn, const Actor& actor, const std::string& login) const;
  // Grants / revokes `role` on body `body_code`. Granting a held role or revoking one not held is OK and
  // changes nothing (no audit entry). kInvalid for an unknown role or body, kNotFound for an unknown login,
  // kConflict when the actor may not.
  Status grant_role(store::Connection& conn, const Actor& actor, const std::string& login,
                    const std::string& role, const std::string& body_code) const;
  Status revoke_role(store::Connection& conn, const Actor& actor, const std::string& login,
                     const std::string& role, const std::string& body_code) const;
  // Every user with their grants, ordered by login. (A web page shows only the users whose body the viewer
  // may user.manage.)
  Result<std::vector<UserListing>> list_users(store::Connection& conn) const;
  // The user with `user_id` and their grants, or nullopt.
  Result<std::optional<User>> load_user(store::Connection& conn, int64_t user_id) const;

  // ---- sign-in and sessions

  // Checks the credentials and, if they are right, starts a new session (a new token every time: no fixation;
  // `attempt.old_cookie`'s session is ended). Unknown logins cost the same password hash as known ones.
  // Failures, with messages fit to show on the form:
  //   kInvalid  "wrong login name or password" (also for disabled accounts), perhaps followed by the time
  //   until
  //             which signing in is now locked;
  //   kConflict "too many failed sign-in attempts; try again after <UTC time>" while the login name or the
  //             address is locked (nothing is checked or counted then), whether or not the login exists.
  Result<NewSession> login(store::Connection& conn, const LoginAttempt& attempt) const;
  // The live session for a cookie value, with its user, or nullopt (malformed, unknown, expired — an expired
  // session is deleted — or its user disabled). Slides the idle expiry, writing at most once per
  // session_touch_interval.
  Result<std::optional<Session>> find_session(store::Connection& conn, std::string_view cookie_value) const;
  // Ends the session (its cookie stops working at once on every node). OK if it had already ended.
  Status logout(store::Connection& conn, const Session& session, const std::string& remote_addr) const;
  // Deletes expired sessions and throttle counters whose window and lock are over. Safe to run at any time,
  // on any node (e.g. every few minutes).
  Result<PurgeReport> purge_expired(store::Connection& conn) const;

 private:
  std::chrono::sys_seconds now() const { return clock_(); }
  Result<std::string> hash_password(const std::string& password) const;
  // Verifies `password` against `hash`, or against a dummy hash when `hash` is nullopt (same cost).
  bool verify_password(const std::optional<std::string>& hash, const std::string& password) const;
  // Inserts a new session row for `user` (inside the caller's write transaction).
  Result<NewSession> start_session(store::Connection& conn, const User& user, const std::string& remote_addr,
                                   const std::string& user_agent) const;
  // Counts a failed sign-in of (login, address) and locks what crossed its threshold; returns the time until
  // which the login or address is now locked, if it is.
  Result<std::optional<std::string>> count_failure(store::Connection& conn, const std::string& login_subject,
                                                   const std::string& address) const;

  SecurityPolicy policy_;
  Clock clock_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;  // written once under dummy_once_
};

}  // namespace gongkai::services
