// The accounts service on SQLite and PostgreSQL: passwords never stored or audited in clear, sign-in with
// throttling and lockout, sessions (fixation, idle and absolute expiry with a fake clock, revocation), CSRF
// tokens, authorisation through the body tree, and who may manage whom.
#include "services/accounts.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "domain/password_policy.h"
#include "services/bodies.h"
#include "store/accounts.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using namespace std::chrono_literals;
using gongkai::testing::TestDatabase;

constexpr const char* kPassword = "Kn0wn-Secret-Passw0rd";
constexpr const char* kWrongCredentials = "wrong login name or password";

// Hashing at libsodium's minimum cost keeps the tests fast; one test below uses the real limits.
SecurityPolicy fast_policy() {
  SecurityPolicy policy;
  policy.password_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
  policy.password_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
  return policy;
}

class AccountsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
    accounts_ = std::make_unique<Accounts>(fast_policy(), [this] { return now_; });
    // county ── office, edu, town ── village;  other ── other-edu
    county_ = add_body("county", "government", "");
    office_ = add_body("office", "office", "county");
    edu_ = add_body("edu", "department", "county");
    town_ = add_body("town", "township", "county");
    village_ = add_body("village", "township", "town");
    other_ = add_body("other", "government", "");
    other_edu_ = add_body("other-edu", "department", "other");
  }

  int64_t add_body(const std::string& code, const std::string& type, const std::string& parent) {
    BodySpec spec;
    spec.code = code;
    spec.name = code + " 机构";
    spec.type = type;
    spec.parent_code = parent;
    Result<int64_t> id = services::add_body(*conn_, spec);
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  // Creates `login` from the command line with `role` on `body` and kPassword.
  int64_t add_user(const std::string& login, const std::string& body, const std::string& role) {
    Result<int64_t> id =
        accounts_->create_user(*conn_, cli_, NewUserSpec{login, "王芳", body, role, kPassword});
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  Result<NewSession> login(const std::string& login, const std::string& password,
                           const std::string& remote_addr = "192.0.2.1") {
    LoginAttempt attempt;
    attempt.login = login;
    attempt.password = password;
    attempt.remote_addr = remote_addr;
    attempt.user_agent = "test";
    return accounts_->login(*conn_, attempt);
  }

  NewSession login_ok(const std::string& login) {
    Result<NewSession> s = this->login(login, kPassword);
    EXPECT_TRUE(s) << s.status().message();
    return s ? *s : NewSession{};
  }

  std::optional<Session> find(const std::string& cookie) {
    Result<std::optional<Session>> s = accounts_->find_session(*conn_, cookie);
    EXPECT_TRUE(s) << s.status().message();
    return s ? *s : std::nullopt;
  }

  User user(int64_t id) {
    Result<std::optional<User>> u = accounts_->load_user(*conn_, id);
    EXPECT_TRUE(u && *u);
    return u && *u ? **u : User{};
  }

  // Actions of the audit log in order.
  std::vector<std::string> audit_actions() {
    Result<store::Rows> rows = conn_->query("SELECT action FROM audit_log ORDER BY id");
    EXPECT_TRUE(rows);
    std::vector<std::string> out;
    for (const store::Row& r : *rows) out.push_back(r.get_text(0));
    return out;
  }

  // Every text cell of every table holding `needle`, as "table: cell".
  std::vector<std::string> cells_containing(const std::string& needle) {
    const char* tables_sql = GetParam() == "sqlite"
                                 ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                                 : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                   "current_schema() AND table_type = 'BASE TABLE'";
    Result<store::Rows> tables = conn_->query(tables_sql);
    EXPECT_TRUE(tables) << tables.status().message();
    std::vector<std::string> found;
    for (const store::Row& table : *tables) {
      const std::string name = table.get_text(0);
      Result<store::Rows> rows = conn_->query("SELECT * FROM " + name);
      EXPECT_TRUE(rows) << rows.status().message();
      for (const store::Row& row : *rows) {
        for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
          const std::string cell = row.get_text(column_idx);
          if (cell.find(needle) != std::string::npos) found.push_back(name + ": " + cell);
        }
      }
    }
    return found;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Connection> conn_;
  std::chrono::sys_seconds now_ = std::chrono::sys_days{std::chrono::year{2024} / 5 / 1} + 10h;
  std::unique_ptr<Accounts> accounts_;
  const Actor cli_ = Actor::command_line("tester");
  int64_t county_ = 0, office_ = 0, edu_ = 0, town_ = 0, village_ = 0, other_ = 0, other_edu_ = 0;
};

TEST_P(AccountsTest, PasswordAndTokensAreNeverStoredInClear) {
  const int64_t id = add_user("wangfang", "edu", "editor");
  NewSession session = login_ok("wangfang");
  EXPECT_TRUE(accounts_->set_password(*conn_, cli_, "wangfang", "An0ther-Secret-Passw0rd"));
  NewSession second;
  {
    Result<NewSession> s = login("wangfang", "An0ther-Secret-Passw0rd");
    ASSERT_TRUE(s) << s.status().message();
    second = *s;
  }
  EXPECT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));

  for (const std::string& secret :
       {std::string(kPassword), std::string("An0ther-Secret-Passw0rd"), std::string("Wr0ng-Secret-Passw0rd"),
        session.cookie_value, second.cookie_value, csrf_token(second.session)}) {
    EXPECT_EQ(cells_containing(secret), std::vector<std::string>{}) << "a secret is stored in clear";
  }
  // What is stored: an argon2id hash string, and the SHA-256 of the cookie.
  Result<std::optional<store::UserRow>> row = store::find_user_by_id(*conn_, id);
  ASSERT_TRUE(row && *row);
  EXPECT_TRUE((*row)->password_hash.starts_with("$argon2id$")) << (*row)->password_hash;
  EXPECT_EQ(cells_containing(second.session.token_hash).size(), 1u);
}

TEST_P(AccountsTest, EveryChangeIsAuditedWithoutSecrets) {
  const int64_t id = add_user("wangfang", "edu", "editor");
  NewSession s = login_ok("wangfang");
  EXPECT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));
  EXPECT_FALSE(login("nobody", kPassword));
  ASSERT_TRUE(accounts_->logout(*conn_, s.session, "192.0.2.1"));
  ASSERT_TRUE(accounts_->set_password(*conn_, cli_, "wangfang", "An0ther-Secret-Passw0rd"));
  ASSERT_TRUE(accounts_->grant_role(*conn_, cli_, "wangfang", "reviewer", "edu"));
  ASSERT_TRUE(accounts_->grant_role(*conn_, cli_, "wangfang", "reviewer", "edu"));  // held: no entry
  ASSERT_TRUE(accounts_->revoke_role(*conn_, cli_, "wangfang", "reviewer", "edu"));
  ASSERT_TRUE(accounts_->disable_user(*conn_, cli_, "wangfang"));
  ASSERT_TRUE(accounts_->disable_user(*conn_, cli_, "wangfang"));  // already: no entry

  const std::vector<std::string> expected = {"user.create",   "login.success", "login.failure",
                                             "login.failure", "logout",        "user.password_reset",
                                             "role.grant",    "role.revoke",   "user.disable"};
  EXPECT_EQ(audit_actions(), expected);
  Result<store::Rows> rows = conn_->query(
      "SELECT actor_user_id, actor_label, entity_id, body_id, after_json FROM audit_log ORDER BY id");
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->at(0).is_null(0)) << "the command line is no user";
  EXPECT_EQ(rows->at(0).get_text(1), "cli:tester");
  EXPECT_EQ(rows->at(0).get_int(2), id);
  EXPECT_EQ(rows->at(0).get_int(3), edu_);
  EXPECT_EQ(rows->at(1).get_int(0), id) << "the signed-in user";
  EXPECT_NE(rows->at(2).get_text(4).find("wrong_password"), std::string::npos);
  EXPECT_NE(rows->at(3).get_text(4).find("unknown_login"), std::string::npos);
  EXPECT_EQ(rows->at(3).get_text(1), "nobody");
  EXPECT_TRUE(rows->at(3).is_null(2));
  EXPECT_EQ(cells_containing(kPassword), std::vector<std::string>{});

  Result<AuditVerifyReport> report = verify_audit(*conn_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_EQ(report->entries, static_cast<int64_t>(expected.size()));
}

TEST_P(AccountsTest, EachLoginIssuesANewSession) {
  add_user("wangfang", "edu", "editor");
  NewSession first = login_ok("wangfang");
  NewSession second = login_ok("wangfang");
  EXPECT_NE(first.cookie_value, second.cookie_value);
  EXPECT_EQ(first.cookie_value.size(), 43u);
  EXPECT_TRUE(find(first.cookie_value)) << "a second sign-in elsewhere leaves the first session alone";

  // Signing in with a (perhaps planted) cookie ends that session and never reuses its token.
  LoginAttempt attempt{"wangfang", kPassword, "192.0.2.1", "test", first.cookie_value};
  Result<NewSession> third = accounts_->login(*conn_, attempt);
  ASSERT_TRUE(third) << third.status().message();
  EXPECT_NE(third->cookie_value, first.cookie_value);
  EXPECT_FALSE(find(first.cookie_value));
  std::optional<Session> live = find(third->cookie_value);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->user.login, "wangfang");
  EXPECT_EQ(live->expires_at, now_ + 12h);

  // Malformed and unknown cookies find nothing, without errors.
  for (const std::string& cookie :
       {std::string(), std::string("x"), std::string(43, '*'), std::string(43, 'A'),
        third->cookie_value + "A", third->session.token_hash}) {
    EXPECT_FALSE(find(cookie)) << cookie;
  }
}

TEST_P(AccountsTest, IdleExpirySlides) {
  add_user("wangfang", "edu", "editor");
  const std::string cookie = login_ok("wangfang").cookie_value;
  now_ += 29min;
  ASSERT_TRUE(find(cookie)) << "29 minutes idle";
  now_ += 29min;
  ASSERT_TRUE(find(cookie)) << "58 minutes after sign-in, 29 since the last request";
  now_ += 30min;
  EXPECT_FALSE(find(cookie)) << "30 minutes idle";
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM sessions"), 0) << "the expired session is deleted";
}

TEST_P(AccountsTest, AbsoluteExpiryEndsEvenABusySession) {
  add_user("wangfang", "edu", "editor");
  const std::string cookie = login_ok("wangfang").cookie_value;
  for (int step = 0; step < 12 * 3 - 1; ++step) {
    now_ += 20min;
    ASSERT_TRUE(find(cookie)) << "step " << step;
  }
  now_ += 20min;  // 12 hours after sign-in
  EXPECT_FALSE(find(cookie));
}

TEST_P(AccountsTest, LastSeenIsWrittenAtMostOnceAMinute) {
  add_user("wangfang", "edu", "editor");
  const std::string cookie = login_ok("wangfang").cookie_value;
  auto last_seen = [&] {
    Result<store::Rows> rows = conn_->query("SELECT last_seen_at FROM sessions");
    return rows && !rows->empty() ? rows->front().get_text(0) : std::string();
  };
  const std::string at_login = last_seen();
  now_ += 30s;
  ASSERT_TRUE(find(cookie));
  EXPECT_EQ(last_seen(), at_login);
  now_ += 31s;
  std::optional<Session> s = find(cookie);
  ASSERT_TRUE(s);
  EXPECT_EQ(last_seen(), format_utc(now_));
  EXPECT_EQ(s->last_seen_at, now_);
}

TEST_P(AccountsTest, LogoutEndsTheSession) {
  add_user("wangfang", "edu", "editor");
  NewSession s = login_ok("wangfang");
  ASSERT_TRUE(accounts_->logout(*conn_, s.session, "192.0.2.1"));
  EXPECT_FALSE(find(s.cookie_value));
  EXPECT_TRUE(accounts_->logout(*conn_, s.session, "192.0.2.1")) << "logging out twice is fine";
  const std::vector<std::string> actions = audit_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "logout"), 1);
}

TEST_P(AccountsTest, LockoutAfterFiveFailuresAndUnlockAfterTheWindow) {
  add_user("wangfang", "edu", "editor");
  for (int attempt_idx = 1; attempt_idx <= 5; ++attempt_idx) {
    Result<NewSession> s = login("wangfang", "Wr0ng-Secret-Passw0rd");
    ASSERT_EQ(s.status().code(), StatusCode::kInvalid);
    EXPECT_TRUE(s.status().message().starts_with(kWrongCredentials));
    const bool says_locked = s.status().message().find("try again after") != std::string::npos;
    EXPECT_EQ(says_locked, attempt_idx == 5) << s.status().message();
  }
  now_ += 1min;
  Result<NewSession> locked = login("wangfang", kPassword);
  ASSERT_EQ(locked.status().code(), StatusCode::kConflict) << "the right password does not help while locked";
  EXPECT_EQ(locked.status().message(),
            "too many failed sign-in attempts; try again after 2024-05-01T10:15:00Z");
  now_ += 13min;
  EXPECT_FALSE(login("wangfang", kPassword)) << "still locked at 10:14";
  now_ += 1min;
  EXPECT_TRUE(login("wangfang", kPassword)) << "unlocked at 10:15";
  const std::vector<std::string> actions = audit_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.failure"), 5)
      << "refusals while locked are not audited one by one";
}

TEST_P(AccountsTest, LockoutDoesNotRevealWhetherTheLoginExists) {
  add_user("wangfang", "edu", "editor");
  std::vector<std::string> known, unknown;
  for (int attempt_idx = 0; attempt_idx < 6; ++attempt_idx) {
    known.push_back(login("wangfang", "Wr0ng-Secret-Passw0rd").status().message());
    unknown.push_back(login("nobody", "Wr0ng-Secret-Passw0rd").status().message());
  }
  EXPECT_EQ(known, unknown);
  ASSERT_TRUE(accounts_->disable_user(*conn_, cli_, "wangfang"));
  now_ += 1h;
  EXPECT_EQ(login("wangfang", kPassword).status().message(), kWrongCredentials)
      << "a disabled account answers like a wrong password";
  EXPECT_EQ(login("Nobody", kPassword).status().message(), kWrongCredentials);
  EXPECT_EQ(login("not a valid login!", kPassword).status().message(), kWrongCredentials);
  EXPECT_EQ(login("", "").status().message(), kWrongCredentials);
}

TEST_P(AccountsTest, SuccessResetsTheLoginCounterAndTheWindowExpires) {
  add_user("wangfang", "edu", "editor");
  for (int n = 0; n < 4; ++n) ASSERT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));
  ASSERT_TRUE(login("wangfang", kPassword));
  for (int n = 0; n < 4; ++n) ASSERT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));
  EXPECT_TRUE(login("wangfang", kPassword)) << "4 + 4 failures with a success between: not locked";

  for (int n = 0; n < 4; ++n) ASSERT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));
  now_ += 16min;  // the window of those four is over
  for (int n = 0; n < 4; ++n) ASSERT_FALSE(login("wangfang", "Wr0ng-Secret-Passw0rd"));
  EXPECT_TRUE(login("wangfang", kPassword));
}

TEST_P(AccountsTest, AnAddressIsLockedAfterManyFailuresAcrossLogins) {
  add_user("wangfang", "edu", "editor");
  const int max = accounts_->policy().max_address_failures;
  for (int n = 0; n < max; ++n) {
    ASSERT_EQ(login("guess" + std::to_string(n), "Wr0ng-Secret-Passw0rd", "203.0.113.7").status().code(),
              StatusCode::kInvalid);
  }
  EXPECT_EQ(login("wangfang", kPassword, "203.0.113.7").status().code(), StatusCode::kConflict);
  EXPECT_TRUE(login("wangfang", kPassword, "198.51.100.1")) << "another address is not affected";
  now_ += 15min;
  EXPECT_TRUE(login("wangfang", kPassword, "203.0.113.7"));
}

TEST_P(AccountsTest, PasswordResetAndDisableEndAllSessions) {
  add_user("wangfang", "edu", "editor");
  NewSession a = login_ok("wangfang");
  NewSession b = login_ok("wangfang");
  ASSERT_TRUE(accounts_->set_password(*conn_, cli_, "WangFang", "An0ther-Secret-Passw0rd"));
  EXPECT_FALSE(find(a.cookie_value));
  EXPECT_FALSE(find(b.cookie_value));
  EXPECT_EQ(login("wangfang", kPassword).status().code(), StatusCode::kInvalid) << "the old password is gone";
  Result<NewSession> c = login("wangfang", "An0ther-Secret-Passw0rd");
  ASSERT_TRUE(c);

  ASSERT_TRUE(accounts_->disable_user(*conn_, cli_, "wangfang"));
  EXPECT_FALSE(find(c->cookie_value));
  EXPECT_EQ(login("wangfang", "An0ther-Secret-Passw0rd").status().code(), StatusCode::kInvalid);

  EXPECT_EQ(accounts_->set_password(*conn_, cli_, "nobody", "An0ther-Secret-Passw0rd").code(),
            StatusCode::kNotFound);
  EXPECT_EQ(accounts_->set_password(*conn_, cli_, "wangfang", "short").code(), StatusCode::kInvalid);
}

TEST_P(AccountsTest, ChangingOwnPasswordReplacesTheSession) {
  add_user("wangfang", "edu", "editor");
  NewSession other_device = login_ok("wangfang");
  NewSession here = login_ok("wangfang");
  Result<NewSession> refused = accounts_->change_own_password(*conn_, here.session, "Wr0ng-Secret-Passw0rd",
                                                              "An0ther-Secret-Passw0rd", "");
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalid);
  EXPECT_TRUE(find(here.cookie_value)) << "a refused change ends nothing";
  Result<NewSession> weak =
      accounts_->change_own_password(*conn_, here.session, kPassword, "wangfang12345", "");
  EXPECT_EQ(weak.status().code(), StatusCode::kInvalid);

  Result<NewSession> fresh =
      accounts_->change_own_password(*conn_, here.session, kPassword, "An0ther-Secret-Passw0rd", "192.0.2.1");
  ASSERT_TRUE(fresh) << fresh.status().message();
  EXPECT_FALSE(find(here.cookie_value));
  EXPECT_FALSE(find(other_device.cookie_value));
  EXPECT_TRUE(find(fresh->cookie_value));
  EXPECT_TRUE(login("wangfang", "An0ther-Secret-Passw0rd"));
}

TEST_P(AccountsTest, CsrfTokensBelongToTheirSession) {
  add_user("wangfang", "edu", "editor");
  NewSession a = login_ok("wangfang");
  NewSession b = login_ok("wangfang");
  const std::string token = csrf_token(a.session);
  EXPECT_TRUE(check_csrf(a.session, token));
  std::optional<Session> reloaded = find(a.cookie_value);
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(csrf_token(*reloaded), token) << "stable for the session, across nodes";
  EXPECT_TRUE(check_csrf(*reloaded, token));
  EXPECT_FALSE(check_csrf(b.session, token)) << "another session's token";
  std::string flipped = token;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {std::string(), flipped, token.substr(1), token + "A", std::string(43, '='),
                                 a.cookie_value, a.session.token_hash}) {
    EXPECT_FALSE(check_csrf(a.session, bad)) << bad;
  }
}

TEST_P(AccountsTest, AuthorizationFollowsTheBodyTreeInTheDatabase) {
  const int64_t editor = add_user("editor", "edu", "editor");
  const int64_t office = add_user("office", "county", "disclosure_office");
  const int64_t auditor = add_user("auditor", "county", "auditor");
  const int64_t handler = add_user("handler", "town", "case_handler");
  ASSERT_TRUE(accounts_->grant_role(*conn_, cli_, "handler", "editor", "edu"));
  struct Case {
    int64_t user_id;
    const char* action;
    int64_t body_id;
    bool allowed;
  };
  const Case cases[] = {
      {editor, "item.publish", edu_, true},          {editor, "item.publish", town_, false},
      {editor, "item.draft", county_, false},        {editor, "item.draft", 424242, false},
      {office, "case.supervise", town_, true},       {office, "case.supervise", village_, true},
      {office, "case.supervise", other_edu_, false}, {office, "body.manage", county_, false},
      {auditor, "audit.read", village_, true},       {auditor, "item.draft", county_, false},
      {handler, "case.handle", village_, true},      {handler, "item.draft", edu_, true},
      {handler, "item.draft", town_, false},         {handler, "case.handle", edu_, false},
  };
  for (const Case& c : cases) {
    User u = user(c.user_id);
    Status s = authorize(u, c.action, c.body_id);
    EXPECT_EQ(s.is_ok(), c.allowed) << u.login << " " << c.action << " " << c.body_id << ": " << s.message();
  }
  // The session carries the same user; a disabled one can do nothing.
  std::optional<Session> s = find(login_ok("office").cookie_value);
  ASSERT_TRUE(s);
  EXPECT_TRUE(authorize(s->user, "case.supervise", town_));
  ASSERT_TRUE(accounts_->disable_user(*conn_, cli_, "office"));
  User disabled = user(office);
  EXPECT_FALSE(disabled.active);
  for (const domain::ActionDef& action : domain::actions()) {
    EXPECT_TRUE(domain::is_permission_denied(authorize(disabled, action.code, county_))) << action.code;
  }
}

TEST_P(AccountsTest, WhoMayManageWhom) {
  const User admin = user(add_user("admin", "county", "platform_admin"));
  const User office_user = user(add_user("office", "county", "disclosure_office"));
  const User editor_user = user(add_user("editor", "edu", "editor"));
  const Actor office = Actor::signed_in(office_user, "192.0.2.9");
  const Actor editor = Actor::signed_in(editor_user, "192.0.2.8");
  const Actor admin_actor = Actor::signed_in(admin, "192.0.2.7");

  auto create = [&](const Actor& actor, const std::string& login, const std::string& body,
                    const std::string& role) {
    return accounts_->create_user(*conn_, actor, NewUserSpec{login, "某人", body, role, kPassword}).status();
  };
  EXPECT_TRUE(create(office, "townclerk", "town", "editor")) << "the county office staffs its townships";
  EXPECT_TRUE(domain::is_permission_denied(create(office, "outsider", "other-edu", "editor")));
  EXPECT_TRUE(domain::is_permission_denied(create(office, "root2", "county", "platform_admin")))
      << "no one grants a global role they do not hold";
  EXPECT_TRUE(domain::is_permission_denied(create(editor, "friend", "edu", "editor")));
  EXPECT_TRUE(create(admin_actor, "root2", "county", "platform_admin"));

  EXPECT_TRUE(accounts_->set_password(*conn_, office, "townclerk", "An0ther-Secret-Passw0rd"));
  EXPECT_TRUE(domain::is_permission_denied(
      accounts_->set_password(*conn_, office, "admin", "An0ther-Secret-Passw0rd")))
      << "the county office cannot take over the platform administrator";
  EXPECT_TRUE(domain::is_permission_denied(accounts_->disable_user(*conn_, office, "root2")));
  EXPECT_TRUE(
      domain::is_permission_denied(accounts_->grant_role(*conn_, office, "townclerk", "editor", "other")));
  EXPECT_TRUE(domain::is_permission_denied(accounts_->disable_user(*conn_, editor, "townclerk")));
  EXPECT_TRUE(accounts_->grant_role(*conn_, office, "townclerk", "reviewer", "village"));

  // A user with a grant outside the actor's scope is out of reach as a whole.
  ASSERT_TRUE(accounts_->grant_role(*conn_, cli_, "townclerk", "auditor", "other"));
  EXPECT_TRUE(domain::is_permission_denied(accounts_->disable_user(*conn_, office, "townclerk")));
  EXPECT_TRUE(accounts_->disable_user(*conn_, admin_actor, "townclerk"));

  // Signed-in actors are recorded as themselves.
  Result<store::Rows> rows = conn_->query(
      "SELECT actor_user_id, actor_label, remote_addr FROM audit_log WHERE action = 'role.grant' ORDER BY id "
      "LIMIT 1");
  ASSERT_TRUE(rows && !rows->empty());
  EXPECT_EQ(rows->front().get_int(0), office_user.id);
  EXPECT_EQ(rows->front().get_text(1), "office");
  EXPECT_EQ(rows->front().get_text(2), "192.0.2.9");
}

TEST_P(AccountsTest, CreateUserValidates) {
  add_user("wangfang", "edu", "editor");
  auto create = [&](NewUserSpec spec) { return accounts_->create_user(*conn_, cli_, spec).status().code(); };
  EXPECT_EQ(create({"WANGFANG", "王芳", "edu", "editor", kPassword}), StatusCode::kConflict)
      << "logins ignore case";
  EXPECT_EQ(create({"bad login", "王芳", "edu", "editor", kPassword}), StatusCode::kInvalid);
  EXPECT_EQ(create({"li", "", "edu", "editor", kPassword}), StatusCode::kInvalid);
  EXPECT_EQ(create({"li", "李", "nowhere", "editor", kPassword}), StatusCode::kInvalid);
  EXPECT_EQ(create({"li", "李", "edu", "superuser", kPassword}), StatusCode::kInvalid);
  EXPECT_EQ(create({"li", "李", "edu", "editor", "li-password-1"}), StatusCode::kInvalid)
      << "contains the login";
  EXPECT_EQ(create({"li", "李", "edu", "editor", "short1A"}), StatusCode::kInvalid);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM users"), 1) << "refusals change nothing";
  EXPECT_EQ(audit_actions().size(), 1u);
  EXPECT_EQ(create({"Li.Ming", "李明", "edu", "", kPassword}), StatusCode::kOk) << "a user without a role";
  Result<std::vector<UserListing>> users = accounts_->list_users(*conn_);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ(users->at(0).login, "li.ming");
  EXPECT_TRUE(users->at(0).grants.empty());
  EXPECT_EQ(users->at(1).grants, (std::vector<std::pair<std::string, std::string>>{{"editor", "edu"}}));
}

TEST_P(AccountsTest, WeakHashesAreRemadeAtSignIn) {
  add_user("wangfang", "edu", "editor");  // hashed at the minimum cost
  Accounts real_cost(SecurityPolicy{}, [this] { return now_; });
  LoginAttempt attempt{"wangfang", kPassword, "192.0.2.1", "test", ""};
  Result<NewSession> s = real_cost.login(*conn_, attempt);
  ASSERT_TRUE(s) << s.status().message();
  Result<std::optional<store::UserRow>> row = store::find_user_by_login(*conn_, "wangfang");
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(
      crypto_pwhash_str_needs_rehash((*row)->password_hash.c_str(), kPasswordOpsLimit, kPasswordMemLimit), 0)
      << (*row)->password_hash;
  EXPECT_NE((*row)->password_hash.find("m=65536"), std::string::npos) << (*row)->password_hash;
  EXPECT_TRUE(real_cost.login(*conn_, attempt)) << "the new hash verifies";
}

TEST_P(AccountsTest, UnknownLoginsCostAPasswordHashToo) {
  // With the real work factor, a sign-in for a login that does not exist takes about as long as one with a
  // wrong password. The bounds are loose: the machine may be busy.
  add_user("wangfang", "edu", "editor");
  Accounts real_cost(SecurityPolicy{}, [this] { return now_; });
  auto fastest = [&](const std::string& login) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int run = 0; run < 3; ++run) {
      now_ += 1h;  // stay clear of any lockout
      const auto start = std::chrono::steady_clock::now();
      LoginAttempt attempt{login, "Wr0ng-Secret-Passw0rd", "", "", ""};
      EXPECT_FALSE(real_cost.login(*conn_, attempt));
      best = std::min(best, std::chrono::steady_clock::now() - start);
    }
    return std::chrono::duration<double>(best).count();
  };
  const double known =
      fastest("wangfang");  // verifies against a cheap hash: compare with the real cost below
  const double unknown = fastest("nobody");
  ASSERT_TRUE(accounts_->set_password(*conn_, cli_, "wangfang", "An0ther-Secret-Passw0rd"));
  Accounts rehasher(SecurityPolicy{}, [this] { return now_; });
  {
    LoginAttempt attempt{"wangfang", "An0ther-Secret-Passw0rd", "", "", ""};
    ASSERT_TRUE(rehasher.login(*conn_, attempt));  // now hashed at the real cost
  }
  const double known_real = fastest("wangfang");
  EXPECT_GT(unknown, known * 2) << "the unknown login must not be cheaper than a cheap hash";
  EXPECT_GT(unknown, known_real * 0.25) << "unknown " << unknown << " s, known " << known_real << " s";
  EXPECT_LT(unknown, known_real * 4) << "unknown " << unknown << " s, known " << known_real << " s";
}

TEST_P(AccountsTest, PurgeRemovesWhatHasExpired) {
  add_user("wangfang", "edu", "editor");
  login_ok("wangfang");
  const std::string live = login_ok("wangfang").cookie_value;
  ASSERT_FALSE(login("nobody", "Wr0ng-Secret-Passw0rd"));
  now_ += 20min;
  ASSERT_TRUE(find(live));
  now_ += 20min;  // the first session has been idle 40 minutes, the second 20
  Result<PurgeReport> report = accounts_->purge_expired(*conn_);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->sessions, 1);
  EXPECT_EQ(report->throttle_rows, 2) << "the login and the address counter of the failure";
  EXPECT_TRUE(find(live));
}

TEST_P(AccountsTest, GeneratedPasswordsPassThePolicy) {
  std::set<std::string> seen;
  for (int n = 0; n < 50; ++n) {
    const std::string password = generate_password("abc");
    EXPECT_EQ(password.size(), 20u);
    EXPECT_TRUE(domain::check_password(password, "abc")) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 50u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
