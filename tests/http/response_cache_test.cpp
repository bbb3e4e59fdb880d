// Tests of the response cache: the cache alone (generations, LRU bound, what is never stored) and the server
// answering cacheable routes from it over a real socket (no handler call on a hit, 304 on a matching ETag, the
// vary cookie, a new generation).
#include "http/response_cache.h"

#include <gtest/gtest.h>

#include <atomic>

#include "http/test_client.h"

namespace gongkai::http {
namespace {

using testing::fetch;

Response page(std::string body) { return Response::html(std::move(body)); }

TEST(ResponseCacheTest, StoresAndFindsInTheCurrentGeneration) {
  ResponseCache cache;
  cache.set_generation(7);
  EXPECT_EQ(cache.find("k"), nullptr);
  const std::string etag = cache.store("k", 7, page("<p>一</p>"));
  ASSERT_FALSE(etag.empty());
  std::shared_ptr<const ResponseCache::Entry> hit = cache.find("k");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->response.body, "<p>一</p>");
  EXPECT_EQ(hit->etag, etag);
  EXPECT_EQ(hit->response.header("etag"), etag);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(ResponseCacheTest, ANewGenerationDropsEverythingAndRefusesStaleAnswers) {
  ResponseCache cache;
  cache.set_generation(1);
  ASSERT_FALSE(cache.store("a", 1, page("old")).empty());
  cache.set_generation(2);
  EXPECT_EQ(cache.find("a"), nullptr);
  // A response computed while generation 1 was current must not enter generation 2.
  EXPECT_TRUE(cache.store("a", 1, page("old")).empty());
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_FALSE(cache.store("a", 2, page("new")).empty());
  EXPECT_EQ(cache.find("a")->response.body, "new");
  // The same generation again changes nothing.
  cache.set_generation(2);
  EXPECT_NE(cache.find("a"), nullptr);
}

TEST(ResponseCacheTest, NeverStoresWhatMustNotBeShared) {
  struct Case {
    const char* why;
    Response response;
  };
  Response not_found = Response::html("missing", 404);
  Response cookie = page("x");
  cookie.add_header("Set-Cookie", "a=b");
  Response no_store = page("x");
  no_store.set_header("cache-control", "no-store");
  Response private_page = page("x");
  private_page.set_header("Cache-Control", "private, max-age=0");
  const Case cases[] = {
      {"not a 200", not_found},
      {"sets a cookie", cookie},
      {"no-store", no_store},
      {"private", private_page},
  };
  ResponseCache cache;
  for (const Case& c : cases) {
    EXPECT_TRUE(cache.store("k", 0, c.response).empty()) << c.why;
    EXPECT_EQ(cache.find("k"), nullptr) << c.why;
  }
  ResponseCache small(64 * 1024, 1024);
  EXPECT_TRUE(small.store("big", 0, page(std::string(4096, 'x'))).empty()) << "larger than an entry may be";
}

TEST(ResponseCacheTest, LeastRecentlyUsedEntriesLeaveFirst) {
  ResponseCache cache(3 * 1400, 2000);  // room for three entries of ~1 KB
  const std::string body(1000, 'x');
  for (const char* key : {"a", "b", "c"}) ASSERT_FALSE(cache.store(key, 0, page(body)).empty()) << key;
  ASSERT_NE(cache.find("a"), nullptr);  // a is now the most recently used
  ASSERT_FALSE(cache.store("d", 0, page(body)).empty());
  EXPECT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(cache.find("b"), nullptr) << "b was the least recently used";
  EXPECT_NE(cache.find("c"), nullptr);
  EXPECT_NE(cache.find("d"), nullptr);
  EXPECT_LE(cache.stats().bytes, 3u * 1400u);
}

TEST(ResponseCacheTest, EtagFollowsTheBody) {
  EXPECT_EQ(ResponseCache::etag_for("abc"), ResponseCache::etag_for("abc"));
  EXPECT_NE(ResponseCache::etag_for("abc"), ResponseCache::etag_for("abd"));
  EXPECT_EQ(ResponseCache::etag_for("abc").front(), '"');
}

// The server side: a counting handler behind a cacheable route.
class CachedServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    RouteOptions cached;
    cached.cache = true;
    cached.cache_vary_cookie = "mode";
    router.add(
        "GET", "/page/{id}",
        [this](const Request& request) {
          ++calls_;
          return Response::html("page " + request.params.at("id") + " mode " +
                                request.cookie("mode").value_or("-") + " call " + std::to_string(calls_.load()));
        },
        cached);
    router.add("GET", "/uncached", [this](const Request&) {
      ++calls_;
      return Response::html("fresh " + std::to_string(calls_.load()));
    });
    router.add("POST", "/change", [this](const Request&) { return Response::html("changed"); });
    ServerOptions options;
    // As `gongkai serve` does: a write raises the generation before its answer leaves.
    options.after_write = [this] {
      ++writes_;
      cache_->set_generation(cache_->generation() + 1);
    };
    options.port = 0;
    options.access_log = false;
    options.response_cache = cache_;
    server_ = std::make_unique<Server>(options, std::move(router));
    ASSERT_TRUE(server_->start().is_ok());
  }
  void TearDown() override { server_->stop(); }

  std::shared_ptr<ResponseCache> cache_ = std::make_shared<ResponseCache>();
  std::unique_ptr<Server> server_;
  std::atomic<int> calls_{0};
  std::atomic<int> writes_{0};
};

TEST_F(CachedServerTest, SecondRequestIsAnsweredWithoutTheHandler) {
  auto first = fetch(server_->port(), "GET", "/page/1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "page 1 mode - call 1");
  ASSERT_TRUE(first->header("etag"));
  auto second = fetch(server_->port(), "GET", "/page/1");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "page 1 mode - call 1") << "served from the cache";
  EXPECT_EQ(second->header("etag"), first->header("etag"));
  EXPECT_EQ(calls_.load(), 1);
  // Security headers are added to cached answers as to any other.
  EXPECT_TRUE(second->header("x-content-type-options"));
  // Another target is another entry; an uncached route always runs its handler.
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/2")->body, "page 2 mode - call 2");
  EXPECT_EQ(fetch(server_->port(), "GET", "/uncached")->body, "fresh 3");
  EXPECT_EQ(fetch(server_->port(), "GET", "/uncached")->body, "fresh 4");
}

TEST_F(CachedServerTest, MatchingEtagGets304AndHeadGetsNoBody) {
  auto first = fetch(server_->port(), "GET", "/page/9");
  ASSERT_TRUE(first && first->header("etag"));
  auto revalidated = fetch(server_->port(), "GET", "/page/9", "If-None-Match: " + *first->header("etag") + "\r\n");
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  EXPECT_TRUE(revalidated->body.empty());
  auto other = fetch(server_->port(), "GET", "/page/9", "If-None-Match: \"something-else\"\r\n");
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(CachedServerTest, TheVaryCookieSelectsItsOwnCopy) {
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 1");
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1", "Cookie: mode=large\r\n")->body, "page 1 mode large call 2");
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1", "Cookie: mode=large\r\n")->body, "page 1 mode large call 2");
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 1");
  EXPECT_EQ(calls_.load(), 2);
}

TEST_F(CachedServerTest, ANewGenerationMakesTheHandlerRunAgain) {
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 1");
  cache_->set_generation(cache_->generation() + 1);
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 2");
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 2");
}

TEST_F(CachedServerTest, AWriteRefreshesTheCacheBeforeItsAnswerIsSent) {
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 1");
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 1");
  EXPECT_EQ(writes_.load(), 0) << "reads do not run the hook";
  auto changed = fetch(server_->port(), "POST", "/change");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->body, "changed");
  EXPECT_EQ(writes_.load(), 1);
  // The very next read, on a new connection, runs the handler again: nothing stale in between.
  EXPECT_EQ(fetch(server_->port(), "GET", "/page/1")->body, "page 1 mode - call 2");
}

}  // namespace
}  // namespace gongkai::http
