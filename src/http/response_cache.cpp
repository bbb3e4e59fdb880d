// The response cache: an LRU map from request key to a finished response, dropped wholesale on a new generation.
#include "http/response_cache.h"

#include <cctype>
#include <cstdio>
#include <string_view>

namespace gongkai::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t pos = 0; pos < a.size(); ++pos) {
    if (std::tolower(static_cast<unsigned char>(a[pos])) != std::tolower(static_cast<unsigned char>(b[pos]))) {
      return false;
    }
  }
  return true;
}

bool contains_no_store(const std::string& value) {
  return value.find("no-store") != std::string::npos || value.find("private") != std::string::npos;
}

}  // namespace

ResponseCache::ResponseCache(size_t max_bytes, size_t max_entry_bytes)
    : max_bytes_(max_bytes), max_entry_bytes_(max_entry_bytes) {}

std::string ResponseCache::etag_for(const std::string& body) {
  // FNV-1a, 64 bits: a validator, not a security measure (the body itself is what is compared by clients).
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "\"%016llx-%zx\"", static_cast<unsigned long long>(hash), body.size());
  return buf;
}

std::shared_ptr<const ResponseCache::Entry> ResponseCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second.position);
  return it->second.entry;
}

uint64_t ResponseCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

std::string ResponseCache::store(const std::string& key, uint64_t generation, const Response& response) {
  if (response.status != 200) return "";
  for (const auto& [name, value] : response.headers) {
    if (iequals(name, "set-cookie")) return "";
    if (iequals(name, "cache-control") && contains_no_store(value)) return "";
  }
  auto entry = std::make_shared<Entry>();
  entry->response = response;
  entry->etag = etag_for(response.body);
  entry->response.set_header("ETag", entry->etag);
  entry->bytes = key.size() + response.body.size() + 256;
  for (const auto& [name, value] : entry->response.headers) entry->bytes += name.size() + value.size();
  if (entry->bytes > max_entry_bytes_ || entry->bytes > max_bytes_) return "";

  std::lock_guard lock(mutex_);
  if (generation != generation_) return "";
  auto it = slots_.find(key);
  if (it != slots_.end()) {
    bytes_ -= it->second.entry->bytes;
    lru_.erase(it->second.position);
    slots_.erase(it);
  }
  while (bytes_ + entry->bytes > max_bytes_ && !lru_.empty()) {
    auto victim = slots_.find(lru_.back());
    bytes_ -= victim->second.entry->bytes;
    slots_.erase(victim);
    lru_.pop_back();
  }
  lru_.push_front(key);
  bytes_ += entry->bytes;
  std::string etag = entry->etag;
  slots_.emplace(key, Slot{std::move(entry), lru_.begin()});
  return etag;
}

void ResponseCache::set_generation(uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation == generation_) return;
  generation_ = generation;
  slots_.clear();
  lru_.clear();
  bytes_ = 0;
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{hits_, misses_, slots_.size(), bytes_, generation_};
}

}  // namespace gongkai::http
