// The site check: fetch plan, crawl, link checks.
#include "monitor/site_check.h"

#include <algorithm>
#include <map>
#include <set>

#include "monitor/html_page.h"
#include "monitor/robots.h"

namespace gongkai::monitor {

namespace {

bool looks_like_html(const FetchResult& r) {
  if (r.content_type.empty()) return true;
  return r.content_type.find("html") != std::string::npos;
}

// Links to files (attachments, images) are checked, not read.
bool is_file_link(const std::string& url) {
  std::string path = path_of(url);
  if (size_t q = path.find('?'); q != std::string::npos) path.resize(q);
  for (const char* ext : {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".jpg",
                          ".jpeg", ".png", ".gif", ".mp4", ".mp3", ".wps", ".ofd", ".xml", ".atom", ".css", ".js"}) {
    if (path.size() >= std::string_view(ext).size() && path.ends_with(ext)) return true;
  }
  return false;
}

std::string failure_text(const FetchResult& r) {
  if (!r.error.empty()) return r.error;
  return "HTTP " + std::to_string(r.status);
}

struct Seen {
  std::string found_on, text;
};

class Crawl {
 public:
  Crawl(Fetcher& fetcher, const SiteTarget& target, const std::vector<domain::WordingEntry>& wording,
        const std::function<void(int, int)>& progress)
      : fetcher_(fetcher), target_(target), wording_(wording), progress_(progress) {
    site_host_ = host_key(target.home_url);
  }

  SiteCheck run(domain::Date as_of) {
    SiteCheck out;
    domain::SiteObservation& obs = out.observation;
    obs.as_of = as_of;
    obs.home_url = target_.home_url;
    read_robots();

    // Phase 1: the registered pages.
    std::vector<std::string> seeds{target_.home_url};
    for (const ColumnTarget& c : target_.columns) seeds.push_back(c.url);
    const std::set<std::string> seed_set(seeds.begin(), seeds.end());
    std::vector<FetchResult> seed_results = fetch_pages(seeds);
    std::vector<std::string> articles;
    for (size_t idx = 0; idx < seeds.size(); ++idx) {
      const FetchResult& r = seed_results[idx];
      const bool is_home = idx == 0;
      if (!r.ok()) {
        problems_.push_back({"page.fetch_failed", seeds[idx], "", failure_text(r)});
        if (!is_home) obs.columns.push_back(column_obs(target_.columns[idx - 1], nullptr));
        continue;
      }
      const HtmlPage* page = page_of(seeds[idx]);
      if (is_home) {
        obs.home_fetched = true;
        if (page) {
          for (const ListingEntry& e : page->entries) {
            if (e.date && (!obs.home_latest || *e.date > *obs.home_latest)) obs.home_latest = e.date;
          }
        }
        continue;
      }
      obs.columns.push_back(column_obs(target_.columns[idx - 1], page));
      if (!page) continue;
      int taken = 0;
      for (const ListingEntry& e : page->entries) {
        if (taken >= target_.articles_per_column) break;
        const std::string url = resolve_url(seeds[idx], e.href);
        if (url.empty() || host_key(url) != site_host_ || is_file_link(url)) continue;
        if (!article_of_.emplace(url, seeds[idx]).second) continue;
        articles.push_back(url);
        ++taken;
      }
    }

    // Phase 2: the newest articles of each column: they must carry a publication date.
    std::vector<FetchResult> article_results = fetch_pages(articles);
    for (size_t idx = 0; idx < articles.size(); ++idx) {
      if (!article_results[idx].ok()) continue;  // reported as a dead link of the column page below
      const HtmlPage* page = page_of(articles[idx]);
      if (page && !page->publication_date) {
        problems_.push_back({"page.no_date", articles[idx], article_of_[articles[idx]], page->title});
      }
    }

    // Phase 3: crawl on through same-site links while the budget lasts.
    while (pages_fetched_ < target_.page_budget) {
      std::vector<std::string> batch;
      for (const std::string& url : discovered_order_) {
        if (static_cast<int>(batch.size()) >= std::min(16, target_.page_budget - pages_fetched_)) break;
        if (fetched_.count(url) || !followable(url)) continue;
        batch.push_back(url);
      }
      if (batch.empty()) break;
      fetch_pages(batch);
    }
    out.budget_exhausted = std::any_of(discovered_order_.begin(), discovered_order_.end(), [&](const std::string& u) {
      return !fetched_.count(u) && followable(u);
    });

    // Phase 4: every link seen: fetched ones have their result; the rest are checked.
    std::vector<FetchRequest> checks;
    for (const std::string& url : discovered_order_) {
      if (fetched_.count(url)) continue;
      if (host_key(url) == site_host_ && !robots_.allowed(path_of(url))) continue;
      if (static_cast<int>(checks.size()) >= target_.link_check_budget) break;
      checks.push_back({url, true});
    }
    std::vector<FetchResult> check_results = fetcher_.fetch_all(checks);
    out.links_checked = static_cast<int>(checks.size());
    for (size_t idx = 0; idx < checks.size(); ++idx) fetched_[checks[idx].url] = check_results[idx];
    for (const std::string& url : discovered_order_) {
      auto it = fetched_.find(url);
      if (it == fetched_.end() || it->second.ok() || seed_set.count(url)) continue;
      const Seen& s = seen_[url];
      const bool internal = host_key(url) == site_host_;
      problems_.push_back({internal ? "link.dead_internal" : "link.dead_external", url, s.found_on,
                           (s.text.empty() ? std::string() : s.text + "：") + failure_text(it->second)});
    }
    obs.problems = std::move(problems_);
    out.pages_fetched = pages_fetched_;
    return out;
  }

 private:
  void read_robots() {
    const std::string url = resolve_url(target_.home_url, "/robots.txt");
    if (url.empty()) return;
    std::vector<FetchResult> r = fetcher_.fetch_all({{url, false}});
    if (r[0].ok()) {
      robots_ = Robots::parse(r[0].body, "gongkai-monitor");
      if (robots_.crawl_delay_ms()) fetcher_.set_host_interval(site_host_, *robots_.crawl_delay_ms());
    } else if (r[0].status >= 500 || r[0].status == 0) {
      robots_ = Robots::disallow_all();  // RFC 9309 §2.3.1.4: unreachable means do not crawl
    }
  }

  bool followable(const std::string& url) const {
    return host_key(url) == site_host_ && !is_file_link(url) && robots_.allowed(path_of(url));
  }

  // Full fetches of same-site pages; parses the HTML ones, records their links and wording problems.
  std::vector<FetchResult> fetch_pages(const std::vector<std::string>& urls) {
    std::vector<FetchRequest> requests;
    for (const std::string& u : urls) requests.push_back({u, false});
    std::vector<FetchResult> results = fetcher_.fetch_all(requests);
    for (size_t idx = 0; idx < urls.size(); ++idx) {
      const std::string& url = urls[idx];
      const FetchResult& r = results[idx];
      fetched_[url] = r;
      ++pages_fetched_;
      if (progress_) progress_(pages_fetched_, target_.page_budget);
      if (!r.ok() || !looks_like_html(r)) continue;
      HtmlPage page = parse_html(decode_page(r.body, r.content_type));
      const std::string base = r.final_url.empty() ? url : r.final_url;
      for (const PageLink& link : page.links) {
        const std::string target = resolve_url(base, link.href);
        if (target.empty() || target == url) continue;
        if (seen_.emplace(target, Seen{url, link.text}).second) discovered_order_.push_back(target);
      }
      for (const domain::WordingHit& hit : domain::find_wording(page.text, wording_)) {
        problems_.push_back({hit.entry->category == "serious" ? "content.serious_error" : "content.forbidden", url, "",
                             hit.excerpt + "（" + hit.entry->note + "）"});
      }
      pages_.emplace(url, std::move(page));
    }
    return results;
  }

  const HtmlPage* page_of(const std::string& url) const {
    auto it = pages_.find(url);
    return it == pages_.end() ? nullptr : &it->second;
  }

  domain::ColumnObservation column_obs(const ColumnTarget& c, const HtmlPage* page) {
    domain::ColumnObservation o;
    o.url = c.url;
    o.name = c.name;
    o.type = c.type;
    o.interval_days = c.interval_days;
    o.fetched = page != nullptr;
    if (!page) return o;
    for (const ListingEntry& e : page->entries) {
      if (!e.date) {
        ++o.undated_entries;
        continue;
      }
      ++o.entries;
      if (!o.latest || *e.date > *o.latest) o.latest = e.date;
      // A message listing: the first date is the question's, a later one the answer's (unless it says
      // pending).
      if (c.type == "interaction" && !e.dates.empty()) {
        std::optional<domain::Date> answered;
        if (e.dates.size() >= 2 && !e.awaiting_reply) answered = e.dates.back();
        o.messages.push_back({resolve_url(c.url, e.href), e.title, e.dates.front(), answered});
      }
    }
    return o;
  }

  Fetcher& fetcher_;
  const SiteTarget& target_;
  const std::vector<domain::WordingEntry>& wording_;
  const std::function<void(int, int)>& progress_;
  std::string site_host_;
  Robots robots_;
  int pages_fetched_ = 0;
  std::map<std::string, FetchResult> fetched_;
  std::map<std::string, HtmlPage> pages_;
  std::map<std::string, Seen> seen_;
  std::vector<std::string> discovered_order_;
  std::map<std::string, std::string> article_of_;  // article URL -> the column page listing it
  std::vector<domain::PageProblem> problems_;
};

}  // namespace

SiteCheck check_site(Fetcher& fetcher, const SiteTarget& target, const std::vector<domain::WordingEntry>& wording,
                     domain::Date as_of, const std::function<void(int, int)>& progress) {
  Crawl crawl(fetcher, target, wording, progress);
  return crawl.run(as_of);
}

ProbeResult probe(Fetcher& fetcher, const std::string& url, long timeout_ms) {
  std::vector<FetchResult> r = fetcher.fetch_all({{url, true}});
  ProbeResult out;
  out.millis = r[0].millis;
  out.status = r[0].status;
  out.error = r[0].error;
  out.ok = r[0].ok() && r[0].millis <= timeout_ms;
  if (r[0].ok() && !out.ok) out.error = "opened after " + std::to_string(r[0].millis) + " ms";
  if (!r[0].ok() && out.error.empty()) out.error = "HTTP " + std::to_string(r[0].status);
  return out;
}

}  // namespace gongkai::monitor
