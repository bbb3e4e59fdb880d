// The policy desk of the staff workspace (/staff/policies, /staff/cleanup, /staff/catalog, /staff/consultations,
// /staff/audit) and the public consultation pages (/consultations/{id}): the normative-document registry with
// filing and validity, clean-up campaigns, the quarterly 发文目录清单 (page and CSV), consultations from comment
// period to published feedback, and the audit log on the web. Every staff handler passes Staff::gate first;
// scope and permissions are the services' (services/policy.h, services/consultations.h); the audit pages need
// audit.read.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/http.h"
#include "services/consultations.h"
#include "services/policy.h"
#include "web/abuse_guard.h"
#include "web/staff.h"

namespace gongkai::web {

class PolicyDesk {
 public:
  // `staff` and `portal` must outlive the desk; `clock` as Staff's.
  PolicyDesk(Staff& staff, Portal& portal, services::Clock clock = services::system_clock());

  // Adds the routes listed above to `router`.
  void register_routes(http::Router& router);

 private:
  http::Response policies(const http::Request& req);
  http::Response policy(const http::Request& req);
  http::Response record_filing(const http::Request& req);
  http::Response change_validity(const http::Request& req);
  http::Response campaigns(const http::Request& req);
  http::Response create_campaign(const http::Request& req);
  http::Response campaign(const http::Request& req);
  http::Response decide(const http::Request& req);
  http::Response quarter_list(const http::Request& req);
  http::Response consultations(const http::Request& req);
  http::Response consultation(const http::Request& req);
  http::Response consultation_post(const http::Request& req);
  http::Response audit(const http::Request& req);
  http::Response audit_verify(const http::Request& req);
  // Public.
  http::Response public_consultation(const http::Request& req);
  http::Response public_comment(const http::Request& req);

  // The policy document page with the given form errors and notice (status 400 when there are errors).
  http::Response policy_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                             int64_t item_id, const std::vector<domain::FieldError>& errors,
                             const std::string& notice);
  http::Response campaigns_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                                const services::CampaignInput& input, const std::vector<domain::FieldError>& errors);
  http::Response consultation_page(const http::Request& req, store::Connection& conn, const Staff::Context& ctx,
                                   int64_t item_id, const std::string& problem, const std::string& notice);
  http::Response public_page(const http::Request& req, store::Connection& conn, int64_t item_id,
                             const services::NewComment& typed, const std::vector<domain::FieldError>& errors,
                             bool thanks);

  // Public comments per client address (web/abuse_guard's token bucket): a burst of 5, then one every 2 minutes.
  RateLimiter comment_limiter_{RateLimit{5, 0.5}};
  // The arithmetic question of the public comment form (web/abuse_guard), keyed by the installation's form
  // key (services/form_keys.h) so every node checks every node's answers; null when the key could not be
  // read, and then the form refuses comments with 500 rather than take them unchecked.
  std::unique_ptr<ChallengeIssuer> challenges_;

  Staff& staff_;
  Portal& portal_;
  services::Clock clock_;
  services::PolicyLibrary library_;
  services::Consultations consultations_;
};

}  // namespace gongkai::web
