// HTTP fetching for the site check: many requests at once on one thread (libcurl multi), polite to each host
// (a cap on concurrent requests and a minimum interval between request starts per host), and bounded in every
// dimension a hostile or broken server could stretch: connect and total timeouts, body size, redirects. A
// host that never answers costs its timeout and nothing else: the other requests keep going.
//
// Thread safety: a Fetcher is used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gongkai::monitor {

struct FetchOptions {
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 15000;        // the 15-second rule of 国办秘函〔2019〕19号
  size_t max_body_bytes = 2 * 1024 * 1024;
  long max_redirects = 5;
  int per_host_concurrency = 2;
  int per_host_interval_ms = 100;       // between request starts on one host
  int max_concurrency = 16;             // over all hosts
  std::string user_agent = "gongkai-monitor/0.1 (政务公开网站监测)";
};

struct FetchRequest {
  std::string url;
  bool check_only = false;  // only whether it answers: the body is not read (off-site links, budget overflow)
};

struct FetchResult {
  std::string url;        // as requested
  std::string final_url;  // after redirects
  long status = 0;        // HTTP status of the final response; 0 when none arrived
  std::string content_type;
  std::string body;       // at most max_body_bytes (empty for check_only)
  bool truncated = false; // the body was longer than the cap and was cut
  std::string error;      // "" when a response arrived; else what went wrong (timeout, refused, redirect loop …)
  long millis = 0;        // total time
  // A response arrived and its status is below 400.
  bool ok() const { return error.empty() && status > 0 && status < 400; }
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Fetches every request and returns one result per request, in the same order. Never fails as a whole: each
  // request's trouble is in its result. Blocks until all are done (each bounded by the total timeout plus the
  // politeness waits of its host).
  std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests);

  const FetchOptions& options() const { return options_; }
  // Sets the minimum interval between starts on `host` (robots.txt Crawl-delay), capped at 10 s.
  void set_host_interval(const std::string& host, int interval_ms);

 private:
  FetchOptions options_;
  std::vector<std::pair<std::string, int>> host_intervals_;
};

// URL helpers on libcurl's URL parser.
// `ref` resolved against `base`, without its fragment; "" when either does not parse or the result is not
// http(s).
std::string resolve_url(const std::string& base, const std::string& ref);
// "host:port" of an absolute http(s) URL ("" if it does not parse or is not http(s)); the politeness key.
std::string host_key(const std::string& url);
// The path with query of an absolute URL ("/" if empty).
std::string path_of(const std::string& url);

}  // namespace gongkai::monitor
