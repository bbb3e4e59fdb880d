// Demo supervision data (see demo_monitoring.h).
#include "services/demo_monitoring.h"

#include <algorithm>

#include "services/demo_content.h"
#include "services/item_writer.h"
#include "services/monitoring.h"
#include "store/bodies.h"
#include "store/monitoring.h"

namespace gongkai::services {

namespace {

using demo::Rng;

constexpr const char* kPostTopics[] = {"工作动态", "政策解读", "便民提示", "通知公告", "惠民政策", "办事指南",
                                       "安全生产提醒", "文明创建", "乡村振兴", "民生实事"};

// Departments with a second account (a Weibo account beside the WeChat one): 17 + 10 = 27.
constexpr const char* kSecondAccount[] = {"demo-jyj", "demo-gaj", "demo-mzj", "demo-rsj", "demo-wjj",
                                          "demo-yjj", "demo-scjgj", "demo-fgj", "demo-zjj", "demo-wglj"};

constexpr const char* kDormantAccountBody = "demo-longtan";   // silent for 20 days: newmedia.dormant
constexpr const char* kQuietAccountBody = "demo-shuanghe";    // silent for 10 days: newmedia.weekly

struct Account {
  int64_t id;
  int64_t body_id;
  std::string body_code, short_name;
  std::string name;
  std::string platform;
};

Status add_updates(store::Connection& conn, Rng& rng, const Account& a, domain::Date from, domain::Date to,
                   int* count) {
  for (domain::Date d = from.plus_days(static_cast<int>(rng.below(3))); d <= to;
       d = d.plus_days(1 + static_cast<int>(rng.below(3)))) {
    const std::string title = a.short_name + "｜" + kPostTopics[rng.below(std::size(kPostTopics))] + "（" +
                              demo::chinese_date(d.to_string()) + "）";
    Result<bool> added = store::insert_newmedia_update(conn, a.id, d.to_string(), title, "", "demo");
    if (!added) return added.status();
    if (*added) ++*count;
  }
  return Status::ok();
}

}  // namespace

Result<DemoMonitoringReport> add_demo_monitoring(store::Connection& conn, const std::string& attachments_dir,
                                                 const domain::WorkCalendar& calendar, domain::Date today) {
  DemoMonitoringReport report;
  Rng rng(20200808);

  // New-media accounts, opened before 2020 (one closed in 2019, which the 2020 figures leave out).
  std::vector<Account> accounts;
  int64_t county_id = 0;
  for (const demo::BodyDef& def : demo::bodies()) {
    Result<std::optional<store::BodyRow>> body = store::find_body(conn, std::string(def.code));
    if (!body) return body.status();
    if (!*body) return Status::internal("demo body " + std::string(def.code) + " missing");
    const int64_t body_id = (*body)->id;
    if (def.type == "government") county_id = body_id;
    std::vector<std::pair<std::string, std::string>> wanted;  // platform, name
    if (def.type == "government") {
      wanted = {{"wechat", "示例县发布"}, {"weibo", "@示例县发布"}};
    } else if (def.type == "department" || def.type == "township") {
      wanted = {{"wechat", std::string(def.name)}};
      if (std::find(std::begin(kSecondAccount), std::end(kSecondAccount), def.code) != std::end(kSecondAccount)) {
        wanted.emplace_back("weibo", "@" + std::string(def.name));
      }
    }
    for (size_t n = 0; n < wanted.size(); ++n) {
      store::NewMediaAccountRow row;
      row.body_id = body_id;
      row.platform = wanted[n].first;
      row.name = wanted[n].second;
      row.status = "active";
      const domain::Date opened = domain::Date::from_ymd(2015 + static_cast<int>(rng.below(4)),
                                                         1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28)));
      row.opened_on = opened.to_string();
      row.filing_number = "示网信备" + std::to_string(opened.year()) + "-" + std::to_string(100 + accounts.size());
      row.filed_on = opened.plus_days(-7).to_string();
      Result<int64_t> id = store::insert_newmedia_account(conn, row);
      if (!id) return id.status();
      accounts.push_back({*id, body_id, std::string(def.code), std::string(def.short_name), row.name, row.platform});
      ++report.accounts;
    }
    if (def.code == "demo-nyj") {  // a Toutiao account closed in 2019 when its content moved to WeChat
      store::NewMediaAccountRow closed;
      closed.body_id = body_id;
      closed.platform = "toutiao";
      closed.name = std::string(def.name) + "头条号";
      closed.status = "closed";
      closed.opened_on = "2017-03-01";
      closed.closed_on = "2019-06-30";
      Result<int64_t> id = store::insert_newmedia_account(conn, closed);
      if (!id) return id.status();
      ++report.accounts;
    }
  }

  // Update records: 2020, and the current year up to today (the planted quiet accounts stop early).
  const domain::Date year_start = domain::Date::from_ymd(today.year(), 1, 1);
  for (const Account& a : accounts) {
    GK_RETURN_IF_ERROR(add_updates(conn, rng, a, domain::Date::from_ymd(2020, 1, 1), domain::Date::from_ymd(2020, 12, 31),
                                   &report.updates));
    if (today.year() == 2020) continue;
    domain::Date last = today;
    if (a.platform == "wechat" && a.body_code == kDormantAccountBody) last = today.plus_days(-20);
    if (a.platform == "wechat" && a.body_code == kQuietAccountBody) last = today.plus_days(-10);
    GK_RETURN_IF_ERROR(add_updates(conn, rng, a, year_start, last, &report.updates));
    if (last < today) {  // the last post falls exactly on `last`
      Result<bool> added = store::insert_newmedia_update(conn, a.id, last.to_string(), a.short_name + "｜工作动态", "", "demo");
      if (!added) return added.status();
    }
  }

  // The portal as a monitored site, with the county's main columns and two of a township's.
  store::MonitorSiteRow site;
  site.code = kDemoMonitoringSite;
  site.name = "示例县人民政府门户网站";
  site.body_id = county_id;
  site.home_url = kDemoPortalUrl;
  site.page_budget = 120;
  Result<int64_t> site_id = store::insert_monitor_site(conn, site);
  if (!site_id) return site_id.status();
  struct Watched {
    const char* body;
    const char* path;
    const char* type;
    int interval;
  };
  const Watched watched[] = {
      {"demo-county", "工作动态", "news", 14},
      {"demo-county", "通知公告", "notice", 180},
      {"demo-county", "政府信息公开/法定主动公开内容/政策文件", "policy", 180},
  };
  ItemWriter writer(conn, attachments_dir);
  auto column_url = [&](int64_t column_id) { return "/columns/" + std::to_string(column_id); };
  for (const Watched& w : watched) {
    Result<const store::BodyRow*> body = writer.body(w.body);
    if (!body) return body.status();
    Result<std::optional<int64_t>> col = writer.column((*body)->id, w.path, false);
    if (!col) return col.status();
    if (!*col) return Status::internal(std::string("demo column ") + w.path + " missing");
    store::MonitorColumnRow row;
    row.site_id = *site_id;
    row.name = std::string((*body)->name) + " " + w.path;
    row.url = column_url(**col);
    row.type = w.type;
    row.update_interval_days = w.interval;
    Result<int64_t> id = store::insert_monitor_column(conn, row);
    if (!id) return id.status();
  }

  // Planted on the portal (current year only): 龙潭乡's 村务公开 not updated for 40 days, with a dead link in
  // one of its articles, and its 乡村振兴 column blank.
  Result<const store::BodyRow*> township = writer.body(kDormantAccountBody);
  if (!township) return township.status();
  const int64_t township_id = (*township)->id;
  if (today.year() > 2020) {
    for (const char* name : {"村务公开", "乡村振兴"}) {
      store::ColumnRow c;
      c.body_id = township_id;
      c.name = name;
      c.path = name;
      c.type = "news";
      c.update_interval_days = 14;
      c.sort_order = 100;
      Result<int64_t> cid = store::insert_column(conn, c);
      if (!cid) return cid.status();
      store::MonitorColumnRow row;
      row.site_id = *site_id;
      row.body_id = township_id;
      row.name = std::string((*township)->name) + " " + name;
      row.url = column_url(*cid);
      row.type = "news";
      row.update_interval_days = 14;
      Result<int64_t> mid = store::insert_monitor_column(conn, row);
      if (!mid) return mid.status();
      if (std::string_view(name) != "村务公开") continue;
      const int back[] = {60, 52, 40};
      for (int n = 0; n < 3; ++n) {
        domain::Date d = std::max(today.plus_days(-back[n]), year_start);
        domain::ItemRecord r;
        r.body = kDormantAccountBody;
        r.publish_date = d.to_string();
        r.kind = "notice";
        r.channels = {"portal"};
        r.column = name;
        r.title = std::string("龙潭乡") + std::to_string(d.month()) + "月村务公开（第" + std::to_string(n + 1) + "批）";
        r.content = "<p>龙潭乡各行政村" + std::to_string(d.month()) + "月村级财务收支情况公开如下。</p>";
        if (n == 1) r.content += "<p>详见<a href=\"/items/99999999\">村级财务收支明细表</a>。</p>";
        Result<int64_t> id = writer.write(r, {}, *cid);
        if (!id) return id.status();
      }
    }
  }

  // 2020: 42 rectification circulars, one most weeks (none in the Spring Festival weeks and a few others),
  // each to one unit with one or two findings, answered, re-checked and closed.
  std::vector<const Account*> targets;
  for (const Account& a : accounts) {
    if (a.body_id != county_id) targets.push_back(&a);
  }
  int serial = 0;
  for (domain::Date friday = domain::Date::from_ymd(2020, 1, 3); friday.year() == 2020 && serial < 42;
       friday = friday.plus_days(7)) {
    const int week_no = (friday.days_since_epoch() - domain::Date::from_ymd(2020, 1, 3).days_since_epoch()) / 7;
    if (week_no == 3 || week_no == 4 || week_no == 5 || week_no % 6 == 5) continue;  // 春节 and quiet weeks
    domain::Date issued = friday;
    while (!calendar.is_working_day(issued)) issued = issued.plus_days(-1);
    const Account& a = *targets[rng.below(targets.size())];
    const bool red = serial % 5 == 4;
    store::FindingInput f;
    f.body_id = a.body_id;
    f.account_id = a.id;
    f.rule_id = red ? "newmedia.dormant" : "newmedia.weekly";
    f.grade = red ? "red" : "yellow";
    f.subject = "newmedia:" + a.platform + ":" + a.name;
    const int quiet = red ? 15 + static_cast<int>(rng.below(6)) : 8 + static_cast<int>(rng.below(5));
    f.excerpt = a.name + "：" + std::to_string(quiet) + "天未更新";
    f.date_seen = issued.plus_days(-quiet).to_string();
    Result<std::pair<int64_t, bool>> finding = store::record_finding(conn, f, std::nullopt, issued.to_string());
    if (!finding) return finding.status();
    ++serial;
    const domain::Date deadline = add_working_days(calendar, issued, 5);
    Result<int64_t> circular =
        store::insert_circular(conn, circular_number(2020, serial), a.body_id, issued.to_string(), deadline.to_string());
    if (!circular) return circular.status();
    const domain::Date recheck = recheck_date(calendar, issued, f.grade);
    GK_RETURN_IF_ERROR(store::attach_finding(conn, *circular, finding->first, recheck.to_string()));
    GK_RETURN_IF_ERROR(store::answer_circular(conn, *circular, "已安排专人负责，恢复每周更新。",
                                              add_working_days(calendar, issued, 1).to_string()));
    Result<int64_t> closed = store::settle_findings(conn, std::nullopt, {}, recheck.to_string(), std::nullopt, true);
    if (!closed) return closed.status();
    Result<std::pair<int64_t, int64_t>> states = store::update_circular_states(conn, recheck.to_string());
    if (!states) return states.status();
  }
  report.circulars_2020 = serial;
  return report;
}

}  // namespace gongkai::services
