// The HTTP/1.1 server on Boost.Beast + Asio, one C++20 coroutine per connection on its own strand. The I/O
// threads only parse and write; router handlers run on the WorkerPool and hand their Response back to the
// connection's strand. This is the only translation unit that includes Beast/Asio. Limits and timeouts:
// docs/http.md.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>

#include "common/clock.h"
#include "http/http.h"
#include "http/response_cache.h"
#include "http/http_date.h"
#include "http/metrics.h"
#include "http/static_files.h"
#include "http/url.h"
#include "http/worker_pool.h"

namespace gongkai::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// Added to every response unless the handler (or ServerOptions::default_headers) set a header of the same
// name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSecurityHeaders = {{
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
     "base-uri 'self'; form-action 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
}};

// Hop-by-hop and framing headers the server owns; a handler's values for them are dropped.
constexpr std::array<std::string_view, 7> kServerOwnedHeaders = {
    "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Upgrade", "TE", "Trailer"};

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kOverCapacity =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 24\r\n"
    "Retry-After: 1\r\nConnection: close\r\n\r\n503 Service Unavailable\n";

constexpr std::chrono::seconds kLingerTimeout{1};  // draining unread input before closing after an error
constexpr size_t kLingerLimitBytes = 1024 * 1024;
constexpr std::chrono::seconds kForcedCloseGrace{2};  // stop(): after closing sockets by force

// A malformed request (as opposed to a closed, reset or timed-out connection, or a limit handled on its own).
bool is_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_more;
}

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header a handler may send: a token name and a value without CR, LF or NUL.
bool is_safe_header(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool is_server_owned(std::string_view name) {
  return std::any_of(kServerOwnedHeaders.begin(), kServerOwnedHeaders.end(),
                     [&](std::string_view owned) { return beast::iequals(owned, name); });
}

// For the access log: control characters, '"' and '\' escaped; everything else (UTF-8 included) as is.
std::string log_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '"' || c == '\\') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

Response plain_error(int status, std::string_view message) {
  std::string body = std::to_string(status) + " " + std::string(message) + "\n";
  return Response::text(std::move(body), status);
}

// What the access log and the metrics need about a request, available even when it was rejected early.
struct Exchange {
  std::string method = "-";
  std::string path = "-";
  int version = 11;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool head = false;
};

// The request as far as its headers tell: method, target, headers (names lower-case) and peer; no body yet.
Request request_from_header(const bhttp::request_header<>& header, const std::string& remote_addr) {
  Request request;
  request.method = std::string(header.method_string());
  request.target = std::string(header.target());
  for (const auto& field : header) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.remote_addr = remote_addr;
  return request;
}

// The response cache's key: host, target and the value of the route's vary cookie, separated by bytes that no
// valid header or target holds.
std::string cache_key_for(const Request& request, const RouteOptions& options) {
  std::string key = request.header("host").value_or("");
  key += '\n';
  key += request.target;
  if (!options.cache_vary_cookie.empty()) {
    key += '\n';
    key += request.cookie(options.cache_vary_cookie).value_or("");
  }
  return key;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Router router)
      : options_(std::move(options)),
        router_(std::move(router)),
        pool_(options_.worker_threads, options_.worker_queue_limit) {}
  ~Impl() { stop(); }

  Status start();
  uint16_t port() const { return port_.load(); }
  void stop();
  void wait();
  void run_until_signal();

 private:
  // kWaiting: idle or reading headers (stop() closes these); kBusy: reading the body, in a handler, writing.
  enum class ConnectionState { kWaiting, kBusy };

  // One client connection. Touched only on its strand (the stream's executor).
  struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    ConnectionState state = ConnectionState::kWaiting;
    std::string remote_addr;
  };

  // Registers a connection for the lifetime of its coroutine frame (it is a coroutine parameter, so it is
  // released even when the frame is destroyed without having run, e.g. when the io_context goes away).
  class ConnectionLease {
   public:
    ConnectionLease(Impl* server, std::shared_ptr<Connection> connection)
        : server_(server), connection_(std::move(connection)) {
      server_->metrics_.connection_opened();
      std::lock_guard lock(server_->connections_mutex_);
      server_->connections_.insert(connection_);
    }
    ConnectionLease(ConnectionLease&& other) noexcept
        : server_(std::exchange(other.server_, nullptr)), connection_(std::move(other.connection_)) {}
    ConnectionLease(const ConnectionLease&) = delete;
    ConnectionLease& operator=(const ConnectionLease&) = delete;
    ConnectionLease& operator=(ConnectionLease&&) = delete;
    ~ConnectionLease() {
      if (!server_) return;
      {
        std::lock_guard lock(server_->connections_mutex_);
        server_->connections_.erase(connection_);
      }
      server_->metrics_.connection_closed();
      server_->connections_cv_.notify_all();
    }
    Connection& connection() const { return *connection_; }

   private:
    Impl* server_;
    std::shared_ptr<Connection> connection_;
  };

  struct WorkerCall {
    explicit WorkerCall(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    std::optional<Response> response;  // set on the connection's strand
  };

  asio::awaitable<void> accept_loop();
  void reject_over_capacity(tcp::socket& socket);
  asio::awaitable<void> session(ConnectionLease lease);
  asio::awaitable<void> serve(Connection& connection);
  asio::awaitable<void> close_connection(Connection& connection, bool linger);
  asio::awaitable<std::optional<Response>> run_handler(std::shared_ptr<Request> request);
  enum class Route { kBuiltin, kStatic, kRouter };
  // An answer that needs neither the body nor a handler (a fault in the headers or target, or a method the
  // built-in and static routes do not take), or nullopt. Sets request.path/query when the target is valid,
  // and *route to who answers it.
  std::optional<Response> early_answer(const bhttp::request_header<>& header, bool length_and_chunked,
                                       Request& request, Route* route) const;
  Response builtin_response(const Request& request) const;
  bool is_builtin(std::string_view path) const;
  bool is_static(std::string_view path) const;
  template <typename Body>
  void finish_headers(bhttp::response<Body>& message, const Response& response, bool* keep_alive) const;
  // Writes `response` (or the open file for a 200 static reply) and records it; returns false if the
  // connection must be closed (write error, or keep_alive false).
  asio::awaitable<bool> send(Connection& connection, const Exchange& exchange, Response response,
                             bool keep_alive, StaticFile* file = nullptr);
  void log_access(const Connection& connection, const Exchange& exchange, int status, uint64_t bytes,
                  double seconds) const;
  void close_idle_connections(bool force);

  const ServerOptions options_;
  const Router router_;
  std::optional<StaticFiles> static_files_;
  Metrics metrics_;

  std::mutex connections_mutex_;
  std::condition_variable connections_cv_;
  std::set<std::shared_ptr<Connection>> connections_;  // guarded by connections_mutex_

  // Declared after the connection set: destroying the io_context destroys the coroutine frames, whose leases
  // unregister from it.
  std::unique_ptr<asio::io_context> io_context_;
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::signal_set> signals_;
  WorkerPool pool_;
  std::vector<std::thread> io_threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint16_t> port_{0};

  enum class Phase { kNew, kRunning, kStopping, kStopped };
  std::mutex stop_mutex_;  // serialises stop()
  std::mutex lifecycle_mutex_;
  std::condition_variable lifecycle_cv_;
  Phase phase_ = Phase::kNew;     // guarded by lifecycle_mutex_
  bool signal_received_ = false;  // guarded by lifecycle_mutex_
};

// Lifecycle

Status Server::Impl::start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (phase_ != Phase::kNew) return Status::invalid("http server: start() called twice");
  if (options_.io_threads < 1 || options_.worker_threads < 1) {
    return Status::invalid("http server: io_threads and worker_threads must be at least 1");
  }
  if (options_.static_prefix.size() < 2 || options_.static_prefix.front() != '/' ||
      options_.static_prefix.back() != '/') {
    return Status::invalid("http server: static_prefix must start and end with '/': " +
                           options_.static_prefix);
  }
  if (!options_.static_dir.empty()) {
    Result<StaticFiles> files = StaticFiles::open(options_.static_dir);
    if (!files.is_ok()) return files.status();
    static_files_.emplace(std::move(*files));
  }
  std::string address = options_.host + ":" + std::to_string(options_.port);
  auto io_context = std::make_unique<asio::io_context>(options_.io_threads);
  tcp::acceptor acceptor(*io_context);
  error_code ec;
  tcp::resolver resolver(*io_context);
  auto endpoints = resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return Status::io("http server: cannot resolve " + address + ": " + ec.message());
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor.open(endpoint.protocol(), ec); ec) {
    return Status::io("http server: cannot open a socket for " + address + ": " + ec.message());
  }
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return Status::io("http server: cannot set SO_REUSEADDR for " + address + ": " + ec.message());
  }
  if (acceptor.bind(endpoint, ec); ec) {
    return Status::io("http server: cannot bind " + address + ": " + ec.message());
  }
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return Status::io("http server: cannot listen on " + address + ": " + ec.message());
  }
  port_ = acceptor.local_endpoint(ec).port();

  io_context_ = std::move(io_context);
  acceptor_.emplace(std::move(acceptor));
  pool_.start();
  asio::co_spawn(*io_context_, accept_loop(), asio::detached);
  for (int thread_idx = 0; thread_idx < options_.io_threads; ++thread_idx) {
    io_threads_.emplace_back([this] {
      for (;;) {
        try {
          io_context_->run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "http: unexpected exception on an I/O thread: %s\n", e.what());
        }
      }
    });
  }
  phase_ = Phase::kRunning;
  return Status::ok();
}

void Server::Impl::stop() {
  std::lock_guard stop_lock(stop_mutex_);
  {
    std::lock_guard lock(lifecycle_mutex_);
    if (phase_ != Phase::kRunning) return;
    phase_ = Phase::kStopping;  // from here on run_until_signal() no longer installs signals_
  }
  lifecycle_cv_.notify_all();
  stopping_ = true;
  asio::post(*io_context_, [this] {
    error_code ignored;
    acceptor_->close(ignored);
    close_idle_connections(false);
  });
  bool drained = false;
  {
    std::unique_lock lock(connections_mutex_);
    drained =
        connections_cv_.wait_for(lock, options_.shutdown_timeout, [this] { return connections_.empty(); });
  }
  if (!drained) {
    asio::post(*io_context_, [this] { close_idle_connections(true); });
    std::unique_lock lock(connections_mutex_);
    connections_cv_.wait_for(lock, kForcedCloseGrace, [this] { return connections_.empty(); });
  }
  io_context_->stop();
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
  pool_.stop();  // runs what is queued (answers nobody waits for any more) and joins
  signals_.reset();
  acceptor_.reset();
  io_context_.reset();  // destroys the remaining coroutine frames, closing their sockets
  {
    std::lock_guard lock(lifecycle_mutex_);
    phase_ = Phase::kStopped;
  }
  lifecycle_cv_.notify_all();
}

void Server::Impl::wait() {
  std::unique_lock lock(lifecycle_mutex_);
  lifecycle_cv_.wait(lock, [this] { return phase_ == Phase::kNew || phase_ == Phase::kStopped; });
}

void Server::Impl::run_until_signal() {
  {
    std::unique_lock lock(lifecycle_mutex_);
    if (phase_ != Phase::kRunning) return;
    signals_.emplace(*io_context_, SIGINT, SIGTERM);
    signals_->async_wait([this](const error_code& ec, int /*signal_number*/) {
      if (ec) return;
      {
        std::lock_guard inner(lifecycle_mutex_);
        signal_received_ = true;
      }
      lifecycle_cv_.notify_all();
    });
    lifecycle_cv_.wait(lock, [this] { return signal_received_ || phase_ != Phase::kRunning; });
  }
  stop();
}

// Runs on an I/O thread. Closes connections waiting for a request (or all, when `force`); busy ones finish
// their request and then close because stopping_ is set.
void Server::Impl::close_idle_connections(bool force) {
  std::vector<std::shared_ptr<Connection>> connections;
  {
    std::lock_guard lock(connections_mutex_);
    connections.assign(connections_.begin(), connections_.end());
  }
  for (auto& connection : connections) {
    asio::post(connection->stream.get_executor(), [connection, force] {
      if (!force && connection->state != ConnectionState::kWaiting) return;
      error_code ignored;
      connection->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      connection->stream.socket().close(ignored);
    });
  }
}

// Accepting

asio::awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(co_await asio::this_coro::executor);
  for (;;) {
    auto [ec, socket] =
        co_await acceptor_->async_accept(asio::any_io_executor(asio::make_strand(*io_context_)), kNoThrow);
    if (ec == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
    if (ec) {
      // Out of file descriptors or similar: back off briefly instead of spinning.
      std::fprintf(stderr, "http: accept failed: %s\n", ec.message().c_str());
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(kNoThrow);
      continue;
    }
    if (stopping_) co_return;
    if (metrics_.connections_open() >= static_cast<int64_t>(options_.max_connections)) {
      reject_over_capacity(socket);
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    error_code endpoint_ec;
    connection->remote_addr = connection->stream.socket().remote_endpoint(endpoint_ec).address().to_string();
    asio::any_io_executor executor = connection->stream.get_executor();
    asio::co_spawn(executor, session(ConnectionLease(this, std::move(connection))), asio::detached);
  }
}

void Server::Impl::reject_over_capacity(tcp::socket& socket) {
  metrics_.connection_rejected();
  error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(asio::buffer(kOverCapacity), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

// One connection

asio::awaitable<void> Server::Impl::session(ConnectionLease lease) {
  Connection& connection = lease.connection();
  try {
    co_await serve(connection);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "http: connection from %s failed: %s\n", connection.remote_addr.c_str(), e.what());
    error_code ignored;
    connection.stream.socket().close(ignored);
  }
}

asio::awaitable<void> Server::Impl::close_connection(Connection& connection, bool linger) {
  error_code ignored;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (linger) {
    // Read what the client still sends, so that closing with unread data does not reset the connection and
    // destroy the error response before the client has read it.
    connection.stream.expires_after(kLingerTimeout);
    std::array<char, 4096> discard;
    size_t total = 0;
    while (total < kLingerLimitBytes) {
      auto [ec, bytes] = co_await connection.stream.async_read_some(asio::buffer(discard), kNoThrow);
      if (ec) break;
      total += bytes;
    }
  }
  connection.stream.socket().close(ignored);
}

asio::awaitable<void> Server::Impl::serve(Connection& connection) {
  beast::flat_buffer buffer;
  bool first_request = true;
  for (;;) {
    connection.state = ConnectionState::kWaiting;
    if (stopping_) co_return co_await close_connection(connection, false);
    if (!first_request && buffer.size() == 0) {
      connection.stream.expires_after(options_.idle_timeout);
      auto [ec, bytes] = co_await connection.stream.async_read_some(buffer.prepare(4096), kNoThrow);
      if (ec) co_return co_await close_connection(connection, false);
      buffer.commit(bytes);
    }
    first_request = false;

    // Headers: one deadline for all of them, so trickling bytes does not extend it.
    connection.stream.expires_after(options_.header_timeout);
    bhttp::request_parser<bhttp::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(options_.header_limit_bytes));
    header_parser.body_limit(boost::none);  // checked below against the route's limit
    Exchange exchange;
    auto [read_ec, header_bytes] =
        co_await bhttp::async_read_header(connection.stream, buffer, header_parser, kNoThrow);
    exchange.started = std::chrono::steady_clock::now();
    if (read_ec == bhttp::error::header_limit) {
      co_await send(connection, exchange, plain_error(431, "Request Header Fields Too Large"), false);
      co_return co_await close_connection(connection, true);
    }
    if (read_ec && is_parse_error(read_ec)) {
      co_await send(connection, exchange, plain_error(400, "Bad Request"), false);
      co_return co_await close_connection(connection, true);
    }
    if (read_ec) co_return co_await close_connection(connection, false);  // closed, reset or timed out
    connection.state = ConnectionState::kBusy;

    auto request =
        std::make_shared<Request>(request_from_header(header_parser.get(), connection.remote_addr));
    exchange.method = log_escape(request->method);
    exchange.path = log_escape(request->target);
    exchange.version = header_parser.get().version();
    exchange.head = header_parser.get().method() == bhttp::verb::head;
    bool keep_alive = header_parser.keep_alive();
    bool body_pending = !header_parser.is_done();
    std::optional<std::uint64_t> content_length;
    if (header_parser.content_length()) content_length = *header_parser.content_length();

    // Decide what answers the request before reading any body.
    Route route = Route::kRouter;
    std::optional<Response> early = early_answer(
        header_parser.get(), header_parser.chunked() && content_length.has_value(), *request, &route);
    if (!request->path.empty()) exchange.path = log_escape(request->path);
    if (early) {
      // The body was not read, so the connection cannot carry another request.
      bool keep = keep_alive && !body_pending;
      bool open = co_await send(connection, exchange, std::move(*early), keep);
      if (!open) co_return co_await close_connection(connection, body_pending);
      continue;
    }
    Router::Match match;
    if (route == Route::kRouter) match = router_.match(request->method, request->path);
    const size_t body_limit = match.options.max_body_bytes;

    if (body_pending) {
      if (content_length && *content_length > body_limit) {
        co_await send(connection, exchange, plain_error(413, "Content Too Large"), false);
        co_return co_await close_connection(connection, true);
      }
      connection.stream.expires_after(options_.body_timeout);
      std::optional<std::string> expect = request->header("expect");
      if (expect && beast::iequals(*expect, "100-continue") && exchange.version >= 11) {
        auto [ec, bytes] = co_await asio::async_write(connection.stream, asio::buffer(kContinue), kNoThrow);
        if (ec) co_return co_await close_connection(connection, false);
      }
      bhttp::request_parser<bhttp::string_body> body_parser(std::move(header_parser));
      body_parser.body_limit(body_limit);
      auto [body_ec, body_bytes] =
          co_await bhttp::async_read(connection.stream, buffer, body_parser, kNoThrow);
      if (body_ec == bhttp::error::body_limit) {
        co_await send(connection, exchange, plain_error(413, "Content Too Large"), false);
        co_return co_await close_connection(connection, true);
      }
      if (body_ec && is_parse_error(body_ec)) {
        co_await send(connection, exchange, plain_error(400, "Bad Request"), false);
        co_return co_await close_connection(connection, true);
      }
      if (body_ec) co_return co_await close_connection(connection, false);
      request->body = std::move(body_parser.get().body());
    }

    bool open = false;
    if (route == Route::kBuiltin) {
      open = co_await send(connection, exchange, builtin_response(*request), keep_alive);
    } else if (route == Route::kStatic) {
      StaticFile file = static_files_->lookup(
          std::string_view(request->path).substr(options_.static_prefix.size()), *request);
      Response response = file.status == 404 ? plain_error(404, "Not Found") : Response{};
      response.status = file.status;
      for (auto& header : file.headers) response.headers.push_back(std::move(header));
      open = co_await send(connection, exchange, std::move(response), keep_alive,
                           file.status == 200 ? &file : nullptr);
    } else {
      // A cacheable GET/HEAD is answered from the response cache when it holds the page: no worker, no
      // database, no template.
      ResponseCache* cache = options_.response_cache.get();
      std::string cache_key;
      uint64_t cache_generation = 0;
      if (cache && match.kind == Router::Match::Kind::kFound && match.options.cache && request->body.empty() &&
          (request->method == "GET" || request->method == "HEAD")) {
        cache_key = cache_key_for(*request, match.options);
        cache_generation = cache->generation();
        if (std::shared_ptr<const ResponseCache::Entry> entry = cache->find(cache_key)) {
          if (request->header("if-none-match") == entry->etag) {
            Response not_modified;
            not_modified.status = 304;
            not_modified.set_header("ETag", entry->etag);
            open = co_await send(connection, exchange, std::move(not_modified), keep_alive);
          } else {
            open = co_await send(connection, exchange, entry->response, keep_alive);
          }
          if (!open) co_return co_await close_connection(connection, false);
          continue;
        }
      }
      std::optional<Response> response = co_await run_handler(request);
      if (!response) {
        Response timeout = plain_error(503, "Service Unavailable");
        timeout.set_header("Retry-After", "5");
        std::fprintf(stderr, "http: handler for %s %s did not answer within %llds\n", request->method.c_str(),
                     exchange.path.c_str(), static_cast<long long>(options_.handler_timeout.count()));
        co_await send(connection, exchange, std::move(timeout), false);
        co_return co_await close_connection(connection, false);
      }
      if (!cache_key.empty()) {
        std::string etag = cache->store(cache_key, cache_generation, *response);
        if (!etag.empty()) response->set_header("ETag", etag);
      }
      open = co_await send(connection, exchange, std::move(*response), keep_alive);
    }
    if (!open) co_return co_await close_connection(connection, false);
  }
}

// Answers

std::optional<Response> Server::Impl::early_answer(const bhttp::request_header<>& header,
                                                   bool length_and_chunked, Request& request,
                                                   Route* route) const {
  if (header.method() == bhttp::verb::unknown) return plain_error(501, "unknown request method");
  size_t host_count = 0;
  for (const auto& [name, value] : request.headers) host_count += name == "host";
  if (host_count > 1 || (header.version() >= 11 && host_count == 0)) {
    return plain_error(400, "Bad Request: exactly one Host header is required");
  }
  // Both framings at once is how requests are smuggled past proxies (RFC 9112 §6.3).
  if (length_and_chunked) return plain_error(400, "Bad Request: both Content-Length and Transfer-Encoding");
  Result<Target> target = parse_target(request.target);
  if (!target.is_ok()) return plain_error(400, "Bad Request: " + target.status().message());
  request.path = std::move(target->path);
  request.query = std::move(target->query);
  if (!is_builtin(request.path) && !is_static(request.path)) {
    *route = Route::kRouter;
    return std::nullopt;
  }
  *route = is_builtin(request.path) ? Route::kBuiltin : Route::kStatic;
  if (request.method == "GET" || request.method == "HEAD") return std::nullopt;
  Response not_allowed = plain_error(405, "Method Not Allowed");
  not_allowed.set_header("Allow", "GET, HEAD");
  return not_allowed;
}

bool Server::Impl::is_builtin(std::string_view path) const {
  return options_.builtin_routes && (path == "/healthz" || path == "/metrics");
}

bool Server::Impl::is_static(std::string_view path) const {
  return static_files_ && path.substr(0, options_.static_prefix.size()) == options_.static_prefix;
}

Response Server::Impl::builtin_response(const Request& request) const {
  if (request.path == "/healthz") return Response::text("ok");
  Response response = Response::text(metrics_.render(pool_.queue_depth()));
  response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

asio::awaitable<std::optional<Response>> Server::Impl::run_handler(std::shared_ptr<Request> request) {
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  auto call = std::make_shared<WorkerCall>(executor);
  call->timer.expires_after(options_.handler_timeout);
  bool queued = pool_.try_submit([this, call, request, executor] {
    std::optional<Response> response;
    try {
      response = router_.dispatch(*request);
    } catch (...) {
      response = plain_error(500, "Internal Server Error");  // dispatch() does not throw; belt and braces
    }
    if (options_.after_write && request->method != "GET" && request->method != "HEAD") {
      try {
        options_.after_write();
      } catch (...) {
        std::fprintf(stderr, "http: the after-write hook threw\n");
      }
    }
    // Back to the connection's strand, which owns the timer and the result.
    asio::post(executor, [call, response = std::move(response)]() mutable {
      call->response = std::move(response);
      call->timer.cancel();
    });
  });
  if (!queued) {
    metrics_.request_rejected();
    Response busy = plain_error(503, "Service Unavailable");
    busy.set_header("Retry-After", "1");
    co_return busy;
  }
  co_await call->timer.async_wait(kNoThrow);
  co_return std::move(call->response);
}

template <typename Body>
void Server::Impl::finish_headers(bhttp::response<Body>& message, const Response& response,
                                  bool* keep_alive) const {
  for (const auto& [name, value] : response.headers) {
    if (!is_safe_header(name, value)) {
      std::fprintf(stderr, "http: dropped an unsafe response header \"%s\"\n", log_escape(name).c_str());
      continue;
    }
    if (beast::iequals(name, "connection") && value.find("close") != std::string::npos) *keep_alive = false;
    if (is_server_owned(name)) continue;
    message.insert(name, value);
  }
  for (const auto& [name, value] : options_.default_headers) {
    if (message.find(name) == message.end() && is_safe_header(name, value)) message.insert(name, value);
  }
  for (const auto& [name, value] : kSecurityHeaders) {
    if (message.find(name) == message.end()) message.insert(name, value);
  }
  if (message.find(bhttp::field::date) == message.end()) {
    message.set(bhttp::field::date, format_http_date(std::time(nullptr)));
  }
  if (stopping_) *keep_alive = false;
  message.keep_alive(*keep_alive);
}

asio::awaitable<bool> Server::Impl::send(Connection& connection, const Exchange& exchange, Response response,
                                         bool keep_alive, StaticFile* file) {
  if (response.status < 200 || response.status > 599) {
    std::fprintf(stderr, "http: handler for %s %s returned status %d; sending 500\n", exchange.method.c_str(),
                 exchange.path.c_str(), response.status);
    response = plain_error(500, "Internal Server Error");
  }
  connection.stream.expires_after(options_.write_timeout);
  error_code ec;
  size_t bytes = 0;
  if (file && !exchange.head) {
    bhttp::response<bhttp::file_body> message(static_cast<bhttp::status>(response.status), exchange.version);
    finish_headers(message, response, &keep_alive);
    beast::file posix_file;
    posix_file.native_handle(file->file.release());
    message.body().reset(std::move(posix_file), ec);
    if (ec) {
      std::fprintf(stderr, "http: static file for %s: %s\n", exchange.path.c_str(), ec.message().c_str());
      co_return false;
    }
    message.content_length(file->size);
    std::tie(ec, bytes) = co_await bhttp::async_write(connection.stream, message, kNoThrow);
  } else {
    bhttp::response<bhttp::string_body> message(static_cast<bhttp::status>(response.status),
                                                exchange.version);
    finish_headers(message, response, &keep_alive);
    if (response.status != 204 && response.status != 304) {
      // For HEAD: the length a GET would have had, without the body.
      message.content_length(file ? file->size : response.body.size());
      if (!exchange.head) message.body() = std::move(response.body);
    }
    std::tie(ec, bytes) = co_await bhttp::async_write(connection.stream, message, kNoThrow);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - exchange.started).count();
  metrics_.record_request(response.status, seconds, bytes);
  log_access(connection, exchange, response.status, bytes, seconds);
  co_return !ec && keep_alive;
}

void Server::Impl::log_access(const Connection& connection, const Exchange& exchange, int status,
                              uint64_t bytes, double seconds) const {
  if (!options_.access_log) return;
  std::fprintf(stderr, "%s %s \"%s %s\" %d %llu %.1fms\n", utc_now_iso().c_str(),
               connection.remote_addr.c_str(), exchange.method.c_str(), exchange.path.c_str(), status,
               static_cast<unsigned long long>(bytes), seconds * 1000.0);
}

// Server

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

Status Server::start() {
  return impl_->start();
}
uint16_t Server::port() const {
  return impl_->port();
}
void Server::stop() {
  impl_->stop();
}
void Server::wait() {
  impl_->wait();
}
void Server::run_until_signal() {
  impl_->run_until_signal();
}

}  // namespace gongkai::http
