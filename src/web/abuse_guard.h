// Defences of the public forms (online applications, the tracking page, consultation comments) against automated
// and abusive submissions: a per-client token-bucket rate limiter, a text arithmetic question in Chinese that
// needs no JavaScript and no server state (the expected answer travels HMAC-signed and time-limited in a hidden
// field), and a honeypot field that people never see. docs/security.md, "Public forms", explains the choices.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"
#include "http/http.h"

namespace gongkai::web {

// The client's address as the key of rate limits and logs: the peer address, or, behind a trusted reverse proxy
// (`trust_proxy`, `serve --trust-proxy`), the last address of X-Forwarded-For (the one the proxy appended; the
// ones before it are the client's own claims).
std::string client_address(const http::Request& req, bool trust_proxy);

// A bucket of `burst` tokens refilled at `per_minute` tokens a minute; each request takes one.
struct RateLimit {
  double burst = 5;
  double per_minute = 5;
};

// Thread safety: every method may be called from any thread (one mutex). The state is per process: behind
// several nodes each one limits on its own, so the effective limit is at most nodes × the limit.
class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // At most `max_keys` clients are tracked; when full, buckets that have refilled completely are forgotten first
  // (they carry no information), then the least recently used.
  explicit RateLimiter(RateLimit limit, size_t max_keys = 50000);

  struct Decision {
    bool allowed = false;
    int retry_after_seconds = 0;  // when refused: whole seconds until one token is back (at least 1)
  };
  // Takes one token from `key`'s bucket at `now`.
  Decision take(const std::string& key, TimePoint now = std::chrono::steady_clock::now());

  size_t tracked() const;

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint updated;
  };
  void refill(Bucket& b, TimePoint now) const;
  void evict(TimePoint now);  // REQUIRES: mutex_ held

  const RateLimit limit_;
  const size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mutex_)
};

// A question shown on a form and the hidden token that lets the server check the answer later.
struct Challenge {
  std::string question;  // "七加五等于多少？"
  std::string token;     // "<expires unix>.<nonce>.<hex HMAC>": put in a hidden field
};

// Issues and checks arithmetic challenges. The token holds the expiry and a nonce and the HMAC-SHA256 (under the
// installation's key) of both with the answer, so any node with the key can check it and no node keeps state.
// A token can be replayed until it expires; the rate limiter bounds what a replay buys.
// Thread safety: immutable after construction.
class ChallengeIssuer {
 public:
  // `key` must be at least 32 bytes (kInvalid-free by contract: shorter keys are a programming error, asserted).
  explicit ChallengeIssuer(std::string key, std::chrono::seconds lifetime = std::chrono::minutes(30));

  Challenge issue(std::chrono::sys_seconds now) const;
  // The challenge with a given answer (tests; the question is built from the two numbers): a + b.
  Challenge issue_sum(int a, int b, std::chrono::sys_seconds now) const;

  // OK when `answer` (Arabic digits or Chinese numerals, full-width digits and spaces tolerated) is the answer
  // `token` was issued for and the token has not expired. kInvalid otherwise, with a message in Chinese for the
  // form: "计算题答案不正确" or "验证问题已过期，请重新作答".
  Status verify(std::string_view token, std::string_view answer, std::chrono::sys_seconds now) const;

 private:
  std::string mac(int64_t expires, std::string_view nonce, int answer) const;

  std::string key_;
  std::chrono::seconds lifetime_;
};

// The honeypot: a text field hidden from people (off-screen, aria-hidden, tabindex -1, autocomplete off) that
// form-filling robots fill in. A submission where it is not empty is refused.
inline constexpr const char* kHoneypotField = "website";
bool honeypot_tripped(const std::vector<std::pair<std::string, std::string>>& form);

// Parses "12", "１２", "十二", "二十", " 7 " as a small non-negative integer (0-199); -1 when it is not one.
int parse_small_number(std::string_view text);
// 0-199 in Chinese numerals: 0 "零", 7 "七", 12 "十二", 20 "二十", 105 "一百零五".
std::string chinese_number(int n);

}  // namespace gongkai::web
