// robots.txt (RFC 9309): the groups for our user agent (or "*"), Allow/Disallow by longest matching prefix
// ('*' and '$' wildcards), and Crawl-delay. The crawler asks before following a link on a host.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::monitor {

class Robots {
 public:
  // Everything allowed (no robots.txt, or it could not be read: RFC 9309 §2.3.1.3 for 4xx).
  Robots() = default;
  // Parses `text` for `agent` (product token, e.g. "gongkai-monitor"); falls back to the "*" group.
  static Robots parse(std::string_view text, std::string_view agent);
  // Everything disallowed (a 5xx or unreachable robots.txt: RFC 9309 §2.3.1.4).
  static Robots disallow_all();

  // Whether `path` (path + query) may be fetched.
  bool allowed(std::string_view path) const;
  std::optional<int> crawl_delay_ms() const { return crawl_delay_ms_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
  std::optional<int> crawl_delay_ms_;
};

}  // namespace gongkai::monitor
