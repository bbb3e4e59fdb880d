// Test support: a tiny blocking HTTP/1.1 client over a real TCP socket (one request per connection).
#pragma once

#include <map>
#include <string>

namespace gongkai::testing {

struct HttpReply {
  int status = 0;                              // 0 when the connection failed
  std::map<std::string, std::string> headers;  // names lower-case; a repeated header's values joined by '\n'
  std::string body;
};

// Sends `method target` to 127.0.0.1:`port` with optional extra header lines ("Name: value\r\n" each) and body,
// and reads the whole reply (Connection: close).
HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::string& extra_headers = "", const std::string& body = "");
inline HttpReply http_get(int port, const std::string& target, const std::string& extra_headers = "") {
  return http_request(port, "GET", target, extra_headers);
}

// Sends raw bytes and returns whatever comes back until the server closes (or 5 s pass).
std::string http_raw(int port, const std::string& bytes);

}  // namespace gongkai::testing
