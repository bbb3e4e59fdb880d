// Static files under one directory: MIME types, ETag/Last-Modified validators and conditional GET, with path
// traversal made impossible (the resolved file must lie inside the directory; symlinks out of it are
// refused).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "http/http.h"

namespace gongkai::http {

// Owns an open file descriptor; closes it on destruction. Move-only.
class FileHandle {
 public:
  FileHandle() = default;
  explicit FileHandle(int fd) : fd_(fd) {}
  FileHandle(FileHandle&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileHandle& operator=(FileHandle&& other) noexcept;
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  ~FileHandle();

  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }  // the caller now owns the descriptor

 private:
  int fd_ = -1;
};

struct StaticFile {
  int status = 404;                                          // 200, 304 or 404
  std::vector<std::pair<std::string, std::string>> headers;  // 200/304: ETag, Last-Modified, Cache-Control
                                                             // (and Content-Type for 200)
  FileHandle file;                                           // 200: open for reading
  uint64_t size = 0;                                         // 200: bytes in the file
};

// Thread-safe: lookup() only reads the file system.
class StaticFiles {
 public:
  // `dir` must name an existing directory; fails with kInvalid otherwise.
  static Result<StaticFiles> open(const std::string& dir);

  // Looks up `relative` (the decoded request path after the static prefix, already free of "." / ".."
  // segments) and answers conditional requests from `request`'s If-None-Match / If-Modified-Since. 404 for
  // anything that is not a regular file inside the directory: directories (no listing), dotfiles, symlinks
  // leading out, FIFOs.
  StaticFile lookup(std::string_view relative, const Request& request) const;

  // The Content-Type for a file name by its extension; application/octet-stream when unknown.
  static std::string_view mime_type(std::string_view file_name);

 private:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  std::string root_;  // canonical, without trailing '/'
};

}  // namespace gongkai::http
