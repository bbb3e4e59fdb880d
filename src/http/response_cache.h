// A bounded in-memory cache of whole GET responses for the routes that opt in (RouteOptions::cache). The server
// answers a hit on its I/O thread, without a worker, a database or a template: this is what lets a rendered page
// be served at a rate close to a static file's.
//
// Entries are tagged with a generation. Whoever owns the content decides when copies go stale by calling
// set_generation() with a new value (the portal raises it when the database's site version changes); every
// entry of another generation is dropped at once, and a response computed under an older generation is never
// stored. The cache knows nothing of what the generation means.
//
// Thread safety: every method may be called from any thread (one mutex guards the map and the LRU list).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/http.h"

namespace gongkai::http {

class ResponseCache {
 public:
  struct Entry {
    Response response;  // as the handler returned it, plus the ETag header
    std::string etag;   // quoted strong validator derived from the body
    size_t bytes = 0;   // what the entry counts against the limit
  };

  // `max_bytes` bounds the sum of cached bodies and headers (least recently used entries leave first);
  // responses larger than `max_entry_bytes` are not cached.
  explicit ResponseCache(size_t max_bytes = 64u << 20, size_t max_entry_bytes = 1u << 20);

  // The entry stored under `key` in the current generation, or nullptr.
  std::shared_ptr<const Entry> find(const std::string& key);
  uint64_t generation() const;
  // Stores `response` under `key` if `generation` is still the current one and the response is cacheable
  // (status 200, no Set-Cookie, no "Cache-Control: no-store", small enough). Returns the ETag it was stored
  // with, or "" when it was not stored.
  std::string store(const std::string& key, uint64_t generation, const Response& response);
  // Makes `generation` current; when it differs from the current one every entry is dropped.
  void set_generation(uint64_t generation);

  struct Stats {
    uint64_t hits = 0, misses = 0, entries = 0, bytes = 0, generation = 0;
  };
  Stats stats() const;

  // The quoted ETag the cache gives `body` (a 64-bit hash and the length).
  static std::string etag_for(const std::string& body);

 private:
  using Lru = std::list<std::string>;
  struct Slot {
    std::shared_ptr<const Entry> entry;
    Lru::iterator position;
  };

  const size_t max_bytes_, max_entry_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Slot> slots_;  // guarded by mutex_
  Lru lru_;                                      // guarded by mutex_; most recently used first
  size_t bytes_ = 0;                             // guarded by mutex_
  uint64_t generation_ = 0;                      // guarded by mutex_
  uint64_t hits_ = 0, misses_ = 0;               // guarded by mutex_
};

}  // namespace gongkai::http
