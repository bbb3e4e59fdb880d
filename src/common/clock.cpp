// Clock helpers; China has had no daylight saving time since 1991, so UTC+8 is exact.
#include "common/clock.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace gongkai {
namespace {

std::string format(std::time_t t, const char* fmt) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

}  // namespace

std::string utc_now_iso() {
  return format(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()), "%Y-%m-%dT%H:%M:%SZ");
}

std::string china_today() {
  if (const char* fixed = std::getenv("GONGKAI_TODAY"); fixed && *fixed) return fixed;
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 8 * 3600;
  return format(t, "%Y-%m-%d");
}

}  // namespace gongkai
