// The public portal: home pages of bodies, columns with paging, item pages with their metadata block and validity
// banner, the 政府信息公开 column, the 公开目录 catalog, the policy library, RSS, sitemap, display preferences
// (适老化) and helpful error pages. Server-rendered HTML; nothing needs JavaScript.
#pragma once

#include <memory>
#include <string>

#include "http/http.h"
#include "services/installation.h"
#include "store/pool.h"

namespace gongkai::web {

struct PortalOptions {
  std::string root_body_code;  // the site's own body; default: the first government body
  int page_size = 20;
  // The site's public address (e.g. https://www.example.gov.cn) for absolute links in feeds and the sitemap;
  // empty: taken from the request's Host header.
  std::string public_url;
};

class Portal {
 public:
  // `inst` must outlive the portal. Fails if the installation has no bodies (nothing to show).
  static Result<std::unique_ptr<Portal>> create(services::Installation& inst, PortalOptions options);

  // Adds the portal's routes (GET /, /bodies, /bodies/{code}, /bodies/{code}/xxgk, /columns/{id}, /items/{id},
  // /catalog, /policies, /feeds/columns/{id}.xml, /sitemap.xml, /robots.txt, /static/{file}, /prefs/display,
  // /attachments/{sha}/{name}) and the 404 / 500 pages.
  void register_routes(http::Router& router);

  // The page chrome around `content` (used by other web modules, e.g. search): title, breadcrumbs, display mode.
  struct Chrome {
    std::string title;
    std::vector<std::pair<std::string, std::string>> breadcrumbs;  // name, url ("" for the current page)
    std::string nav;  // which main-nav entry is current: home, xxgk, policies, catalog, bodies, search
    std::string query;
    std::string feed_url, feed_title;
  };
  http::Response page(const http::Request& req, const Chrome& chrome, const std::string& content, int status = 200);
  http::Response error_page(const http::Request& req, int status, const std::string& heading,
                            const std::string& message);

  // What the cached pages were computed from: the database's site version (raised by every change to
  // published content, migration 005) combined with today's date in China (listings show what is published up
  // to today). Give it to http::ResponseCache::set_generation(). Fails if the database cannot be read.
  Result<uint64_t> content_generation();

  store::ConnectionPool& pool() { return *pool_; }
  const std::string& root_code() const { return root_code_; }
  const std::string& site_name() const { return site_name_; }
  const std::string& asset_version() const { return asset_version_; }  // cache-busting suffix of /static URLs

 private:
  Portal(services::Installation& inst, PortalOptions options) : inst_(inst), options_(std::move(options)) {}

  http::Response home(const http::Request& req);
  http::Response body_home(const http::Request& req);
  http::Response bodies(const http::Request& req);
  http::Response xxgk(const http::Request& req);
  http::Response column(const http::Request& req);
  http::Response item(const http::Request& req);
  http::Response catalog(const http::Request& req);
  http::Response policies(const http::Request& req);
  http::Response feed(const http::Request& req);
  http::Response sitemap(const http::Request& req);
  http::Response static_file(const http::Request& req);
  http::Response display_prefs(const http::Request& req);
  http::Response attachment(const http::Request& req);
  http::Response body_page(const http::Request& req, const std::string& code, bool is_root);
  // The scheme and host that absolute links start with (no trailing slash).
  std::string public_base(const http::Request& req) const;

  services::Installation& inst_;
  PortalOptions options_;
  std::unique_ptr<store::ConnectionPool> pool_;
  std::string root_code_, site_name_, address_, phone_;
  std::string asset_version_;
};

}  // namespace gongkai::web
