// The staff workspace over real HTTP: sign-in (success, generic failure, lockout), CSRF, session fixation,
// logout, every staff route without a session, with a user of another body, and with the right roles — the
// whole publishing journey from draft to the public page and back.
#include "web/staff.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <sstream>

#include "common/clock.h"
#include "http/http.h"
#include "services/bodies.h"
#include "support/http_client.h"
#include "support/test_databases.h"
#include "web/html.h"

namespace gongkai::web {
namespace {

using gongkai::testing::http_get;
using gongkai::testing::http_request;
using gongkai::testing::HttpReply;

constexpr const char* kPassword = "Kn0wn-Secret-Passw0rd";

services::SecurityPolicy fast_policy() {
  services::SecurityPolicy policy;
  policy.password_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
  policy.password_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
  return policy;
}

// The value of cookie `name` set by `reply`, or "" (nullopt-like) when it sets none.
std::optional<std::string> set_cookie(const HttpReply& reply, const std::string& name) {
  auto it = reply.headers.find("set-cookie");
  if (it == reply.headers.end()) return std::nullopt;
  std::istringstream lines(it->second);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + "=")) return line;
  }
  return std::nullopt;
}

std::string cookie_value(const std::string& set_cookie_line) {
  const size_t eq = set_cookie_line.find('=');
  return set_cookie_line.substr(eq + 1, set_cookie_line.find(';') - eq - 1);
}

std::string csrf_in(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""))) return "";
  return m[1];
}

std::string form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + url_encode(v);
  return body;
}

class StaffTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GE(sodium_init(), 0);
    dir_ = new gongkai::testing::TempDir();
    services::InstallationOptions where{dir_->path(), dir_->file("gongkai.db")};
    inst_ = services::Installation::create(where)->release();
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    ASSERT_TRUE(services::add_body(*conn, {"county", "示例县人民政府", "government", "", "339999", "", "", "", "", 0}));
    ASSERT_TRUE(services::add_body(*conn, {"edu", "示例县教育局", "department", "county", "33999903", "", "", "", "", 1}));
    ASSERT_TRUE(services::add_body(*conn, {"health", "示例县卫生健康局", "department", "county", "33999904", "", "", "", "", 2}));
    ASSERT_TRUE(conn->exec("INSERT INTO columns (body_id, name, path, type) SELECT id, '通知公告', '通知公告', 'notice' "
                           "FROM bodies WHERE code = 'edu'"));
    portal_ = Portal::create(*inst_, PortalOptions{})->release();
    StaffOptions options;
    options.security = fast_policy();
    staff_ = new Staff(*inst_, *portal_, options);
    const services::Actor cli = services::Actor::command_line("test");
    for (auto [login, body, role] : {std::tuple{"editor", "edu", "editor"}, std::tuple{"reviewer", "edu", "reviewer"},
                                     std::tuple{"healthrev", "health", "reviewer"},
                                     std::tuple{"office", "county", "disclosure_office"},
                                     std::tuple{"locked1", "edu", "editor"}, std::tuple{"fixation", "edu", "editor"},
                                     std::tuple{"leaver", "edu", "editor"}}) {
      Result<int64_t> id = staff_->accounts().create_user(
          *conn, cli, services::NewUserSpec{login, std::string("测试") + login, body, role, kPassword});
      ASSERT_TRUE(id) << id.status().message();
    }
    http::Router router;
    portal_->register_routes(router);
    staff_->register_routes(router);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    server_ = new http::Server(so, std::move(router));
    ASSERT_TRUE(server_->start());
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete staff_;
    delete portal_;
    delete inst_;
    delete dir_;
  }

  // Opens the sign-in form and posts it; returns the reply of the POST.
  static HttpReply post_login(const std::string& login, const std::string& password, const std::string& extra_cookie = "") {
    HttpReply form_page = http_get(port_, "/staff/login");
    EXPECT_EQ(form_page.status, 200);
    const std::string pre = cookie_value(set_cookie(form_page, kLoginCsrfCookie).value_or("x=;"));
    std::string cookies = "Cookie: " + std::string(kLoginCsrfCookie) + "=" + pre + extra_cookie + "\r\n";
    return http_request(port_, "POST", "/staff/login",
                        cookies + "Content-Type: application/x-www-form-urlencoded\r\n",
                        form({{"csrf", csrf_in(form_page.body)}, {"login", login}, {"password", password}}));
  }
  // Signs in and returns the session cookie header line ("Cookie: gk_session=…\r\n").
  static std::string sign_in(const std::string& login) {
    HttpReply r = post_login(login, kPassword);
    EXPECT_EQ(r.status, 303) << r.body;
    std::optional<std::string> c = set_cookie(r, kSessionCookie);
    EXPECT_TRUE(c);
    return "Cookie: " + std::string(kSessionCookie) + "=" + cookie_value(c.value_or("x=;")) + "\r\n";
  }
  static std::string csrf_for(const std::string& cookie) { return csrf_in(http_get(port_, "/staff", cookie).body); }
  static HttpReply post(const std::string& cookie, const std::string& target, const std::string& body) {
    return http_request(port_, "POST", target, cookie + "Content-Type: application/x-www-form-urlencoded\r\n", body);
  }
  // Creates a draft as `cookie`'s user; returns its id.
  static int64_t create_draft(const std::string& cookie, const std::string& title, const std::string& written = "") {
    HttpReply r = post(cookie, "/staff/items/new",
                       form({{"csrf", csrf_for(cookie)}, {"title", title}, {"body", "edu"}, {"column", "通知公告"},
                             {"publish_date", china_today()}, {"written_date", written}, {"kind", "notice"},
                             {"channels", "portal"}, {"content", "第一段\n第二段"}}));
    EXPECT_EQ(r.status, 303) << r.body;
    std::smatch m;
    const std::string location = r.headers["location"];
    if (!std::regex_search(location, m, std::regex("/staff/items/([0-9]+)"))) return 0;
    return std::stoll(m[1]);
  }
  static HttpReply act(const std::string& cookie, int64_t id, const std::string& action,
                       const std::string& comment = "") {
    return post(cookie, "/staff/items/" + std::to_string(id) + "/" + action,
                form({{"csrf", csrf_for(cookie)}, {"comment", comment}}));
  }

  static gongkai::testing::TempDir* dir_;
  static services::Installation* inst_;
  static Portal* portal_;
  static Staff* staff_;
  static http::Server* server_;
  static int port_;
};

gongkai::testing::TempDir* StaffTest::dir_ = nullptr;
services::Installation* StaffTest::inst_ = nullptr;
Portal* StaffTest::portal_ = nullptr;
Staff* StaffTest::staff_ = nullptr;
http::Server* StaffTest::server_ = nullptr;
int StaffTest::port_ = 0;

TEST_F(StaffTest, LoginSetsAStrictHttpOnlyCookieAndFailureSaysNothingMore) {
  HttpReply ok = post_login("editor", kPassword);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.headers["location"], "/staff");
  const std::string cookie = set_cookie(ok, kSessionCookie).value_or("");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP, no trusted proxy
  HttpReply wrong = post_login("editor", "Wrong-Passw0rd-123");
  HttpReply unknown = post_login("nobody-here", "Wrong-Passw0rd-123");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_NE(wrong.body.find("登录名或密码错误"), std::string::npos);
  EXPECT_NE(unknown.body.find("登录名或密码错误"), std::string::npos);
  EXPECT_FALSE(set_cookie(wrong, kSessionCookie));
  // The password typed is never echoed back into the form.
  EXPECT_EQ(wrong.body.find("Wrong-Passw0rd-123"), std::string::npos);
  // A forged X-Forwarded-Proto from an untrusted client does not matter either way; it does not break sign-in.
  HttpReply dashboard = http_get(port_, "/staff", "Cookie: gk_session=" + cookie_value(cookie) + "\r\n");
  EXPECT_EQ(dashboard.status, 200);
  EXPECT_NE(dashboard.body.find("工作台"), std::string::npos);
  EXPECT_EQ(dashboard.headers["cache-control"], "no-store");
}

TEST_F(StaffTest, CookieIsSecureOverTlsOnlyWhenTheProxyIsTrusted) {
  // The shared server does not trust X-Forwarded-Proto: a client could forge it.
  HttpReply form_page = http_get(port_, "/staff/login", "X-Forwarded-Proto: https\r\n");
  EXPECT_EQ(set_cookie(form_page, kLoginCsrfCookie).value_or("").find("Secure"), std::string::npos);
  StaffOptions options;
  options.security = fast_policy();
  options.trust_proxy = true;
  Staff trusting(*inst_, *portal_, options);
  http::Router router;
  trusting.register_routes(router);
  http::ServerOptions so;
  so.port = 0;
  so.access_log = false;
  http::Server server(so, std::move(router));
  ASSERT_TRUE(server.start());
  const std::string tls = "X-Forwarded-Proto: https\r\nX-Forwarded-For: 198.51.100.7\r\n";
  HttpReply page = http_get(server.port(), "/staff/login", tls);
  const std::string pre = cookie_value(set_cookie(page, kLoginCsrfCookie).value_or("x=;"));
  EXPECT_NE(set_cookie(page, kLoginCsrfCookie).value_or("").find("; Secure"), std::string::npos);
  HttpReply ok = http_request(server.port(), "POST", "/staff/login",
                              tls + "Cookie: gk_login_csrf=" + pre + "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                              form({{"csrf", csrf_in(page.body)}, {"login", "office"}, {"password", kPassword}}));
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_NE(set_cookie(ok, kSessionCookie).value_or("").find("; Secure"), std::string::npos);
  // The audit log has the client's address from the proxy, and no password anywhere.
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'login.success' AND remote_addr = ?",
                             {std::string("198.51.100.7")}),
            1);
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM audit_log WHERE COALESCE(before_json, '') LIKE ? OR "
                             "COALESCE(after_json, '') LIKE ? OR actor_label LIKE ?",
                             {std::string("%") + kPassword + "%", std::string("%") + kPassword + "%",
                              std::string("%") + kPassword + "%"}),
            0);
  EXPECT_EQ(*conn->query_int("SELECT COUNT(*) FROM users WHERE password_hash LIKE ?",
                             {std::string("%") + kPassword + "%"}),
            0);
  server.stop();
}

TEST_F(StaffTest, LockoutAfterFiveFailures) {
  for (int attempt = 0; attempt < 5; ++attempt) EXPECT_EQ(post_login("locked1", "Wrong-Passw0rd-123").status, 401);
  HttpReply locked = post_login("locked1", kPassword);  // even the right password
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(locked.body.find("锁定"), std::string::npos);
  EXPECT_FALSE(set_cookie(locked, kSessionCookie));
}

TEST_F(StaffTest, CsrfMissingOrWrongIs403) {
  // The sign-in form itself: no pre-session token.
  HttpReply no_token = http_request(port_, "POST", "/staff/login", "Content-Type: application/x-www-form-urlencoded\r\n",
                                    form({{"login", "editor"}, {"password", kPassword}}));
  EXPECT_EQ(no_token.status, 403);
  EXPECT_FALSE(set_cookie(no_token, kSessionCookie));
  const std::string cookie = sign_in("editor");
  const int64_t id = create_draft(cookie, "CSRF测试草稿");
  ASSERT_GT(id, 0);
  const std::string target = "/staff/items/" + std::to_string(id) + "/submit";
  EXPECT_EQ(post(cookie, target, "").status, 403);
  EXPECT_EQ(post(cookie, target, form({{"csrf", "AAAA"}})).status, 403);
  // The token of another session does not work either.
  const std::string other = sign_in("reviewer");
  EXPECT_EQ(post(cookie, target, form({{"csrf", csrf_for(other)}})).status, 403);
  EXPECT_NE(http_get(port_, "/staff/items/" + std::to_string(id), cookie).body.find("草稿"), std::string::npos);
  EXPECT_EQ(post(cookie, "/staff/logout", "").status, 403);
  EXPECT_EQ(post(cookie, "/staff/items/new", form({{"title", "x"}})).status, 403);
  EXPECT_EQ(http_get(port_, "/staff", cookie).status, 200);  // still signed in
}

TEST_F(StaffTest, SignInStartsANewSessionAndLogoutEndsIt) {
  const std::string first = sign_in("fixation");
  const std::string first_value = first.substr(first.find('=') + 1, first.find('\r') - first.find('=') - 1);
  // Signing in again while sending the old cookie: a different token, and the old one is ended.
  HttpReply again = post_login("fixation", kPassword, "; gk_session=" + first_value);
  ASSERT_EQ(again.status, 303);
  const std::string second_value = cookie_value(set_cookie(again, kSessionCookie).value_or("x=;"));
  EXPECT_NE(second_value, first_value);
  EXPECT_EQ(http_get(port_, "/staff", first).status, 303);
  // A planted, unknown token never becomes a session.
  HttpReply planted = post_login("fixation", kPassword, "; gk_session=planted-by-attacker");
  EXPECT_NE(cookie_value(set_cookie(planted, kSessionCookie).value_or("x=;")), "planted-by-attacker");
  const std::string second = "Cookie: gk_session=" + cookie_value(set_cookie(planted, kSessionCookie).value_or("x=;")) + "\r\n";
  HttpReply out = post(second, "/staff/logout", form({{"csrf", csrf_for(second)}}));
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(set_cookie(out, kSessionCookie).value_or("").find("Max-Age=0"), std::string::npos);
  HttpReply after = http_get(port_, "/staff", second);
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.headers["location"].rfind("/staff/login", 0), 0u);
}

TEST_F(StaffTest, EveryRouteWithoutASessionGoesToSignIn) {
  const std::string editor = sign_in("editor");
  const std::string id = std::to_string(create_draft(editor, "未登录测试"));
  const std::pair<const char*, std::string> routes[] = {
      {"GET", "/staff"},
      {"GET", "/staff/items"},
      {"GET", "/staff/items?state=draft"},
      {"GET", "/staff/items/new"},
      {"GET", "/staff/items/" + id},
      {"GET", "/staff/items/" + id + "/edit"},
      {"GET", "/staff/items/" + id + "/revisions/2"},
      {"GET", "/staff/password"},
      {"POST", "/staff/password"},
      {"POST", "/staff/logout"},
      {"POST", "/staff/items/new"},
      {"POST", "/staff/items/" + id + "/edit"},
      {"POST", "/staff/items/" + id + "/submit"},
      {"POST", "/staff/items/" + id + "/approve"},
      {"POST", "/staff/items/" + id + "/publish"},
      {"POST", "/staff/items/" + id + "/withdraw"},
  };
  for (const auto& [method, target] : routes) {
    for (const std::string& cookie : {std::string(), std::string("Cookie: gk_session=forged-token-value\r\n")}) {
      HttpReply r = http_request(port_, method, target, cookie + "Content-Type: application/x-www-form-urlencoded\r\n",
                                 "csrf=x&title=x");
      EXPECT_EQ(r.status, 303) << method << " " << target;
      EXPECT_EQ(r.headers["location"].rfind("/staff/login?next=", 0), 0u) << method << " " << target;
      EXPECT_EQ(r.body.find("未登录测试"), std::string::npos) << method << " " << target;
    }
  }
  EXPECT_EQ(http_get(port_, "/staff/items/" + id).headers["location"], "/staff/login?next=%2Fstaff%2Fitems%2F" + id);
}

TEST_F(StaffTest, AnotherBodysUserGetsNoData) {
  const std::string editor = sign_in("editor");
  const int64_t id = create_draft(editor, "教育局内部草稿标题");
  ASSERT_EQ(act(editor, id, "submit").status, 303);
  const std::string other = sign_in("healthrev");
  const std::string sid = std::to_string(id);
  const std::vector<std::string> targets = {"/staff/items/" + sid, "/staff/items/" + sid + "/edit",
                                           "/staff/items/" + sid + "/revisions/2", "/staff/items/99999999"};
  for (const std::string& target : targets) {
    HttpReply r = http_get(port_, target, other);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body.find("教育局内部草稿标题"), std::string::npos) << target;
  }
  for (const char* action : {"approve", "return", "publish", "withdraw", "unpublish", "submit"}) {
    HttpReply r = act(other, id, action, "理由");
    EXPECT_EQ(r.status, 404) << action;
    EXPECT_EQ(r.body.find("教育局内部草稿标题"), std::string::npos) << action;
  }
  HttpReply edit = post(other, "/staff/items/" + sid + "/edit",
                        form({{"csrf", csrf_for(other)}, {"title", "篡改"}, {"publish_date", "2026-12-01"}, {"kind", "news"}}));
  EXPECT_EQ(edit.status, 404);
  EXPECT_EQ(http_get(port_, "/staff/items", other).body.find("教育局内部草稿标题"), std::string::npos);
  EXPECT_EQ(http_get(port_, "/staff/items?body=edu", other).body.find("教育局内部草稿标题"), std::string::npos);
  EXPECT_EQ(http_get(port_, "/staff", other).body.find("教育局内部草稿标题"), std::string::npos);
  // Creating in a body one may not draft for: 403 with a helpful page.
  HttpReply create = post(other, "/staff/items/new",
                          form({{"csrf", csrf_for(other)}, {"title", "越权"}, {"body", "edu"}, {"publish_date", "2026-12-01"},
                                {"kind", "news"}}));
  EXPECT_EQ(create.status, 403);
  EXPECT_NE(create.body.find("没有权限"), std::string::npos);
  EXPECT_EQ(http_get(port_, "/staff/items/new", other).status, 403);  // a reviewer drafts nowhere
  // Still waiting for the right reviewer.
  EXPECT_NE(http_get(port_, "/staff/items/" + sid, editor).body.find("待审核"), std::string::npos);
}

TEST_F(StaffTest, PublishingJourneyWithTheRightRoles) {
  const std::string editor = sign_in("editor");
  const std::string reviewer = sign_in("reviewer");
  // A form error names the field and keeps what was typed.
  HttpReply bad = post(editor, "/staff/items/new",
                       form({{"csrf", csrf_for(editor)}, {"title", "有错误的草稿"}, {"body", "edu"},
                             {"publish_date", "2026-02-30"}, {"kind", "notice"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("id=\"e-publish_date\""), std::string::npos);
  EXPECT_NE(bad.body.find("有错误的草稿"), std::string::npos);
  const int64_t id = create_draft(editor, "关于<script>alert(1)</script>寒假安全的通知");
  ASSERT_GT(id, 0);
  const std::string sid = std::to_string(id);
  HttpReply page = http_get(port_, "/staff/items/" + sid, editor);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);  // escaped
  EXPECT_NE(page.body.find("/submit"), std::string::npos);
  EXPECT_EQ(page.body.find("/approve"), std::string::npos);  // not offered to the author
  // Edit: a second revision and its diff.
  ASSERT_EQ(http_get(port_, "/staff/items/" + sid + "/edit", editor).status, 200);
  HttpReply saved = post(editor, "/staff/items/" + sid + "/edit",
                         form({{"csrf", csrf_for(editor)}, {"title", "关于寒假安全的通知"}, {"column", "通知公告"},
                               {"publish_date", china_today()}, {"kind", "notice"}, {"content", "第一段\n改过的第二段"}}));
  ASSERT_EQ(saved.status, 303) << saved.body;
  HttpReply diff = http_get(port_, "/staff/items/" + sid + "/revisions/2", editor);
  ASSERT_EQ(diff.status, 200);
  EXPECT_NE(diff.body.find("改过的第二段"), std::string::npos);
  EXPECT_NE(diff.body.find("diff-removed"), std::string::npos);
  // The public site does not have it yet.
  EXPECT_EQ(http_get(port_, "/items/" + sid).status, 404);
  ASSERT_EQ(act(editor, id, "submit").status, 303);
  EXPECT_EQ(act(editor, id, "approve").status, 403);  // an editor does not review
  EXPECT_NE(http_get(port_, "/staff", reviewer).body.find("关于寒假安全的通知"), std::string::npos);  // queue
  EXPECT_EQ(act(reviewer, id, "return").status, 400);  // a reason is required
  ASSERT_EQ(act(reviewer, id, "approve", "同意发布").status, 303);
  ASSERT_EQ(act(editor, id, "publish").status, 303);
  HttpReply published = http_get(port_, "/items/" + sid);
  ASSERT_EQ(published.status, 200);
  EXPECT_NE(published.body.find("关于寒假安全的通知"), std::string::npos);
  EXPECT_EQ(act(editor, id, "withdraw", "x").status, 403);  // editors do not withdraw
  ASSERT_EQ(act(reviewer, id, "withdraw", "内容需要更正").status, 303);
  HttpReply withdrawn = http_get(port_, "/items/" + sid);
  EXPECT_EQ(withdrawn.status, 200);
  EXPECT_NE(withdrawn.body.find("本信息已撤回"), std::string::npos);
  HttpReply history = http_get(port_, "/staff/items/" + sid, reviewer);
  EXPECT_NE(history.body.find("内容需要更正"), std::string::npos);
  EXPECT_NE(history.body.find("同意发布"), std::string::npos);
  // A second item, taken offline: its address sends readers on to its column.
  const int64_t second = create_draft(editor, "将要下线的通知");
  ASSERT_EQ(act(editor, second, "submit").status, 303);
  ASSERT_EQ(act(reviewer, second, "approve").status, 303);
  ASSERT_EQ(act(reviewer, second, "publish").status, 303);
  ASSERT_EQ(act(reviewer, second, "unpublish", "重复发布").status, 303);
  HttpReply gone = http_get(port_, "/items/" + std::to_string(second));
  EXPECT_EQ(gone.status, 301);
  EXPECT_EQ(gone.headers["location"].rfind("/columns/", 0), 0u);
  // The county office sees both bodies' work; lists filter by state.
  const std::string office = sign_in("office");
  HttpReply list = http_get(port_, "/staff/items?state=withdrawn", office);
  EXPECT_NE(list.body.find("关于寒假安全的通知"), std::string::npos);
  EXPECT_EQ(list.body.find("将要下线的通知"), std::string::npos);
}

TEST_F(StaffTest, OwnPasswordChange) {
  const std::string cookie = sign_in("leaver");
  EXPECT_EQ(http_get(port_, "/staff/password", cookie).status, 200);
  HttpReply mismatch = post(cookie, "/staff/password",
                            form({{"csrf", csrf_for(cookie)}, {"current_password", kPassword},
                                  {"new_password", "New-Passw0rd-2026"}, {"new_password2", "Other-Passw0rd-2026"}}));
  EXPECT_EQ(mismatch.status, 400);
  HttpReply wrong = post(cookie, "/staff/password",
                         form({{"csrf", csrf_for(cookie)}, {"current_password", "Not-The-Passw0rd"},
                               {"new_password", "New-Passw0rd-2026"}, {"new_password2", "New-Passw0rd-2026"}}));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("当前密码不正确"), std::string::npos);
  HttpReply changed = post(cookie, "/staff/password",
                           form({{"csrf", csrf_for(cookie)}, {"current_password", kPassword},
                                 {"new_password", "New-Passw0rd-2026"}, {"new_password2", "New-Passw0rd-2026"}}));
  ASSERT_EQ(changed.status, 303) << changed.body;
  // The old cookie ended; the fresh one works.
  EXPECT_EQ(http_get(port_, "/staff", cookie).status, 303);
  const std::string fresh = "Cookie: gk_session=" + cookie_value(set_cookie(changed, kSessionCookie).value_or("x=;")) + "\r\n";
  EXPECT_EQ(http_get(port_, "/staff", fresh).status, 200);
  EXPECT_EQ(post_login("leaver", "New-Passw0rd-2026").status, 303);
}

}  // namespace
}  // namespace gongkai::web
