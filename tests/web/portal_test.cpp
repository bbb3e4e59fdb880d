// The portal over real HTTP: a small installation, a real server on a loopback port, real requests.
#include "web/portal.h"

#include <gtest/gtest.h>

#include <fstream>

#include "http/http.h"
#include "services/bodies.h"
#include "services/item_import.h"
#include "support/http_client.h"
#include "support/test_databases.h"

namespace gongkai::web {
namespace {

using gongkai::testing::http_get;
using gongkai::testing::HttpReply;

class PortalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    services::InstallationOptions where{dir_->path(), dir_->file("gongkai.db")};
    inst_ = services::Installation::create(where)->release();
    {
      std::unique_ptr<store::Connection> conn = *inst_->connect();
      services::BodySpec county{"county", "示例县人民政府", "government", "", "339999", "", "人民路1号", "0000-1", "", 0};
      ASSERT_TRUE(services::add_body(*conn, county));
      services::BodySpec dept{"edu", "示例县教育局", "department", "county", "33999903", "", "", "", "", 1};
      ASSERT_TRUE(services::add_body(*conn, dept));
    }
    std::ofstream f(dir_->file("items.jsonl"));
    f << R"({"index_number":"339999/2019-00001","body":"county","title":"示例县人民政府关于旧办法的通知","publish_date":"2019-03-01","written_date":"2019-02-20","doc_number":"示政发〔2019〕1号","kind":"normative","validity":"废止","validity_date":"2020-09-30","superseded_by":"339999/2020-00001","column":"政府信息公开/法定主动公开内容/政策文件","subject":"政策文件/行政规范性文件","content":"<p>旧的规定。</p>","channels":["disclosure_site"]})" "\n";
    f << R"({"index_number":"339999/2020-00001","body":"county","title":"示例县人民政府关于新办法的通知","publish_date":"2020-10-08","written_date":"2020-09-28","doc_number":"示政发〔2020〕7号","kind":"normative","validity":"有效","column":"政府信息公开/法定主动公开内容/政策文件","content":"<p>新的规定。</p><script>alert('xss')</script><p onclick=\"steal()\">第二段</p>"})" "\n";
    f << R"({"index_number":"339999/2020-00002","body":"county","title":"《关于新办法的通知》政策解读","publish_date":"2020-10-08","kind":"interpretation","interprets":"339999/2020-00001","interpretation_forms":["text","video"],"column":"政府信息公开/法定主动公开内容/政策解读","content":"<p>解读正文。</p>"})" "\n";
    for (int n = 1; n <= 45; ++n) {
      f << R"({"body":"edu","title":"教育局工作动态第)" << n << R"(条","publish_date":"2020-05-)" << (10 + n % 18)
        << R"(","column":"工作动态","content":"动态正文"})" << "\n";
    }
    f << R"({"body":"edu","title":"<script>alert(1)</script>标题里的脚本","publish_date":"2020-06-01","column":"通知公告"})" "\n";
    f.close();
    services::ImportOptions options;
    options.create_columns = true;
    options.progress = false;
    Result<services::ImportReport> report = services::import_items(*inst_, dir_->file("items.jsonl"), options);
    ASSERT_TRUE(report) << report.status().message();
    ASSERT_TRUE(report->errors.empty()) << report->errors.front().to_string("items.jsonl");

    portal_ = Portal::create(*inst_, PortalOptions{})->release();
    http::Router router;
    portal_->register_routes(router);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    server_ = new http::Server(so, std::move(router));
    ASSERT_TRUE(server_->start());
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete portal_;
    delete inst_;
    delete dir_;
  }
  static int64_t id_of(const std::string& index_number) {
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    return *conn->query_int("SELECT id FROM items WHERE index_number = ?", {index_number});
  }
  static int64_t column_of(const std::string& path) {
    std::unique_ptr<store::Connection> conn = *inst_->connect();
    return *conn->query_int("SELECT id FROM columns WHERE path = ? ORDER BY id LIMIT 1", {path});
  }

  static gongkai::testing::TempDir* dir_;
  static services::Installation* inst_;
  static Portal* portal_;
  static http::Server* server_;
  static int port_;
};

gongkai::testing::TempDir* PortalTest::dir_ = nullptr;
services::Installation* PortalTest::inst_ = nullptr;
Portal* PortalTest::portal_ = nullptr;
http::Server* PortalTest::server_ = nullptr;
int PortalTest::port_ = 0;

TEST_F(PortalTest, HomePageShowsTheCountyAndItsBodies) {
  HttpReply r = http_get(port_, "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("<html lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(r.body.find("示例县人民政府"), std::string::npos);
  EXPECT_NE(r.body.find("示例县人民政府关于新办法的通知"), std::string::npos);
  EXPECT_NE(r.body.find("/bodies/edu"), std::string::npos);
  EXPECT_NE(r.body.find("跳到主要内容"), std::string::npos);  // skip link
}

TEST_F(PortalTest, ItemPageHasTheMetadataBlockAndSanitizedContent) {
  HttpReply r = http_get(port_, "/items/" + std::to_string(id_of("339999/2020-00001")));
  ASSERT_EQ(r.status, 200);
  for (const char* label : {"索引号", "发布机构", "文　　号", "成文日期", "发布日期", "主题分类", "有效性"}) {
    EXPECT_NE(r.body.find(label), std::string::npos) << label;
  }
  EXPECT_NE(r.body.find("339999/2020-00001"), std::string::npos);
  EXPECT_NE(r.body.find("示政发〔2020〕7号"), std::string::npos);
  EXPECT_NE(r.body.find("2020-09-28"), std::string::npos);
  EXPECT_NE(r.body.find("第二段"), std::string::npos);
  EXPECT_EQ(r.body.find("alert('xss')"), std::string::npos);
  EXPECT_EQ(r.body.find("onclick"), std::string::npos);
  // It lists the document it repealed.
  EXPECT_NE(r.body.find("示例县人民政府关于旧办法的通知"), std::string::npos);
}

TEST_F(PortalTest, RepealedDocumentCarriesABannerLinkingItsSuccessor) {
  HttpReply r = http_get(port_, "/items/" + std::to_string(id_of("339999/2019-00001")));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("本文件已废止"), std::string::npos);
  EXPECT_NE(r.body.find("2020-09-30"), std::string::npos);
  EXPECT_NE(r.body.find("/items/" + std::to_string(id_of("339999/2020-00001"))), std::string::npos);
}

TEST_F(PortalTest, TitlesAreEscaped) {
  HttpReply r = http_get(port_, "/bodies/edu");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;标题里的脚本"), std::string::npos);
}

TEST_F(PortalTest, ColumnsPage) {
  const std::string base = "/columns/" + std::to_string(column_of("工作动态"));
  HttpReply first = http_get(port_, base);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("共 45 条，第 1 / 3 页"), std::string::npos);
  EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);
  HttpReply third = http_get(port_, base + "?page=3");
  ASSERT_EQ(third.status, 200);
  EXPECT_NE(third.body.find("第 3 / 3 页"), std::string::npos);
  EXPECT_EQ(http_get(port_, base + "?page=99").status, 404);
  EXPECT_EQ(http_get(port_, base + "?page=abc").status, 200);  // a bad page number means page 1
}

TEST_F(PortalTest, CatalogAndPolicyLibraryFilter) {
  HttpReply catalog = http_get(port_, "/catalog?body=edu&year=2020");
  ASSERT_EQ(catalog.status, 200);
  EXPECT_NE(catalog.body.find("内容概述"), std::string::npos);
  EXPECT_EQ(catalog.body.find("示政发"), std::string::npos);  // the county's documents are not the bureau's
  HttpReply repealed = http_get(port_, "/policies?validity=%E5%BA%9F%E6%AD%A2");  // 废止
  ASSERT_EQ(repealed.status, 200);
  EXPECT_NE(repealed.body.find("示政发〔2019〕1号"), std::string::npos);
  EXPECT_EQ(repealed.body.find("示政发〔2020〕7号"), std::string::npos);
  HttpReply prefix = http_get(port_, "/policies?prefix=%E7%A4%BA%E6%94%BF%E5%8F%91&year=2020");  // 示政发
  EXPECT_NE(prefix.body.find("示政发〔2020〕7号"), std::string::npos);
  EXPECT_EQ(prefix.body.find("示政发〔2019〕1号"), std::string::npos);
}

TEST_F(PortalTest, NotFoundPagesHelp) {
  for (const char* path : {"/no/such/page", "/items/999999", "/items/abc", "/items/-1", "/bodies/nobody",
                           "/columns/0", "/attachments/zz/x.pdf"}) {
    HttpReply r = http_get(port_, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("返回首页"), std::string::npos) << path;
  }
}

TEST_F(PortalTest, HostileRequestsGetCleanAnswers) {
  for (const char* path : {"/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/%ff%fe", "/items/%00"}) {
    HttpReply r = http_get(port_, path);
    EXPECT_GE(r.status, 400) << path;
    EXPECT_LT(r.status, 500) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
  }
  HttpReply ok = http_get(port_, "/");
  EXPECT_EQ(ok.status, 200);  // still serving
}

TEST_F(PortalTest, DisplayModeIsACookieAndNeverAnOpenRedirect) {
  HttpReply r = http_get(port_, "/prefs/display?mode=large&back=%2Fcatalog");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/catalog");
  EXPECT_NE(r.headers["set-cookie"].find("gk_display=large"), std::string::npos);
  for (const char* back : {"%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil"}) {
    HttpReply evil = http_get(port_, std::string("/prefs/display?mode=contrast&back=") + back);
    EXPECT_EQ(evil.headers["location"], "/") << back;
  }
  HttpReply large = http_get(port_, "/", "Cookie: gk_display=large\r\n");
  EXPECT_NE(large.body.find("<html lang=\"zh-CN\" class=\"large\">"), std::string::npos);
}

TEST_F(PortalTest, StaticFilesHaveETagsAndFeedsAndSitemapAreXml) {
  HttpReply css = http_get(port_, "/static/site.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.headers["content-type"].find("text/css"), std::string::npos);
  const std::string etag = css.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(http_get(port_, "/static/site.css", "If-None-Match: " + etag + "\r\n").status, 304);
  HttpReply feed = http_get(port_, "/feeds/columns/" + std::to_string(column_of("工作动态")) + ".xml");
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("<rss version=\"2.0\">"), std::string::npos);
  EXPECT_NE(feed.body.find("教育局工作动态第"), std::string::npos);
  HttpReply sitemap = http_get(port_, "/sitemap.xml");
  EXPECT_NE(sitemap.body.find("<urlset"), std::string::npos);
}

TEST_F(PortalTest, InterpretationsAreLinkedBothWays) {
  const int64_t document = id_of("339999/2020-00001"), interpretation = id_of("339999/2020-00002");
  HttpReply doc = http_get(port_, "/items/" + std::to_string(document));
  ASSERT_EQ(doc.status, 200);
  EXPECT_NE(doc.body.find("政策解读</h2>"), std::string::npos);
  EXPECT_NE(doc.body.find("/items/" + std::to_string(interpretation)), std::string::npos);
  EXPECT_NE(doc.body.find("（图文、视频）"), std::string::npos);
  HttpReply interp = http_get(port_, "/items/" + std::to_string(interpretation));
  ASSERT_EQ(interp.status, 200);
  EXPECT_NE(interp.body.find("的解读"), std::string::npos);
  EXPECT_NE(interp.body.find("href=\"/items/" + std::to_string(document) + "\""), std::string::npos);
  EXPECT_NE(interp.body.find("解读形式：图文、视频"), std::string::npos);
}

TEST_F(PortalTest, AtomFeedAndAbsoluteLinks) {
  const std::string column = std::to_string(column_of("工作动态"));
  HttpReply atom = http_get(port_, "/feeds/columns/" + column + ".atom");
  ASSERT_EQ(atom.status, 200);
  EXPECT_NE(atom.headers["content-type"].find("application/atom+xml"), std::string::npos);
  EXPECT_NE(atom.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\""), std::string::npos);
  EXPECT_NE(atom.body.find("<entry><title>教育局工作动态第"), std::string::npos);
  EXPECT_NE(atom.body.find("T00:00:00+08:00</updated>"), std::string::npos);
  // Links are absolute, built from the Host header the client sent (the test client sends 127.0.0.1:PORT).
  EXPECT_NE(atom.body.find("<id>http://127.0.0.1"), std::string::npos) << atom.body.substr(0, 600);
  HttpReply rss = http_get(port_, "/feeds/columns/" + column + ".xml");
  EXPECT_NE(rss.body.find("<link>http://127.0.0.1"), std::string::npos);
  EXPECT_NE(rss.body.find(" +0800</pubDate>"), std::string::npos) << "RFC 822 dates";
  EXPECT_NE(http_get(port_, "/sitemap.xml").body.find("<loc>http://127.0.0.1"), std::string::npos);
  EXPECT_EQ(http_get(port_, "/feeds/columns/" + column + ".json").status, 404);
  EXPECT_EQ(http_get(port_, "/feeds/columns/x.atom").status, 404);
}

TEST_F(PortalTest, EveryChangeToPublishedContentRaisesTheContentGeneration) {
  Result<uint64_t> before = portal_->content_generation();
  ASSERT_TRUE(before) << before.status().message();
  EXPECT_EQ(*portal_->content_generation(), *before) << "reading changes nothing";
  std::ofstream f(dir_->file("more.jsonl"));
  f << R"({"body":"edu","title":"缓存失效验证","publish_date":"2020-07-01","column":"通知公告"})" "\n";
  f.close();
  services::ImportOptions options;
  options.progress = false;
  Result<services::ImportReport> report = services::import_items(*inst_, dir_->file("more.jsonl"), options);
  ASSERT_TRUE(report && report->errors.empty());
  Result<uint64_t> after = portal_->content_generation();
  ASSERT_TRUE(after);
  EXPECT_NE(*after, *before);
  // A transaction that is rolled back raises nothing.
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    conn->mark_site_changed();
  }
  EXPECT_EQ(*portal_->content_generation(), *after);
}

TEST_F(PortalTest, PrintableViewDropsTheToolLinks) {
  const std::string url = "/items/" + std::to_string(id_of("339999/2020-00001"));
  EXPECT_NE(http_get(port_, url).body.find("打印本页"), std::string::npos);
  EXPECT_EQ(http_get(port_, url + "?print=1").body.find("打印本页"), std::string::npos);
}

TEST_F(PortalTest, WithdrawnItemsKeepTheirPageWithABannerAndDraftsAreHidden) {
  std::unique_ptr<store::Connection> conn = *inst_->connect();
  const int64_t id = *conn->query_int("SELECT MIN(id) FROM items WHERE title LIKE '教育局工作动态第%'");
  ASSERT_TRUE(conn->exec("UPDATE items SET status = 'withdrawn' WHERE id = ?", {id}));
  HttpReply withdrawn = http_get(port_, "/items/" + std::to_string(id));
  EXPECT_EQ(withdrawn.status, 200);
  EXPECT_NE(withdrawn.body.find("本信息已撤回"), std::string::npos);
  ASSERT_TRUE(conn->exec("UPDATE items SET status = 'draft' WHERE id = ?", {id}));
  EXPECT_EQ(http_get(port_, "/items/" + std::to_string(id)).status, 404);
  ASSERT_TRUE(conn->exec("UPDATE items SET status = 'published' WHERE id = ?", {id}));
}

}  // namespace
}  // namespace gongkai::web
