// The staff workspace test site (see staff_site.h).
#include "support/staff_site.h"

#include <sodium.h>

#include <cstdlib>
#include <regex>
#include <sstream>

#include "common/clock.h"
#include "http/http.h"
#include "services/bodies.h"
#include "services/installation.h"
#include "services/stats.h"
#include "support/multipart_body.h"
#include "web/abuse_guard.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/staff.h"
#include "web/staff_cases.h"
#include "web/staff_monitor.h"
#include "web/staff_policy.h"
#include "web/staff_reports.h"

namespace gongkai::testing {

namespace {

std::string urlencoded(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + web::url_encode(k) + "=" + web::url_encode(v);
  return body;
}

std::optional<std::string> set_cookie(const HttpReply& reply, const std::string& name) {
  auto it = reply.headers.find("set-cookie");
  if (it == reply.headers.end()) return std::nullopt;
  std::istringstream lines(it->second);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + "=")) return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
  }
  return std::nullopt;
}

void require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "staff_site: %s\n", what.c_str());
  std::abort();
}

}  // namespace

std::string csrf_in(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""))) return "";
  return m[1];
}

std::pair<std::string, std::string> solve_challenge(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"challenge\" value=\"([^\"]+)\""))) return {"", ""};
  const std::string token = m[1];
  if (!std::regex_search(html, m, std::regex("请回答：(.+?)(加|减)(.+?)等于多少？"))) return {token, ""};
  const int a = web::parse_small_number(m[1].str());
  const int b = web::parse_small_number(m[3].str());
  return {token, std::to_string(m[2] == "加" ? a + b : a - b)};
}

struct StaffSite::Parts {
  std::unique_ptr<TestDatabase> pg;  // PostgreSQL only; dropped after everything that uses it
  std::unique_ptr<services::Installation> inst;
  std::unique_ptr<web::Portal> portal;
  std::unique_ptr<web::Staff> staff;
  std::unique_ptr<web::PolicyDesk> desk;
  std::unique_ptr<web::StaffMonitor> monitor;
  std::unique_ptr<web::StaffReports> reports;
  std::unique_ptr<web::StaffCases> cases;
  std::unique_ptr<http::Server> server;
};

StaffSite::StaffSite(const std::vector<std::tuple<std::string, std::string, std::string>>& accounts,
                     const std::string& backend)
    : parts_(std::make_unique<Parts>()) {
  require(sodium_init() >= 0, "sodium_init");
  services::InstallationOptions where{dir_.path(), dir_.file("gongkai.db")};
  if (backend != "sqlite") {
    parts_->pg = std::make_unique<TestDatabase>(backend);
    where.database_url = parts_->pg->url();
  }
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::create(where);
  require(inst.is_ok(), "create installation");
  parts_->inst = std::move(*inst);
  std::unique_ptr<store::Connection> conn = *parts_->inst->connect();
  require(services::add_body(*conn, {"county", "示例县人民政府", "government", "", "339999", "", "", "", "", 0}).is_ok(),
          "county");
  require(services::add_body(*conn, {"edu", "示例县教育局", "department", "county", "33999903", "", "", "", "", 1}).is_ok(),
          "edu");
  require(services::add_body(*conn, {"health", "示例县卫生健康局", "department", "county", "33999904", "", "", "", "", 2})
              .is_ok(),
          "health");
  require(conn->exec("INSERT INTO columns (body_id, name, path, type) SELECT id, '通知公告', '通知公告', 'notice' "
                     "FROM bodies WHERE code IN ('edu', 'health', 'county')")
              .is_ok(),
          "columns");
  Result<std::unique_ptr<web::Portal>> portal = web::Portal::create(*parts_->inst, web::PortalOptions{});
  require(portal.is_ok(), "portal");
  parts_->portal = std::move(*portal);
  web::StaffOptions options;
  options.security.password_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
  options.security.password_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
  parts_->staff = std::make_unique<web::Staff>(*parts_->inst, *parts_->portal, options);
  parts_->desk = std::make_unique<web::PolicyDesk>(*parts_->staff, *parts_->portal);
  parts_->monitor =
      std::make_unique<web::StaffMonitor>(*parts_->inst, *parts_->portal, *parts_->staff, false);
  parts_->reports = std::make_unique<web::StaffReports>(*parts_->inst, *parts_->staff);
  parts_->cases = std::make_unique<web::StaffCases>(*parts_->inst, *parts_->portal, *parts_->staff, false);
  const services::Actor cli = services::Actor::command_line("test");
  for (const auto& [login, body, role] : accounts) {
    Result<int64_t> id = parts_->staff->accounts().create_user(
        *conn, cli, services::NewUserSpec{login, "测试" + login, body, role, kStaffPassword});
    require(id.is_ok(), "user " + login + ": " + id.status().message());
  }
  http::Router router;
  parts_->portal->register_routes(router);
  parts_->staff->register_routes(router);
  parts_->desk->register_routes(router);
  parts_->monitor->register_routes(router);
  parts_->reports->register_routes(router);
  parts_->cases->register_routes(router);
  http::ServerOptions so;
  so.port = 0;
  so.access_log = false;
  parts_->server = std::make_unique<http::Server>(so, std::move(router));
  require(parts_->server->start().is_ok(), "server");
  port_ = parts_->server->port();
}

StaffSite::~StaffSite() {
  if (parts_->server) parts_->server->stop();
}

std::unique_ptr<store::Connection> StaffSite::connect() { return *parts_->inst->connect(); }

services::Installation& StaffSite::installation() { return *parts_->inst; }

std::string StaffSite::sign_in(const std::string& login) {
  HttpReply form_page = http_get(port_, "/staff/login");
  const std::string pre = set_cookie(form_page, web::kLoginCsrfCookie).value_or("");
  HttpReply r = http_request(port_, "POST", "/staff/login",
                             "Cookie: " + std::string(web::kLoginCsrfCookie) + "=" + pre +
                                 "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                             urlencoded({{"csrf", csrf_in(form_page.body)}, {"login", login}, {"password", kStaffPassword}}));
  const std::optional<std::string> session = set_cookie(r, web::kSessionCookie);
  if (r.status != 303 || !session) return "";
  return "Cookie: " + std::string(web::kSessionCookie) + "=" + *session + "\r\n";
}

std::string StaffSite::csrf_for(const std::string& cookie) { return csrf_in(http_get(port_, "/staff", cookie).body); }

HttpReply StaffSite::get(const std::string& cookie, const std::string& target) { return http_get(port_, target, cookie); }

HttpReply StaffSite::post(const std::string& cookie, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
  return http_request(port_, "POST", target, cookie + "Content-Type: application/x-www-form-urlencoded\r\n",
                      urlencoded(fields));
}

HttpReply StaffSite::post_multipart(const std::string& cookie, const std::string& target,
                                    const std::vector<std::pair<std::string, std::string>>& fields,
                                    const std::vector<File>& files) {
  std::vector<MultipartFile> parts;
  for (const File& f : files) parts.push_back({f.field, f.file_name, f.content});
  return http_request(port_, "POST", target,
                      cookie + "Content-Type: multipart/form-data; boundary=" + kTestBoundary + "\r\n",
                      multipart_body(fields, parts));
}

int64_t StaffSite::create_draft(const std::string& cookie, const std::string& title, const std::string& kind,
                                const std::string& body, const std::string& written) {
  HttpReply r = post(cookie, "/staff/items/new",
                     {{"csrf", csrf_for(cookie)}, {"title", title}, {"body", body}, {"column", "通知公告"},
                      {"publish_date", china_today()}, {"written_date", written}, {"kind", kind},
                      {"channels", "portal"}, {"content", "第一段\n第二段"}});
  std::smatch m;
  const std::string location = r.headers["location"];
  if (r.status != 303 || !std::regex_search(location, m, std::regex("/staff/items/([0-9]+)"))) return 0;
  return std::stoll(m[1]);
}

HttpReply StaffSite::act(const std::string& cookie, int64_t id, const std::string& action, const std::string& comment) {
  return post(cookie, "/staff/items/" + std::to_string(id) + "/" + action,
              {{"csrf", csrf_for(cookie)}, {"comment", comment}});
}

int64_t StaffSite::county_stat(const std::string& key) {
  services::StatsQuery q{"county", std::stoi(china_today().substr(0, 4)), true, false};
  Result<std::map<std::string, int64_t>> figures = services::yearly_stats(*parts_->inst, q);
  if (!figures || !figures->contains(key)) return -1;
  return figures->at(key);
}

StaffSite& BackendSites::get(const std::string& backend) {
  std::unique_ptr<StaffSite>& site = sites_[backend];
  if (!site) site = std::make_unique<StaffSite>(accounts_, backend);
  return *site;
}

}  // namespace gongkai::testing
