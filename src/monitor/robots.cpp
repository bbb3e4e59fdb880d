// robots.txt matching.
#include "monitor/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace gongkai::monitor {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Matches `pattern` ('*' any run, trailing '$' end) against the start of `path`.
bool matches(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  const bool anchored = pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative wildcard match with backtracking on the last '*'.
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

Robots Robots::parse(std::string_view text, std::string_view agent) {
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    std::optional<int> delay;
  };
  std::vector<Group> groups;
  bool in_agents = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string line(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = lower(trim(line.substr(0, colon)));
    const std::string value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      groups.back().agents.push_back(lower(value));
      in_agents = true;
      continue;
    }
    in_agents = false;
    if (groups.empty()) continue;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" allows everything
      groups.back().rules.push_back({value, key == "allow"});
    } else if (key == "crawl-delay") {
      groups.back().delay = static_cast<int>(std::strtod(value.c_str(), nullptr) * 1000);
    }
  }
  const std::string me = lower(std::string(agent));
  Robots out;
  const Group* chosen = nullptr;
  for (const Group& g : groups) {
    for (const std::string& a : g.agents) {
      if (a != "*" && !a.empty() && me.starts_with(a)) chosen = &g;
    }
  }
  if (!chosen) {
    for (const Group& g : groups) {
      if (std::find(g.agents.begin(), g.agents.end(), "*") != g.agents.end()) chosen = &g;
    }
  }
  if (chosen) {
    out.rules_ = chosen->rules;
    out.crawl_delay_ms_ = chosen->delay;
  }
  return out;
}

Robots Robots::disallow_all() {
  Robots r;
  r.rules_.push_back({"/", false});
  return r;
}

bool Robots::allowed(std::string_view path) const {
  size_t best_len = 0;
  bool allow = true;
  for (const Rule& r : rules_) {
    if (!matches(r.pattern, path)) continue;
    if (r.pattern.size() > best_len || (r.pattern.size() == best_len && r.allow)) {
      best_len = r.pattern.size();
      allow = r.allow;
    }
  }
  return allow;
}

}  // namespace gongkai::monitor
