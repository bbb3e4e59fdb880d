// Route table: pattern parsing, matching by specificity, 404/405 and exception containment (see http.h).
#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "http/http.h"

namespace gongkai::http {

namespace {

enum class SegmentKind { kLiteral = 0, kParam = 1, kRest = 2 };  // order = specificity, most specific first

struct Segment {
  SegmentKind kind;
  std::string text;  // the literal, or the parameter name
};

}  // namespace

struct Router::Route {
  std::string method;
  std::string pattern;
  std::vector<Segment> segments;
  Handler handler;
  RouteOptions options;
};

namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}. Patterns and paths are split alike.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool is_param_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (method.empty()) throw std::invalid_argument("route method is empty");
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  if (!handler) throw std::invalid_argument("route has no handler: " + method + " " + pattern);
  auto route = std::make_shared<Route>();
  std::set<std::string, std::less<>> names;
  std::vector<std::string_view> parts = split_path(pattern);
  for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    std::string_view part = parts[part_idx];
    if (part.size() < 2 || part.front() != '{' || part.back() != '}') {
      if (part.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("route pattern has a malformed {param}: " + pattern);
      }
      route->segments.push_back({SegmentKind::kLiteral, std::string(part)});
      continue;
    }
    std::string_view name = part.substr(1, part.size() - 2);
    SegmentKind kind = SegmentKind::kParam;
    if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
      if (part_idx + 1 != parts.size()) throw std::invalid_argument("{rest...} must be last: " + pattern);
      name.remove_suffix(3);
      kind = SegmentKind::kRest;
    }
    if (!is_param_name(name))
      throw std::invalid_argument("route parameter name is not [A-Za-z0-9_]+: " + pattern);
    if (!names.emplace(name).second) throw std::invalid_argument("route parameter repeated: " + pattern);
    route->segments.push_back({kind, std::string(name)});
  }
  for (const auto& existing : routes_) {
    if (existing->method == method && existing->pattern == pattern) {
      throw std::invalid_argument("route added twice: " + method + " " + pattern);
    }
  }
  route->method = std::move(method);
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  route->options = options;
  routes_.push_back(std::move(route));
}

void Router::set_not_found(Handler h) {
  not_found_ = std::move(h);
}

void Router::set_error_handler(std::function<Response(const Request&, const std::string& what)> h) {
  error_handler_ = std::move(h);
}

namespace {

// Whether `route_segments` matches `path_segments`; on success fills `params` and `specificity`.
bool match_segments(const std::vector<Segment>& route_segments,
                    const std::vector<std::string_view>& path_segments,
                    std::map<std::string, std::string>* params, std::vector<int>* specificity) {
  params->clear();
  specificity->clear();
  for (size_t seg_idx = 0; seg_idx < route_segments.size(); ++seg_idx) {
    const Segment& segment = route_segments[seg_idx];
    specificity->push_back(static_cast<int>(segment.kind));
    if (segment.kind == SegmentKind::kRest) {
      if (seg_idx >= path_segments.size()) return false;
      std::string rest;
      for (size_t rest_idx = seg_idx; rest_idx < path_segments.size(); ++rest_idx) {
        if (rest_idx > seg_idx) rest += '/';
        rest += path_segments[rest_idx];
      }
      (*params)[segment.text] = std::move(rest);
      return true;
    }
    if (seg_idx >= path_segments.size()) return false;
    std::string_view part = path_segments[seg_idx];
    if (segment.kind == SegmentKind::kLiteral) {
      if (part != segment.text) return false;
      continue;
    }
    if (part.empty()) return false;
    (*params)[segment.text] = std::string(part);
  }
  return route_segments.size() == path_segments.size();
}

}  // namespace

const Router::Route* Router::find(std::string_view method, std::string_view path,
                                  std::map<std::string, std::string>* params, std::string* allow) const {
  if (path.empty() || path.front() != '/') return nullptr;
  std::vector<std::string_view> path_segments = split_path(path);
  std::set<std::string, std::less<>> path_methods;
  const Route* best = nullptr;
  std::vector<int> best_specificity;
  const Route* best_get = nullptr;  // HEAD falls back to the GET route when no HEAD route matches
  std::vector<int> best_get_specificity;
  std::map<std::string, std::string> candidate_params;
  std::vector<int> specificity;
  for (const auto& route : routes_) {
    if (!match_segments(route->segments, path_segments, &candidate_params, &specificity)) continue;
    path_methods.insert(route->method);
    if (route->method == method && (!best || specificity < best_specificity)) {
      best = route.get();
      best_specificity = specificity;
      *params = candidate_params;
    }
    if (method == "HEAD" && route->method == "GET" && (!best_get || specificity < best_get_specificity)) {
      best_get = route.get();
      best_get_specificity = specificity;
      if (!best) *params = candidate_params;
    }
  }
  if (best) return best;
  if (best_get) return best_get;
  if (path_methods.empty()) return nullptr;
  if (path_methods.count("GET")) path_methods.insert("HEAD");
  allow->clear();
  for (const std::string& allowed : path_methods) {
    if (!allow->empty()) *allow += ", ";
    *allow += allowed;
  }
  return nullptr;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match match;
  const Route* route = find(method, path, &match.params, &match.allow);
  if (route) {
    match.kind = Match::Kind::kFound;
    match.options = route->options;
    return match;
  }
  match.params.clear();
  match.kind = match.allow.empty() ? Match::Kind::kNotFound : Match::Kind::kMethodNotAllowed;
  return match;
}

Response Router::dispatch(Request& request) const {
  std::string allow;
  request.params.clear();
  const Route* route = find(request.method, request.path, &request.params, &allow);
  std::string what;
  try {
    if (route) return route->handler(request);
    request.params.clear();
    if (!allow.empty()) {
      Response response = Response::text("405 Method Not Allowed\n", 405);
      response.set_header("Allow", allow);
      return response;
    }
    if (not_found_) return not_found_(request);
    return Response::text("404 Not Found\n", 404);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  if (error_handler_) {
    try {
      return error_handler_(request, what);
    } catch (...) {
      // Fall through to the plain 500: the error handler itself failed.
    }
  } else {
    std::fprintf(stderr, "http: handler for %s %s threw: %s\n", request.method.c_str(), request.path.c_str(),
                 what.c_str());
  }
  return Response::text("500 Internal Server Error\n", 500);
}

}  // namespace gongkai::http
