// Tests of the HTTP server over real sockets on 127.0.0.1 (port 0): routing, limits, timeouts, static files,
// hostile paths, concurrency, metrics and graceful stop. Timing bounds are generous; nothing waits on luck.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

#include "http/http.h"
#include "http/test_client.h"
#include "support/test_databases.h"

namespace gongkai::http {
namespace {

using testing::ClientResponse;
using testing::fetch;
using testing::make_request;
using testing::TestConnection;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A handler gate: handlers block in pass() until open(); tests wait until a handler has entered.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
  }
  bool wait_entered(int count, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return entered_ >= count; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

ServerOptions test_options() {
  ServerOptions options;
  options.port = 0;
  options.access_log = false;
  options.shutdown_timeout = 5s;
  return options;
}

std::string describe(const Request& request) {
  std::string out = request.method + " " + request.path;
  for (const auto& [name, value] : request.params) out += " {" + name + "=" + value + "}";
  for (const auto& [name, value] : request.query) out += " [" + name + "=" + value + "]";
  return out;
}

Router test_router() {
  Router router;
  router.add("GET", "/items/{id}", [](const Request& request) { return Response::text(describe(request)); });
  router.add("POST", "/items/{id}", [](const Request& request) {
    std::string out = describe(request);
    for (const auto& [name, value] : request.form()) out += " <" + name + "=" + value + ">";
    return Response::text(out);
  });
  router.add(
      "POST", "/echo", [](const Request& request) { return Response::text(request.body); },
      body_limit(64));
  router.add("GET", "/boom",
             [](const Request&) -> Response { throw std::runtime_error("secret detail 42"); });
  router.add("GET", "/framed", [](const Request&) {
    Response response = Response::html("<p>embeddable</p>");
    response.set_header("X-Frame-Options", "SAMEORIGIN");
    response.set_header("X-Injected", "a\r\nSet-Cookie: evil=1");
    response.set_header("Content-Length", "9999");
    return response;
  });
  return router;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = test_options(), Router router = test_router()) {
    server_ = std::make_unique<Server>(std::move(options), std::move(router));
    Status status = server_->start();
    ASSERT_TRUE(status.is_ok()) << status.message();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  // The value of an unlabelled metric (or one with the given label set) from /metrics; -1 if absent.
  double metric(const std::string& series) {
    std::optional<ClientResponse> response = fetch(port_, "GET", "/metrics");
    if (!response) return -1;
    size_t pos = response->body.find("\n" + series + " ");
    if (pos == std::string::npos) return -1;
    return std::stod(response->body.substr(pos + series.size() + 2));
  }

  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(HttpServerTest, RoutesWithParamsAndDecodedQuery) {
  start();
  std::optional<ClientResponse> response =
      fetch(port_, "GET", "/items/%E5%85%AC%E5%BC%80?q=%E6%94%BF%E5%8A%A1+%E5%85%AC%E5%BC%80&a=b%20c&a=d");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /items/公开 {id=公开} [q=政务 公开] [a=b c] [a=d]");
  EXPECT_EQ(response->header("content-type"), "text/plain; charset=utf-8");
  EXPECT_TRUE(response->header("date"));
}

TEST_F(HttpServerTest, AnswersNotFoundMethodNotAllowedAndHead) {
  start();
  std::optional<ClientResponse> missing = fetch(port_, "GET", "/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  std::optional<ClientResponse> wrong_method = fetch(port_, "DELETE", "/items/1");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->header("allow"), "GET, HEAD, POST");

  std::optional<ClientResponse> get = fetch(port_, "GET", "/framed");
  std::optional<ClientResponse> head = fetch(port_, "HEAD", "/framed");
  ASSERT_TRUE(get && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), std::to_string(get->body.size()));
  EXPECT_TRUE(head->body.empty());

  // A method the server does not know at all.
  std::optional<ClientResponse> unknown = fetch(port_, "FROBNICATE", "/items/1");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 501);

  std::optional<ClientResponse> post_health = fetch(port_, "POST", "/healthz", "", "x");
  ASSERT_TRUE(post_health);
  EXPECT_EQ(post_health->status, 405);
}

TEST_F(HttpServerTest, ParsesFormBodies) {
  start();
  std::optional<ClientResponse> response =
      fetch(port_, "POST", "/items/9", "Content-Type: application/x-www-form-urlencoded\r\n",
            "title=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A&note=a+b%20c");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "POST /items/9 {id=9} <title=年度报告> <note=a b c>");
}

TEST_F(HttpServerTest, RefusesBodiesOverTheRouteLimit) {
  start();
  // Content-Length over the limit: refused from the header, before any body is sent.
  {
    TestConnection connection(port_);
    ASSERT_TRUE(connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n"));
    std::optional<ClientResponse> response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->header("connection"), "close");
  }
  // Chunked: refused while reading, once the chunks add up to more than the limit.
  {
    TestConnection connection(port_);
    std::string chunk(40, 'x');
    ASSERT_TRUE(connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n28\r\n" +
                                chunk + "\r\n28\r\n" + chunk + "\r\n28\r\n" + chunk + "\r\n0\r\n\r\n"));
    std::optional<ClientResponse> response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
  }
  // Within the limit, both ways.
  std::optional<ClientResponse> small = fetch(port_, "POST", "/echo", "", "hello");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->body, "hello");
  TestConnection chunked(port_);
  ASSERT_TRUE(
      chunked.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"));
  std::optional<ClientResponse> joined = chunked.read_response();
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->status, 200);
  EXPECT_EQ(joined->body, "abcdefg");
}

TEST_F(HttpServerTest, AnswersExpectContinue) {
  start();
  TestConnection connection(port_);
  ASSERT_TRUE(
      connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  std::optional<ClientResponse> interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.send("hello"));
  std::optional<ClientResponse> response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "hello");
}

TEST_F(HttpServerTest, RefusesOversizedHeadersWith431) {
  start();
  TestConnection connection(port_);
  ASSERT_TRUE(connection.send("GET /items/1 HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20 * 1024, 'a') +
                              "\r\n\r\n"));
  std::optional<ClientResponse> response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  // Just under the limit is fine.
  std::optional<ClientResponse> fine =
      fetch(port_, "GET", "/items/1", "X-Big: " + std::string(15 * 1024, 'a') + "\r\n");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST_F(HttpServerTest, RefusesMalformedRequests) {
  start();
  struct Case {
    const char* raw;
    int status;
  };
  const Case cases[] = {
      {"GET /items/1 HTTP/1.1\r\n\r\n", 400},                        // no Host
      {"GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},  // two Hosts
      {"GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n", 400},
      {"GARBAGE\r\n\r\n", 400},
      {"GET http://evil.example/items/1 HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"GET /items/%FF HTTP/1.1\r\nHost: a\r\n\r\n", 400},       // invalid UTF-8
      {"GET /items/\xC3\x28 HTTP/1.1\r\nHost: a\r\n\r\n", 400},  // raw invalid UTF-8
      {"GET /items/%00 HTTP/1.1\r\nHost: a\r\n\r\n", 400},
      {"GET /items/a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    TestConnection connection(port_);
    ASSERT_TRUE(connection.send(c.raw));
    std::optional<ClientResponse> response = connection.read_response();
    ASSERT_TRUE(response) << c.raw;
    EXPECT_EQ(response->status, c.status) << c.raw;
  }
  // HTTP/1.0 needs no Host.
  TestConnection old_client(port_);
  ASSERT_TRUE(old_client.send("GET /items/1 HTTP/1.0\r\n\r\n"));
  std::optional<ClientResponse> response = old_client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

class HttpStaticServerTest : public HttpServerTest {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(temp_.file("static/css"));
    std::ofstream(temp_.file("static/css/app.css")) << "body{color:#333}";
    std::ofstream(temp_.file("static/logo.svg")) << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    std::ofstream(temp_.file("secret.txt")) << "TOPSECRET";
    std::filesystem::create_symlink(temp_.file("secret.txt"), temp_.file("static/leak.txt"));
    ServerOptions options = test_options();
    options.static_dir = temp_.file("static");
    start(options);
  }
  gongkai::testing::TempDir temp_;
};

TEST_F(HttpStaticServerTest, ServesFilesWithEtagAnd304) {
  std::optional<ClientResponse> first = fetch(port_, "GET", "/static/css/app.css");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "body{color:#333}");
  EXPECT_EQ(first->header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(first->header("cache-control"), "public, max-age=3600");
  EXPECT_EQ(first->header("x-content-type-options"), "nosniff");
  std::optional<std::string> etag = first->header("etag");
  std::optional<std::string> last_modified = first->header("last-modified");
  ASSERT_TRUE(etag && last_modified);

  std::optional<ClientResponse> by_etag =
      fetch(port_, "GET", "/static/css/app.css", "If-None-Match: " + *etag + "\r\n");
  ASSERT_TRUE(by_etag);
  EXPECT_EQ(by_etag->status, 304);
  EXPECT_TRUE(by_etag->body.empty());
  EXPECT_EQ(by_etag->header("etag"), etag);

  std::optional<ClientResponse> by_date =
      fetch(port_, "GET", "/static/css/app.css", "If-Modified-Since: " + *last_modified + "\r\n");
  ASSERT_TRUE(by_date);
  EXPECT_EQ(by_date->status, 304);

  std::optional<ClientResponse> changed =
      fetch(port_, "GET", "/static/css/app.css", "If-None-Match: \"x\"\r\n");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);

  std::optional<ClientResponse> head = fetch(port_, "HEAD", "/static/logo.svg");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-type"), "image/svg+xml");
  EXPECT_EQ(head->header("content-length"), "41");

  std::optional<ClientResponse> listing = fetch(port_, "GET", "/static/css/");
  ASSERT_TRUE(listing);
  EXPECT_EQ(listing->status, 404);
  std::optional<ClientResponse> post = fetch(port_, "POST", "/static/css/app.css", "", "x");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(HttpStaticServerTest, NeverServesFilesOutsideTheDirectory) {
  for (const char* target :
       {"/static/../../etc/passwd", "/static/../secret.txt", "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/%2E%2E/etc/passwd", "/static/..%2fsecret.txt", "/static/%2e%2e%2fsecret.txt",
        "/static//etc/passwd", "/static/leak.txt", "/static/css/..%2F..%2Fsecret.txt",
        "/static/%00/etc/passwd", "/static/./css/app.css", "/static/..\\secret.txt",
        "/static/%5c..%5csecret.txt"}) {
    TestConnection connection(port_);
    ASSERT_TRUE(connection.send(make_request("GET", target)));
    std::optional<ClientResponse> response = connection.read_response();
    ASSERT_TRUE(response) << target;
    EXPECT_TRUE(response->status == 400 || response->status == 404) << target << " -> " << response->status;
    EXPECT_EQ(response->body.find("TOPSECRET"), std::string::npos) << target;
    EXPECT_EQ(response->body.find("root:"), std::string::npos) << target;
  }
}

TEST_F(HttpServerTest, AddsSecurityHeadersUnlessTheHandlerSetThem) {
  ServerOptions options = test_options();
  options.default_headers = {{"Strict-Transport-Security", "max-age=31536000"}};
  start(options);
  std::optional<ClientResponse> plain = fetch(port_, "GET", "/items/1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->header("content-security-policy"),
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors "
            "'none'; "
            "base-uri 'self'; form-action 'self'");
  EXPECT_EQ(plain->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(plain->header("referrer-policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(plain->header("x-frame-options"), "DENY");
  EXPECT_EQ(plain->header("strict-transport-security"), "max-age=31536000");

  std::optional<ClientResponse> framed = fetch(port_, "GET", "/framed");
  ASSERT_TRUE(framed);
  EXPECT_EQ(framed->header("x-frame-options"), "SAMEORIGIN");
  EXPECT_FALSE(framed->header("x-injected"));
  EXPECT_FALSE(framed->header("set-cookie"));
  EXPECT_EQ(framed->header("content-length"), std::to_string(framed->body.size()));

  std::optional<ClientResponse> error = fetch(port_, "GET", "/nowhere");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->header("x-frame-options"), "DENY");
}

TEST_F(HttpServerTest, HandlerExceptionIs500WithoutDetails) {
  start();
  std::optional<ClientResponse> response = fetch(port_, "GET", "/boom");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body.find("secret detail"), std::string::npos);
  EXPECT_EQ(response->body.find("runtime_error"), std::string::npos);
  // The connection and the server live on.
  std::optional<ClientResponse> next = fetch(port_, "GET", "/items/2");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(HttpServerTest, KeepsConnectionsAliveAndAnswersPipelinedRequestsInOrder) {
  start();
  TestConnection connection(port_);
  ASSERT_TRUE(connection.send(make_request("GET", "/items/1")));
  std::optional<ClientResponse> first = connection.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "GET /items/1 {id=1}");
  EXPECT_NE(first->header("connection"), "close");
  ASSERT_TRUE(connection.send(make_request("GET", "/items/2")));
  std::optional<ClientResponse> second = connection.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "GET /items/2 {id=2}");

  // Three requests in one write, including a body and a HEAD: three answers, in order.
  ASSERT_TRUE(connection.send(make_request("POST", "/echo", "", "abc") + make_request("HEAD", "/items/3") +
                              make_request("GET", "/items/4", "Connection: close\r\n")));
  std::optional<ClientResponse> echo = connection.read_response();
  std::optional<ClientResponse> head = connection.read_response(true);
  std::optional<ClientResponse> last = connection.read_response();
  ASSERT_TRUE(echo && head && last);
  EXPECT_EQ(echo->body, "abc");
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(last->body, "GET /items/4 {id=4}");
  EXPECT_EQ(last->header("connection"), "close");
  EXPECT_TRUE(connection.closed_within(2s));
}

TEST_F(HttpServerTest, CutsOffSlowlorisAtHeaderTimeoutWhileServingOthers) {
  ServerOptions options = test_options();
  options.header_timeout = 1s;
  start(options);
  TestConnection slow(port_);
  ASSERT_TRUE(slow.connected());
  std::string request = make_request("GET", "/items/1", "X-Pad: " + std::string(100, 'p') + "\r\n");
  auto began = Clock::now();
  std::atomic<bool> cut_off{false};
  std::thread trickler([&] {
    // One byte every 100 ms: the whole request would take over 10 s.
    for (char byte : request) {
      if (!slow.send(std::string_view(&byte, 1)) || slow.closed_within(100ms)) {
        cut_off = true;
        return;
      }
    }
  });
  // Meanwhile another client is served.
  std::optional<ClientResponse> other = fetch(port_, "GET", "/healthz");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(other->body, "ok");
  trickler.join();
  EXPECT_TRUE(cut_off);
  EXPECT_LT(Clock::now() - began, 6s);
}

TEST_F(HttpServerTest, ClosesIdleKeepAliveAndStalledBodyConnections) {
  ServerOptions options = test_options();
  options.idle_timeout = 1s;
  options.body_timeout = 1s;
  start(options);
  auto began = Clock::now();
  TestConnection idle(port_);
  ASSERT_TRUE(idle.send(make_request("GET", "/items/1")));
  std::optional<ClientResponse> response = idle.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  TestConnection stalled(port_);
  ASSERT_TRUE(stalled.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nab"));
  EXPECT_TRUE(idle.closed_within(5s));
  EXPECT_TRUE(stalled.closed_within(5s));
  EXPECT_LT(Clock::now() - began, 5s);
}

TEST_F(HttpServerTest, ManyIdleConnectionsDoNotBlockOthers) {
  start();
  std::vector<TestConnection> idle;
  for (int conn_idx = 0; conn_idx < 500; ++conn_idx) {
    idle.emplace_back(port_);
    ASSERT_TRUE(idle.back().connected()) << conn_idx;
  }
  // Half of them have started a request and stalled mid-header.
  for (size_t conn_idx = 0; conn_idx < idle.size(); conn_idx += 2)
    ASSERT_TRUE(idle[conn_idx].send("GET /ite"));
  auto began = Clock::now();
  std::optional<ClientResponse> health = fetch(port_, "GET", "/healthz");
  std::optional<ClientResponse> routed = fetch(port_, "GET", "/items/5");
  ASSERT_TRUE(health && routed);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(routed->status, 200);
  EXPECT_LT(Clock::now() - began, 3s);
  // Wait until all 500 are registered before reading the gauge (the accept loop may still be catching up).
  double open = 0;
  for (int attempt = 0; attempt < 100 && open < 500; ++attempt) {
    open = metric("http_connections_open");
    if (open < 500) std::this_thread::sleep_for(20ms);
  }
  EXPECT_GE(open, 500);
}

TEST_F(HttpServerTest, SlowHandlerDoesNotBlockOtherConnections) {
  Gate gate;
  Router router = test_router();
  router.add("GET", "/slow", [&gate](const Request&) {
    gate.pass();
    return Response::text("finally");
  });
  ServerOptions options = test_options();
  options.worker_threads = 2;
  start(options, std::move(router));
  std::future<std::optional<ClientResponse>> slow =
      std::async(std::launch::async, [this] { return fetch(port_, "GET", "/slow"); });
  ASSERT_TRUE(gate.wait_entered(1));
  std::optional<ClientResponse> health = fetch(port_, "GET", "/healthz");
  std::optional<ClientResponse> fast = fetch(port_, "GET", "/items/8");
  ASSERT_TRUE(health && fast);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(fast->status, 200);
  gate.open();
  std::optional<ClientResponse> finished = slow.get();
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->body, "finally");
}

TEST_F(HttpServerTest, FullWorkerQueueAnswers503WithRetryAfter) {
  Gate gate;
  Router router = test_router();
  router.add("GET", "/slow", [&gate](const Request&) {
    gate.pass();
    return Response::text("done");
  });
  ServerOptions options = test_options();
  options.worker_threads = 1;
  options.worker_queue_limit = 1;
  start(options, std::move(router));
  auto running = std::async(std::launch::async, [this] { return fetch(port_, "GET", "/slow"); });
  ASSERT_TRUE(gate.wait_entered(1));
  auto queued = std::async(std::launch::async, [this] { return fetch(port_, "GET", "/slow"); });
  double depth = 0;
  for (int attempt = 0; attempt < 250 && depth < 1; ++attempt) {
    depth = metric("http_worker_queue_depth");
    if (depth < 1) std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(depth, 1);
  std::optional<ClientResponse> refused = fetch(port_, "GET", "/items/1");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->header("retry-after"), "1");
  gate.open();
  std::optional<ClientResponse> first = running.get();
  std::optional<ClientResponse> second = queued.get();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 200);
  EXPECT_GE(metric("http_requests_rejected_total"), 1);
}

TEST_F(HttpServerTest, HandlerTimeoutAnswers503) {
  Gate gate;
  Router router = test_router();
  router.add("GET", "/stuck", [&gate](const Request&) {
    gate.pass();
    return Response::text("too late");
  });
  ServerOptions options = test_options();
  options.handler_timeout = 1s;
  start(options, std::move(router));
  std::optional<ClientResponse> response = fetch(port_, "GET", "/stuck");
  gate.open();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
}

TEST_F(HttpServerTest, CapsConnections) {
  ServerOptions options = test_options();
  options.max_connections = 3;
  start(options);
  TestConnection first(port_);
  TestConnection second(port_);
  TestConnection probe(port_);
  // The probe (the third connection) sees all three once the accept loop has registered them.
  double open = 0;
  for (int attempt = 0; attempt < 100 && open < 3; ++attempt) {
    ASSERT_TRUE(probe.send(make_request("GET", "/metrics")));
    std::optional<ClientResponse> metrics = probe.read_response();
    ASSERT_TRUE(metrics);
    size_t pos = metrics->body.find("\nhttp_connections_open ");
    ASSERT_NE(pos, std::string::npos);
    open = std::stod(metrics->body.substr(pos + 23));
    if (open < 3) std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(open, 3);
  // Over the cap: answered 503 (or just closed), at once.
  TestConnection over(port_);
  ASSERT_TRUE(over.connected());
  over.send(make_request("GET", "/items/1"));
  std::optional<ClientResponse> refused = over.read_response();
  EXPECT_TRUE(!refused || refused->status == 503);
  // The connections already open are still served.
  ASSERT_TRUE(first.send(make_request("GET", "/items/1")));
  std::optional<ClientResponse> served = first.read_response();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
  // Below the cap again, new connections are served.
  second.close();
  std::optional<ClientResponse> later;
  for (int attempt = 0; attempt < 100 && !(later && later->status == 200); ++attempt) {
    later = fetch(port_, "GET", "/healthz");
    if (!(later && later->status == 200)) std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200);
}

TEST_F(HttpServerTest, MetricsCountRequests) {
  start();
  for (int request_idx = 0; request_idx < 3; ++request_idx) ASSERT_TRUE(fetch(port_, "GET", "/items/1"));
  ASSERT_TRUE(fetch(port_, "GET", "/missing"));
  ASSERT_TRUE(fetch(port_, "GET", "/boom"));
  std::optional<ClientResponse> response = fetch(port_, "GET", "/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  const std::string& text = response->body;
  EXPECT_NE(text.find("http_requests_total{code=\"2xx\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("http_requests_total{code=\"4xx\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("http_requests_total{code=\"5xx\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("http_request_duration_seconds_count 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("http_request_duration_seconds_bucket{le=\"+Inf\"} 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("\nhttp_worker_queue_depth 0\n"), std::string::npos);
  EXPECT_GT(metric("http_bytes_sent_total"), 500);
  EXPECT_GE(metric("http_connections_open"), 1);
}

TEST_F(HttpServerTest, GracefulStopLetsInFlightRequestsFinish) {
  Gate gate;
  Router router = test_router();
  router.add("GET", "/slow", [&gate](const Request&) {
    gate.pass();
    return Response::text("finished");
  });
  start(test_options(), std::move(router));
  TestConnection idle(port_);
  ASSERT_TRUE(idle.connected());
  auto in_flight = std::async(std::launch::async, [this] { return fetch(port_, "GET", "/slow"); });
  ASSERT_TRUE(gate.wait_entered(1));
  auto stopped = std::async(std::launch::async, [this] { server_->stop(); });
  // The idle connection is closed and new connections are refused while the slow request is still running.
  EXPECT_TRUE(idle.closed_within(3s));
  bool refused = false;
  for (int attempt = 0; attempt < 100 && !refused; ++attempt) {
    TestConnection late(port_);
    refused = !late.connected() || !late.send(make_request("GET", "/healthz")) || !late.read_response();
    if (!refused) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(refused);
  EXPECT_EQ(stopped.wait_for(0s), std::future_status::timeout);
  gate.open();
  std::optional<ClientResponse> finished = in_flight.get();
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->status, 200);
  EXPECT_EQ(finished->body, "finished");
  EXPECT_EQ(finished->header("connection"), "close");
  EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
  server_->wait();  // returns at once once stopped
}

TEST_F(HttpServerTest, ServesConcurrentKeepAliveClientsOnSeveralIoThreads) {
  ServerOptions options = test_options();
  options.io_threads = 2;
  options.worker_threads = 3;
  start(options);
  constexpr int kClients = 8;
  constexpr int kRequestsPerClient = 40;
  std::atomic<int> correct{0};
  std::vector<std::thread> clients;
  for (int client_idx = 0; client_idx < kClients; ++client_idx) {
    clients.emplace_back([&, client_idx] {
      TestConnection connection(port_);
      for (int request_idx = 0; request_idx < kRequestsPerClient; ++request_idx) {
        std::string id = std::to_string(client_idx) + "-" + std::to_string(request_idx);
        bool health = request_idx % 5 == 0;
        if (!connection.send(make_request("GET", health ? "/healthz" : "/items/" + id))) return;
        std::optional<ClientResponse> response = connection.read_response();
        if (!response) return;
        if (response->body == (health ? "ok" : "GET /items/" + id + " {id=" + id + "}")) ++correct;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(correct, kClients * kRequestsPerClient);
}

TEST_F(HttpServerTest, StopsOnSigterm) {
  start();
  // SIGTERM is ignored until run_until_signal() installs its handler, so an early signal cannot kill the test
  // binary; keep signalling until the server has stopped.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction previous {};
  ASSERT_EQ(::sigaction(SIGTERM, &ignore, &previous), 0);
  auto running = std::async(std::launch::async, [this] { server_->run_until_signal(); });
  bool stopped = false;
  for (int attempt = 0; attempt < 100 && !stopped; ++attempt) {
    ::kill(::getpid(), SIGTERM);
    stopped = running.wait_for(50ms) == std::future_status::ready;
  }
  ::sigaction(SIGTERM, &previous, nullptr);
  ASSERT_TRUE(stopped);
  TestConnection late(port_);
  EXPECT_FALSE(late.connected());
}

TEST_F(HttpServerTest, ReportsAPortInUse) {
  start();
  ServerOptions options = test_options();
  options.port = port_;
  Server second(options, Router());
  Status status = second.start();
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos)
      << status.message();
  EXPECT_FALSE(server_->start().is_ok());  // twice

  ServerOptions bad = test_options();
  bad.static_dir = "/nonexistent/static";
  Server third(bad, Router());
  EXPECT_EQ(third.start().code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace gongkai::http
