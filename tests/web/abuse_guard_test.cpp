// The public forms' defences: token buckets refill and refuse, the arithmetic challenge accepts only its own
// answer before expiry under its own key, numbers parse in the forms people type, the honeypot trips.
#include "web/abuse_guard.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>

namespace gongkai::web {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

const std::string kKey(32, 'k');

TEST(RateLimiterTest, BurstThenRefusedThenRefilled) {
  RateLimiter limiter({3, 6});  // 3 at once, one more every 10 s
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.take("1.2.3.4", t0).allowed) << i;
  RateLimiter::Decision refused = limiter.take("1.2.3.4", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 10);
  EXPECT_TRUE(limiter.take("5.6.7.8", t0).allowed) << "another client has its own bucket";
  EXPECT_FALSE(limiter.take("1.2.3.4", t0 + seconds(9)).allowed);
  EXPECT_TRUE(limiter.take("1.2.3.4", t0 + seconds(10)).allowed);
  EXPECT_FALSE(limiter.take("1.2.3.4", t0 + seconds(10)).allowed);
  // A long pause refills to the burst, not beyond it.
  const auto later = t0 + std::chrono::hours(5);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.take("1.2.3.4", later).allowed) << i;
  EXPECT_FALSE(limiter.take("1.2.3.4", later).allowed);
}

TEST(RateLimiterTest, TrackedClientsAreBounded) {
  RateLimiter limiter({2, 1}, 100);
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 1000; ++i) limiter.take("10.0.0." + std::to_string(i), t0 + seconds(i));
  EXPECT_LE(limiter.tracked(), 100u);
  // The most recent client is still limited after the churn.
  const std::string last = "10.0.0.999";
  EXPECT_TRUE(limiter.take(last, t0 + seconds(999)).allowed);
  EXPECT_FALSE(limiter.take(last, t0 + seconds(999)).allowed);
}

TEST(ClientAddressTest, ProxyHeaderOnlyWhenTrusted) {
  http::Request req;
  req.remote_addr = "127.0.0.1";
  req.headers = {{"x-forwarded-for", "6.6.6.6, 203.0.113.7 "}};
  EXPECT_EQ(client_address(req, false), "127.0.0.1");
  EXPECT_EQ(client_address(req, true), "203.0.113.7");
  req.headers.clear();
  EXPECT_EQ(client_address(req, true), "127.0.0.1");
}

TEST(ChallengeTest, RightAnswerInTimeOnly) {
  ASSERT_GE(sodium_init(), 0);
  ChallengeIssuer issuer(kKey, std::chrono::minutes(30));
  const sys_seconds now{seconds(1'800'000'000)};
  Challenge c = issuer.issue_sum(7, 5, now);
  EXPECT_EQ(c.question, "七加五等于多少？");
  EXPECT_TRUE(issuer.verify(c.token, "12", now + seconds(5)));
  EXPECT_TRUE(issuer.verify(c.token, " 十二 ", now + seconds(5)));
  EXPECT_TRUE(issuer.verify(c.token, "１２", now + seconds(5)));
  Status wrong = issuer.verify(c.token, "13", now);
  EXPECT_FALSE(wrong);
  EXPECT_NE(wrong.message().find("不正确"), std::string::npos);
  Status expired = issuer.verify(c.token, "12", now + std::chrono::minutes(31));
  EXPECT_FALSE(expired);
  EXPECT_NE(expired.message().find("过期"), std::string::npos);
  EXPECT_FALSE(issuer.verify(c.token, "", now));
  EXPECT_FALSE(issuer.verify(c.token, "twelve", now));
  EXPECT_NE(issuer.verify(c.token, "twelve", now).message().find("请用数字"), std::string::npos);
  // A number too big for any question is a wrong answer, not a malformed one.
  EXPECT_NE(issuer.verify(c.token, "999", now).message().find("不正确"), std::string::npos);
}

TEST(ChallengeTest, TamperedOrForeignTokensFail) {
  ChallengeIssuer issuer(kKey);
  ChallengeIssuer other(std::string(32, 'x'));
  const sys_seconds now{seconds(1'800'000'000)};
  Challenge c = issuer.issue_sum(3, -2, now);
  EXPECT_EQ(c.question, "三减二等于多少？");
  EXPECT_TRUE(issuer.verify(c.token, "1", now));
  EXPECT_FALSE(other.verify(c.token, "1", now)) << "another installation's key";
  // Pushing the expiry forward breaks the MAC.
  const std::string pushed = std::to_string(std::stoll(c.token.substr(0, c.token.find('.'))) + 10) +
                             c.token.substr(c.token.find('.'));
  EXPECT_FALSE(issuer.verify(pushed, "1", now));
  for (const std::string& bad : std::vector<std::string>{"", "abc", "1.2", "x.y.z", std::string(300, '1')}) {
    EXPECT_FALSE(issuer.verify(bad, "1", now)) << bad;
  }
}

TEST(ChallengeTest, IssuedQuestionsAreAnswerable) {
  ChallengeIssuer issuer(kKey);
  const sys_seconds now{seconds(1'800'000'000)};
  const std::regex shape("(.+)(加|减)(.+)等于多少？");
  for (int round = 0; round < 200; ++round) {
    Challenge c = issuer.issue(now);
    std::smatch m;
    ASSERT_TRUE(std::regex_match(c.question, m, shape)) << c.question;
    const int a = parse_small_number(m[1].str());
    const int b = parse_small_number(m[3].str());
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    const int answer = m[2] == "加" ? a + b : a - b;
    EXPECT_GT(answer, 0) << c.question;
    EXPECT_TRUE(issuer.verify(c.token, std::to_string(answer), now)) << c.question;
  }
}

TEST(NumbersTest, ChineseNumeralsBothWays) {
  struct Case {
    int value;
    const char* text;
  };
  const Case cases[] = {{0, "零"}, {7, "七"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {35, "三十五"},
                        {100, "一百"}, {105, "一百零五"}, {112, "一百一十二"}, {199, "一百九十九"}};
  for (const Case& c : cases) {
    EXPECT_EQ(chinese_number(c.value), c.text) << c.value;
    EXPECT_EQ(parse_small_number(c.text), c.value) << c.text;
  }
  EXPECT_EQ(parse_small_number("两"), 2);
  EXPECT_EQ(parse_small_number("1 2"), 12);
  for (const char* bad : {"", " ", "-3", "十十", "百百", "二百", "abc", "3.5", "1000"}) {
    EXPECT_EQ(parse_small_number(bad), -1) << bad;
  }
}

TEST(HoneypotTest, OnlyAFilledTrapTrips) {
  EXPECT_FALSE(honeypot_tripped({{"name", "张三"}}));
  EXPECT_FALSE(honeypot_tripped({{"name", "张三"}, {kHoneypotField, ""}}));
  EXPECT_TRUE(honeypot_tripped({{"name", "张三"}, {kHoneypotField, "http://spam.example"}}));
}

}  // namespace
}  // namespace gongkai::web
