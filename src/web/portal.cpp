// Portal handlers: each reads through store/portal.h on a pooled connection and renders a template.
#include "web/portal.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "common/clock.h"
#include "common/embedded.h"
#include "common/sha256.h"
#include "domain/date.h"
#include "domain/vocabulary.h"
#include "store/bodies.h"
#include "store/item_facts.h"
#include "store/items.h"
#include "store/portal.h"
#include "store/publishing.h"
#include "web/html.h"
#include "web/kind_fields_view.h"
#include "web/pager.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

constexpr const char* kDisplayCookie = "gk_display";
constexpr int kMaxPage = 100000;

std::optional<int64_t> parse_id(const std::string& text) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

int page_number(const http::Request& req) {
  std::optional<std::string> p = req.query_param("page");
  if (!p) return 1;
  std::optional<int64_t> n = parse_id(*p);
  if (!n) return 1;
  return static_cast<int>(std::min<int64_t>(*n, kMaxPage));
}

Data summary_data(const store::ItemSummary& s) {
  Data d;
  d.set("id", std::to_string(s.id));
  d.set("title", s.title);
  d.set("date", s.publish_date);
  if (s.doc_number) d.set("doc_number", *s.doc_number);
  d.set("index_number", s.index_number);
  d.set("body_name", s.body_name);
  d.set("body_code", s.body_code);
  if (s.validity) {
    d.set("validity", *s.validity);
    const domain::Term* t = domain::find_term(domain::validities(), *s.validity);
    d.set("validity_class", t ? std::string(t->label) : "");
  }
  if (!s.excerpt.empty()) d.set("excerpt", plain_excerpt(s.excerpt, 60));
  return d;
}

Data summaries(const std::vector<store::ItemSummary>& items) {
  Data l = list();
  for (const auto& s : items) l.push_back(summary_data(s));
  return l;
}

// The body choices of a filter form; sets *selected_id when `selected_code` names one of them.
Data body_options(const std::vector<store::BodyRow>& all, const std::string& selected_code,
                  std::optional<int64_t>* selected_id) {
  Data options = list();
  for (const auto& b : all) {
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == selected_code);
    if (b.code == selected_code) *selected_id = b.id;
    options.push_back(bd);
  }
  return options;
}

std::string human_size(int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
  return buf;
}

std::string xml_escape(std::string_view s) { return escape_html(s); }

// "2020-03-02" as RFC 822 (RSS 2.0 pubDate): "Mon, 02 Mar 2020 00:00:00 +0800" (China time).
std::string rfc822_date(const std::string& iso_date) {
  std::optional<domain::Date> d = domain::Date::parse(iso_date);
  if (!d) return "";
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d 00:00:00 +0800", kDays[d->iso_weekday() - 1],
                d->day(), kMonths[d->month() - 1], d->year());
  return buf;
}

const char* content_type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Result<std::unique_ptr<Portal>> Portal::create(services::Installation& inst, PortalOptions options) {
  std::unique_ptr<Portal> portal(new Portal(inst, std::move(options)));
  portal->pool_ = std::make_unique<store::ConnectionPool>(inst.db(), 16);
  Result<store::ConnectionPool::Lease> conn = portal->pool_->acquire();
  if (!conn) return conn.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  const store::BodyRow* root = nullptr;
  for (const auto& b : *bodies) {
    if (!portal->options_.root_body_code.empty() ? b.code == portal->options_.root_body_code
                                                 : (b.type == "government" && !b.parent_id)) {
      root = &b;
      break;
    }
  }
  if (!root && !bodies->empty() && portal->options_.root_body_code.empty()) root = &bodies->front();
  if (!root) {
    return Status::invalid(bodies->empty() ? "the installation has no bodies yet (run `gongkai demo` or add bodies)"
                                           : "no body has the code '" + portal->options_.root_body_code + "'");
  }
  portal->root_code_ = root->code;
  portal->site_name_ = root->name;
  portal->address_ = root->address;
  portal->phone_ = root->phone;
  std::string assets;
  for (const embedded::File& f : embedded::static_files()) assets += f.content;
  portal->asset_version_ = sha256_hex(assets).substr(0, 12);
  return portal;
}

http::Response Portal::page(const http::Request& req, const Chrome& chrome, const std::string& content, int status) {
  Data d;
  const std::string mode = req.cookie(kDisplayCookie).value_or("normal");
  d.set("display_class", mode == "large" ? "large" : mode == "contrast" ? "contrast large" : "");
  d.set("mode_normal", mode != "large" && mode != "contrast");
  d.set("mode_large", mode == "large");
  d.set("mode_contrast", mode == "contrast");
  d.set("back", url_encode(req.target.size() <= 1000 ? req.target : "/"));
  d.set("page_title", chrome.title);
  d.set("site_name", site_name_);
  d.set("root_code", root_code_);
  d.set("address", address_);
  d.set("phone", phone_);
  d.set("asset_version", asset_version_);
  d.set("query", chrome.query);
  std::optional<domain::Date> today = domain::Date::parse(china_today());
  static const char* kWeekdays[] = {"", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  if (today) {
    d.set("today", std::to_string(today->year()) + "年" + std::to_string(today->month()) + "月" +
                       std::to_string(today->day()) + "日 " + kWeekdays[today->iso_weekday()]);
  }
  if (!chrome.nav.empty()) d.set("nav_" + chrome.nav, true);
  if (!chrome.feed_url.empty()) {
    d.set("feed_url", chrome.feed_url);
    d.set("feed_title", chrome.feed_title);
  }
  Data crumbs = list();
  if (!chrome.breadcrumbs.empty()) {
    Data home;
    home.set("name", "首页");
    home.set("url", "/");
    crumbs.push_back(home);
    for (const auto& [name, url] : chrome.breadcrumbs) {
      Data c;
      c.set("name", name);
      if (!url.empty()) c.set("url", url);
      crumbs.push_back(c);
    }
  }
  set_list(d, "breadcrumbs", crumbs);
  d.set("content", content);
  http::Response res = http::Response::html(render("layout", d), status);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Cookie");
  return res;
}

http::Response Portal::error_page(const http::Request& req, int status, const std::string& heading,
                                  const std::string& message) {
  Data d;
  d.set("heading", heading);
  d.set("message", message);
  return page(req, Chrome{heading, {{heading, ""}}, "", "", "", ""}, render("error", d), status);
}

Result<uint64_t> Portal::content_generation() {
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) return conn.status();
  Result<int64_t> version = store::site_version(**conn);
  if (!version) return version.status();
  std::optional<domain::Date> today = domain::Date::parse(china_today());
  const uint64_t day = today ? static_cast<uint64_t>(today->days_since_epoch()) : 0;
  return static_cast<uint64_t>(*version) * 100000u + day;
}

void Portal::register_routes(http::Router& router) {
  auto bind = [this](http::Response (Portal::*fn)(const http::Request&)) {
    return [this, fn](const http::Request& req) { return (this->*fn)(req); };
  };
  // Pages that depend only on the published records, the target and the display mode: kept in the server's
  // response cache until the site version changes (content_generation()).
  http::RouteOptions cached;
  cached.cache = true;
  cached.cache_vary_cookie = kDisplayCookie;
  router.add("GET", "/", bind(&Portal::home), cached);
  router.add("GET", "/bodies", bind(&Portal::bodies), cached);
  router.add("GET", "/bodies/{code}", bind(&Portal::body_home), cached);
  router.add("GET", "/bodies/{code}/xxgk", bind(&Portal::xxgk), cached);
  router.add("GET", "/columns/{id}", bind(&Portal::column), cached);
  router.add("GET", "/items/{id}", bind(&Portal::item), cached);
  router.add("GET", "/catalog", bind(&Portal::catalog), cached);
  router.add("GET", "/policies", bind(&Portal::policies), cached);
  router.add("GET", "/feeds/columns/{file}", bind(&Portal::feed), cached);
  router.add("GET", "/sitemap.xml", bind(&Portal::sitemap), cached);
  router.add("GET", "/robots.txt", bind(&Portal::static_file));
  router.add("GET", "/static/{file}", bind(&Portal::static_file));
  router.add("GET", "/prefs/display", bind(&Portal::display_prefs));
  router.add("GET", "/attachments/{sha}/{name}", bind(&Portal::attachment));
  router.set_not_found([this](const http::Request& req) {
    return error_page(req, 404, "页面不存在", "您访问的页面不存在或已被移除。请检查网址，或从下列入口查找所需信息。");
  });
  router.set_error_handler([this](const http::Request& req, const std::string& what) {
    std::fprintf(stderr, "gongkai: handler error on %s: %s\n", req.path.c_str(), what.c_str());
    return error_page(req, 500, "系统繁忙", "服务器暂时无法处理您的请求，请稍后再试。问题已记录。");
  });
}

http::Response Portal::home(const http::Request& req) { return body_page(req, root_code_, true); }

http::Response Portal::body_home(const http::Request& req) {
  const std::string code = req.params.at("code");
  return body_page(req, code, code == root_code_);
}

http::Response Portal::body_page(const http::Request& req, const std::string& code, bool is_root) {
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, code);
  if (!body) throw std::runtime_error(body.status().message());
  if (!*body) return error_page(req, 404, "机构不存在", "没有代码为“" + code + "”的机构。");
  Result<std::vector<store::ColumnRow>> columns = store::list_columns(**conn, (*body)->id);
  if (!columns) throw std::runtime_error(columns.status().message());
  auto column_id = [&](const std::string& path) -> std::string {
    for (const auto& c : *columns) {
      if (c.path == path) return "/columns/" + std::to_string(c.id);
    }
    return "";
  };
  struct Block {
    const char* title;
    const char* path;
    bool include_children;
  };
  const Block blocks[] = {
      {is_root ? "政务要闻" : "工作动态", "工作动态", false},
      {"通知公告", "通知公告", false},
      {"政策文件", "政府信息公开/法定主动公开内容/政策文件", false},
      {is_root ? "部门乡镇动态" : "重点领域信息公开",
       is_root ? "工作动态" : "政府信息公开/法定主动公开内容/重点领域信息公开", is_root},
      {"政策解读", "政府信息公开/法定主动公开内容/政策解读", false},
      {"政府信息公开年报", "政府信息公开/政府信息公开年报", false},
  };
  Data block_list = list();
  int block_idx = 0;
  for (const Block& b : blocks) {
    Result<store::Page> items = store::list_body_items(**conn, (*body)->id, b.include_children, b.path, 0, 8);
    if (!items) throw std::runtime_error(items.status().message());
    if (items->total == 0 && std::string_view(b.path).find("解读") != std::string_view::npos) continue;
    Data d;
    d.set("id", std::to_string(block_idx++));
    d.set("title", b.title);
    if (!b.include_children) d.set("more_url", column_id(b.path));
    set_list(d, "items", summaries(items->items));
    block_list.push_back(d);
  }
  Data d;
  d.set("body_name", (*body)->name);
  d.set("blocks", block_list);
  if (is_root) {
    Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
    if (!all) throw std::runtime_error(all.status().message());
    Data children = list();
    for (const auto& c : *all) {
      if (c.parent_id != (*body)->id) continue;
      Data cd;
      cd.set("code", c.code);
      cd.set("name", c.name);
      children.push_back(cd);
    }
    set_list(d, "children", children);
    d.set("children_title", "部门与乡镇");
  }
  Chrome chrome;
  chrome.title = is_root ? "首页" : (*body)->name;
  chrome.nav = is_root ? "home" : "bodies";
  if (!is_root) chrome.breadcrumbs = {{"部门与乡镇", "/bodies"}, {(*body)->name, ""}};
  return page(req, chrome, render("home", d));
}

http::Response Portal::bodies(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) throw std::runtime_error(all.status().message());
  struct Group {
    const char* id;
    const char* title;
    std::vector<std::string> types;
  };
  const Group groups[] = {{"gov", "县政府及办公室", {"government", "office"}},
                          {"dept", "县政府工作部门", {"department"}},
                          {"town", "乡镇（街道）", {"township"}}};
  Data group_list = list();
  for (const Group& g : groups) {
    Data bodies_data = list();
    for (const auto& b : *all) {
      if (std::find(g.types.begin(), g.types.end(), b.type) == g.types.end()) continue;
      Data bd;
      bd.set("code", b.code);
      bd.set("name", b.name);
      bodies_data.push_back(bd);
    }
    Data gd;
    gd.set("id", g.id);
    gd.set("title", g.title);
    gd.set("bodies", bodies_data);
    group_list.push_back(gd);
  }
  Data d;
  d.set("groups", group_list);
  return page(req, Chrome{"部门与乡镇", {{"部门与乡镇", ""}}, "bodies", "", "", ""}, render("bodies", d));
}

http::Response Portal::xxgk(const http::Request& req) {
  const std::string code = req.params.at("code");
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, code);
  if (!body) throw std::runtime_error(body.status().message());
  if (!*body) return error_page(req, 404, "机构不存在", "没有代码为“" + code + "”的机构。");
  Result<std::vector<store::ColumnRow>> columns = store::list_columns(**conn, (*body)->id);
  if (!columns) throw std::runtime_error(columns.status().message());
  Data column_list = list();
  Data standard = list();
  static const std::pair<const char*, const char*> kHints[] = {
      {"政府信息公开指南", "公开范围、方式、途径与联系方式"},
      {"政府信息公开制度", "本机关政府信息公开工作制度"},
      {"法定主动公开内容", "《条例》第二十条、第二十一条规定的内容"},
      {"政府信息公开年报", "历年政府信息公开工作年度报告"},
  };
  for (const auto& c : *columns) {
    if (!c.path.starts_with("政府信息公开/")) continue;
    const int depth = static_cast<int>(std::count(c.path.begin(), c.path.end(), '/'));
    Data cd;
    cd.set("id", std::to_string(c.id));
    cd.set("name", c.name);
    cd.set("depth", std::to_string(depth));
    column_list.push_back(cd);
    for (auto [name, hint] : kHints) {
      if (depth == 1 && c.name == name) {
        Data sd;
        sd.set("id", std::to_string(c.id));
        sd.set("name", c.name);
        sd.set("hint", hint);
        standard.push_back(sd);
      }
    }
  }
  Result<store::Page> latest = store::list_body_items(**conn, (*body)->id, false, "政府信息公开", 0, 15);
  if (!latest) throw std::runtime_error(latest.status().message());
  Data d;
  d.set("body_name", (*body)->name);
  d.set("columns", column_list);
  d.set("standard", standard);
  d.set("latest", summaries(latest->items));
  Chrome chrome{(*body)->name + "政府信息公开", {}, "xxgk", "", "", ""};
  if (code != root_code_) chrome.breadcrumbs.emplace_back((*body)->name, "/bodies/" + code);
  chrome.breadcrumbs.emplace_back("政府信息公开", "");
  return page(req, chrome, render("xxgk", d));
}

http::Response Portal::column(const http::Request& req) {
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  if (!id) return error_page(req, 404, "栏目不存在", "栏目编号无效。");
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::ColumnRow>> col = store::find_column_by_id(**conn, *id);
  if (!col) throw std::runtime_error(col.status().message());
  if (!*col) return error_page(req, 404, "栏目不存在", "该栏目不存在或已被撤销。");
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) throw std::runtime_error(all.status().message());
  const store::BodyRow* body = nullptr;
  for (const auto& b : *all) {
    if (b.id == (*col)->body_id) body = &b;
  }
  Result<std::vector<store::ColumnRow>> siblings = store::list_columns(**conn, (*col)->body_id);
  if (!siblings) throw std::runtime_error(siblings.status().message());
  const int page_no = page_number(req);
  const int size = options_.page_size;
  // A column with sub-columns lists everything below it; a leaf lists its own items.
  bool has_children = false;
  for (const auto& c : *siblings) has_children = has_children || (c.parent_id == (*col)->id);
  Result<store::Page> items = has_children
                                  ? store::list_body_items(**conn, (*col)->body_id, false, (*col)->path,
                                                           (page_no - 1) * size, size)
                                  : store::list_column_items(**conn, *id, (page_no - 1) * size, size);
  if (!items) throw std::runtime_error(items.status().message());
  if (page_no > 1 && items->items.empty()) return error_page(req, 404, "页码超出范围", "该栏目没有这么多页。");

  // Sidebar: the column's top-level section and its descendants.
  const std::string top = (*col)->path.substr(0, (*col)->path.find('/'));
  Data sidebar = list();
  for (const auto& c : *siblings) {
    if (c.path != top && !c.path.starts_with(top + "/")) continue;
    Data sd;
    sd.set("name", std::string(static_cast<size_t>(std::count(c.path.begin(), c.path.end(), '/')) * 2, ' ') + c.name);
    sd.set("url", "/columns/" + std::to_string(c.id));
    sd.set("current", c.id == (*col)->id);
    sidebar.push_back(sd);
  }
  const std::string base = "/columns/" + std::to_string(*id);
  Data d;
  d.set("heading", (*col)->name);
  d.set("sidebar_title", top);
  set_list(d, "sidebar", sidebar);
  set_list(d, "items", summaries(items->items));
  d.set("pager", pager(base, items->total, page_no, size));
  d.set("feed_url", "/feeds/columns/" + std::to_string(*id) + ".xml");
  d.set("atom_url", "/feeds/columns/" + std::to_string(*id) + ".atom");
  Chrome chrome;
  chrome.title = (*col)->name + (body ? " - " + body->name : "");
  chrome.nav = top == "政府信息公开" ? "xxgk" : "";
  if (body && body->code != root_code_) chrome.breadcrumbs.emplace_back(body->name, "/bodies/" + body->code);
  std::string prefix;
  for (size_t pos = 0; pos != std::string::npos;) {
    size_t next = (*col)->path.find('/', pos);
    const std::string partial = (*col)->path.substr(0, next);
    const std::string name = (*col)->path.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    std::string url;
    for (const auto& c : *siblings) {
      if (c.path == partial && c.id != (*col)->id) url = "/columns/" + std::to_string(c.id);
    }
    chrome.breadcrumbs.emplace_back(name, url);
    pos = next == std::string::npos ? next : next + 1;
  }
  chrome.feed_url = "/feeds/columns/" + std::to_string(*id) + ".xml";
  chrome.feed_title = (*col)->name;
  return page(req, chrome, render("listing", d));
}

http::Response Portal::item(const http::Request& req) {
  std::optional<int64_t> id = parse_id(req.params.at("id"));
  if (!id) return error_page(req, 404, "信息不存在", "信息编号无效。");
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::ItemDetail>> detail = store::item_detail(**conn, *id);
  if (!detail) throw std::runtime_error(detail.status().message());
  if (*detail && (*detail)->row.status == "draft" && (*detail)->column_id) {
    // An item taken offline (unpublished) sends its old address on to its column, for links and bookmarks.
    Result<std::optional<std::string>> state = store::item_state(**conn, *id);
    if (!state) throw std::runtime_error(state.status().message());
    if (*state == "unpublished") {
      return http::Response::redirect("/columns/" + std::to_string(*(*detail)->column_id), 301);
    }
  }
  if (!*detail || (*detail)->row.status == "draft") {
    return error_page(req, 404, "信息不存在", "该信息不存在或尚未发布。");
  }
  const store::ItemDetail& it = **detail;
  Data d;
  d.set("id", std::to_string(it.row.id));
  d.set("is_consultation", it.row.kind == "consultation");  // links to /consultations/{id} (web/staff_policy.h)
  d.set("title", it.row.title);
  d.set("index_number", it.row.index_number);
  d.set("subject", it.row.subject.value_or(""));
  d.set("body_code", it.body_code);
  d.set("body_name", it.body_name);
  d.set("written_date", it.row.written_date.value_or(""));
  d.set("doc_number", it.row.doc_number.value_or(""));
  d.set("publish_date", it.row.publish_date);
  d.set("print", req.query_param("print").has_value());
  if (it.row.validity) {
    d.set("has_validity", true);
    d.set("validity", *it.row.validity);
    if (it.row.validity_changed_on && *it.row.validity_changed_on != it.row.publish_date) {
      d.set("validity_date", *it.row.validity_changed_on);
    }
  }
  // The banner marks a document that is no longer in force as it was published (国办发〔2017〕47号), and a
  // withdrawn item.
  std::string banner_title, banner_text, banner_class;
  const std::string since = it.row.validity_changed_on.value_or("");
  if (it.row.status == "withdrawn") {
    banner_title = "本信息已撤回。";
    banner_text = "以下内容仅供查阅。";
    banner_class = "withdrawn";
  } else if (it.row.validity == "废止") {
    banner_title = "本文件已废止。";
    banner_text = "自" + since + "起废止，以下内容仅供查阅。";
    banner_class = "repealed";
  } else if (it.row.validity == "失效") {
    banner_title = "本文件已失效。";
    banner_text = "自" + since + "起失效，以下内容仅供查阅。";
    banner_class = "expired";
  } else if (it.row.validity == "修订后有效") {
    banner_title = "本文件已修订。";
    banner_text = "自" + since + "起按修订后的规定执行。";
    banner_class = "amended";
  }
  if (!banner_title.empty()) {
    d.set("banner", true);
    d.set("banner_title", banner_title);
    d.set("banner_text", banner_text);
    d.set("banner_class", banner_class);
    if (it.successor) d.set("successor", summary_data(*it.successor));
  }
  d.set("content_html", sanitize_html(it.row.content));
  Result<std::map<std::string, std::string>> facts = store::item_facts(**conn, it.row.id);
  if (!facts) throw std::runtime_error(facts.status().message());
  set_fact_rows(d, it.row.kind,
                *facts);  // a survey's period, a handling result's category, … (web/kind_fields_view.h)
  Data attachments = list();
  for (const auto& a : it.attachments) {
    Data ad;
    ad.set("file_name", a.file_name);
    ad.set("url_name", url_encode(a.file_name));
    ad.set("sha256", a.sha256);
    ad.set("size", human_size(a.size_bytes));
    attachments.push_back(ad);
  }
  set_list(d, "attachments", attachments);
  set_list(d, "superseded", summaries(it.superseded));
  // 政策解读, linked both ways: a document lists its interpretations, an interpretation names its document.
  auto form_labels = [](const std::vector<std::string>& forms) {
    std::string out;
    for (const std::string& f : forms) {
      const domain::Term* t = domain::find_term(domain::interpretation_forms(), f);
      if (t) out += (out.empty() ? "" : "、") + std::string(t->label);
    }
    return out;
  };
  Data interpretations = list();
  for (const auto& interp : it.interpretations) {
    Data id = summary_data(interp.item);
    id.set("forms", form_labels(interp.forms));
    interpretations.push_back(id);
  }
  set_list(d, "interpretations", interpretations);
  if (it.interpreted_document) {
    Data doc = summary_data(*it.interpreted_document);
    d.set("interpreted", doc);
    d.set("own_forms", form_labels(it.interpretation_forms));
  }
  Chrome chrome;
  chrome.title = it.row.title;
  if (it.body_code != root_code_) chrome.breadcrumbs.emplace_back(it.body_name, "/bodies/" + it.body_code);
  if (it.column_id) chrome.breadcrumbs.emplace_back(it.column_name, "/columns/" + std::to_string(*it.column_id));
  chrome.breadcrumbs.emplace_back("正文", "");
  return page(req, chrome, render("item", d));
}

http::Response Portal::catalog(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) throw std::runtime_error(all.status().message());
  store::CatalogFilter filter;
  const std::string body_code = req.query_param("body").value_or("");
  const std::string year_text = req.query_param("year").value_or("");
  Data bodies_data = body_options(*all, body_code, &filter.body_id);
  std::optional<int64_t> year = parse_id(year_text);
  if (year && *year >= 1990 && *year <= 2199) filter.year = static_cast<int>(*year);
  Data years = list();
  const int this_year = domain::Date::parse(china_today())->year();
  for (int y = this_year; y >= this_year - 15; --y) {
    Data yd;
    yd.set("year", std::to_string(y));
    yd.set("selected", filter.year == y);
    years.push_back(yd);
  }
  const int page_no = page_number(req);
  const int size = options_.page_size;
  Result<store::Page> items = store::catalog(**conn, filter, (page_no - 1) * size, size);
  if (!items) throw std::runtime_error(items.status().message());
  std::string base = "/catalog";
  if (filter.body_id) base = with_param(base, "body", body_code);
  if (filter.year) base = with_param(base, "year", std::to_string(*filter.year));
  Data d;
  d.set("bodies", bodies_data);
  d.set("years", years);
  set_list(d, "items", summaries(items->items));
  d.set("pager", pager(base, items->total, page_no, size));
  return page(req, Chrome{"政府信息公开目录", {{"公开目录", ""}}, "catalog", "", "", ""}, render("catalog", d));
}

http::Response Portal::policies(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) throw std::runtime_error(all.status().message());
  store::PolicyFilter filter;
  const std::string body_code = req.query_param("body").value_or("");
  Data bodies_data = body_options(*all, body_code, &filter.body_id);
  std::optional<int64_t> year = parse_id(req.query_param("year").value_or(""));
  if (year && *year >= 1990 && *year <= 2199) filter.year = static_cast<int>(*year);
  filter.doc_number_prefix = req.query_param("prefix").value_or("").substr(0, 50);
  filter.subject = req.query_param("subject").value_or("").substr(0, 50);
  const std::string validity = req.query_param("validity").value_or("");
  if (domain::find_term(domain::validities(), validity)) filter.validity = validity;
  const std::string kind = req.query_param("kind").value_or("");
  if (kind == "document" || kind == "normative") filter.kind = kind;

  Result<std::vector<int>> policy_years = store::policy_years(**conn);
  if (!policy_years) throw std::runtime_error(policy_years.status().message());
  Data years = list();
  for (int y : *policy_years) {
    Data yd;
    yd.set("year", std::to_string(y));
    yd.set("selected", filter.year == y);
    years.push_back(yd);
  }
  Data kinds = list();
  for (const char* k : {"document", "normative"}) {
    Data kd;
    kd.set("code", k);
    kd.set("label", std::string(domain::find_term(domain::item_kinds(), k)->label));
    kd.set("selected", filter.kind == k);
    kinds.push_back(kd);
  }
  Data validities = list();
  for (const domain::Term& t : domain::validities()) {
    Data vd;
    vd.set("code", std::string(t.code));
    vd.set("selected", filter.validity == t.code);
    validities.push_back(vd);
  }
  const int page_no = page_number(req);
  const int size = options_.page_size;
  Result<store::Page> items = store::policy_documents(**conn, filter, (page_no - 1) * size, size);
  if (!items) throw std::runtime_error(items.status().message());
  std::string base = "/policies";
  if (filter.body_id) base = with_param(base, "body", body_code);
  if (filter.year) base = with_param(base, "year", std::to_string(*filter.year));
  if (!filter.doc_number_prefix.empty()) base = with_param(base, "prefix", filter.doc_number_prefix);
  if (!filter.subject.empty()) base = with_param(base, "subject", filter.subject);
  if (!filter.validity.empty()) base = with_param(base, "validity", filter.validity);
  if (!filter.kind.empty()) base = with_param(base, "kind", filter.kind);
  Data d;
  d.set("bodies", bodies_data);
  d.set("years", years);
  d.set("kinds", kinds);
  d.set("validities", validities);
  d.set("prefix", filter.doc_number_prefix);
  d.set("subject", filter.subject);
  Data rows = list();
  for (const auto& s : items->items) rows.push_back(summary_data(s));
  set_list(d, "items", rows);
  d.set("pager", pager(base, items->total, page_no, size));
  return page(req, Chrome{"政策文件库", {{"政策文件库", ""}}, "policies", "", "", ""}, render("policies", d));
}

http::Response Portal::feed(const http::Request& req) {
  // /feeds/columns/{id}.xml is RSS 2.0, /feeds/columns/{id}.atom is Atom (RFC 4287); both list the 30 newest.
  const std::string file = req.params.at("file");
  const bool atom = file.ends_with(".atom");
  if (!atom && !file.ends_with(".xml")) {
    return error_page(req, 404, "订阅不存在", "订阅地址应以 .xml（RSS）或 .atom（Atom）结尾。");
  }
  std::optional<int64_t> id = parse_id(file.substr(0, file.size() - (atom ? 5 : 4)));
  if (!id) return error_page(req, 404, "订阅不存在", "栏目编号无效。");
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::ColumnRow>> col = store::find_column_by_id(**conn, *id);
  if (!col) throw std::runtime_error(col.status().message());
  if (!*col) return error_page(req, 404, "订阅不存在", "该栏目不存在。");
  Result<store::Page> items = store::list_column_items(**conn, *id, 0, 30);
  if (!items) throw std::runtime_error(items.status().message());
  const std::string base = public_base(req);
  const std::string column_url = base + "/columns/" + std::to_string(*id);
  const std::string title = xml_escape(site_name_ + " - " + (*col)->name);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (atom) {
    const std::string updated = items->items.empty() ? "2000-01-01" : items->items.front().publish_date;
    xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\"><title>" + title + "</title><id>" +
           xml_escape(column_url) + "</id><updated>" + updated + "T00:00:00+08:00</updated>" +
           "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(column_url) + "\"/>" +
           "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           xml_escape(base + "/feeds/columns/" + file) + "\"/><author><name>" + xml_escape(site_name_) +
           "</name></author>";
    for (const auto& s : items->items) {
      const std::string url = base + "/items/" + std::to_string(s.id);
      xml += "<entry><title>" + xml_escape(s.title) + "</title><id>" + xml_escape(url) + "</id><link href=\"" +
             xml_escape(url) + "\"/><updated>" + s.publish_date + "T00:00:00+08:00</updated><author><name>" +
             xml_escape(s.body_name) + "</name></author><summary>" +
             xml_escape(s.doc_number ? *s.doc_number + " " + s.index_number : s.index_number) +
             "</summary></entry>";
    }
    xml += "</feed>\n";
    http::Response res = http::Response::text(xml);
    res.set_header("Content-Type", "application/atom+xml; charset=utf-8");
    return res;
  }
  xml += "<rss version=\"2.0\"><channel><title>" + title + "</title><link>" + xml_escape(column_url) +
         "</link><description>" + xml_escape((*col)->name) + "</description><language>zh-cn</language>";
  for (const auto& s : items->items) {
    const std::string url = base + "/items/" + std::to_string(s.id);
    xml += "<item><title>" + xml_escape(s.title) + "</title><link>" + xml_escape(url) +
           "</link><guid isPermaLink=\"false\">" + xml_escape(s.index_number) + "</guid><pubDate>" +
           rfc822_date(s.publish_date) + "</pubDate></item>";
  }
  xml += "</channel></rss>\n";
  http::Response res = http::Response::text(xml);
  res.set_header("Content-Type", "application/rss+xml; charset=utf-8");
  return res;
}

std::string Portal::public_base(const http::Request& req) const {
  if (!options_.public_url.empty()) {
    std::string base = options_.public_url;
    while (base.ends_with('/')) base.pop_back();
    return base;
  }
  // A Host header is only trusted when it looks like a host name or address with an optional port.
  std::string host = req.header("host").value_or("");
  const bool plausible = !host.empty() && host.size() <= 255 &&
                         std::all_of(host.begin(), host.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                                  c == ':' || c == '[' || c == ']';
                         });
  return "http://" + (plausible ? host : std::string("localhost"));
}

http::Response Portal::sitemap(const http::Request& req) {
  const std::string base = public_base(req);
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::vector<std::pair<int64_t, std::string>>> ids = store::recent_item_ids(**conn, 5000);
  if (!ids) throw std::runtime_error(ids.status().message());
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<url><loc>" + xml_escape(base) + "/</loc></url><url><loc>" + xml_escape(base) + "/catalog</loc></url><url><loc>" +
      xml_escape(base) + "/policies</loc></url>";
  for (const auto& [id, date] : *ids) {
    xml += "<url><loc>" + xml_escape(base) + "/items/" + std::to_string(id) + "</loc><lastmod>" + date +
           "</lastmod></url>";
  }
  xml += "</urlset>\n";
  http::Response res = http::Response::text(xml);
  res.set_header("Content-Type", "application/xml; charset=utf-8");
  return res;
}

http::Response Portal::static_file(const http::Request& req) {
  const std::string name = req.path == "/robots.txt" ? "robots.txt" : req.params.at("file");
  for (const embedded::File& f : embedded::static_files()) {
    if (f.name != name) continue;
    const std::string etag = "\"" + sha256_hex(f.content).substr(0, 16) + "\"";
    if (req.header("if-none-match") == etag) {
      http::Response res;
      res.status = 304;
      res.set_header("ETag", etag);
      return res;
    }
    http::Response res = http::Response::text(std::string(f.content));
    res.set_header("Content-Type", content_type_of(name));
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "public, max-age=86400");
    return res;
  }
  return error_page(req, 404, "文件不存在", "没有这个静态文件。");
}

http::Response Portal::display_prefs(const http::Request& req) {
  std::string mode = req.query_param("mode").value_or("normal");
  if (mode != "large" && mode != "contrast") mode = "normal";
  std::string back = req.query_param("back").value_or("/");
  // Only local paths: never an open redirect.
  if (back.empty() || back[0] != '/' || back.starts_with("//") || back.find('\\') != std::string::npos ||
      back.find_first_of("\r\n") != std::string::npos) {
    back = "/";
  }
  http::Response res = http::Response::redirect(back, 303);
  res.set_header("Set-Cookie", std::string(kDisplayCookie) + "=" + mode +
                                   "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
  return res;
}

http::Response Portal::attachment(const http::Request& req) {
  const std::string sha = req.params.at("sha");
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return error_page(req, 404, "附件不存在", "附件地址无效。");
  }
  Result<store::ConnectionPool::Lease> conn = pool_->acquire();
  if (!conn) throw std::runtime_error(conn.status().message());
  Result<std::optional<store::ItemDetail::Attachment>> att = store::find_attachment(**conn, sha);
  if (!att) throw std::runtime_error(att.status().message());
  if (!*att) return error_page(req, 404, "附件不存在", "该附件不存在或所属信息未公开。");
  const std::string path = inst_.attachments_dir() + "/" + sha.substr(0, 2) + "/" + sha;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return error_page(req, 404, "附件不存在", "附件文件缺失，请联系网站管理员。");
  std::string body;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) body.append(buf, n);
  std::fclose(f);
  http::Response res = http::Response::text(std::move(body));
  res.set_header("Content-Type", (*att)->mime_type);
  res.set_header("Content-Disposition", "attachment; filename*=UTF-8''" + url_encode((*att)->file_name));
  res.set_header("ETag", "\"" + sha.substr(0, 32) + "\"");
  res.set_header("Cache-Control", "public, max-age=86400");
  return res;
}

}  // namespace gongkai::web
