// Static file lookup with validators and traversal checks (see static_files.h).
#include "http/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "http/http_date.h"

namespace gongkai::http {

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

struct MimeEntry {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array<MimeEntry, 22> kMimeTypes = {{
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"xml", "application/xml"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
    {"pdf", "application/pdf"},
}};

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9110 §13.1.2: weak comparison of each entity-tag in the If-None-Match list with `etag`, or "*".
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view candidate = trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (candidate == "*") return true;
    if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);
    if (candidate == etag) return true;
  }
  return false;
}

}  // namespace

std::string_view StaticFiles::mime_type(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string extension(file_name.substr(dot + 1));
  for (char& c : extension) c = ascii_lower(c);
  for (const MimeEntry& entry : kMimeTypes) {
    if (entry.extension == extension) return entry.type;
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::path root = std::filesystem::canonical(dir, ec);
  if (ec) return Status::invalid("static directory " + dir + ": " + ec.message());
  if (!std::filesystem::is_directory(root, ec))
    return Status::invalid("static directory " + dir + " is not a directory");
  std::string root_text = root.string();
  while (root_text.size() > 1 && root_text.back() == '/') root_text.pop_back();
  return StaticFiles(std::move(root_text));
}

StaticFile StaticFiles::lookup(std::string_view relative, const Request& request) const {
  StaticFile not_found;
  // Empty segments ("a//b", a leading '/') would let std::filesystem treat the rest as absolute; dotfiles and
  // directories are never served.
  if (relative.empty() || relative.front() == '/' || relative.back() == '/') return not_found;
  for (size_t pos = 0; pos < relative.size(); ++pos) {
    bool segment_start = pos == 0 || relative[pos - 1] == '/';
    if (segment_start && (relative[pos] == '.' || relative[pos] == '/')) return not_found;
  }
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::canonical(std::filesystem::path(root_) / relative, ec);
  if (ec) return not_found;
  const std::string& resolved_text = resolved.native();
  if (resolved_text.size() <= root_.size() + 1 || resolved_text.compare(0, root_.size(), root_) != 0 ||
      resolved_text[root_.size()] != '/') {
    return not_found;  // a symlink led out of the directory
  }
  // O_NONBLOCK: opening a FIFO must not hang; O_NOFOLLOW: the last component was just resolved.
  FileHandle file(::open(resolved_text.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (file.get() < 0) return not_found;
  struct stat info {};
  if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode)) return not_found;

  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(info.st_size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(info.st_mtim.tv_nsec));
  StaticFile result;
  result.headers = {{"ETag", etag},
                    {"Last-Modified", format_http_date(info.st_mtim.tv_sec)},
                    {"Cache-Control", "public, max-age=3600"}};
  // RFC 9110 §13.2.2: If-None-Match takes precedence; If-Modified-Since only without it.
  std::optional<std::string> if_none_match = request.header("if-none-match");
  bool not_modified = false;
  if (if_none_match) {
    not_modified = etag_matches(*if_none_match, etag);
  } else if (std::optional<std::string> if_modified_since = request.header("if-modified-since")) {
    std::optional<std::time_t> since = parse_http_date(*if_modified_since);
    not_modified = since && info.st_mtim.tv_sec <= *since;
  }
  if (not_modified) {
    result.status = 304;
    return result;
  }
  result.status = 200;
  result.headers.emplace_back("Content-Type", std::string(mime_type(resolved_text)));
  result.file = std::move(file);
  result.size = static_cast<uint64_t>(info.st_size);
  return result;
}

}  // namespace gongkai::http
