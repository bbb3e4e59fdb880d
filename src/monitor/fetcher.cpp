// Fetcher: libcurl multi with a per-host scheduler. Redirects are followed by libcurl within the limit; a
// redirect loop ends as "too many redirects".
#include "monitor/fetcher.h"

#include <curl/curl.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

namespace gongkai::monitor {

namespace {

using Clock = std::chrono::steady_clock;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  size_t index = 0;
  std::string host;
  FetchResult result;
  size_t cap = 0;
  bool check_only = false;
  CURL* easy = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {0};
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->check_only) {
    t->result.truncated = true;
    return 0;  // enough: the response has started
  }
  if (t->result.body.size() + n > t->cap) {
    t->result.body.append(data, t->cap - t->result.body.size());
    t->result.truncated = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR), recognised below
  }
  t->result.body.append(data, n);
  return n;
}

struct UrlHandle {
  CURLU* h = curl_url();
  ~UrlHandle() { curl_url_cleanup(h); }
  std::string get(CURLUPart part, unsigned flags = 0) const {
    char* out = nullptr;
    if (curl_url_get(h, part, &out, flags) != CURLUE_OK) return "";
    std::string s(out);
    curl_free(out);
    return s;
  }
};

}  // namespace

std::string resolve_url(const std::string& base, const std::string& ref_with_fragment) {
  UrlHandle u;
  if (curl_url_set(u.h, CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return "";
  // libcurl resolves "#x" and "?q" like paths (dropping the last segment); RFC 3986 §5.2 keeps the base path.
  const std::string ref = ref_with_fragment.substr(0, ref_with_fragment.find('#'));
  if (!ref.empty() && ref[0] == '?') {
    curl_url_set(u.h, CURLUPART_QUERY, ref.size() > 1 ? ref.c_str() + 1 : nullptr, 0);
  } else if (!ref.empty() && curl_url_set(u.h, CURLUPART_URL, ref.c_str(), CURLU_ALLOW_SPACE) != CURLUE_OK) {
    return "";
  }
  const std::string scheme = u.get(CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") return "";
  curl_url_set(u.h, CURLUPART_FRAGMENT, nullptr, 0);
  return u.get(CURLUPART_URL);
}

std::string host_key(const std::string& url) {
  UrlHandle u;
  if (curl_url_set(u.h, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return "";
  const std::string scheme = u.get(CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") return "";
  const std::string host = u.get(CURLUPART_HOST);
  const std::string port = u.get(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (host.empty()) return "";
  return host + ":" + port;
}

std::string path_of(const std::string& url) {
  UrlHandle u;
  if (curl_url_set(u.h, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return "/";
  std::string path = u.get(CURLUPART_PATH);
  const std::string query = u.get(CURLUPART_QUERY);
  if (path.empty()) path = "/";
  if (!query.empty()) path += "?" + query;
  return path;
}

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) { global_init(); }
Fetcher::~Fetcher() = default;

void Fetcher::set_host_interval(const std::string& host, int interval_ms) {
  host_intervals_.emplace_back(host, std::min(interval_ms, 10000));
}

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<FetchRequest>& requests) {
  std::vector<FetchResult> results(requests.size());
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);
  std::deque<size_t> pending;
  std::vector<std::string> hosts(requests.size());
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    pending.push_back(idx);
    hosts[idx] = host_key(requests[idx].url);
  }
  std::map<std::string, int> active_per_host;
  std::map<std::string, Clock::time_point> last_start;
  std::map<CURL*, std::unique_ptr<Transfer>> running;

  auto interval_for = [&](const std::string& host) {
    int ms = options_.per_host_interval_ms;
    for (const auto& [h, v] : host_intervals_) {
      if (h == host) ms = std::max(ms, v);
    }
    return std::chrono::milliseconds(ms);
  };

  auto start = [&](size_t idx, const std::string& host) {
    auto t = std::make_unique<Transfer>();
    t->index = idx;
    t->host = host;
    t->result.url = requests[idx].url;
    t->cap = options_.max_body_bytes;
    t->check_only = requests[idx].check_only;
    CURL* e = curl_easy_init();
    t->easy = e;
    curl_easy_setopt(e, CURLOPT_URL, requests[idx].url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, options_.max_redirects);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_multi_add_handle(multi.get(), e);
    ++active_per_host[host];
    last_start[host] = Clock::now();
    running.emplace(e, std::move(t));
  };

  auto finish = [&](CURL* e, CURLcode code) {
    auto it = running.find(e);
    Transfer& t = *it->second;
    FetchResult& r = t.result;
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    r.status = status;
    char* final_url = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url) r.final_url = final_url;
    char* type = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) r.content_type = type;
    curl_off_t micros = 0;
    curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &micros);
    r.millis = static_cast<long>(micros / 1000);
    const bool cut_on_purpose = code == CURLE_WRITE_ERROR && r.truncated;
    if (code != CURLE_OK && !cut_on_purpose) {
      if (code == CURLE_TOO_MANY_REDIRECTS) {
        r.error = "redirect loop or more than " + std::to_string(options_.max_redirects) + " redirects";
      } else if (code == CURLE_OPERATION_TIMEDOUT) {
        r.error = "timed out after " + std::to_string(r.millis) + " ms";
      } else {
        r.error = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
      }
      if (code == CURLE_TOO_MANY_REDIRECTS || code == CURLE_OPERATION_TIMEDOUT) r.status = 0;
    }
    if (t.check_only) r.body.clear();
    --active_per_host[t.host];
    results[t.index] = std::move(r);
    curl_multi_remove_handle(multi.get(), e);
    curl_easy_cleanup(e);
    running.erase(it);
  };

  while (!pending.empty() || !running.empty()) {
    // Start what the per-host and global limits allow, in request order per host.
    const auto now = Clock::now();
    std::map<std::string, bool> host_blocked;
    for (auto it = pending.begin(); it != pending.end() && static_cast<int>(running.size()) < options_.max_concurrency;) {
      const std::string& host = hosts[*it];
      if (host.empty()) {
        results[*it].url = requests[*it].url;
        results[*it].error = "not an http(s) URL";
        it = pending.erase(it);
        continue;
      }
      if (host_blocked[host]) {
        ++it;
        continue;
      }
      auto last = last_start.find(host);
      const bool waited = last == last_start.end() || now - last->second >= interval_for(host);
      if (active_per_host[host] >= options_.per_host_concurrency || !waited) {
        host_blocked[host] = true;
        ++it;
        continue;
      }
      start(*it, host);
      host_blocked[host] = true;  // one start per host per round keeps the interval honest
      it = pending.erase(it);
    }
    int still_running = 0;
    curl_multi_perform(multi.get(), &still_running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
      if (msg->msg == CURLMSG_DONE) finish(msg->easy_handle, msg->data.result);
    }
    if (!running.empty() || !pending.empty()) curl_multi_poll(multi.get(), nullptr, 0, 10, nullptr);
  }
  return results;
}

}  // namespace gongkai::monitor
