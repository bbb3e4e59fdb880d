// Request accessors and Response constructors (see http.h).
#include <algorithm>

#include "http/http.h"
#include "http/url.h"

namespace gongkai::http {
namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::string> find_header(const std::vector<std::pair<std::string, std::string>>& headers,
                                       std::string_view name) {
  for (const auto& [header_name, value] : headers) {
    if (iequals(header_name, name)) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [param_name, value] : query) {
    if (param_name == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [header_name, value] : headers) {
    if (!iequals(header_name, "cookie")) continue;
    std::string_view rest(value);
    while (!rest.empty()) {
      size_t semicolon = rest.find(';');
      std::string_view piece = trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      size_t eq = piece.find('=');
      if (eq == std::string_view::npos || trim(piece.substr(0, eq)) != name) continue;
      std::string_view cookie_value = trim(piece.substr(eq + 1));
      if (cookie_value.size() >= 2 && cookie_value.front() == '"' && cookie_value.back() == '"') {
        cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
      }
      return std::string(cookie_value);
    }
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> Request::form() const {
  std::optional<std::string> content_type = header("content-type");
  if (!content_type) return {};
  std::string_view media_type = trim(std::string_view(*content_type).substr(0, content_type->find(';')));
  if (!iequals(media_type, "application/x-www-form-urlencoded")) return {};
  return parse_query_lenient(body);
}

void Response::set_header(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return iequals(header.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  return find_header(headers, name);
}

namespace {

Response with_type(std::string body, int status, const char* content_type) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", content_type);
  response.body = std::move(body);
  return response;
}

}  // namespace

Response Response::html(std::string body, int status) {
  return with_type(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::text(std::string body, int status) {
  return with_type(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::json(std::string body, int status) {
  return with_type(std::move(body), status, "application/json");
}

Response Response::redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

}  // namespace gongkai::http
