// A fixed set of threads running request handlers from a bounded queue, so that handlers (which block on the
// database or the search index) never run on the I/O threads. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gongkai::http {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t queue_limit) : thread_count_(threads), queue_limit_(queue_limit) {}
  ~WorkerPool() { stop(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();  // starts the threads; call once
  // Queues `task`; returns false (and drops it) when queue_limit tasks are already waiting or the pool is
  // stopping.
  bool try_submit(std::function<void()> task);
  size_t queue_depth() const;  // tasks waiting, not counting those running
  // Runs the tasks already queued, then joins the threads. Blocks while a task runs. Idempotent.
  void stop();

 private:
  void run();

  const int thread_count_;
  const size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace gongkai::http
