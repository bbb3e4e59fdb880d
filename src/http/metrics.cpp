// Prometheus exposition of the server counters (see metrics.h).
#include "http/metrics.h"

#include <cstdio>

namespace gongkai::http {

void Metrics::record_request(int status, double seconds, uint64_t bytes_sent) {
  int status_class = status / 100;
  if (status_class >= 1 && status_class <= 5) {
    requests_by_class_[status_class - 1].fetch_add(1, std::memory_order_relaxed);
  }
  for (size_t bucket_idx = 0; bucket_idx < kDurationBuckets.size(); ++bucket_idx) {
    if (seconds <= kDurationBuckets[bucket_idx]) {
      duration_buckets_[bucket_idx].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  duration_count_.fetch_add(1, std::memory_order_relaxed);
  duration_sum_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  bytes_sent_.fetch_add(bytes_sent, std::memory_order_relaxed);
}

std::string Metrics::render(size_t worker_queue_depth) const {
  std::string out;
  char line[160];
  out += "# HELP http_requests_total Requests answered, by status class.\n";
  out += "# TYPE http_requests_total counter\n";
  for (size_t class_idx = 0; class_idx < requests_by_class_.size(); ++class_idx) {
    std::snprintf(
        line, sizeof line, "http_requests_total{code=\"%zuxx\"} %llu\n", class_idx + 1,
        static_cast<unsigned long long>(requests_by_class_[class_idx].load(std::memory_order_relaxed)));
    out += line;
  }
  out +=
      "# HELP http_request_duration_seconds Time from the end of the request headers to the end of the "
      "response.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  unsigned long long cumulative = 0;
  for (size_t bucket_idx = 0; bucket_idx < kDurationBuckets.size(); ++bucket_idx) {
    cumulative += duration_buckets_[bucket_idx].load(std::memory_order_relaxed);
    std::snprintf(line, sizeof line, "http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                  kDurationBuckets[bucket_idx], cumulative);
    out += line;
  }
  unsigned long long count = duration_count_.load(std::memory_order_relaxed);
  std::snprintf(line, sizeof line, "http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", count);
  out += line;
  std::snprintf(line, sizeof line, "http_request_duration_seconds_sum %.6f\n",
                static_cast<double>(duration_sum_micros_.load(std::memory_order_relaxed)) / 1e6);
  out += line;
  std::snprintf(line, sizeof line, "http_request_duration_seconds_count %llu\n", count);
  out += line;

  auto scalar = [&](std::string name, const char* type, const char* help, long long value) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
           std::to_string(value) + "\n";
  };
  scalar("http_bytes_sent_total", "counter", "Response bytes written (head and body).",
         static_cast<long long>(bytes_sent_.load(std::memory_order_relaxed)));
  scalar("http_connections_open", "gauge", "Client connections currently open.",
         static_cast<long long>(connections_open_.load(std::memory_order_relaxed)));
  scalar("http_connections_rejected_total", "counter",
         "Connections closed at once because of max_connections.",
         static_cast<long long>(connections_rejected_.load(std::memory_order_relaxed)));
  scalar("http_worker_queue_depth", "gauge", "Requests waiting for a worker thread.",
         static_cast<long long>(worker_queue_depth));
  scalar("http_requests_rejected_total", "counter",
         "Requests answered 503 because the worker queue was full.",
         static_cast<long long>(requests_rejected_.load(std::memory_order_relaxed)));
  return out;
}

}  // namespace gongkai::http
