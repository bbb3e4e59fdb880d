// Tests of the route table: patterns, specificity, 404/405/HEAD and exception containment (no sockets).
#include <gtest/gtest.h>

#include <stdexcept>

#include "http/http.h"

namespace gongkai::http {
namespace {

Handler answer(std::string name) {
  return [name](const Request& request) {
    std::string body = name;
    for (const auto& [key, value] : request.params) body += " " + key + "=" + value;
    return Response::text(body);
  };
}

Response run(const Router& router, std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return router.dispatch(request);
}

TEST(HttpRouterTest, MatchesPatternsBySpecificity) {
  Router router;
  router.add("GET", "/", answer("home"));
  router.add("GET", "/items/{id}", answer("item"));
  router.add("GET", "/items/new", answer("new"));
  router.add("GET", "/bodies/{code}/columns/{id}", answer("column"));
  router.add("GET", "/files/{rest...}", answer("files"));
  router.add("GET", "/files/{name}/meta", answer("meta"));
  router.add("POST", "/items/{id}", answer("update"));
  struct Case {
    const char* method;
    const char* path;
    int status;
    const char* body;
  };
  const Case cases[] = {
      {"GET", "/", 200, "home"},
      {"GET", "/items/42", 200, "item id=42"},
      {"GET", "/items/new", 200, "new"},
      {"POST", "/items/new", 200, "update id=new"},
      {"GET", "/items/公开", 200, "item id=公开"},
      {"GET", "/bodies/xz01/columns/7", 200, "column code=xz01 id=7"},
      {"GET", "/files/a/b/c.pdf", 200, "files rest=a/b/c.pdf"},
      {"GET", "/files/a/meta", 200, "meta name=a"},
      {"GET", "/files/", 200, "files rest="},
      {"GET", "/files", 404, "404 Not Found\n"},
      {"GET", "/items/", 404, "404 Not Found\n"},  // {id} needs a non-empty segment
      {"GET", "/items/42/x", 404, "404 Not Found\n"},
      {"GET", "/nothing", 404, "404 Not Found\n"},
  };
  for (const Case& c : cases) {
    Response response = run(router, c.method, c.path);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.path;
    EXPECT_EQ(response.body, c.body) << c.method << " " << c.path;
  }
}

TEST(HttpRouterTest, AnswersHeadWithGetAndOtherMethodsWith405) {
  Router router;
  router.add("GET", "/items/{id}", answer("item"));
  router.add("POST", "/items/{id}", answer("update"));
  router.add("DELETE", "/items/{id}", answer("delete"));
  Response head = run(router, "HEAD", "/items/3");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "item id=3");  // the server drops it
  Response put = run(router, "PUT", "/items/3");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.header("Allow"), "DELETE, GET, HEAD, POST");
  Router::Match match = router.match("PATCH", "/items/3");
  EXPECT_EQ(match.kind, Router::Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(router.match("GET", "/other").kind, Router::Match::Kind::kNotFound);
}

TEST(HttpRouterTest, ReportsRouteOptions) {
  Router router;
  router.add("POST", "/upload", answer("upload"), body_limit(10 * 1024 * 1024));
  router.add("POST", "/comment", answer("comment"));
  EXPECT_EQ(router.match("POST", "/upload").options.max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(router.match("POST", "/comment").options.max_body_bytes, 64u * 1024);
  EXPECT_EQ(router.match("POST", "/missing").options.max_body_bytes, 64u * 1024);
}

TEST(HttpRouterTest, UsesCustomNotFoundHandler) {
  Router router;
  router.set_not_found(
      [](const Request& request) { return Response::html("<h1>未找到 " + request.path + "</h1>", 404); });
  Response response = run(router, "GET", "/x");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "<h1>未找到 /x</h1>");
}

TEST(HttpRouterTest, TurnsExceptionsIntoPlain500) {
  Router router;
  router.add("GET", "/boom",
             [](const Request&) -> Response { throw std::runtime_error("db password is hunter2"); });
  router.add("GET", "/int", [](const Request&) -> Response { throw 42; });
  for (const char* path : {"/boom", "/int"}) {
    Response response = run(router, "GET", path);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
    EXPECT_EQ(response.body, "500 Internal Server Error\n");
  }

  std::string seen;
  router.set_error_handler([&seen](const Request& request, const std::string& what) {
    seen = request.path + ": " + what;
    return Response::html("<p>出错了</p>", 500);
  });
  Response custom = run(router, "GET", "/boom");
  EXPECT_EQ(custom.body, "<p>出错了</p>");
  EXPECT_EQ(seen, "/boom: db password is hunter2");

  router.set_error_handler(
      [](const Request&, const std::string&) -> Response { throw std::logic_error("again"); });
  Response fallback = run(router, "GET", "/boom");
  EXPECT_EQ(fallback.status, 500);
  EXPECT_EQ(fallback.body, "500 Internal Server Error\n");
}

TEST(HttpRouterTest, RefusesMalformedPatterns) {
  Router router;
  router.add("GET", "/a/{id}", answer("a"));
  EXPECT_THROW(router.add("GET", "/a/{id}", answer("again")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "a/b", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{rest...}/b", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{x}/{x}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/x{y}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{b-c}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/b", Handler()), std::invalid_argument);
  EXPECT_NO_THROW(router.add("POST", "/a/{id}", answer("post")));
}

}  // namespace
}  // namespace gongkai::http
