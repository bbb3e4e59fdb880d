// Local test sites for the crawler, served over real sockets on 127.0.0.1: a raw socket server for the
// pathological hosts (never answers, slow drip) the project's HTTP server would not imitate.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/http.h"

namespace gongkai::testing {

// Paths: /never… accepts and never answers; /drip sends a header then one byte every 300 ms; /robots.txt is
// 404; anything else is a small 200 page. Stops (closing every connection) when destroyed.
class RawSite {
 public:
  RawSite();
  ~RawSite();
  uint16_t port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int connections() const { return connections_.load(); }

 private:
  void serve(int fd);
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
};

// A page of a county website: header nav, <main>, footer.
std::string test_page(const std::string& title, const std::string& main, const std::string& nav = "");

// A government website with planted problems, on the project's HTTP server (port 0), whose off-site links
// point at `raw_base` (a RawSite): home /, columns /news (stale, bad HTML), /notice (fresh, table), /blank,
// /gbk (GBK-encoded, with a forbidden term), articles /a/N (/a/2 has no date, /a/3 a wording error), an endless
// /trap/N, /private/ (robots.txt disallows it), /missing (404), /loop (redirects to itself), /big (3 MB).
// Counts requests per path and the most requests in flight at once.
class GovSite {
 public:
  explicit GovSite(const std::string& raw_base);
  ~GovSite();
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  int hits(const std::string& path);
  // The date of the newest /news entry (default 2026-11-01): a unit "fixing" its stale column.
  void set_news_latest(const std::string& date);
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  std::unique_ptr<http::Server> server_;
  std::atomic<int> in_flight_{0}, max_in_flight_{0};
  std::mutex mutex_;
  std::map<std::string, int> hits_;
  std::string news_latest_ = "2026-11-01";
};

}  // namespace gongkai::testing
