// Rate limiting, the arithmetic challenge and the honeypot of the public forms.
#include "web/abuse_guard.h"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace gongkai::web {
namespace {

constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

std::string hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, n);
  return out;
}

// The UTF-8 characters of `text`, each as its own string.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    len = std::min(len, text.size() - pos);
    out.push_back(text.substr(pos, len));
    pos += len;
  }
  return out;
}

int digit_value(std::string_view ch) {
  for (int digit = 0; digit < 10; ++digit) {
    if (ch == kDigits[digit]) return digit;
  }
  if (ch == "两" || ch == "〇") return ch == "两" ? 2 : 0;
  if (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') return ch[0] - '0';
  // Full-width digits U+FF10..U+FF19: EF BC 90..99.
  if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF && static_cast<unsigned char>(ch[1]) == 0xBC &&
      static_cast<unsigned char>(ch[2]) >= 0x90 && static_cast<unsigned char>(ch[2]) <= 0x99) {
    return static_cast<unsigned char>(ch[2]) - 0x90;
  }
  return -1;
}

bool is_space(std::string_view ch) { return ch == " " || ch == "\t" || ch == "\xE3\x80\x80"; }

// Whether `text` is digits (Arabic, full-width or 一二三) and spaces, at least one digit: a number, if a big one.
bool digits_only(std::string_view text) {
  bool any = false;
  for (std::string_view ch : characters(text)) {
    if (is_space(ch)) continue;
    if (digit_value(ch) < 0) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::string client_address(const http::Request& req, bool trust_proxy) {
  if (trust_proxy) {
    if (std::optional<std::string> fwd = req.header("x-forwarded-for")) {
      const size_t comma = fwd->rfind(',');
      std::string last = fwd->substr(comma == std::string::npos ? 0 : comma + 1);
      const size_t start = last.find_first_not_of(' ');
      if (start != std::string::npos) return last.substr(start, last.find_last_not_of(' ') - start + 1);
    }
  }
  return req.remote_addr;
}

RateLimiter::RateLimiter(RateLimit limit, size_t max_keys) : limit_(limit), max_keys_(std::max<size_t>(max_keys, 1)) {
  assert(limit.burst >= 1 && limit.per_minute > 0);
}

void RateLimiter::refill(Bucket& b, TimePoint now) const {
  const double seconds = std::chrono::duration<double>(now - b.updated).count();
  if (seconds > 0) {
    b.tokens = std::min(limit_.burst, b.tokens + seconds * limit_.per_minute / 60.0);
    b.updated = now;
  }
}

void RateLimiter::evict(TimePoint now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= limit_.burst ? buckets_.erase(it) : std::next(it);
  }
  while (buckets_.size() >= max_keys_) {
    auto oldest = std::min_element(buckets_.begin(), buckets_.end(),
                                   [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    buckets_.erase(oldest);
  }
}

RateLimiter::Decision RateLimiter::take(const std::string& key, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) evict(now);
    it = buckets_.emplace(key, Bucket{limit_.burst, now}).first;
  }
  Bucket& b = it->second;
  refill(b, now);
  Decision d;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    d.allowed = true;
    return d;
  }
  const double wait = (1 - b.tokens) * 60.0 / limit_.per_minute;
  d.retry_after_seconds = std::max(1, static_cast<int>(std::ceil(wait)));
  return d;
}

size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

ChallengeIssuer::ChallengeIssuer(std::string key, std::chrono::seconds lifetime)
    : key_(std::move(key)), lifetime_(lifetime) {
  assert(key_.size() >= 32);
}

std::string ChallengeIssuer::mac(int64_t expires, std::string_view nonce, int answer) const {
  const std::string message = "gongkai-challenge:" + std::to_string(expires) + "." + std::string(nonce) + "." +
                              std::to_string(answer);
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, out);
  return hex(out, sizeof out);
}

Challenge ChallengeIssuer::issue_sum(int a, int b, std::chrono::sys_seconds now) const {
  unsigned char nonce_bytes[12];
  randombytes_buf(nonce_bytes, sizeof nonce_bytes);
  const std::string nonce = hex(nonce_bytes, sizeof nonce_bytes);
  const int64_t expires = (now + lifetime_).time_since_epoch().count();
  Challenge c;
  if (b < 0) {
    c.question = chinese_number(a) + "减" + chinese_number(-b) + "等于多少？";
  } else {
    c.question = chinese_number(a) + "加" + chinese_number(b) + "等于多少？";
  }
  c.token = std::to_string(expires) + "." + nonce + "." + mac(expires, nonce, a + b);
  return c;
}

Challenge ChallengeIssuer::issue(std::chrono::sys_seconds now) const {
  const int a = 2 + static_cast<int>(randombytes_uniform(18));  // 2..19
  const int b = 1 + static_cast<int>(randombytes_uniform(9));   // 1..9
  // Subtraction half of the time; the result stays positive.
  return issue_sum(a, randombytes_uniform(2) == 0 ? b : -std::min(b, a - 1), now);
}

Status ChallengeIssuer::verify(std::string_view token, std::string_view answer, std::chrono::sys_seconds now) const {
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.size() > 200) {
    return Status::invalid("验证问题无效，请重新作答。");
  }
  int64_t expires = 0;
  const std::string_view expires_text = token.substr(0, dot1);
  auto [ptr, ec] = std::from_chars(expires_text.data(), expires_text.data() + expires_text.size(), expires);
  if (ec != std::errc() || ptr != expires_text.data() + expires_text.size()) {
    return Status::invalid("验证问题无效，请重新作答。");
  }
  const std::string_view nonce = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view given_mac = token.substr(dot2 + 1);
  if (expires < now.time_since_epoch().count()) return Status::invalid("验证问题已过期，请重新作答。");
  if (expires > (now + lifetime_).time_since_epoch().count() + 60) return Status::invalid("验证问题无效，请重新作答。");
  const int value = parse_small_number(answer);
  if (value < 0 && digits_only(answer)) return Status::invalid("计算题答案不正确，请重新计算。");  // "999": a number, wrong
  if (value < 0) return Status::invalid("请用数字填写计算题的答案。");
  const std::string expected = mac(expires, nonce, value);
  if (expected.size() != given_mac.size() ||
      sodium_memcmp(expected.data(), given_mac.data(), expected.size()) != 0) {
    return Status::invalid("计算题答案不正确，请重新计算。");
  }
  return Status::ok();
}

bool honeypot_tripped(const std::vector<std::pair<std::string, std::string>>& form) {
  for (const auto& [name, value] : form) {
    if (name == kHoneypotField && !value.empty()) return true;
  }
  return false;
}

int parse_small_number(std::string_view text) {
  std::vector<std::string_view> chars;
  for (std::string_view ch : characters(text)) {
    if (!is_space(ch)) chars.push_back(ch);
  }
  if (chars.empty() || chars.size() > 6) return -1;
  // Digits only (Arabic, full-width, or 一二三 written positionally such as "一二").
  bool positional = true;
  for (std::string_view ch : chars) positional = positional && digit_value(ch) >= 0;
  if (positional) {
    int value = 0;
    for (std::string_view ch : chars) value = value * 10 + digit_value(ch);
    return value < 200 ? value : -1;
  }
  // Chinese numerals with 百 / 十: [d]百[零][d]十[d].
  int value = 0;
  int pending = -1;  // a digit waiting for its unit
  bool seen_hundred = false, seen_ten = false;
  for (std::string_view ch : chars) {
    if (ch == "百") {
      if (seen_hundred || seen_ten) return -1;
      value += (pending < 0 ? 1 : pending) * 100;
      pending = -1;
      seen_hundred = true;
    } else if (ch == "十") {
      if (seen_ten) return -1;
      value += (pending < 0 ? 1 : pending) * 10;
      pending = -1;
      seen_ten = true;
    } else {
      const int digit = digit_value(ch);
      if (digit < 0) return -1;
      if (digit == 0 && seen_hundred && !seen_ten && pending < 0) continue;  // 一百零五
      if (pending >= 0) return -1;
      pending = digit;
    }
  }
  if (pending >= 0) value += pending;
  return value < 200 ? value : -1;
}

std::string chinese_number(int n) {
  if (n < 0 || n >= 200) return std::to_string(n);
  if (n < 10) return std::string(kDigits[n]);
  std::string out;
  int rest = n;
  if (rest >= 100) {
    out += "一百";
    rest -= 100;
    if (rest == 0) return out;
    if (rest < 10) return out + "零" + std::string(kDigits[rest]);
    out += std::string(kDigits[rest / 10]) + "十";
  } else {
    if (rest / 10 > 1) out += std::string(kDigits[rest / 10]);
    out += "十";
  }
  if (rest % 10) out += std::string(kDigits[rest % 10]);
  return out;
}

}  // namespace gongkai::web
