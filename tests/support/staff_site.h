// Test support: a whole staff workspace over real HTTP for the web tests — a fresh installation with a county,
// two departments and a column, staff accounts with given roles, the portal, the staff routes, the policy desk,
// the monitor, report and case pages on a real server — and the requests a browser would make (sign in, CSRF tokens, forms, multipart uploads).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "support/http_client.h"
#include "support/test_databases.h"

namespace gongkai::services {
class Installation;
}

namespace gongkai::testing {

inline constexpr const char* kStaffPassword = "Kn0wn-Secret-Passw0rd";

class StaffSite {
 public:
  // Bodies: county (government, 339999), edu and health (departments of county); column 通知公告 of edu.
  // `accounts`: (login, body code, role) each, all with kStaffPassword. `backend` as test_backends(): the
  // installation's database is a SQLite file in the site's folder or a fresh database on the PostgreSQL test
  // server ($GONGKAI_TEST_PG_URL).
  explicit StaffSite(const std::vector<std::tuple<std::string, std::string, std::string>>& accounts,
                     const std::string& backend = "sqlite");
  ~StaffSite();
  StaffSite(const StaffSite&) = delete;
  StaffSite& operator=(const StaffSite&) = delete;

  int port() const { return port_; }
  const std::string& data_dir() const { return dir_.path(); }
  // A new connection to the installation's database (for checks and set-up the web has no form for).
  std::unique_ptr<store::Connection> connect();
  services::Installation& installation();

  // Signs in and returns the session cookie header line ("Cookie: gk_session=…\r\n").
  std::string sign_in(const std::string& login);
  // The CSRF token of `cookie`'s session (from the dashboard's forms).
  std::string csrf_for(const std::string& cookie);
  HttpReply get(const std::string& cookie, const std::string& target);
  // POSTs `fields` urlencoded.
  HttpReply post(const std::string& cookie, const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& fields);
  // One file of a multipart form: field name, file name, content.
  struct File {
    std::string field, file_name, content;
  };
  // POSTs `fields` and `files` as multipart/form-data.
  HttpReply post_multipart(const std::string& cookie, const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::vector<File>& files);
  // Creates a draft in body `body` as `cookie`'s user; returns its id (0 on failure).
  int64_t create_draft(const std::string& cookie, const std::string& title, const std::string& kind = "notice",
                       const std::string& body = "edu", const std::string& written = "");
  // Moves an item through the workflow: `action` as in /staff/items/{id}/{action}.
  HttpReply act(const std::string& cookie, int64_t id, const std::string& action, const std::string& comment = "");
  // The county's `gongkai stats` figure `key` for the current year (bodies below included); -1 when absent.
  int64_t county_stat(const std::string& key);

 private:
  struct Parts;
  TempDir dir_;
  std::unique_ptr<Parts> parts_;
  int port_ = 0;
};

// One StaffSite per backend for a suite parameterised over test_backends(): made with `accounts` by the first
// test of that backend that asks, kept until clear() (call it from TearDownTestSuite).
class BackendSites {
 public:
  using Accounts = std::vector<std::tuple<std::string, std::string, std::string>>;
  explicit BackendSites(Accounts accounts) : accounts_(std::move(accounts)) {}
  StaffSite& get(const std::string& backend);
  void clear() { sites_.clear(); }

 private:
  Accounts accounts_;
  std::map<std::string, std::unique_ptr<StaffSite>> sites_;
};

// The first csrf token in a page's forms, or "".
std::string csrf_in(const std::string& html);
// The arithmetic challenge of a public form page (web/abuse_guard.h): its hidden token and the right answer;
// ("", "") when the page has none.
std::pair<std::string, std::string> solve_challenge(const std::string& html);

}  // namespace gongkai::testing
