// The blocking test client (see test_client.h).
#include "http/test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace gongkai::http::testing {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<std::string> ClientResponse::header(std::string_view name) const {
  for (const auto& [header_name, value] : headers) {
    if (header_name == name) return value;
  }
  return std::nullopt;
}

TestConnection::TestConnection(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

TestConnection::~TestConnection() {
  close();
}

TestConnection::TestConnection(TestConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)) {}

void TestConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool TestConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) return false;
    ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

bool TestConnection::fill() {
  if (fd_ < 0) return false;
  char chunk[16384];
  for (;;) {
    ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
    if (received < 0 && errno == EINTR) continue;
    if (received <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(received));
    return true;
  }
}

std::optional<ClientResponse> TestConnection::read_response(bool head) {
  size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return std::nullopt;
  }
  std::string head_text = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  ClientResponse response;
  size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.compare(0, 5, "HTTP/") != 0 || status_line.size() < 12) return std::nullopt;
  response.status = std::atoi(status_line.c_str() + 9);
  while (line_end != std::string::npos) {
    size_t start = line_end + 2;
    line_end = head_text.find("\r\n", start);
    std::string line =
        head_text.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    size_t colon = line.find(':');
    if (colon == std::string::npos) return std::nullopt;
    size_t value_start = line.find_first_not_of(' ', colon + 1);
    response.headers.emplace_back(lower(line.substr(0, colon)),
                                  value_start == std::string::npos ? "" : line.substr(value_start));
  }
  if (head || response.status / 100 == 1 || response.status == 204 || response.status == 304) return response;
  if (std::optional<std::string> length = response.header("content-length")) {
    size_t size = std::strtoull(length->c_str(), nullptr, 10);
    while (buffer_.size() < size) {
      if (!fill()) return std::nullopt;
    }
    response.body = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return response;
  }
  if (response.header("transfer-encoding") == "chunked") {
    for (;;) {
      size_t size_end;
      while ((size_end = buffer_.find("\r\n")) == std::string::npos) {
        if (!fill()) return std::nullopt;
      }
      size_t size = std::strtoull(buffer_.c_str(), nullptr, 16);
      while (buffer_.size() < size_end + 2 + size + 2) {
        if (!fill()) return std::nullopt;
      }
      response.body += buffer_.substr(size_end + 2, size);
      buffer_.erase(0, size_end + 2 + size + 2);
      if (size == 0) return response;
    }
  }
  while (fill()) {
  }
  response.body = std::move(buffer_);
  buffer_.clear();
  return response;
}

bool TestConnection::closed_within(std::chrono::milliseconds wait) {
  if (fd_ < 0) return true;
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd_, POLLIN, 0};
    int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[4096];
    ssize_t received = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (received < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (received <= 0) return true;
  }
}

std::string make_request(std::string_view method, std::string_view target, std::string_view extra_headers,
                         std::optional<std::string_view> body) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n";
  request += extra_headers;
  if (body) request += "Content-Length: " + std::to_string(body->size()) + "\r\n";
  request += "\r\n";
  if (body) request += *body;
  return request;
}

std::optional<ClientResponse> fetch(uint16_t port, std::string_view method, std::string_view target,
                                    std::string_view extra_headers, std::optional<std::string_view> body) {
  TestConnection connection(port);
  if (!connection.send(
          make_request(method, target, std::string(extra_headers) + "Connection: close\r\n", body))) {
    return std::nullopt;
  }
  return connection.read_response(method == "HEAD");
}

}  // namespace gongkai::http::testing
