// Durability of acknowledged applications (DESIGN.md: "An application acknowledged to a citizen is durable: it is
// committed before the reply is sent"). Starts a real `gongkai serve`, submits many online applications at once
// over HTTP (each client solving the form's challenge), SIGKILLs the server in the middle, restarts it and checks
// that every application whose acknowledgement (number + query code) reached a client is there and trackable,
// and that the supporting document half of them sent (multipart, as the page sends it) is there with it.
// Runs on SQLite, and on PostgreSQL with the test server of scripts/test-postgres.sh.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <mutex>
#include <regex>
#include <thread>

#include "store/applications.h"
#include "store/database.h"
#include "support/http_client.h"
#include "support/multipart_body.h"
#include "support/sample_files.h"
#include "support/test_databases.h"
#include "web/abuse_guard.h"
#include "web/html.h"

namespace gongkai {
namespace {

using testing::http_get;
using testing::http_request;
using testing::HttpReply;

int run(const std::vector<std::string>& args) {
  std::string command = "env -u GONGKAI_DATA_DIR -u GONGKAI_DATABASE '" GONGKAI_BINARY "'";
  for (const std::string& a : args) command += " '" + a + "'";
  command += " >/dev/null 2>&1 </dev/null";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A free loopback port (bound and released; good enough for a test).
int free_port() {
  static std::atomic<int> next{23000 + static_cast<int>(getpid() % 2000) * 10};
  return next.fetch_add(1);
}

class Server {
 public:
  Server(std::vector<std::string> args, int port) : port_(port) {
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<std::string> all = {GONGKAI_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port),
                                      "--quiet", "--trust-proxy"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      unsetenv("GONGKAI_DATA_DIR");
      unsetenv("GONGKAI_DATABASE");
      execv(GONGKAI_BINARY, argv.data());
      _exit(127);
    }
  }
  ~Server() {
    if (pid_ > 0) kill_now();
  }
  // Waits until /healthz answers (up to 20 s).
  bool ready() const {
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (http_get(port_, "/healthz").status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void kill_now() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::string match1(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class ApplyKillTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ApplyKillTest, EveryAcknowledgedApplicationSurvivesSigkill) {
  testing::TempDir dir;
  std::unique_ptr<testing::TestDatabase> pg;
  std::vector<std::string> where = {"--data-dir", dir.path()};
  if (GetParam() == "postgresql") {
    pg = std::make_unique<testing::TestDatabase>("postgresql");
    where.push_back("--database");
    where.push_back(pg->url());
  }
  std::vector<std::string> init = {"init"};
  init.insert(init.end(), where.begin(), where.end());
  ASSERT_EQ(run(init), 0);
  std::vector<std::string> add = {"bodies", "add", "--code", "edu", "--name", "示例县教育局"};
  add.insert(add.end(), where.begin(), where.end());
  ASSERT_EQ(run(add), 0);

  const int port = free_port();
  auto server = std::make_unique<Server>(where, port);
  ASSERT_TRUE(server->ready());

  struct Ack {
    std::string number, code;
    bool with_file = false;
  };
  const std::string pdf = testing::sample_pdf();
  std::mutex mutex;
  std::vector<Ack> acks;
  std::atomic<bool> stop{false};
  std::atomic<int> attempts{0};
  std::vector<std::thread> clients;
  for (int client_idx = 0; client_idx < 8; ++client_idx) {
    clients.emplace_back([&, client_idx] {
      for (int round = 0; !stop; ++round) {
        // Every submission from its own address: the per-client rate limit is not what this test is about.
        const std::string xff = "X-Forwarded-For: 10.9." + std::to_string(client_idx) + "." + std::to_string(round % 250) +
                                "\r\n";
        HttpReply page = http_get(port, "/apply", xff);
        if (page.status != 200) continue;
        const std::string token = match1(page.body, "name=\"challenge\" value=\"([^\"]+)\"");
        std::smatch m;
        if (!std::regex_search(page.body, m, std::regex("请回答：(.+?)(加|减)(.+?)等于多少？"))) continue;
        const int a = web::parse_small_number(m[1].str());
        const int b = web::parse_small_number(m[3].str());
        const std::string answer = std::to_string(m[2] == "加" ? a + b : a - b);
        const std::vector<std::pair<std::string, std::string>> fields = {
            {"applicant_type", "natural_person"}, {"applicant_name", "申请人" + std::to_string(client_idx)},
            {"id_number", "11010519491231002X"}, {"phone", "13800000000"}, {"body_code", "edu"},
            {"request", "第" + std::to_string(round) + "号文件"}, {"form_wanted", "electronic"},
            {"delivery_wanted", "online"}, {"challenge", token}, {"challenge_answer", answer}};
        // Half the clients send the form as the page does, multipart with a supporting document.
        const bool with_file = client_idx % 2 == 1;
        std::string body;
        for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + web::url_encode(v);
        if (with_file) body = testing::multipart_body(fields, {{"attachments", "证明.pdf", pdf}});
        ++attempts;
        HttpReply r = http_request(port, "POST", "/apply",
                                   xff + (with_file ? "Content-Type: multipart/form-data; boundary=" +
                                                          std::string(testing::kTestBoundary) + "\r\n"
                                                    : std::string("Content-Type: application/x-www-form-urlencoded\r\n")),
                                   body);
        if (r.status != 201) continue;  // refused, or the connection died with the server
        Ack ack{match1(r.body, "id=\"app-number\">([^<]+)<"), match1(r.body, "id=\"query-code\">([^<]+)<"), with_file};
        if (ack.number.empty() || ack.code.empty()) continue;
        std::lock_guard lock(mutex);
        acks.push_back(ack);
      }
    });
  }
  // Kill while submissions are in flight: after some acknowledgements, without warning.
  for (int wait_idx = 0; wait_idx < 300; ++wait_idx) {
    {
      std::lock_guard lock(mutex);
      if (acks.size() >= 40) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  server->kill_now();
  stop = true;
  for (std::thread& t : clients) t.join();
  ASSERT_GE(acks.size(), 10u) << "too few acknowledged before the kill to prove anything";
  EXPECT_GT(attempts.load(), static_cast<int>(acks.size())) << "the kill should have caught submissions in flight";

  server = std::make_unique<Server>(where, port);
  ASSERT_TRUE(server->ready());
  int found = 0;
  for (size_t ack_idx = 0; ack_idx < acks.size(); ++ack_idx) {
    const Ack& ack = acks[ack_idx];
    HttpReply t = http_request(port, "POST", "/apply/track",
                               "X-Forwarded-For: 10.8." + std::to_string(ack_idx / 250) + "." +
                                   std::to_string(ack_idx % 250) +
                                   "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                               "number=" + web::url_encode(ack.number) + "&code=" + ack.code);
    EXPECT_EQ(t.status, 200) << ack.number << " was acknowledged but is gone after the restart";
    found += t.status == 200;
  }
  EXPECT_EQ(found, static_cast<int>(acks.size()));
  // The documents sent with an acknowledged application are there too: its row and its file.
  Result<std::unique_ptr<store::Database>> db =
      store::open_database(pg ? pg->url() : dir.path() + "/gongkai.db");
  ASSERT_TRUE(db) << db.status().message();
  Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
  ASSERT_TRUE(conn) << conn.status().message();
  int with_files = 0;
  for (const Ack& ack : acks) {
    if (!ack.with_file) continue;
    ++with_files;
    Result<std::optional<store::ApplicationRow>> row = store::find_application_by_number(**conn, ack.number);
    ASSERT_TRUE(row && *row) << ack.number;
    Result<std::vector<store::ApplicationAttachmentRow>> files = store::list_application_attachments(**conn, (**row).id);
    ASSERT_TRUE(files && files->size() == 1) << ack.number << " lost its attachment";
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/attachments/" + (*files)[0].sha256.substr(0, 2) + "/" +
                                        (*files)[0].sha256));
  }
  EXPECT_GT(with_files, 0) << "some acknowledged applications carried a file";
  std::fprintf(stderr, "[ApplyKill/%s] %zu acknowledged of %d submitted before SIGKILL; all %d found after restart\n",
               GetParam().c_str(), acks.size(), attempts.load(), found);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApplyKillTest, ::testing::ValuesIn(testing::test_backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai
