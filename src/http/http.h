// The HTTP layer's public API: requests, responses, routing and the server. It knows nothing of the domain,
// and this header includes only the standard library (and Status) so that the rest of the program compiles
// fast; the Boost.Beast/Asio machinery lives in server.cpp. Limits, timeouts, headers and metrics:
// docs/http.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace gongkai::http {

class ResponseCache;

// One parsed request as a handler sees it. Filled by the server before the handler runs; plain data, no
// locking.
struct Request {
  std::string method;  // "GET", "POST", ... as sent (HEAD reaches GET handlers as "HEAD")
  std::string target;  // raw request target, e.g. "/items/7?page=2"
  std::string path;    // percent-decoded path, validated UTF-8, no "." / ".." segments, no NUL,
                       // no control characters, no encoded '/'
  std::vector<std::pair<std::string, std::string>> query;  // decoded ('+' = space) query parameters in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, in order received
  std::string body;
  std::string remote_addr;                    // peer IP address without port
  std::map<std::string, std::string> params;  // from route patterns like "/items/{id}"

  // The first value of query parameter `name`, or nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;
  // The first header called `name` (compared case-insensitively), or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s) (surrounding quotes removed), or nullopt when
  // absent.
  std::optional<std::string> cookie(std::string_view name) const;
  // The body parsed as application/x-www-form-urlencoded ('+' = space, %XX decoded), pairs in order. Empty
  // when the Content-Type is something else. Pairs whose name or value is not valid UTF-8 or contains NUL
  // after decoding are left out.
  std::vector<std::pair<std::string, std::string>> form() const;
};

// What a handler returns. The server adds Date, Content-Length, the default security headers and
// ServerOptions::default_headers unless the handler set a header of the same name. It drops headers whose
// name is not a token or whose value contains CR, LF or NUL (header injection), and the framing headers it
// owns (Content-Length, Transfer-Encoding, Connection, ...; "Connection: close" is honoured). See
// docs/http.md.
struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces every header called `name` (case-insensitively) by one with `value`.
  void set_header(std::string name, std::string value);
  // Appends a header, keeping existing ones of the same name (e.g. several Set-Cookie).
  void add_header(std::string name, std::string value);
  // The first header called `name` (case-insensitively), or nullopt.
  std::optional<std::string> header(std::string_view name) const;

  static Response html(std::string body, int status = 200);  // text/html; charset=utf-8
  static Response text(std::string body, int status = 200);  // text/plain; charset=utf-8
  static Response json(std::string body, int status = 200);  // application/json
  static Response redirect(std::string location, int status = 303);
};

// Handlers run on the server's worker threads, several at once: they must be safe to call concurrently.
using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
  size_t max_body_bytes = 64 * 1024;  // larger bodies get 413 (from Content-Length, or while reading chunked)
  // GET/HEAD answers of this route may be kept in ServerOptions::response_cache (see response_cache.h) and
  // served from it on the I/O thread; the key is the Host header, the target and the value of
  // cache_vary_cookie (if named). Only for responses that depend on nothing else.
  bool cache = false;
  std::string cache_vary_cookie;
};

// Options with a body limit of `max_body_bytes` and the defaults otherwise.
inline RouteOptions body_limit(size_t max_body_bytes) {
  RouteOptions options;
  options.max_body_bytes = max_body_bytes;
  return options;
}

// Maps (method, path) to handlers. Build it on one thread, then hand it to a Server, which only reads it.
class Router {
 public:
  // pattern: literal segments and {name} segments, e.g. "/bodies/{code}/columns/{id}"; a trailing "{rest...}"
  // matches the remainder (possibly empty) and stores it, without the leading '/', in params["rest"] (the
  // name in braces, e.g. "{path...}" -> params["path"]). Literal segments win over {name} segments, which win
  // over {rest...}. Throws std::invalid_argument for a malformed pattern or a duplicate (method, pattern) — a
  // programming error found at start-up.
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void set_not_found(Handler h);  // default: plain 404
  // Called when a handler threw; `what` is the exception's message, for logs only. Default: plain 500 without
  // details. If this handler throws too, the plain 500 is sent.
  void set_error_handler(std::function<Response(const Request&, const std::string& what)> h);
  // HEAD is served by the GET handler without body; 405 with Allow for a known path with another method.

  // What the router would do with (method, path).
  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    RouteOptions options;                       // of the matched route; defaults otherwise
    std::map<std::string, std::string> params;  // when found
    std::string allow;                          // when kMethodNotAllowed: e.g. "GET, HEAD, POST"
  };
  Match match(std::string_view method, std::string_view path) const;

  // Runs the matching handler (or the not-found handler, or a 405 with Allow) for `request`, filling
  // request.params first. Never throws: a throwing handler becomes the error handler's response. The body of
  // a HEAD response is left in place; the server drops it.
  Response dispatch(Request& request) const;

 private:
  struct Route;
  const Route* find(std::string_view method, std::string_view path,
                    std::map<std::string, std::string>* params, std::string* allow) const;

  std::vector<std::shared_ptr<const Route>> routes_;
  Handler not_found_;
  std::function<Response(const Request&, const std::string&)> error_handler_;
};

// Defaults and what happens when a limit is exceeded: docs/http.md.
struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // port 0 = pick a free one
  int io_threads = 1;
  int worker_threads = 4;
  size_t worker_queue_limit = 256;        // requests waiting for a worker; beyond it: 503 with Retry-After
  size_t header_limit_bytes = 16 * 1024;  // request line + headers; beyond it: 431
  // From accept (or from the first byte of a later keep-alive request) to the end of the headers; a client
  // trickling its headers is cut off here.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};  // reading the whole body
  std::chrono::seconds idle_timeout{60};  // keep-alive: waiting for the next request
  // Waiting for a worker's answer; then 503 and the connection closes (the handler runs on, unheard).
  std::chrono::seconds handler_timeout{30};
  std::chrono::seconds write_timeout{30};     // writing one response
  std::chrono::seconds shutdown_timeout{10};  // stop(): how long in-flight requests may take to finish
  size_t max_connections = 10000;  // over the cap a new connection gets a 503 and is closed at once
  std::string static_dir;          // served under static_prefix if set
  std::string static_prefix = "/static/";
  bool access_log = true;  // one line per request on stderr: time, remote, method, path, status, bytes, ms
  bool builtin_routes = true;  // GET /healthz and GET /metrics, answered on the I/O threads
  std::vector<std::pair<std::string, std::string>> default_headers;  // added to every response unless set
  // Where cacheable routes keep their answers; none: nothing is cached.
  std::shared_ptr<ResponseCache> response_cache;
  // Called on the worker after the handler of a request other than GET/HEAD has answered, before the answer
  // is sent: the place to bring response_cache up to date with a write this node has just made, so that whoever
  // made it never reads a stale copy of the page it changed. Must not throw.
  std::function<void()> after_write;
};

// An HTTP/1.1 server. I/O threads parse and write; handlers run on a bounded worker pool. All public
// methods may be called from any thread except a request handler (stop() from a handler would wait for
// itself).
class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();  // stops the server if running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. Fails with kIo naming host:port if the address cannot be bound (port
  // taken), with kInvalid for bad options (static_dir not a directory, zero threads) or when called twice.
  Status start();
  uint16_t port() const;  // the bound port (valid after a successful start)
  // Graceful: stops accepting (new connections are refused), closes idle connections, lets in-flight
  // requests finish for up to shutdown_timeout, then closes the rest and joins all threads. Idempotent.
  void stop();
  void wait();  // blocks until stopped
  // Installs SIGINT/SIGTERM handling that calls stop(); returns after the server has stopped (at once if
  // start() did not succeed).
  void run_until_signal();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::http
