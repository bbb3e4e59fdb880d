// Blocking HTTP test client.
#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>

namespace gongkai::testing {

std::string http_raw(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::string& extra_headers, const std::string& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers;
  if (!body.empty() || method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  const std::string raw = http_raw(port, req);
  HttpReply reply;
  const size_t head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  size_t pos = raw.find("\r\n") + 2;
  while (pos < head_end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t v = line.find_first_not_of(' ', colon + 1);
      const std::string value = v == std::string::npos ? "" : line.substr(v);
      // A repeated header (several Set-Cookie) keeps every value, one per line.
      auto [it, fresh] = reply.headers.emplace(name, value);
      if (!fresh) it->second += "\n" + value;
    }
    pos = eol + 2;
  }
  reply.body = raw.substr(head_end + 4);
  if (reply.headers["transfer-encoding"] == "chunked") {
    std::string decoded;
    size_t p = 0;
    while (p < reply.body.size()) {
      size_t eol = reply.body.find("\r\n", p);
      if (eol == std::string::npos) break;
      size_t len = std::stoul(reply.body.substr(p, eol - p), nullptr, 16);
      if (len == 0) break;
      decoded += reply.body.substr(eol + 2, len);
      p = eol + 2 + len + 2;
    }
    reply.body = decoded;
  }
  return reply;
}

}  // namespace gongkai::testing
