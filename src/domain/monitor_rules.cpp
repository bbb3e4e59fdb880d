// Inspection rules: the TSV reader, the wording matcher and the evaluation of site and account checks.
#include "domain/monitor_rules.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace gongkai::domain {

namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// Calls `line_fn(line_no, fields)` for every non-comment, non-blank line; stops at the first error.
template <typename Fn>
Status for_each_record(std::string_view text, Fn&& line_fn) {
  int line_no = 0;
  for (std::string line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    GK_RETURN_IF_ERROR(line_fn(line_no, split(line, '\t')));
  }
  return Status::ok();
}

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// Cuts `text` to at most `max_chars` UTF-8 characters from the front (keep_end: from the back).
std::string utf8_cut(std::string_view text, size_t max_chars, bool keep_end) {
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) starts.push_back(pos);
  }
  if (starts.size() <= max_chars) return std::string(text);
  if (keep_end) return std::string(text.substr(starts[starts.size() - max_chars]));
  return std::string(text.substr(0, starts[max_chars]));
}

int days_between(Date from, Date to) { return to.days_since_epoch() - from.days_since_epoch(); }

}  // namespace

int MonitorRule::param(const std::string& key, int fallback) const {
  auto it = params.find(key);
  return it == params.end() ? fallback : it->second;
}

Result<MonitorRules> MonitorRules::parse(std::string_view text, std::string_view name) {
  MonitorRules out;
  std::set<std::string> ids;
  Status s = for_each_record(text, [&](int line_no, const std::vector<std::string>& f) -> Status {
    const std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
    if (f.size() != 10) {
      return Status::invalid(where + "expected 10 tab-separated fields, found " + std::to_string(f.size()));
    }
    MonitorRule r;
    r.id = f[0];
    r.scope = f[1];
    r.grade = f[2];
    r.kind = f[3];
    if (r.id.empty()) return Status::invalid(where + "id: empty");
    if (!ids.insert(r.id).second) return Status::invalid(where + "id: duplicate '" + r.id + "'");
    if (!one_of(r.scope, {"site", "column", "page", "link", "content", "account"})) {
      return Status::invalid(where + "scope: unknown '" + r.scope + "'");
    }
    if (!one_of(r.grade, {"red", "yellow"})) return Status::invalid(where + "grade: must be red or yellow");
    if (!one_of(r.kind, {"veto", "deduction", "finding", "county"})) {
      return Status::invalid(where + "kind: unknown '" + r.kind + "'");
    }
    if (f[4] != "-") {
      r.threshold = parse_int(f[4]);
      if (!r.threshold || *r.threshold <= 0) return Status::invalid(where + "threshold: not a positive number");
    }
    if (f[5] != "-") r.applies_to = split(f[5], ',');
    std::optional<int> points = parse_int(f[6]);
    if (!points || *points < 0 || *points > 100) return Status::invalid(where + "points: not a number 0-100");
    r.points = *points;
    if (f[7] != "-") {
      for (const std::string& kv : split(f[7], ';')) {
        const size_t eq = kv.find('=');
        std::optional<int> v = eq == std::string::npos ? std::nullopt : parse_int(kv.substr(eq + 1));
        if (!v) return Status::invalid(where + "params: '" + kv + "' is not key=number");
        r.params[kv.substr(0, eq)] = *v;
      }
    }
    r.label = f[8];
    r.source = f[9];
    if (r.label.empty() || r.source.empty()) return Status::invalid(where + "label and source are required");
    out.rules_.push_back(std::move(r));
    return Status::ok();
  });
  if (!s) return s;
  return out;
}

const MonitorRule* MonitorRules::find(std::string_view id) const {
  for (const MonitorRule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const MonitorRule* MonitorRules::column_rule(std::string_view type) const {
  for (const MonitorRule& r : rules_) {
    if (r.scope != "column" || r.id == "column.blank" || r.id == "column.unanswered") continue;
    for (const std::string& t : r.applies_to) {
      if (t == type || t == "*") return &r;
    }
  }
  return nullptr;
}

Result<std::vector<WordingEntry>> parse_wording(std::string_view text, std::string_view name) {
  std::vector<WordingEntry> out;
  Status s = for_each_record(text, [&](int line_no, const std::vector<std::string>& f) -> Status {
    const std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
    if (f.size() != 3) return Status::invalid(where + "expected 3 tab-separated fields (category, term, note)");
    if (!one_of(f[0], {"serious", "forbidden"})) {
      return Status::invalid(where + "category: must be serious or forbidden, not '" + f[0] + "'");
    }
    if (f[1].empty()) return Status::invalid(where + "term: empty");
    out.push_back({f[0], f[1], f[2]});
    return Status::ok();
  });
  if (!s) return s;
  return out;
}

std::vector<WordingHit> find_wording(std::string_view text, const std::vector<WordingEntry>& dictionary) {
  std::vector<WordingHit> hits;
  for (const WordingEntry& e : dictionary) {
    const size_t at = text.find(e.term);
    if (at == std::string_view::npos) continue;
    WordingHit hit;
    hit.entry = &e;
    hit.excerpt = utf8_cut(text.substr(0, at), 20, true) + e.term +
                  utf8_cut(text.substr(at + e.term.size()), 20, false);
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::vector<MonitorViolation> evaluate_site(const MonitorRules& rules, const SiteObservation& site) {
  std::vector<MonitorViolation> site_level, found;
  auto add = [&](std::vector<MonitorViolation>& into, const MonitorRule& rule, std::string subject, std::string found_on,
                 std::string excerpt, std::optional<Date> date_seen) {
    into.push_back({rule.id, rule.grade, std::move(subject), std::move(found_on), std::move(excerpt), date_seen});
  };

  // 站点无法访问: the share of failed probes over the window, once there are enough probes a day.
  if (const MonitorRule* r = rules.find("site.unreachable"); r && site.probes && site.probes->probes > 0) {
    const ProbeSummary& p = *site.probes;
    const bool enough = p.probes >= r->param("min_probes_per_day", 20) * std::max(1, p.days);
    if (enough && r->threshold && p.failures * 100 >= *r->threshold * p.probes) {
      add(site_level, *r, site.home_url, "",
          std::to_string(p.failures) + "/" + std::to_string(p.probes) + " 次探测超过" +
              std::to_string(r->param("timeout_s", 15)) + "秒未能打开（" + std::to_string(p.days) + "天）",
          std::nullopt);
    }
  }

  // Columns: blank, or older than their rule's threshold (or their own interval for column.overdue).
  std::map<std::string, int> stale_by_rule;
  int stale_total = 0;
  std::optional<Date> columns_latest;
  for (const ColumnObservation& c : site.columns) {
    if (c.latest && (!columns_latest || *c.latest > *columns_latest)) columns_latest = c.latest;
    if (!c.fetched) continue;
    if (c.entries == 0 && c.undated_entries == 0) {
      if (const MonitorRule* blank = rules.find("column.blank")) {
        add(found, *blank, c.url, "", c.name, std::nullopt);
        ++stale_by_rule[blank->id];
      }
      continue;
    }
    // 互动回应差: within the window before the check, a message that waited (or still waits) for its answer
    // longer than the threshold.
    if (const MonitorRule* u = rules.find("column.unanswered"); u && u->threshold && !c.messages.empty()) {
      const int window = u->param("window_days", 365);
      int late = 0;
      const ColumnObservation::Message* oldest = nullptr;
      for (const ColumnObservation::Message& m : c.messages) {
        if (days_between(m.asked, site.as_of) > window || m.asked > site.as_of) continue;
        const Date until = m.answered && *m.answered <= site.as_of ? *m.answered : site.as_of;
        if (days_between(m.asked, until) <= *u->threshold) continue;
        ++late;
        if (!oldest || m.asked < oldest->asked) oldest = &m;
      }
      if (late > 0) {
        add(found, *u, c.url, "",
            c.name + "：" + std::to_string(late) + "条留言超过" + std::to_string(*u->threshold) +
                "天未答复，最早 " + oldest->asked.to_string() + "「" + oldest->title + "」" +
                (oldest->answered ? "（" + oldest->answered->to_string() + "答复）" : "（至今未答复）"),
            oldest->asked);
      }
    }
    const MonitorRule* r = rules.column_rule(c.type);
    if (!r) continue;
    std::optional<int> limit = r->threshold ? r->threshold : c.interval_days;
    if (!limit) continue;
    if (c.latest && days_between(*c.latest, site.as_of) <= *limit) continue;
    const std::string since = c.latest ? "最近更新 " + c.latest->to_string() : "栏目信息均无发布日期";
    add(found, *r, c.url, "", c.name + "：" + since + "，超过" + std::to_string(*limit) + "天未更新", c.latest);
    ++stale_by_rule[r->id];
    ++stale_total;
  }

  // 首页不更新: the home page's latest listed date (a navigation-only home page: its columns' latest).
  if (const MonitorRule* r = rules.find("site.home_stale"); r && r->threshold && site.home_fetched) {
    const std::optional<Date> latest = site.home_latest ? site.home_latest : columns_latest;
    if (!latest || days_between(*latest, site.as_of) > *r->threshold) {
      add(site_level, *r, site.home_url, "",
          latest ? "首页最近更新 " + latest->to_string() : "首页及二级页面均无带日期的信息", latest);
    }
  }

  // Counts of stale and blank columns (栏目不更新 (1)-(3)).
  for (const MonitorRule& r : rules.all()) {
    if (r.scope != "site" || r.applies_to.empty() || !r.threshold) continue;
    int count = 0;
    for (const std::string& counted : r.applies_to) {
      if (counted == "*") {
        count += stale_total;
        continue;
      }
      auto it = stale_by_rule.find(counted);
      if (it != stale_by_rule.end()) count += it->second;
    }
    if (count >= *r.threshold) {
      add(site_level, r, site.home_url, "", std::to_string(count) + " 个栏目（阈值 " + std::to_string(*r.threshold) + "）",
          std::nullopt);
    }
  }

  for (const PageProblem& p : site.problems) {
    const MonitorRule* r = rules.find(p.rule_id);
    if (!r) continue;
    add(found, *r, p.subject, p.found_on, p.excerpt, std::nullopt);
  }
  site_level.insert(site_level.end(), found.begin(), found.end());
  return site_level;
}

std::optional<MonitorViolation> evaluate_account(const MonitorRules& rules, const AccountObservation& account, Date as_of) {
  const Date since = account.last_update ? std::max(*account.last_update, account.opened_on) : account.opened_on;
  const int quiet_days = days_between(since, as_of);
  for (const char* id : {"newmedia.dormant", "newmedia.weekly"}) {
    const MonitorRule* r = rules.find(id);
    if (!r || !r->threshold || quiet_days <= *r->threshold) continue;
    const std::string last = account.last_update ? "最近更新 " + account.last_update->to_string() : "开通后无更新";
    return MonitorViolation{r->id, r->grade, account.subject, "",
                     account.name + "：" + last + "，" + std::to_string(quiet_days) + "天未更新", account.last_update};
  }
  return std::nullopt;
}

}  // namespace gongkai::domain
