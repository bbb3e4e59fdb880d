// The public pages of disclosure on application: the online application form (/apply, 条例 Art. 29) and the
// status page for a holder of the application number and query code (/apply/track). Plain forms, no JavaScript;
// both submissions are rate limited per client, and the application form carries the arithmetic challenge and
// the honeypot of web/abuse_guard.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "http/http.h"
#include "services/installation.h"
#include "web/abuse_guard.h"
#include "web/portal.h"

namespace gongkai::web {

struct PublicCasesOptions {
  bool trust_proxy = false;          // as serve --trust-proxy: the client is the last X-Forwarded-For address
  RateLimit apply_limit{5, 2};       // application submissions per client: 5 at once, then 2 a minute
  RateLimit track_limit{10, 10};     // tracking look-ups per client
};

class PublicCases {
 public:
  // `inst` and `portal` must outlive the object. Fails when the challenge key cannot be read or created.
  static Result<std::unique_ptr<PublicCases>> create(services::Installation& inst, Portal& portal,
                                                     PublicCasesOptions options);

  // GET/POST /apply, GET/POST /apply/track.
  void register_routes(http::Router& router);

 private:
  PublicCases(services::Installation& inst, Portal& portal, PublicCasesOptions options, std::string key)
      : inst_(inst),
        portal_(portal),
        options_(options),
        challenges_(std::move(key)),
        apply_limiter_(options.apply_limit),
        track_limiter_(options.track_limit) {}

  http::Response apply_form(const http::Request& req);
  http::Response apply_submit(const http::Request& req);
  http::Response track_form(const http::Request& req);
  http::Response track_submit(const http::Request& req);

  services::Installation& inst_;
  Portal& portal_;
  PublicCasesOptions options_;
  ChallengeIssuer challenges_;
  RateLimiter apply_limiter_;
  RateLimiter track_limiter_;
};

}  // namespace gongkai::web
