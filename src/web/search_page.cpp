// Search handlers.
#include "web/search_page.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "domain/vocabulary.h"
#include "search/searcher.h"
#include "services/search_service.h"
#include "web/html.h"
#include "web/templates.h"

namespace gongkai::web {
namespace {

constexpr int kPageSize = 10;
constexpr auto kRefreshEvery = std::chrono::seconds(2);

// This thread's reader of the index in `dir`, refreshed when older than kRefreshEvery; nullptr if there is no
// index yet.
search::Searcher* thread_searcher(const std::string& dir) {
  struct Cached {
    std::unique_ptr<search::Searcher> searcher;
    std::chrono::steady_clock::time_point refreshed;
  };
  thread_local std::map<std::string, Cached> cache;
  Cached& c = cache[dir];
  const auto now = std::chrono::steady_clock::now();
  if (!c.searcher) {
    Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::open(dir);
    if (!opened) return nullptr;
    c.searcher = std::move(*opened);
    c.refreshed = now;
  } else if (now - c.refreshed > kRefreshEvery) {
    if (!c.searcher->refresh()) c.searcher.reset();
    c.refreshed = now;
    if (!c.searcher) return thread_searcher(dir);
  }
  return c.searcher.get();
}

struct Params {
  std::string q, sort, body, kind, validity;
  std::optional<int> year;
  int page = 1;
  int limit = kPageSize;
};

Params read_params(const http::Request& req) {
  Params p;
  p.q = req.query_param("q").value_or("");
  p.sort = req.query_param("sort").value_or("relevance");
  p.body = req.query_param("body").value_or("");
  p.kind = req.query_param("kind").value_or("");
  p.validity = req.query_param("validity").value_or("");
  try {
    if (auto y = req.query_param("year"); y && !y->empty()) p.year = std::stoi(*y);
    if (auto n = req.query_param("page"); n && !n->empty()) p.page = std::max(1, std::min(1000, std::stoi(*n)));
    if (auto l = req.query_param("limit"); l && !l->empty()) p.limit = std::max(1, std::min(100, std::stoi(*l)));
  } catch (const std::exception&) {
    // A malformed number is ignored, as if absent.
  }
  return p;
}

std::string url_for(const Params& p, const std::string& change_key = "", const std::string& change_value = "") {
  std::vector<std::pair<std::string, std::string>> kv = {
      {"q", p.q}, {"sort", p.sort == "date" ? "date" : ""}, {"body", p.body}, {"kind", p.kind},
      {"validity", p.validity}, {"year", p.year ? std::to_string(*p.year) : ""}};
  std::string url = "/search";
  char sep = '?';
  for (auto& [k, v] : kv) {
    std::string value = k == change_key ? change_value : v;
    if (value.empty()) continue;
    url += sep + k + "=" + url_encode(value);
    sep = '&';
  }
  return url;
}

// Runs the search; kInvalid statuses (bad query, unknown body) become a message for the user.
Result<search::SearchResult> run(services::Installation& inst, const Params& p, bool facets, int offset, int limit) {
  search::SearchRequest req;
  req.query = p.q;
  req.year = p.year;
  if (!p.kind.empty()) req.kind = p.kind;
  if (!p.validity.empty()) req.validity = p.validity;
  req.sort = p.sort == "date" ? search::SortOrder::kNewest : search::SortOrder::kRelevance;
  req.offset = offset;
  req.limit = limit;
  req.facets = facets;
  if (!p.body.empty()) {
    Result<std::vector<std::string>> scope = services::body_scope(inst, p.body, true);
    if (!scope) return scope.status();
    req.body_codes = *scope;
  }
  search::Searcher* searcher = thread_searcher(services::search_index_dir(inst));
  if (!searcher) return search::SearchResult{};
  return searcher->search(req);
}

}  // namespace

void register_search_routes(http::Router& router, Portal& portal, services::Installation& inst) {
  router.add("GET", "/search", [&portal, &inst](const http::Request& req) {
    Params p = read_params(req);
    Data d;
    d.set("query", p.q);
    d.set("sort_relevance", p.sort != "date");
    d.set("sort_date", p.sort == "date");
    const bool has_query = !p.q.empty() || !p.body.empty() || p.year || !p.kind.empty() || !p.validity.empty();
    d.set("has_query", has_query);
    if (has_query) {
      Result<search::SearchResult> result = run(inst, p, true, (p.page - 1) * kPageSize, kPageSize);
      if (!result) {
        d.set("error", result.status().code() == StatusCode::kInvalid ? "查询无效：" + result.status().message()
                                                                      : std::string("检索服务暂时不可用，请稍后再试。"));
        set_list(d, "hits", list());
      } else {
        Data hits = list();
        for (const search::SearchHit& h : result->hits) {
          Data hd;
          hd.set("url", h.url);
          hd.set("title", h.title);
          hd.set("body", h.body_name);
          hd.set("publish_date", h.publish_date);
          if (h.doc_number) hd.set("doc_number", *h.doc_number);
          hd.set("snippet", h.snippet);  // escaped by the searcher, with <mark> around matches
          hits.push_back(hd);
        }
        set_list(d, "hits", hits);
        d.set("total", std::to_string(result->total));
        d.set("total_exact", result->total_exact);  // else an estimate: "找到约 N 条"
        static const std::pair<const char*, const char*> kFacetTitles[] = {
            {"body", "发布机构"}, {"year", "年份"}, {"kind", "类别"}, {"validity", "有效性"}};
        Data facets = list();
        for (auto [key, title] : kFacetTitles) {
          auto it = result->facets.find(key);
          if (it == result->facets.end() || it->second.empty()) continue;
          Data values = list();
          size_t shown = 0;
          for (const search::FacetCount& fc : it->second) {
            if (shown++ == 12) break;
            std::string label = fc.value;
            if (std::string_view(key) == "kind") {
              if (const domain::Term* t = domain::find_term(domain::item_kinds(), fc.value)) label = t->label;
            }
            if (std::string_view(key) == "body") {
              for (const search::SearchHit& h : result->hits) {
                if (h.body_code == fc.value) label = h.body_name;
              }
            }
            const std::string current = std::string_view(key) == "body"       ? p.body
                                        : std::string_view(key) == "kind"     ? p.kind
                                        : std::string_view(key) == "validity" ? p.validity
                                        : p.year                              ? std::to_string(*p.year)
                                                                              : "";
            Data vd;
            vd.set("label", label);
            vd.set("count", std::to_string(fc.count));
            vd.set("current", current == fc.value);
            vd.set("url", url_for(p, key, current == fc.value ? "" : fc.value));
            values.push_back(vd);
          }
          Data fd;
          fd.set("title", title);
          fd.set("values", values);
          facets.push_back(fd);
        }
        set_list(d, "facets", facets);
        Data suggestions = list();
        for (const std::string& s : result->suggestions) {
          Data sd;
          sd.set("q", url_encode(s));
          sd.set("text", s);
          suggestions.push_back(sd);
        }
        set_list(d, "suggestions", suggestions);
        // Pager over at most the first kMaxOffset results.
        const int64_t pages = std::min<int64_t>((result->total + kPageSize - 1) / kPageSize,
                                                search::kMaxOffset / kPageSize);
        if (pages > 1) {
          Data pd;
          std::string pager_html = "<nav class=\"pager\" aria-label=\"分页\"><span class=\"pager-info\">第 " +
                                   std::to_string(p.page) + " / " + std::to_string(pages) + " 页</span><ul>";
          if (p.page > 1) {
            pager_html += "<li><a rel=\"prev\" href=\"" + escape_html(url_for(p) + "&page=" + std::to_string(p.page - 1)) +
                          "\">上一页</a></li>";
          }
          if (p.page < pages) {
            pager_html += "<li><a rel=\"next\" href=\"" + escape_html(url_for(p) + "&page=" + std::to_string(p.page + 1)) +
                          "\">下一页</a></li>";
          }
          d.set("pager", pager_html + "</ul></nav>");
        }
      }
    }
    Portal::Chrome chrome;
    chrome.title = p.q.empty() ? "信息检索" : p.q + " - 信息检索";
    chrome.breadcrumbs = {{"信息检索", ""}};
    chrome.nav = "search";
    chrome.query = p.q;
    return portal.page(req, chrome, render("search", d));
  });

  router.add("GET", "/api/v1/search", [&inst](const http::Request& req) {
    Params p = read_params(req);
    p.limit = req.query_param("limit") ? p.limit : 10;
    Result<search::SearchResult> result = run(inst, p, false, 0, p.limit);
    if (!result) {
      const int status = result.status().code() == StatusCode::kInvalid ? 400 : 503;
      return http::Response::json(nlohmann::json{{"error", result.status().message()}}.dump(), status);
    }
    return http::Response::json(services::search_result_json(*result).dump());
  });
}

}  // namespace gongkai::web
