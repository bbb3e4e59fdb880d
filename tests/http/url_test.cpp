// Tests of request-target parsing, percent-decoding, UTF-8 validation, forms, cookies and HTTP dates.
#include "http/url.h"

#include <gtest/gtest.h>

#include "http/http.h"
#include "http/http_date.h"

namespace gongkai::http {
namespace {

TEST(HttpUrlTest, DecodesQueryParameters) {
  struct Case {
    const char* query;
    Pairs expected;
  };
  const Case cases[] = {
      {"q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80", {{"q", "政务公开"}}},
      {"q=政务公开", {{"q", "政务公开"}}},  // raw UTF-8 as some clients send it
      {"a=b+c&d=e%20f", {{"a", "b c"}, {"d", "e f"}}},
      {"a=1&a=2&b", {{"a", "1"}, {"a", "2"}, {"b", ""}}},
      {"&&x=%2B%26%3D&", {{"x", "+&="}}},
      {"k%20name=v=w", {{"k name", "v=w"}}},
      {"", {}},
  };
  for (const Case& c : cases) {
    Result<Pairs> pairs = parse_query(c.query);
    ASSERT_TRUE(pairs.is_ok()) << c.query;
    EXPECT_EQ(*pairs, c.expected) << c.query;
  }
}

TEST(HttpUrlTest, RefusesUndecodableQueries) {
  for (const char* query : {"a=%zz", "a=%E5", "a=%", "a=%4", "a=%00", "%FF=1", "a=%C0%AF"}) {
    EXPECT_FALSE(parse_query(query).is_ok()) << query;
  }
  EXPECT_EQ(parse_query_lenient("a=%zz&b=2&c=%FF"), (Pairs{{"b", "2"}}));
}

TEST(HttpUrlTest, ParsesAndValidatesTargets) {
  struct Case {
    const char* target;
    const char* path;  // nullptr: refused
  };
  const Case cases[] = {
      {"/", "/"},
      {"/items/7?x=1", "/items/7"},
      {"/bodies/%E5%8E%BF%E6%94%BF%E5%BA%9C/items", "/bodies/县政府/items"},
      {"/a%20b/", "/a b/"},
      {"/a+b", "/a+b"},  // '+' is a space only in queries
      {"/files/report.v2..final", "/files/report.v2..final"},
      {"/.well-known/x", "/.well-known/x"},
      {"/static/../../etc/passwd", nullptr},
      {"/static/%2e%2e/%2e%2e/etc/passwd", nullptr},
      {"/static/%2E%2E", nullptr},
      {"/static/.", nullptr},
      {"/static/./x", nullptr},
      {"/static/..%2fetc%2fpasswd", nullptr},
      {"/a%2Fb", nullptr},
      {"/a%00b", nullptr},
      {"/a%0Ab", nullptr},
      {"/a%7Fb", nullptr},
      {"/%FF", nullptr},
      {"/%C0%AF", nullptr},     // overlong '/'
      {"/%ED%A0%80", nullptr},  // surrogate
      {"/%E5%8E", nullptr},     // truncated
      {"/%zz", nullptr},
      {"/%4", nullptr},
      {"*", nullptr},
      {"http://example.com/", nullptr},
      {"/a#frag", nullptr},
      {"/a?q=%FF", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    Result<Target> target = parse_target(c.target);
    if (!c.path) {
      EXPECT_FALSE(target.is_ok()) << c.target;
      continue;
    }
    ASSERT_TRUE(target.is_ok()) << c.target << ": " << target.status().message();
    EXPECT_EQ(target->path, c.path) << c.target;
  }
}

TEST(HttpUrlTest, ValidatesUtf8) {
  struct Case {
    std::string text;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"ascii", true},
      {"公开", true},
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xC0\x80", false},          // overlong NUL
      {"\xE0\x80\xAF", false},      // overlong '/'
      {"\xED\xBF\xBF", false},      // surrogate
      {"\x80", false},              // stray continuation
      {"\xE5\x85", false},          // truncated
      {"\xE5\x85x", false},         // bad continuation
      {"\xFF", false},
  };
  for (const Case& c : cases) EXPECT_EQ(is_valid_utf8(c.text), c.valid) << c.text;
}

TEST(HttpUrlTest, ParsesFormBodies) {
  Request request;
  request.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  request.body = "title=%E5%85%AC%E5%BC%80%E6%8C%87%E5%8D%97&note=a+b%20c&empty=&bad=%FF";
  EXPECT_EQ(request.form(), (Pairs{{"title", "公开指南"}, {"note", "a b c"}, {"empty", ""}}));
  request.headers = {{"content-type", "multipart/form-data; boundary=x"}};
  EXPECT_TRUE(request.form().empty());
  request.headers.clear();
  EXPECT_TRUE(request.form().empty());
}

TEST(HttpUrlTest, ReadsHeadersQueryAndCookies) {
  Request request;
  request.headers = {
      {"host", "gov.example"}, {"cookie", "a=1; session=\"tok en\";theme=dark"}, {"cookie", "late=2"}};
  request.query = {{"page", "2"}, {"page", "3"}};
  EXPECT_EQ(request.header("Host"), "gov.example");
  EXPECT_EQ(request.header("HOST"), "gov.example");
  EXPECT_FALSE(request.header("accept"));
  EXPECT_EQ(request.query_param("page"), "2");
  EXPECT_FALSE(request.query_param("Page"));
  EXPECT_EQ(request.cookie("session"), "tok en");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("late"), "2");
  EXPECT_FALSE(request.cookie("sess"));
}

TEST(HttpUrlTest, BuildsResponses) {
  Response response = Response::html("<p>x</p>", 201);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
  response.set_header("content-TYPE", "text/csv");
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.header("Content-Type"), "text/csv");
  response.add_header("Set-Cookie", "a=1");
  response.add_header("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.size(), 3u);
  EXPECT_EQ(Response::redirect("/next").status, 303);
  EXPECT_EQ(Response::redirect("/next").header("location"), "/next");
  EXPECT_EQ(Response::json("{}").header("content-type"), "application/json");
  EXPECT_EQ(Response::text("x").header("content-type"), "text/plain; charset=utf-8");
}

TEST(HttpUrlTest, FormatsAndParsesHttpDates) {
  EXPECT_EQ(format_http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date(format_http_date(1700000000)), 1700000000);
  for (const char* bad : {"", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                          "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"}) {
    EXPECT_FALSE(parse_http_date(bad)) << bad;
  }
}

}  // namespace
}  // namespace gongkai::http
