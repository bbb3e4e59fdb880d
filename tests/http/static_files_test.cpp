// Tests of static-file lookup: MIME types, validators, conditional requests and refusal of anything outside
// the directory (no sockets; the server tests repeat the traversal attempts over the wire).
#include "http/static_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/test_databases.h"

namespace gongkai::http {
namespace {

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string header_of(const StaticFile& file, std::string_view name) {
  for (const auto& [header_name, value] : file.headers) {
    if (header_name == name) return value;
  }
  return "";
}

class HttpStaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(temp_.file("static/css"));
    std::filesystem::create_directories(temp_.file("static/sub"));
    write_file(temp_.file("static/css/app.css"), "body{color:#333}");
    write_file(temp_.file("static/.env"), "SECRET=1");
    write_file(temp_.file("secret.txt"), "TOPSECRET");
    std::filesystem::create_symlink(temp_.file("secret.txt"), temp_.file("static/out.txt"));
    std::filesystem::create_symlink("css/app.css", temp_.file("static/in.css"));
    ::mkfifo(temp_.file("static/pipe.txt").c_str(), 0600);
    Result<StaticFiles> files = StaticFiles::open(temp_.file("static"));
    ASSERT_TRUE(files.is_ok()) << files.status().message();
    files_.emplace(std::move(*files));
  }

  testing::TempDir temp_;
  std::optional<StaticFiles> files_;
};

TEST_F(HttpStaticFilesTest, ServesFilesWithValidators) {
  Request request;
  StaticFile file = files_->lookup("css/app.css", request);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.size, 16u);
  EXPECT_GE(file.file.get(), 0);
  EXPECT_EQ(header_of(file, "Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(header_of(file, "Cache-Control"), "public, max-age=3600");
  std::string etag = header_of(file, "ETag");
  ASSERT_FALSE(etag.empty());
  std::string last_modified = header_of(file, "Last-Modified");
  ASSERT_FALSE(last_modified.empty());

  struct Case {
    std::pair<std::string, std::string> header;
    int status;
  };
  const Case cases[] = {
      {{"if-none-match", etag}, 304},
      {{"if-none-match", "\"other\", " + etag}, 304},
      {{"if-none-match", "W/" + etag}, 304},
      {{"if-none-match", "*"}, 304},
      {{"if-none-match", "\"other\""}, 200},
      {{"if-modified-since", last_modified}, 304},
      {{"if-modified-since", "Sun, 06 Nov 1994 08:49:37 GMT"}, 200},
      {{"if-modified-since", "garbage"}, 200},
  };
  for (const Case& c : cases) {
    Request conditional;
    conditional.headers = {c.header};
    StaticFile answer = files_->lookup("css/app.css", conditional);
    EXPECT_EQ(answer.status, c.status) << c.header.first << ": " << c.header.second;
    EXPECT_EQ(header_of(answer, "ETag"), etag);
  }
  // If-None-Match wins over If-Modified-Since.
  Request both;
  both.headers = {{"if-none-match", "\"other\""}, {"if-modified-since", last_modified}};
  EXPECT_EQ(files_->lookup("css/app.css", both).status, 200);
  EXPECT_EQ(files_->lookup("in.css", Request()).status, 200);  // a symlink inside the directory
}

TEST_F(HttpStaticFilesTest, RefusesEverythingButRegularFilesInside) {
  for (const char* relative :
       {"", "css", "css/", "sub", ".env", "css/.hidden", "out.txt", "pipe.txt", "missing.css", "/etc/passwd",
        "css//app.css", "../secret.txt", "css/../../secret.txt"}) {
    StaticFile file = files_->lookup(relative, Request());
    EXPECT_EQ(file.status, 404) << relative;
    EXPECT_LT(file.file.get(), 0) << relative;
  }
}

TEST(HttpStaticMimeTest, KnowsCommonTypes) {
  struct Case {
    const char* name;
    const char* type;
  };
  const Case cases[] = {
      {"a.css", "text/css; charset=utf-8"},
      {"a.js", "text/javascript; charset=utf-8"},
      {"a.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.woff2", "font/woff2"},
      {"favicon.ico", "image/x-icon"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"sitemap.xml", "application/xml"},
      {"A.PNG", "image/png"},
      {"noext", "application/octet-stream"},
      {"dir.v2/noext", "application/octet-stream"},
      {"a.exe", "application/octet-stream"},
  };
  for (const Case& c : cases) EXPECT_EQ(StaticFiles::mime_type(c.name), c.type) << c.name;
  EXPECT_FALSE(StaticFiles::open("/nonexistent/dir").is_ok());
}

}  // namespace
}  // namespace gongkai::http
