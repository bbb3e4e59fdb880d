// A tiny blocking HTTP/1.1 client on POSIX sockets for the http/ tests: raw bytes out, parsed responses in,
// so the tests can send exactly the malformed, trickled, pipelined or oversized requests they mean to.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai::http::testing {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::optional<std::string> header(std::string_view name) const;  // `name` lower-case
};

// One connection to 127.0.0.1:port. Every read gives up after 5 s, so a broken server fails a test, not hangs
// it.
class TestConnection {
 public:
  explicit TestConnection(uint16_t port);
  ~TestConnection();
  TestConnection(TestConnection&& other) noexcept;
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends all of `bytes`; false if the connection failed.
  bool send(std::string_view bytes);
  // Reads one response; nullopt on EOF, reset, timeout or garbage. `head`: the response has no body.
  std::optional<ClientResponse> read_response(bool head = false);
  // True when the server closes (EOF or reset) within `wait`; bytes it sends meanwhile are discarded.
  bool closed_within(std::chrono::milliseconds wait);
  void close();

 private:
  bool fill();  // reads more into buffer_; false on EOF/error/timeout
  int fd_ = -1;
  std::string buffer_;
};

// "GET /x HTTP/1.1\r\nHost: test\r\n<extra>\r\n" + body, with Content-Length when a body is given.
std::string make_request(std::string_view method, std::string_view target,
                         std::string_view extra_headers = "",
                         std::optional<std::string_view> body = std::nullopt);

// One request on a fresh connection (with "Connection: close").
std::optional<ClientResponse> fetch(uint16_t port, std::string_view method, std::string_view target,
                                    std::string_view extra_headers = "",
                                    std::optional<std::string_view> body = std::nullopt);

}  // namespace gongkai::http::testing
