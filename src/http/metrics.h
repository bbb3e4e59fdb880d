// Server counters in the Prometheus text format (names and meaning: docs/http.md). Lock-free: every method
// may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace gongkai::http {

class Metrics {
 public:
  // Upper bounds (seconds) of the request-duration histogram buckets; +Inf is implied.
  static constexpr std::array<double, 12> kDurationBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                              0.25,  0.5,   1,    2.5,   5,    10};

  // One finished request: its status, how long it took from the end of its headers to the end of the write,
  // and the bytes written (head + body).
  void record_request(int status, double seconds, uint64_t bytes_sent);
  void connection_opened() { connections_open_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }
  void connection_rejected() { connections_rejected_.fetch_add(1, std::memory_order_relaxed); }
  void request_rejected() { requests_rejected_.fetch_add(1, std::memory_order_relaxed); }
  int64_t connections_open() const { return connections_open_.load(std::memory_order_relaxed); }

  // The exposition text; `worker_queue_depth` is sampled by the caller.
  std::string render(size_t worker_queue_depth) const;

 private:
  std::array<std::atomic<uint64_t>, 5> requests_by_class_{};                       // 1xx .. 5xx
  std::array<std::atomic<uint64_t>, kDurationBuckets.size()> duration_buckets_{};  // not cumulative
  std::atomic<uint64_t> duration_count_{0};
  std::atomic<uint64_t> duration_sum_micros_{0};
  std::atomic<uint64_t> bytes_sent_{0};
  std::atomic<int64_t> connections_open_{0};
  std::atomic<uint64_t> connections_rejected_{0};
  std::atomic<uint64_t> requests_rejected_{0};
};

}  // namespace gongkai::http
