// SQL of accounts, grants, sessions and sign-in throttling.
#include "store/accounts.h"

namespace gongkai::store {
namespace {

constexpr const char* kUserSelect =
    "SELECT u.id, u.login, u.display_name, u.body_id, b.code, u.password_hash, u.password_changed_at, "
    "u.disabled_at, u.last_login_at, u.created_at FROM users u JOIN bodies b ON b.id = u.body_id ";

UserRow to_user(const Row& row) {
  UserRow u;
  u.id = row.get_int(0);
  u.login = row.get_text(1);
  u.display_name = row.get_text(2);
  u.body_id = row.get_int(3);
  u.body_code = row.get_text(4);
  u.password_hash = row.get_text(5);
  u.password_changed_at = row.get_text(6);
  u.disabled_at = row.get_opt_text(7);
  u.last_login_at = row.get_opt_text(8);
  u.created_at = row.get_text(9);
  return u;
}

Result<std::optional<UserRow>> one_user(Result<Rows> rows) {
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<UserRow>();
  return std::optional<UserRow>(to_user(rows->front()));
}

// The number of rows a statement with "RETURNING 1" reported.
Result<int64_t> count_returned(Result<Rows> rows) {
  if (!rows) return rows.status();
  return static_cast<int64_t>(rows->size());
}

}  // namespace

Result<int64_t> insert_user(Connection& conn, const NewUser& user) {
  return conn.query_int(
      "INSERT INTO users (login, display_name, body_id, password_hash, password_changed_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {user.login, user.display_name, user.body_id, user.password_hash, user.created_at, user.created_at});
}

Result<std::optional<UserRow>> find_user_by_login(Connection& conn, const std::string& login) {
  return one_user(conn.query(std::string(kUserSelect) + "WHERE u.login = ?", {login}));
}

Result<std::optional<UserRow>> find_user_by_id(Connection& conn, int64_t user_id) {
  return one_user(conn.query(std::string(kUserSelect) + "WHERE u.id = ?", {user_id}));
}

Result<std::vector<UserRow>> list_users(Connection& conn) {
  Result<Rows> rows = conn.query(std::string(kUserSelect) + "ORDER BY u.login");
  if (!rows) return rows.status();
  std::vector<UserRow> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) out.push_back(to_user(row));
  return out;
}

Status set_password_hash(Connection& conn, int64_t user_id, const std::string& password_hash,
                         const std::string& changed_at) {
  return conn.exec("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                   {password_hash, changed_at, user_id});
}

Status set_disabled(Connection& conn, int64_t user_id, const std::string& disabled_at) {
  return conn.exec("UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                   {disabled_at, user_id});
}

Status set_last_login(Connection& conn, int64_t user_id, const std::string& at) {
  return conn.exec("UPDATE users SET last_login_at = ? WHERE id = ?", {at, user_id});
}

Result<bool> insert_grant(Connection& conn, int64_t user_id, const std::string& role, int64_t body_id,
                          const std::string& granted_at) {
  Result<int64_t> n = count_returned(
      conn.query("INSERT INTO role_grants (user_id, role, body_id, granted_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (user_id, role, body_id) DO NOTHING RETURNING 1",
                 {user_id, role, body_id, granted_at}));
  if (!n) return n.status();
  return *n > 0;
}

Result<bool> delete_grant(Connection& conn, int64_t user_id, const std::string& role, int64_t body_id) {
  Result<int64_t> n = count_returned(
      conn.query("DELETE FROM role_grants WHERE user_id = ? AND role = ? AND body_id = ? RETURNING 1",
                 {user_id, role, body_id}));
  if (!n) return n.status();
  return *n > 0;
}

Result<std::vector<GrantRow>> list_grants(Connection& conn, std::optional<int64_t> user_id) {
  const std::string sql =
      "SELECT g.user_id, g.role, g.body_id, b.code, g.granted_at FROM role_grants g JOIN bodies b ON b.id = "
      "g.body_id " +
      std::string(user_id ? "WHERE g.user_id = ? " : "") + "ORDER BY g.user_id, g.role, b.code";
  Result<Rows> rows = user_id ? conn.query(sql, {*user_id}) : conn.query(sql);
  if (!rows) return rows.status();
  std::vector<GrantRow> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    out.push_back(
        GrantRow{row.get_int(0), row.get_text(1), row.get_int(2), row.get_text(3), row.get_text(4)});
  }
  return out;
}

Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> grant_subtrees(Connection& conn,
                                                                               int64_t user_id) {
  // UNION (not UNION ALL) also ends the recursion should the tree ever hold a cycle.
  Result<Rows> rows = conn.query(
      "WITH RECURSIVE below(id, parent_id) AS ("
      "  SELECT id, parent_id FROM bodies WHERE id IN (SELECT body_id FROM role_grants WHERE user_id = ?) "
      "  UNION "
      "  SELECT b.id, b.parent_id FROM bodies b JOIN below ON b.parent_id = below.id"
      ") SELECT id, parent_id FROM below",
      {user_id});
  if (!rows) return rows.status();
  std::vector<std::pair<int64_t, std::optional<int64_t>>> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    out.emplace_back(row.get_int(0), row.is_null(1) ? std::nullopt : std::optional<int64_t>(row.get_int(1)));
  }
  return out;
}

Status insert_session(Connection& conn, const SessionRow& s) {
  return conn.exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at, "
      "remote_addr, "
      "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {s.token_hash, s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at, opt(s.remote_addr),
       opt(s.user_agent)});
}

Result<std::optional<SessionRow>> find_session(Connection& conn, const std::string& token_hash) {
  Result<Rows> rows = conn.query(
      "SELECT token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at, remote_addr, "
      "user_agent "
      "FROM sessions WHERE token_hash = ?",
      {token_hash});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<SessionRow>();
  const Row& row = rows->front();
  return std::optional<SessionRow>(SessionRow{row.get_text(0), row.get_int(1), row.get_text(2),
                                              row.get_text(3), row.get_text(4), row.get_text(5),
                                              row.get_opt_text(6), row.get_opt_text(7)});
}

Result<bool> touch_session(Connection& conn, const std::string& token_hash, const std::string& at) {
  Result<int64_t> n = count_returned(
      conn.query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ? RETURNING 1",
                 {at, token_hash, at}));
  if (!n) return n.status();
  return *n > 0;
}

Result<bool> delete_session(Connection& conn, const std::string& token_hash) {
  Result<int64_t> n =
      count_returned(conn.query("DELETE FROM sessions WHERE token_hash = ? RETURNING 1", {token_hash}));
  if (!n) return n.status();
  return *n > 0;
}

Result<int64_t> delete_user_sessions(Connection& conn, int64_t user_id) {
  return count_returned(conn.query("DELETE FROM sessions WHERE user_id = ? RETURNING 1", {user_id}));
}

Result<int64_t> delete_expired_sessions(Connection& conn, const std::string& now,
                                        const std::string& idle_cutoff) {
  return count_returned(conn.query(
      "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ? RETURNING 1", {now, idle_cutoff}));
}

Result<std::optional<std::string>> locked_until(
    Connection& conn, const std::vector<std::pair<std::string, std::string>>& subjects,
    const std::string& now) {
  std::optional<std::string> latest;
  for (const auto& [scope, subject] : subjects) {
    if (subject.empty()) continue;
    Result<Rows> rows = conn.query(
        "SELECT locked_until FROM login_throttle WHERE scope = ? AND subject = ? AND locked_until > ?",
        {scope, subject, now});
    if (!rows) return rows.status();
    if (rows->empty()) continue;
    std::string until = rows->front().get_text(0);
    if (!latest || until > *latest) latest = std::move(until);
  }
  return latest;
}

Result<int64_t> record_failure(Connection& conn, const std::string& scope, const std::string& subject,
                               const std::string& now, const std::string& window_cutoff) {
  // One statement, so that PostgreSQL's ON CONFLICT row lock makes concurrent failures count one by one.
  return conn.query_int(
      "INSERT INTO login_throttle (scope, subject, failures, window_started_at) VALUES (?, ?, 1, ?) "
      "ON CONFLICT (scope, subject) DO UPDATE SET "
      "  failures = CASE WHEN login_throttle.window_started_at <= ? THEN 1 ELSE login_throttle.failures + 1 "
      "END, "
      "  window_started_at = CASE WHEN login_throttle.window_started_at <= ? THEN ? "
      "                      ELSE login_throttle.window_started_at END "
      "RETURNING failures",
      {scope, subject, now, window_cutoff, window_cutoff, now});
}

Status lock_subject(Connection& conn, const std::string& scope, const std::string& subject,
                    const std::string& until) {
  return conn.exec("UPDATE login_throttle SET locked_until = ? WHERE scope = ? AND subject = ?",
                   {until, scope, subject});
}

Status clear_failures(Connection& conn, const std::string& scope, const std::string& subject) {
  return conn.exec("DELETE FROM login_throttle WHERE scope = ? AND subject = ?", {scope, subject});
}

Result<int64_t> delete_stale_throttle(Connection& conn, const std::string& window_cutoff,
                                      const std::string& now) {
  return count_returned(
      conn.query("DELETE FROM login_throttle WHERE window_started_at <= ? AND (locked_until IS NULL OR "
                 "locked_until <= ?) "
                 "RETURNING 1",
                 {window_cutoff, now}));
}

}  // namespace gongkai::store
