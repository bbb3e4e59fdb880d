// RawSite: a thread per connection, each polling the stop flag.
#include "monitor/test_sites.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>

#include "io/text_encoding.h"

namespace gongkai::testing {

RawSite::RawSite() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 64);
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_;
      std::lock_guard lock(mutex_);
      workers_.emplace_back([this, fd] { serve(fd); });
    }
  });
}

RawSite::~RawSite() {
  stop_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (std::thread& t : workers_) t.join();
  }
  ::close(listen_fd_);
}

void RawSite::serve(int fd) {
  std::string request;
  char buf[2048];
  while (!stop_ && request.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    request.append(buf, static_cast<size_t>(n));
  }
  const size_t sp1 = request.find(' ');
  const size_t sp2 = request.find(' ', sp1 + 1);
  const std::string path = sp1 == std::string::npos ? "" : request.substr(sp1 + 1, sp2 - sp1 - 1);
  auto send_all = [&](const std::string& s) { (void)::send(fd, s.data(), s.size(), MSG_NOSIGNAL); };
  if (path.starts_with("/never")) {
    while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } else if (path == "/drip") {
    send_all("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n");
    for (int n = 0; n < 200 && !stop_; ++n) {
      send_all("x");
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  } else if (path == "/robots.txt") {
    send_all("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  } else {
    const std::string body = "<html><body><p>外部网站</p></body></html>";
    send_all("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  ::close(fd);
}

using namespace std::chrono_literals;

std::string test_page(const std::string& title, const std::string& main, const std::string& nav) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><header><nav><ul>" +
         "<li><a href=\"/\">首页</a></li><li><a href=\"/news\">工作动态</a></li>" + nav + "</ul></nav></header><main>" +
         main + "</main><footer><p>示例县人民政府 主办</p></footer></body></html>";
}

GovSite::GovSite(const std::string& raw_base) {
  http::Router r;
  auto add = [&](const std::string& path, std::function<http::Response(const http::Request&)> h) {
    r.add("GET", path, [this, h](const http::Request& req) {
      const int now = ++in_flight_;
      int seen = max_in_flight_.load();
      while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
      }
      {
        std::lock_guard lock(mutex_);
        ++hits_[req.path];
      }
      std::this_thread::sleep_for(5ms);
      http::Response resp = h(req);
      --in_flight_;
      return resp;
    });
  };
  add("/robots.txt", [](const http::Request&) { return http::Response::text("User-agent: *\nDisallow: /private/\n"); });
  add("/", [raw_base](const http::Request&) {
    return http::Response::html(test_page(
        "示例县人民政府", "<ul class=\"list\"><li><a href=\"/a/1\">县政府召开常务会议</a><span>2026-11-27</span></li></ul>"
                         "<p><a href=\"/notice\">通知公告</a> <a href=\"/blank\">空白栏目</a> <a href=\"/gbk\">乡镇动态</a> "
                         "<a href=\"/trap/1\">专题</a> <a href=\"/private/secret\">内部</a> <a href=\"/missing\">失效页面</a> "
                         "<a href=\"/loop\">循环跳转</a> <a href=\"" + raw_base + "/never\">外部站点甲</a> "
                         "<a href=\"" + raw_base + "/drip\">外部站点乙</a> <a href=\"" + raw_base + "/fine\">外部站点丙</a> "
                         "<a href=\"mailto:gov@example.cn\">来信</a> <a href=\"javascript:void(0)\">无</a></p>"));
  });
  // Bad HTML on purpose: unclosed li and span.
  add("/news", [this](const http::Request&) {
    std::string latest;
    {
      std::lock_guard lock(mutex_);
      latest = news_latest_;
    }
    return http::Response::html(test_page("工作动态",
                                     "<ul><li><a href=\"/a/1\">县政府召开常务会议</a><span>" + latest +
                                     "<li><a href=\"/a/2\">全县秋冬季植树造林</a><span>2026年10月20日"
                                     "<li><a href=\"/a/3\">我县开展政务公开培训</a><span>2026.10.08</ul>",
                                     "<li><a href=\"/news?page=2\">下一页</a></li>"));
  });
  add("/notice", [](const http::Request&) {
    return http::Response::html(test_page("通知公告", "<table><tr><td><a href=\"/a/1\">关于开展安全检查的通知</a></td>"
                                                 "<td>2026/11/20</td></tr></table>"));
  });
  // A message column (政务咨询), linked from nowhere: registered as a column of type interaction.
  add("/messages", [](const http::Request&) {
    return http::Response::html(test_page(
        "咨询投诉",
        "<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th></tr>"
        "<tr><td><a href=\"/a/1\">咨询学位申请</a></td><td>2026-11-10</td><td>2026-11-12</td></tr>"
        "<tr><td><a href=\"/a/2\">反映道路破损</a></td><td>2026-07-01</td><td>未回复</td></tr>"
        "<tr><td><a href=\"/a/3\">咨询社保转移</a></td><td>2026年3月2日</td><td>2026年7月20日</td></tr>"
        "<tr><td><a href=\"/a/1\">去年的留言</a></td><td>2025-01-05</td><td>待回复</td></tr></table>"));
  });
  add("/blank", [](const http::Request&) { return http::Response::html(test_page("空白栏目", "<p>本栏目暂无信息。</p>")); });
  add("/gbk", [](const http::Request&) {
    const std::string utf8 =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>乡镇动态</title></head>"
        "<body><main><ul><li><a href=\"/a/1\">城关镇召开村级换届工作会</a> 2026年11月28日</li></ul>"
        "<p>友情提示：谨防网络赌场诈骗广告。</p></main></body></html>";
    http::Response resp;
    resp.body = *io::utf8_to_gb18030(utf8);
    resp.set_header("Content-Type", "text/html; charset=GBK");
    return resp;
  });
  add("/a/{n}", [](const http::Request& req) {
    const std::string n = req.params.at("n");
    if (n == "2") return http::Response::html(test_page("全县秋冬季植树造林", "<h1>全县秋冬季植树造林</h1><p>正文。</p>"));
    std::string body = "<h1>文章" + n + "</h1><p>发布日期：2026-11-01</p><p>";
    if (n == "3") body += "根据《中华人民共和国政府信息公开条列》规定，现将有关事项公告如下。";
    return http::Response::html(test_page("文章" + n, body + "</p>"));
  });
  add("/trap/{n}", [](const http::Request& req) {
    const int n = std::stoi(req.params.at("n"));
    return http::Response::html(test_page("专题", "<p><a href=\"/trap/" + std::to_string(n + 1) + "\">下一页</a> <a href=\"/trap/" +
                                                 std::to_string(n + 1000000) + "\">另一页</a></p>"));
  });
  add("/private/secret", [](const http::Request&) { return http::Response::html(test_page("内部", "<p>内部</p>")); });
  add("/loop", [](const http::Request&) { return http::Response::redirect("/loop", 302); });
  add("/big", [](const http::Request&) { return http::Response::text(std::string(3 * 1024 * 1024, 'x')); });
  http::ServerOptions options;
  options.port = 0;
  options.access_log = false;
  options.worker_threads = 4;
  options.shutdown_timeout = 2s;
  server_ = std::make_unique<http::Server>(options, std::move(r));
  if (!server_->start().is_ok()) std::abort();  // a test machine without loopback sockets
}

GovSite::~GovSite() = default;

void GovSite::set_news_latest(const std::string& date) {
  std::lock_guard lock(mutex_);
  news_latest_ = date;
}

int GovSite::hits(const std::string& path) {
  std::lock_guard lock(mutex_);
  return hits_[path];
}

}  // namespace gongkai::testing
