// Accounts, sign-in, sessions, CSRF and authorisation (see accounts.h and docs/security.md).
#include "services/accounts.h"

#include <sodium.h>

#include <algorithm>

#include "common/sha256.h"
#include "domain/password_policy.h"
#include "store/accounts.h"
#include "store/bodies.h"

namespace gongkai::services {
namespace {

static_assert(kPasswordOpsLimit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(kPasswordMemLimit == crypto_pwhash_MEMLIMIT_INTERACTIVE);

constexpr size_t kTokenBytes = 32;
constexpr size_t kCookieLength = 43;  // base64url of 32 bytes without padding
constexpr size_t kMaxThrottleSubject = 128;
constexpr std::string_view kWrongCredentials = "wrong login name or password";
constexpr std::string_view kPasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
constexpr size_t kGeneratedPasswordLength = 20;

std::string to_base64url(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string to_hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.resize(n * 2);
  return out;
}

// The bytes of hex `text`, or nullopt if it is not exactly `n` bytes of hex.
std::optional<std::string> from_hex(std::string_view text, size_t n) {
  std::string out(n, '\0');
  size_t bin_len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), n, text.data(), text.size(), nullptr,
                     &bin_len, nullptr) != 0 ||
      bin_len != n || text.size() != n * 2) {
    return std::nullopt;
  }
  return out;
}

bool is_cookie_value(std::string_view value) {
  if (value.size() != kCookieLength) return false;
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// A login name as a throttle key: normalised, and capped so that hostile input cannot grow the table's rows.
std::string throttle_subject(const std::string& login) {
  std::string subject = domain::normalize_login(login);
  if (subject.size() > kMaxThrottleSubject) subject.resize(kMaxThrottleSubject);
  return subject;
}

std::string capped(std::string text, size_t max) {
  if (text.size() > max) text.resize(max);
  return text;
}

AuditActor audit_actor(const Actor& actor) {
  AuditActor out;
  if (actor.user) out.user_id = actor.user->id;
  out.label = actor.label;
  out.remote_addr = actor.remote_addr;
  return out;
}

// The actor may change `target`: user.manage on the target's body and on every body the target holds a role
// on; a global role's holder only by one who holds the same role.
Status check_may_manage(const Actor& actor, const store::UserRow& target,
                        const std::vector<store::GrantRow>& target_grants) {
  if (!actor.user) return Status::ok();
  GK_RETURN_IF_ERROR(authorize(*actor.user, "user.manage", target.body_id));
  for (const store::GrantRow& grant : target_grants) {
    const domain::RoleDef* role = domain::find_role(grant.role);
    if (role && role->global) {
      const bool holds = std::any_of(actor.user->grants.begin(), actor.user->grants.end(),
                                     [&](const domain::Grant& g) { return g.role == grant.role; });
      if (!holds) return domain::permission_denied("only a " + grant.role + " may change " + target.login);
      continue;
    }
    GK_RETURN_IF_ERROR(authorize(*actor.user, "user.manage", grant.body_id));
  }
  return Status::ok();
}

// The actor may grant or revoke `role` on `body_id`.
Status check_may_grant(const Actor& actor, const domain::RoleDef& role, int64_t body_id) {
  if (!actor.user) return Status::ok();
  GK_RETURN_IF_ERROR(authorize(*actor.user, "user.manage", body_id));
  if (!role.global) return Status::ok();
  const bool holds = std::any_of(actor.user->grants.begin(), actor.user->grants.end(),
                                 [&](const domain::Grant& g) { return g.role == role.code; });
  if (!holds)
    return domain::permission_denied("only a " + std::string(role.code) + " may grant or revoke it");
  return Status::ok();
}

nlohmann::json user_json(const store::UserRow& user) {
  return {{"login", user.login},
          {"display_name", user.display_name},
          {"body", user.body_code},
          {"disabled_at", user.disabled_at ? nlohmann::json(*user.disabled_at) : nlohmann::json()}};
}

// Looks up the user `login` and their grants; kNotFound if there is none.
struct Target {
  store::UserRow user;
  std::vector<store::GrantRow> grants;
};
Result<Target> find_target(store::Connection& conn, const std::string& login) {
  const std::string normalised = domain::normalize_login(login);
  Result<std::optional<store::UserRow>> user = store::find_user_by_login(conn, normalised);
  if (!user) return user.status();
  if (!*user) return Status::not_found("no user with login '" + normalised + "'");
  Result<std::vector<store::GrantRow>> grants = store::list_grants(conn, (*user)->id);
  if (!grants) return grants.status();
  return Target{std::move(**user), std::move(*grants)};
}

Status require_no_transaction(const store::Connection& conn) {
  if (conn.in_transaction()) return Status::internal("account operations run their own transaction");
  return Status::ok();
}

}  // namespace

Status authorize(const User& user, std::string_view action, int64_t body_id) {
  return domain::authorize(user.active, user.grants, user.scope, action, body_id);
}

std::string csrf_token(const Session& session) {
  unsigned char tag[crypto_auth_BYTES];
  crypto_auth(tag, reinterpret_cast<const unsigned char*>(session.token_hash.data()),
              session.token_hash.size(), reinterpret_cast<const unsigned char*>(session.csrf_key.data()));
  return to_base64url(tag, sizeof tag);
}

bool check_csrf(const Session& session, std::string_view token) {
  if (session.csrf_key.size() != crypto_auth_KEYBYTES) return false;
  unsigned char tag[crypto_auth_BYTES];
  size_t tag_len = 0;
  if (sodium_base642bin(tag, sizeof tag, token.data(), token.size(), nullptr, &tag_len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      tag_len != sizeof tag) {
    return false;
  }
  return crypto_auth_verify(tag, reinterpret_cast<const unsigned char*>(session.token_hash.data()),
                            session.token_hash.size(),
                            reinterpret_cast<const unsigned char*>(session.csrf_key.data())) == 0;
}

std::string generate_password(std::string_view login) {
  for (;;) {
    std::string password;
    for (size_t char_idx = 0; char_idx < kGeneratedPasswordLength; ++char_idx) {
      password += kPasswordAlphabet[randombytes_uniform(static_cast<uint32_t>(kPasswordAlphabet.size()))];
    }
    if (domain::check_password(password, login)) return password;
  }
}

Accounts::Accounts(SecurityPolicy policy, Clock clock) : policy_(policy), clock_(std::move(clock)) {}

Result<std::string> Accounts::hash_password(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), policy_.password_ops_limit,
                        policy_.password_mem_limit) != 0) {
    return Status::internal("password hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool Accounts::verify_password(const std::optional<std::string>& hash, const std::string& password) const {
  if (!hash) {
    std::call_once(dummy_once_, [this] {
      unsigned char random[16];
      randombytes_buf(random, sizeof random);
      Result<std::string> dummy = hash_password(to_hex(random, sizeof random));
      dummy_hash_ = dummy ? *dummy : std::string();
    });
    // The outcome is irrelevant: the dummy's password is random and thrown away. Only the work counts.
    const int ignored = crypto_pwhash_str_verify(dummy_hash_.c_str(), password.data(), password.size());
    static_cast<void>(ignored);
    return false;
  }
  return crypto_pwhash_str_verify(hash->c_str(), password.data(), password.size()) == 0;
}

Result<NewSession> Accounts::start_session(store::Connection& conn, const User& user,
                                           const std::string& remote_addr,
                                           const std::string& user_agent) const {
  unsigned char token[kTokenBytes];
  randombytes_buf(token, sizeof token);
  unsigned char csrf_key[crypto_auth_KEYBYTES];
  crypto_auth_keygen(csrf_key);
  NewSession out;
  out.cookie_value = to_base64url(token, sizeof token);
  sodium_memzero(token, sizeof token);
  out.session.token_hash = sha256_hex(out.cookie_value);
  out.session.csrf_key.assign(reinterpret_cast<const char*>(csrf_key), sizeof csrf_key);
  out.session.created_at = now();
  out.session.last_seen_at = out.session.created_at;
  out.session.expires_at = out.session.created_at + policy_.session_lifetime;
  out.session.user = user;
  store::SessionRow row;
  row.token_hash = out.session.token_hash;
  row.user_id = user.id;
  row.csrf_secret = to_hex(csrf_key, sizeof csrf_key);
  sodium_memzero(csrf_key, sizeof csrf_key);
  row.created_at = format_utc(out.session.created_at);
  row.last_seen_at = row.created_at;
  row.expires_at = format_utc(out.session.expires_at);
  if (!remote_addr.empty()) row.remote_addr = capped(remote_addr, 64);
  if (!user_agent.empty()) row.user_agent = capped(user_agent, 512);
  GK_RETURN_IF_ERROR(store::insert_session(conn, row));
  return out;
}

Result<std::optional<std::string>> Accounts::count_failure(store::Connection& conn,
                                                           const std::string& login_subject,
                                                           const std::string& address) const {
  const std::chrono::sys_seconds t = now();
  const std::string at = format_utc(t);
  const std::string window_cutoff = format_utc(t - policy_.failure_window);
  const std::string until = format_utc(t + policy_.lockout);
  std::optional<std::string> locked;
  struct Counter {
    const char* scope;
    const std::string& subject;
    int max;
  };
  for (const Counter& counter : {Counter{store::kThrottleLogin, login_subject, policy_.max_login_failures},
                                 Counter{store::kThrottleAddress, address, policy_.max_address_failures}}) {
    if (counter.subject.empty()) continue;
    Result<int64_t> failures = store::record_failure(conn, counter.scope, counter.subject, at, window_cutoff);
    if (!failures) return failures.status();
    if (*failures < counter.max) continue;
    GK_RETURN_IF_ERROR(store::lock_subject(conn, counter.scope, counter.subject, until));
    locked = until;
  }
  return locked;
}

Result<std::optional<User>> Accounts::load_user(store::Connection& conn, int64_t user_id) const {
  Result<std::optional<store::UserRow>> row = store::find_user_by_id(conn, user_id);
  if (!row) return row.status();
  if (!*row) return std::optional<User>();
  User user;
  user.id = (*row)->id;
  user.login = (*row)->login;
  user.display_name = (*row)->display_name;
  user.body_id = (*row)->body_id;
  user.body_code = (*row)->body_code;
  user.active = !(*row)->disabled_at;
  Result<std::vector<store::GrantRow>> grants = store::list_grants(conn, user_id);
  if (!grants) return grants.status();
  for (const store::GrantRow& g : *grants) user.grants.push_back(domain::Grant{g.role, g.body_id});
  Result<std::vector<std::pair<int64_t, std::optional<int64_t>>>> links =
      store::grant_subtrees(conn, user_id);
  if (!links) return links.status();
  user.scope = domain::BodyTree(*links);
  return std::optional<User>(std::move(user));
}

Result<int64_t> Accounts::create_user(store::Connection& conn, const Actor& actor,
                                      const NewUserSpec& spec) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const std::string login = domain::normalize_login(spec.login);
  GK_RETURN_IF_ERROR(domain::check_login_name(login));
  if (spec.display_name.empty()) return Status::invalid("display name is required");
  const domain::RoleDef* role = nullptr;
  if (!spec.role.empty()) {
    role = domain::find_role(spec.role);
    if (!role) return Status::invalid("unknown role '" + spec.role + "'");
  }
  GK_RETURN_IF_ERROR(domain::check_password(spec.password, login));
  Result<std::string> hash = hash_password(spec.password);
  if (!hash) return hash.status();

  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, spec.body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("body '" + spec.body_code + "' does not exist");
  const int64_t body_id = (*body)->id;
  if (actor.user) GK_RETURN_IF_ERROR(authorize(*actor.user, "user.manage", body_id));
  if (role) GK_RETURN_IF_ERROR(check_may_grant(actor, *role, body_id));
  Result<std::optional<store::UserRow>> existing = store::find_user_by_login(conn, login);
  if (!existing) return existing.status();
  if (*existing) return Status::conflict("login '" + login + "' is taken");

  const std::chrono::sys_seconds t = now();
  const std::string at = format_utc(t);
  Result<int64_t> id = store::insert_user(conn, store::NewUser{login, spec.display_name, body_id, *hash, at});
  if (!id) return id.status();
  nlohmann::json roles = nlohmann::json::array();
  if (role) {
    Result<bool> granted = store::insert_grant(conn, *id, spec.role, body_id, at);
    if (!granted) return granted.status();
    roles.push_back({{"role", spec.role}, {"body", spec.body_code}});
  }
  AuditEvent event;
  event.actor = audit_actor(actor);
  event.action = "user.create";
  event.entity_type = "user";
  event.entity_id = std::to_string(*id);
  event.body_id = body_id;
  event.after = {
      {"login", login}, {"display_name", spec.display_name}, {"body", spec.body_code}, {"roles", roles}};
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status Accounts::set_password(store::Connection& conn, const Actor& actor, const std::string& login,
                              const std::string& new_password) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const std::string normalised = domain::normalize_login(login);
  GK_RETURN_IF_ERROR(domain::check_password(new_password, normalised));
  Result<std::string> hash = hash_password(new_password);
  if (!hash) return hash.status();

  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<Target> target = find_target(conn, normalised);
  if (!target) return target.status();
  GK_RETURN_IF_ERROR(check_may_manage(actor, target->user, target->grants));
  const std::chrono::sys_seconds t = now();
  GK_RETURN_IF_ERROR(store::set_password_hash(conn, target->user.id, *hash, format_utc(t)));
  Result<int64_t> revoked = store::delete_user_sessions(conn, target->user.id);
  if (!revoked) return revoked.status();
  AuditEvent event;
  event.actor = audit_actor(actor);
  event.action = "user.password_reset";
  event.entity_type = "user";
  event.entity_id = std::to_string(target->user.id);
  event.body_id = target->user.body_id;
  event.after = {{"login", target->user.login}, {"sessions_ended", *revoked}};
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  return tx.commit();
}

Result<NewSession> Accounts::change_own_password(store::Connection& conn, const Session& session,
                                                 const std::string& current_password,
                                                 const std::string& new_password,
                                                 const std::string& remote_addr) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const User& user = session.user;
  Result<std::optional<std::string>> locked =
      store::locked_until(conn, {{store::kThrottleLogin, user.login}}, format_utc(now()));
  if (!locked) return locked.status();
  if (*locked) return Status::conflict("too many failed sign-in attempts; try again after " + **locked);
  Result<std::optional<store::UserRow>> row = store::find_user_by_id(conn, user.id);
  if (!row) return row.status();
  if (!*row || (*row)->disabled_at) return Status::invalid("the account is disabled");
  if (!verify_password((*row)->password_hash, current_password)) {
    store::Transaction tx(conn, store::TxMode::kWrite);
    GK_RETURN_IF_ERROR(tx.status());
    Result<std::optional<std::string>> now_locked = count_failure(conn, user.login, remote_addr);
    if (!now_locked) return now_locked.status();
    AuditEvent event;
    event.actor = {user.id, user.login, remote_addr};
    event.action = "user.password_change_refused";
    event.entity_type = "user";
    event.entity_id = std::to_string(user.id);
    event.body_id = user.body_id;
    event.after = {{"reason", "wrong_current_password"}};
    Result<int64_t> entry = append_audit(conn, event, now());
    if (!entry) return entry.status();
    GK_RETURN_IF_ERROR(tx.commit());
    return Status::invalid("the current password is wrong");
  }
  GK_RETURN_IF_ERROR(domain::check_password(new_password, user.login));
  Result<std::string> hash = hash_password(new_password);
  if (!hash) return hash.status();

  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  const std::chrono::sys_seconds t = now();
  GK_RETURN_IF_ERROR(store::set_password_hash(conn, user.id, *hash, format_utc(t)));
  Result<int64_t> revoked = store::delete_user_sessions(conn, user.id);
  if (!revoked) return revoked.status();
  Result<NewSession> fresh = start_session(conn, user, remote_addr, "");
  if (!fresh) return fresh.status();
  AuditEvent event;
  event.actor = {user.id, user.login, remote_addr};
  event.action = "user.password_change";
  event.entity_type = "user";
  event.entity_id = std::to_string(user.id);
  event.body_id = user.body_id;
  event.after = {{"sessions_ended", *revoked}};
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return fresh;
}

Status Accounts::disable_user(store::Connection& conn, const Actor& actor, const std::string& login) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<Target> target = find_target(conn, login);
  if (!target) return target.status();
  GK_RETURN_IF_ERROR(check_may_manage(actor, target->user, target->grants));
  if (target->user.disabled_at) return Status::ok();
  const std::chrono::sys_seconds t = now();
  const std::string at = format_utc(t);
  GK_RETURN_IF_ERROR(store::set_disabled(conn, target->user.id, at));
  Result<int64_t> revoked = store::delete_user_sessions(conn, target->user.id);
  if (!revoked) return revoked.status();
  AuditEvent event;
  event.actor = audit_actor(actor);
  event.action = "user.disable";
  event.entity_type = "user";
  event.entity_id = std::to_string(target->user.id);
  event.body_id = target->user.body_id;
  event.before = user_json(target->user);
  store::UserRow after = target->user;
  after.disabled_at = at;
  event.after = user_json(after);
  event.after["sessions_ended"] = *revoked;
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  return tx.commit();
}

Status Accounts::grant_role(store::Connection& conn, const Actor& actor, const std::string& login,
                            const std::string& role, const std::string& body_code) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const domain::RoleDef* def = domain::find_role(role);
  if (!def) return Status::invalid("unknown role '" + role + "'");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<Target> target = find_target(conn, login);
  if (!target) return target.status();
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("body '" + body_code + "' does not exist");
  GK_RETURN_IF_ERROR(check_may_manage(actor, target->user, target->grants));
  GK_RETURN_IF_ERROR(check_may_grant(actor, *def, (*body)->id));
  const std::chrono::sys_seconds t = now();
  Result<bool> granted = store::insert_grant(conn, target->user.id, role, (*body)->id, format_utc(t));
  if (!granted) return granted.status();
  if (!*granted) return Status::ok();
  AuditEvent event;
  event.actor = audit_actor(actor);
  event.action = "role.grant";
  event.entity_type = "user";
  event.entity_id = std::to_string(target->user.id);
  event.body_id = (*body)->id;
  event.after = {{"login", target->user.login}, {"role", role}, {"body", body_code}};
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  return tx.commit();
}

Status Accounts::revoke_role(store::Connection& conn, const Actor& actor, const std::string& login,
                             const std::string& role, const std::string& body_code) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const domain::RoleDef* def = domain::find_role(role);
  if (!def) return Status::invalid("unknown role '" + role + "'");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<Target> target = find_target(conn, login);
  if (!target) return target.status();
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("body '" + body_code + "' does not exist");
  GK_RETURN_IF_ERROR(check_may_manage(actor, target->user, target->grants));
  GK_RETURN_IF_ERROR(check_may_grant(actor, *def, (*body)->id));
  Result<bool> revoked = store::delete_grant(conn, target->user.id, role, (*body)->id);
  if (!revoked) return revoked.status();
  if (!*revoked) return Status::ok();
  AuditEvent event;
  event.actor = audit_actor(actor);
  event.action = "role.revoke";
  event.entity_type = "user";
  event.entity_id = std::to_string(target->user.id);
  event.body_id = (*body)->id;
  event.before = {{"login", target->user.login}, {"role", role}, {"body", body_code}};
  Result<int64_t> entry = append_audit(conn, event, now());
  if (!entry) return entry.status();
  return tx.commit();
}

Result<std::vector<UserListing>> Accounts::list_users(store::Connection& conn) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<store::UserRow>> users = store::list_users(conn);
  if (!users) return users.status();
  Result<std::vector<store::GrantRow>> grants = store::list_grants(conn, std::nullopt);
  if (!grants) return grants.status();
  std::vector<UserListing> out;
  out.reserve(users->size());
  for (const store::UserRow& u : *users) {
    UserListing listing;
    listing.id = u.id;
    listing.login = u.login;
    listing.display_name = u.display_name;
    listing.body_code = u.body_code;
    listing.active = !u.disabled_at;
    listing.created_at = u.created_at;
    listing.disabled_at = u.disabled_at;
    listing.last_login_at = u.last_login_at;
    for (const store::GrantRow& g : *grants) {
      if (g.user_id == u.id) listing.grants.emplace_back(g.role, g.body_code);
    }
    out.push_back(std::move(listing));
  }
  return out;
}

Result<NewSession> Accounts::login(store::Connection& conn, const LoginAttempt& attempt) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const std::string subject = throttle_subject(attempt.login);
  const std::string address = capped(attempt.remote_addr, kMaxThrottleSubject);
  const std::vector<std::pair<std::string, std::string>> counters = {{store::kThrottleLogin, subject},
                                                                     {store::kThrottleAddress, address}};
  Result<std::optional<std::string>> locked = store::locked_until(conn, counters, format_utc(now()));
  if (!locked) return locked.status();
  if (*locked) return Status::conflict("too many failed sign-in attempts; try again after " + **locked);

  // Every path below costs one password hash, so the response time does not tell whether the login exists.
  std::optional<store::UserRow> user;
  if (domain::check_login_name(subject)) {
    Result<std::optional<store::UserRow>> found = store::find_user_by_login(conn, subject);
    if (!found) return found.status();
    user = std::move(*found);
  }
  // A password longer than any that can be set is wrong for every login, so it is refused unhashed.
  const bool verified = attempt.password.size() <= domain::kMaxPasswordBytes &&
                        verify_password(user ? std::optional<std::string>(user->password_hash) : std::nullopt,
                                        attempt.password);
  const char* reason = nullptr;  // why the attempt fails, for the audit log only
  if (!user) {
    reason = "unknown_login";
  } else if (!verified) {
    reason = "wrong_password";
  } else if (user->disabled_at) {
    reason = "disabled";
  }
  const bool ok = reason == nullptr;
  std::optional<std::string> rehash;
  if (ok && crypto_pwhash_str_needs_rehash(user->password_hash.c_str(), policy_.password_ops_limit,
                                           policy_.password_mem_limit) != 0) {
    Result<std::string> fresh = hash_password(attempt.password);
    if (fresh) rehash = std::move(*fresh);
  }

  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  const std::chrono::sys_seconds t = now();
  if (!ok) {
    Result<std::optional<std::string>> now_locked = count_failure(conn, subject, address);
    if (!now_locked) return now_locked.status();
    AuditEvent event;
    event.actor = {std::nullopt, subject.empty() ? std::string("(empty login)") : subject,
                   attempt.remote_addr};
    event.action = "login.failure";
    event.entity_type = "user";
    if (user) {
      event.entity_id = std::to_string(user->id);
      event.body_id = user->body_id;
    }
    event.after = {{"reason", reason}};
    if (*now_locked) event.after["locked_until"] = **now_locked;
    Result<int64_t> entry = append_audit(conn, event, t);
    if (!entry) return entry.status();
    GK_RETURN_IF_ERROR(tx.commit());
    std::string message(kWrongCredentials);
    if (*now_locked) message += "; too many failed attempts: try again after " + **now_locked;
    return Status::invalid(message);
  }

  // Failures counted by other nodes while this one was hashing may have locked the login meanwhile.
  Result<std::optional<std::string>> relocked = store::locked_until(conn, counters, format_utc(t));
  if (!relocked) return relocked.status();
  if (*relocked) return Status::conflict("too many failed sign-in attempts; try again after " + **relocked);
  GK_RETURN_IF_ERROR(store::clear_failures(conn, store::kThrottleLogin, subject));
  if (is_cookie_value(attempt.old_cookie)) {
    Result<bool> ended = store::delete_session(conn, sha256_hex(attempt.old_cookie));
    if (!ended) return ended.status();
  }
  if (rehash)
    GK_RETURN_IF_ERROR(store::set_password_hash(conn, user->id, *rehash, user->password_changed_at));
  GK_RETURN_IF_ERROR(store::set_last_login(conn, user->id, format_utc(t)));
  Result<std::optional<User>> loaded = load_user(conn, user->id);
  if (!loaded) return loaded.status();
  if (!*loaded) return Status::internal("user " + subject + " vanished during sign-in");
  Result<NewSession> session = start_session(conn, **loaded, attempt.remote_addr, attempt.user_agent);
  if (!session) return session.status();
  AuditEvent event;
  event.actor = {user->id, user->login, attempt.remote_addr};
  event.action = "login.success";
  event.entity_type = "user";
  event.entity_id = std::to_string(user->id);
  event.body_id = user->body_id;
  event.after = {{"session_expires_at", format_utc(session->session.expires_at)},
                 {"password_rehashed", rehash.has_value()}};
  Result<int64_t> entry = append_audit(conn, event, t);
  if (!entry) return entry.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return session;
}

Result<std::optional<Session>> Accounts::find_session(store::Connection& conn,
                                                      std::string_view cookie_value) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  if (!is_cookie_value(cookie_value)) return std::optional<Session>();
  const std::string token_hash = sha256_hex(cookie_value);
  const std::chrono::sys_seconds t = now();
  Session session;
  bool expired = false;
  {
    store::Transaction tx(conn, store::TxMode::kRead);
    GK_RETURN_IF_ERROR(tx.status());
    Result<std::optional<store::SessionRow>> row = store::find_session(conn, token_hash);
    if (!row) return row.status();
    if (!*row) return std::optional<Session>();
    std::optional<std::chrono::sys_seconds> created = parse_utc((*row)->created_at);
    std::optional<std::chrono::sys_seconds> last_seen = parse_utc((*row)->last_seen_at);
    std::optional<std::chrono::sys_seconds> expires = parse_utc((*row)->expires_at);
    std::optional<std::string> key = from_hex((*row)->csrf_secret, crypto_auth_KEYBYTES);
    if (!created || !last_seen || !expires || !key) {
      return Status::internal("session row with malformed timestamps or secret");
    }
    expired = t >= *expires || t >= *last_seen + policy_.session_idle;
    if (!expired) {
      Result<std::optional<User>> user = load_user(conn, (*row)->user_id);
      if (!user) return user.status();
      if (!*user || !(*user)->active) return std::optional<Session>();
      session.token_hash = token_hash;
      session.csrf_key = std::move(*key);
      session.created_at = *created;
      session.last_seen_at = *last_seen;
      session.expires_at = *expires;
      session.user = std::move(**user);
    }
  }
  if (expired) {
    Result<bool> deleted = store::delete_session(conn, token_hash);
    if (!deleted) return deleted.status();
    return std::optional<Session>();
  }
  if (t - session.last_seen_at >= policy_.session_touch_interval) {
    Result<bool> touched = store::touch_session(conn, token_hash, format_utc(t));
    if (!touched) return touched.status();
    session.last_seen_at = t;
  }
  return std::optional<Session>(std::move(session));
}

Status Accounts::logout(store::Connection& conn, const Session& session,
                        const std::string& remote_addr) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<bool> deleted = store::delete_session(conn, session.token_hash);
  if (!deleted) return deleted.status();
  if (!*deleted) return Status::ok();
  AuditEvent event;
  event.actor = {session.user.id, session.user.login, remote_addr};
  event.action = "logout";
  event.entity_type = "user";
  event.entity_id = std::to_string(session.user.id);
  event.body_id = session.user.body_id;
  Result<int64_t> entry = append_audit(conn, event, now());
  if (!entry) return entry.status();
  return tx.commit();
}

Result<PurgeReport> Accounts::purge_expired(store::Connection& conn) const {
  GK_RETURN_IF_ERROR(require_no_transaction(conn));
  const std::chrono::sys_seconds t = now();
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  PurgeReport report;
  Result<int64_t> sessions =
      store::delete_expired_sessions(conn, format_utc(t), format_utc(t - policy_.session_idle));
  if (!sessions) return sessions.status();
  report.sessions = *sessions;
  Result<int64_t> rows =
      store::delete_stale_throttle(conn, format_utc(t - policy_.failure_window), format_utc(t));
  if (!rows) return rows.status();
  report.throttle_rows = *rows;
  GK_RETURN_IF_ERROR(tx.commit());
  return report;
}

}  // namespace gongkai::services
