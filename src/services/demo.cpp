// The demo county generator: plans every item (kind, channel, body, date) from the seed figures, sorts the plan by
// date so 索引号 serials run with time, then writes it through ItemWriter in one transaction.
#include "services/demo.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "common/clock.h"
#include "common/embedded.h"
#include "domain/calendar.h"
#include "io/progress.h"
#include "services/accounts.h"
#include "services/bodies.h"
#include "services/demo_cases.h"
#include "services/demo_policy.h"
#include "services/demo_content.h"
#include "services/demo_report.h"
#include "services/demo_monitoring.h"
#include "services/item_writer.h"
#include "services/validity.h"
#include "store/bodies.h"
#include "store/cleanup.h"
#include "store/items.h"

namespace gongkai::services {

namespace fs = std::filesystem;
using demo::Rng;

namespace {

// spec/seed-figures.md, 2020, county-wide.
struct SeedFigures {
  int portal = 36102, disclosure_site = 5416, weibo = 1234, wechat = 2791;
  int exec_meetings = 12, consultations = 37, surveys = 8, key_area = 661, emergency = 119;
  int documents = 70, normative = 20;  // 90 government documents, of which 20 normative
  int npc = 244, cppcc = 211, press_conferences = 12, interviews = 6;
  int cleanup_valid = 127, cleanup_amended = 3, cleanup_repealed = 163;
};

struct ColumnDef {
  const char* path;
  const char* type;
  int interval_days;  // 0: none
  bool county_only;
};

// Every body gets these columns; the 政府信息公开 column has its four standard sub-columns (国办公开办函〔2019〕61号).
constexpr ColumnDef kColumns[] = {
    {"工作动态", "news", 14, false},
    {"通知公告", "notice", 180, false},
    {"政府信息公开", "disclosure", 0, false},
    {"政府信息公开/政府信息公开指南", "guide", 0, false},
    {"政府信息公开/政府信息公开制度", "rules", 0, false},
    {"政府信息公开/法定主动公开内容", "statutory", 0, false},
    {"政府信息公开/法定主动公开内容/政策文件", "policy", 180, false},
    {"政府信息公开/法定主动公开内容/政策解读", "interpretation", 180, true},
    {"政府信息公开/法定主动公开内容/规划计划", "static", 365, false},
    {"政府信息公开/法定主动公开内容/统计信息", "static", 90, false},
    {"政府信息公开/法定主动公开内容/财政资金", "static", 365, false},
    {"政府信息公开/法定主动公开内容/人事信息", "static", 0, false},
    {"政府信息公开/法定主动公开内容/政府采购", "static", 0, false},
    {"政府信息公开/法定主动公开内容/行政许可", "static", 0, false},
    {"政府信息公开/法定主动公开内容/行政处罚", "static", 0, false},
    {"政府信息公开/法定主动公开内容/重点领域信息公开", "static", 90, false},
    {"政府信息公开/法定主动公开内容/突发事件应对", "static", 0, false},
    {"政府信息公开/法定主动公开内容/政府常务会议", "static", 0, true},
    {"政府信息公开/法定主动公开内容/建议提案办理", "static", 365, false},
    {"政府信息公开/政府信息公开年报", "annual_report", 365, false},
    {"互动交流", "interaction", 0, true},
    {"互动交流/意见征集", "interaction", 0, true},
    {"互动交流/民意调查", "interaction", 0, true},
    {"互动交流/在线访谈", "interaction", 0, true},
    {"新闻发布会", "news", 0, true},
    {"政务新媒体", "static", 0, false},
    {"政务新媒体/政务微博", "news", 7, false},
    {"政务新媒体/政务微信", "news", 7, false},
};

// One planned item.
struct Planned {
  std::string date;
  int body_idx = 0;
  std::string kind;
  std::string channel;
  bool key_area = false, emergency = false;
  int serial = 0;  // numbering within its kind and year (meetings, conferences, proposals)
  int year = 0;
};

class Planner {
 public:
  Planner(Rng& rng, const domain::WorkCalendar& cal) : rng_(rng), cal_(cal) {}

  // Working days of `year` up to and including `last` (YYYY-MM-DD).
  void set_year(int year, const std::string& last) {
    year_ = year;
    days_.clear();
    for (domain::Date d = domain::Date::from_ymd(year, 1, 1); d.year() == year && d.to_string() <= last;
         d = d.plus_days(1)) {
      if (cal_.is_working_day(d)) days_.push_back(d.to_string());
    }
  }
  bool empty() const { return days_.empty(); }

  // Adds `count` items of `kind` on `channel`, bodies drawn from `candidates` by weight.
  void add(int count, const std::string& kind, const std::string& channel, const std::vector<int>& candidates,
           bool key_area = false, bool emergency = false) {
    int total_weight = 0;
    for (int idx : candidates) total_weight += demo::bodies()[idx].weight;
    for (int n = 0; n < count; ++n) {
      int pick = static_cast<int>(rng_.below(total_weight));
      int body_idx = candidates.back();
      for (int idx : candidates) {
        pick -= demo::bodies()[idx].weight;
        if (pick < 0) {
          body_idx = idx;
          break;
        }
      }
      Planned p;
      p.date = days_[rng_.below(days_.size())];
      p.body_idx = body_idx;
      p.kind = kind;
      p.channel = channel;
      p.key_area = key_area;
      p.emergency = emergency;
      p.year = year_;
      plan_.push_back(std::move(p));
    }
  }

  // Adds items of `kind` spread evenly over the year (meetings, press conferences), numbered in date order.
  void add_spread(int count, const std::string& kind, const std::string& channel, int body_idx) {
    for (int n = 0; n < count; ++n) {
      Planned p;
      p.date = days_[(days_.size() * (2 * n + 1)) / (2 * count)];
      p.body_idx = body_idx;
      p.kind = kind;
      p.channel = channel;
      p.serial = n + 1;
      p.year = year_;
      plan_.push_back(std::move(p));
    }
  }

  // One item per body (annual reports in January-February; guides), on the given date range's working days.
  void add_per_body(const std::string& kind, const std::string& channel, size_t first_day, size_t span) {
    for (int body_idx = 0; body_idx < static_cast<int>(demo::bodies().size()); ++body_idx) {
      Planned p;
      p.date = days_[std::min(days_.size() - 1, first_day + rng_.below(span))];
      p.body_idx = body_idx;
      p.kind = kind;
      p.channel = channel;
      p.year = year_;
      plan_.push_back(std::move(p));
    }
  }

  std::vector<Planned> take() {
    std::stable_sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) { return a.date < b.date; });
    std::map<std::pair<std::string, int>, int> counters;
    for (Planned& p : plan_) {
      if (p.serial == 0) p.serial = ++counters[{p.kind, p.year}];
    }
    return std::move(plan_);
  }

 private:
  Rng& rng_;
  const domain::WorkCalendar& cal_;
  int year_ = 0;
  std::vector<std::string> days_;
  std::vector<Planned> plan_;
};

std::vector<int> indexes_of(std::initializer_list<std::string_view> types) {
  std::vector<int> out;
  for (int idx = 0; idx < static_cast<int>(demo::bodies().size()); ++idx) {
    for (std::string_view t : types) {
      if (demo::bodies()[idx].type == t) out.push_back(idx);
    }
  }
  return out;
}

// Plans a year's items. `fraction` (0-1] scales the year's volume (the current year runs only to today).
void plan_year(Planner& planner, const SeedFigures& f, int scale, double fraction) {
  auto n = [&](int count) { return std::max(0, static_cast<int>(count * scale * fraction + 0.5)); };
  const std::vector<int> all = indexes_of({"government", "office", "department", "township"});
  const std::vector<int> county = indexes_of({"government", "office"});
  const std::vector<int> departments = indexes_of({"department"});
  const std::vector<int> key_bodies = indexes_of({"department", "township"});
  std::vector<int> dept_and_office = departments;
  dept_and_office.push_back(1);

  // Portal.
  planner.add_spread(n(f.exec_meetings), "exec_meeting", "portal", 0);
  planner.add_spread(n(f.press_conferences), "press_conference", "portal", 0);
  planner.add(n(f.consultations), "consultation", "portal", dept_and_office);
  planner.add(n(f.surveys), "survey", "portal", county);
  planner.add(n(f.interviews), "interview", "portal", departments);
  planner.add(n(f.key_area), "notice", "portal", key_bodies, /*key_area=*/true);
  planner.add(n(f.emergency), "notice", "portal", all, false, /*emergency=*/true);
  const int portal_special = n(f.exec_meetings) + n(f.press_conferences) + n(f.consultations) + n(f.surveys) +
                             n(f.interviews) + n(f.key_area) + n(f.emergency);
  const int portal_rest = n(f.portal) - portal_special;
  const int notices = portal_rest / 5;
  planner.add(portal_rest - notices, "news", "portal", all);
  planner.add(notices, "notice", "portal", all);

  // Disclosure site: documents and interpretations are planned by the caller (they are linked to each other).
  planner.add(n(f.npc), "npc_result", "disclosure_site", dept_and_office);
  planner.add(n(f.cppcc), "cppcc_result", "disclosure_site", dept_and_office);
  const int disclosure_rest = n(f.disclosure_site) - n(f.documents) - 2 * n(f.normative) - n(f.npc) - n(f.cppcc) -
                              static_cast<int>(demo::bodies().size());
  static const char* kStatutory[] = {"plan", "statistics", "budget", "personnel", "procurement", "licensing", "penalty"};
  const int per_kind = disclosure_rest / 7;
  for (int kind_idx = 0; kind_idx < 7; ++kind_idx) {
    planner.add(kind_idx == 6 ? disclosure_rest - 6 * per_kind : per_kind, kStatutory[kind_idx], "disclosure_site", all);
  }

  // New media.
  planner.add(n(f.weibo), "news", "weibo", all);
  planner.add(n(f.wechat), "news", "wechat", all);
}

std::string column_for(const Planned& p) {
  if (p.channel == "weibo") return "政务新媒体/政务微博";
  if (p.channel == "wechat") return "政务新媒体/政务微信";
  if (p.key_area) return "政府信息公开/法定主动公开内容/重点领域信息公开";
  if (p.emergency) return "政府信息公开/法定主动公开内容/突发事件应对";
  static const std::map<std::string, std::string> kByKind = {
      {"news", "工作动态"},
      {"notice", "通知公告"},
      {"document", "政府信息公开/法定主动公开内容/政策文件"},
      {"normative", "政府信息公开/法定主动公开内容/政策文件"},
      {"interpretation", "政府信息公开/法定主动公开内容/政策解读"},
      {"plan", "政府信息公开/法定主动公开内容/规划计划"},
      {"statistics", "政府信息公开/法定主动公开内容/统计信息"},
      {"budget", "政府信息公开/法定主动公开内容/财政资金"},
      {"personnel", "政府信息公开/法定主动公开内容/人事信息"},
      {"procurement", "政府信息公开/法定主动公开内容/政府采购"},
      {"licensing", "政府信息公开/法定主动公开内容/行政许可"},
      {"penalty", "政府信息公开/法定主动公开内容/行政处罚"},
      {"exec_meeting", "政府信息公开/法定主动公开内容/政府常务会议"},
      {"npc_result", "政府信息公开/法定主动公开内容/建议提案办理"},
      {"cppcc_result", "政府信息公开/法定主动公开内容/建议提案办理"},
      {"annual_report", "政府信息公开/政府信息公开年报"},
      {"guide", "政府信息公开/政府信息公开指南"},
      {"rules", "政府信息公开/政府信息公开制度"},
      {"consultation", "互动交流/意见征集"},
      {"survey", "互动交流/民意调查"},
      {"interview", "互动交流/在线访谈"},
      {"press_conference", "新闻发布会"},
  };
  auto it = kByKind.find(p.kind);
  return it == kByKind.end() ? "工作动态" : it->second;
}

domain::ItemRecord record_for(Rng& rng, const Planned& p) {
  const demo::BodyDef& body = demo::bodies()[p.body_idx];
  const std::string date_cn = demo::chinese_date(p.date);
  demo::Text t;
  if (p.key_area) {
    t = demo::key_area(rng, body.short_name, date_cn);
  } else if (p.emergency) {
    t = demo::emergency(rng, body.short_name, date_cn);
  } else if (p.channel == "weibo" || p.channel == "wechat") {
    t = demo::short_post(rng, body.short_name, date_cn);
  } else if (p.kind == "news") {
    t = demo::news(rng, body.short_name, date_cn);
  } else if (p.kind == "notice") {
    t = demo::notice(rng, body.short_name, date_cn);
  } else if (p.kind == "exec_meeting") {
    t = demo::exec_meeting(p.year, p.serial, date_cn, rng);
  } else if (p.kind == "consultation") {
    t = demo::consultation(rng, body.short_name, p.year);
  } else if (p.kind == "survey") {
    t = demo::survey(rng, p.year);
  } else if (p.kind == "npc_result" || p.kind == "cppcc_result") {
    t = demo::npc_result(rng, body.short_name, p.year, p.serial, p.kind == "cppcc_result");
  } else if (p.kind == "press_conference") {
    t = demo::press_conference(rng, p.year, p.serial);
  } else if (p.kind == "interview") {
    t = demo::interview(rng, body.short_name, p.year);
  } else if (p.kind == "annual_report") {
    t = demo::annual_report(body.name, p.year - 1);
  } else {
    t = demo::statutory(rng, body.short_name, date_cn, p.kind, p.year);
  }
  domain::ItemRecord r;
  r.title = std::move(t.title);
  r.content = std::move(t.content);
  r.subject = std::move(t.subject);
  r.body = std::string(body.code);
  r.publish_date = p.date;
  r.kind = p.kind;
  r.channels = {p.channel};
  r.key_area = p.key_area;
  r.emergency = p.emergency;
  r.column = column_for(p);
  r.facts = demo::kind_facts(p.kind, p.date, p.serial, body.name, r.title);  // domain/kind_fields.h
  return r;
}

// A government document of the county government (示政发 / 示政规) or its office (示政办发).
domain::ItemRecord document_record(Rng& rng, int body_idx, const std::string& publish_date, int year, int number,
                                   bool normative, int written_back_days) {
  const demo::BodyDef& body = demo::bodies()[body_idx];
  demo::Text t = demo::document(rng, "", year, normative);
  domain::ItemRecord r;
  r.title = std::string(body.name) + t.title;
  r.content = std::move(t.content);
  r.subject = std::move(t.subject);
  r.body = std::string(body.code);
  r.publish_date = publish_date;
  r.written_date = domain::Date::parse(publish_date)->plus_days(-written_back_days).to_string();
  const char* prefix = normative ? "示政规" : (body_idx == 0 ? "示政发" : "示政办发");
  r.doc_number = std::string(prefix) + "〔" + std::to_string(year) + "〕" + std::to_string(number) + "号";
  r.kind = normative ? "normative" : "document";
  r.validity = "有效";
  r.channels = {"disclosure_site"};
  r.column = "政府信息公开/法定主动公开内容/政策文件";
  return r;
}

Status remove_existing(const InstallationOptions& where) {
  if (where.database_url.starts_with("postgresql://") || where.database_url.starts_with("postgres://")) {
    return Status::invalid("--force on PostgreSQL is refused: drop and recreate the database yourself");
  }
  std::error_code ec;
  const std::string db = where.database_url.starts_with("sqlite:") ? where.database_url.substr(7) : where.database_url;
  for (const std::string& f : {db, db + "-wal", db + "-shm"}) fs::remove(f, ec);
  fs::remove_all(where.data_dir + "/attachments", ec);
  if (ec) return Status::io("cannot remove the old installation: " + ec.message());
  return Status::ok();
}

}  // namespace

namespace {

// The demo staff accounts (scripts/demo.sh prints the same list). Fixed passwords keep the demo deterministic.
struct DemoAccount {
  const char* login;
  const char* password;
  const char* display_name;
  const char* body_code;         // the unit they work for
  const char* role_on_own_body;  // "" for none
  const char* extra_role;        // "" for none
  const char* extra_role_body;
  const char* shown_role;
  const char* shown_body;
};
constexpr DemoAccount kDemoAccounts[] = {
    {"jyj.editor", "Shili-Jyj-Bianji1", "李明（信息员）", "demo-jyj", "editor", "", "", "信息员", "示例县教育局"},
    {"jyj.reviewer", "Shili-Jyj-Shenhe1", "赵丽（审核人）", "demo-jyj", "reviewer", "", "", "审核人", "示例县教育局"},
    {"county.office", "Shili-Gkb-Gongkai1", "孙强（县政务公开办）", "demo-office", "", "disclosure_office",
     "demo-county", "政务公开工作机构", "示例县人民政府（全县）"},
    {"platform.admin", "Shili-Pt-Guanli1", "平台管理员", "demo-office", "platform_admin", "", "", "平台管理员",
     "全平台"},
};

}  // namespace

Result<DemoReport> create_demo(const InstallationOptions& given, const DemoOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const InstallationOptions where = resolve_options(given);
  if (options.scale < 1 || options.scale > 1000) return Status::invalid("--scale must be between 1 and 1000");
  const std::string today = options.today.empty() ? china_today() : options.today;
  std::optional<domain::Date> today_date = domain::Date::parse(today);
  if (!today_date || today_date->year() < 2020) return Status::invalid("bad 'today' date " + today);

  {
    Result<std::unique_ptr<Installation>> existing = Installation::open(where);
    if (existing) {
      Result<std::unique_ptr<store::Connection>> conn = (*existing)->connect();
      if (!conn) return conn.status();
      Result<int64_t> bodies = store::count_bodies(**conn);
      if (!bodies) return bodies.status();
      if (*bodies > 0 && !options.force) {
        return Status::conflict("an installation with " + std::to_string(*bodies) + " bodies exists at " +
                                (*existing)->db().describe() + "; use --force to replace it");
      }
      if (*bodies > 0) GK_RETURN_IF_ERROR(remove_existing(where));
    }
  }
  Result<std::unique_ptr<Installation>> inst = Installation::create(where);
  if (!inst) return inst.status();
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return conn.status();

  Result<std::vector<domain::CalendarEntry>> entries =
      domain::parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt (embedded)");
  if (!entries) return entries.status();
  const domain::WorkCalendar calendar(*entries);

  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  DemoReport report;

  // Bodies and their columns.
  std::vector<int64_t> body_ids;
  for (size_t body_idx = 0; body_idx < demo::bodies().size(); ++body_idx) {
    const demo::BodyDef& def = demo::bodies()[body_idx];
    BodySpec spec;
    spec.code = std::string(def.code);
    spec.name = std::string(def.name);
    spec.type = std::string(def.type);
    spec.parent_code = body_idx == 0 ? "" : "demo-county";
    spec.index_prefix = std::string(def.index_prefix);
    spec.sort_order = static_cast<int64_t>(body_idx);
    if (body_idx == 0 || body_idx == 1) {
      spec.address = "示例县城关镇人民路1号";
      spec.postcode = "999999";
      spec.phone = "0000-12345678";
    }
    Result<int64_t> id = add_body(**conn, spec);
    if (!id) return id.status();
    body_ids.push_back(*id);
    std::map<std::string, int64_t> column_ids;
    int sort = 0;
    for (const ColumnDef& c : kColumns) {
      if (c.county_only && body_idx != 0) continue;
      store::ColumnRow row;
      row.body_id = *id;
      std::string path = c.path;
      size_t slash = path.rfind('/');
      row.name = slash == std::string::npos ? path : path.substr(slash + 1);
      if (slash != std::string::npos) row.parent_id = column_ids.at(path.substr(0, slash));
      row.path = path;
      row.type = c.type;
      if (c.interval_days) row.update_interval_days = c.interval_days;
      row.sort_order = sort++;
      Result<int64_t> cid = store::insert_column(**conn, row);
      if (!cid) return cid.status();
      column_ids[path] = *cid;
    }
  }
  report.bodies = static_cast<int>(body_ids.size());

  Rng rng(options.seed);
  ItemWriter writer(**conn, (*inst)->attachments_dir());
  auto write = [&](const domain::ItemRecord& r) -> Result<int64_t> {
    Result<const store::BodyRow*> body = writer.body(r.body);
    if (!body) return body.status();
    Result<std::optional<int64_t>> col = writer.column((*body)->id, *r.column, true);
    if (!col) return col.status();
    return writer.write(r, {}, *col);
  };

  // Normative documents made before the 2020 clean-up (2005-2019), and each body's disclosure guide and rules.
  std::vector<int64_t> old_normative;
  for (int doc_idx = 0; doc_idx < SeedFigures{}.cleanup_valid + SeedFigures{}.cleanup_amended +
                                      SeedFigures{}.cleanup_repealed;
       ++doc_idx) {
    const int year = 2005 + doc_idx % 15;
    const std::string date =
        domain::Date::from_ymd(year, 1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28)))
            .to_string();
    domain::ItemRecord r = document_record(rng, doc_idx % 3 == 2 ? 1 : 0, date, year, 1 + doc_idx / 15,
                                           /*normative=*/true, 3 + static_cast<int>(rng.below(10)));
    r.channels = {"portal"};
    Result<int64_t> id = write(r);
    if (!id) return id.status();
    old_normative.push_back(*id);
  }
  for (size_t body_idx = 0; body_idx < demo::bodies().size(); ++body_idx) {
    const demo::BodyDef& def = demo::bodies()[body_idx];
    for (const char* kind : {"guide", "rules"}) {
      domain::ItemRecord r;
      const bool guide = std::string_view(kind) == "guide";
      r.title = std::string(def.name) + (guide ? "政府信息公开指南" : "政府信息公开工作制度");
      r.content = guide ? "<p>一、主动公开。（一）公开的主要内容……（二）公开方式：本机关门户网站、政府信息公开栏。</p>"
                          "<p>二、依申请公开。公民、法人或者其他组织可以通过网上、当面、信函等方式提出申请。</p>"
                          "<p>三、办公地址：示例县城关镇人民路1号；办公时间：工作日上午8:30-12:00，下午14:30-17:30；"
                          "联系电话：0000-12345678；传真：0000-12345679。</p>"
                        : "<p>第一条 为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。</p>";
      r.body = std::string(def.code);
      r.publish_date = "2019-05-15";  // the revised Regulation's entry into force
      r.kind = kind;
      r.channels = {"portal"};
      r.column = guide ? "政府信息公开/政府信息公开指南" : "政府信息公开/政府信息公开制度";
      Result<int64_t> id = write(r);
      if (!id) return id.status();
    }
  }

  // Years: 2020 (the seed) and the current year up to today.
  const SeedFigures figures;
  std::vector<int64_t> new_normative_2020;
  for (int year : {2020, today_date->year()}) {
    if (year == 2020 && report.items_2020 > 0) continue;
    const bool seed_year = year == 2020;
    Planner planner(rng, calendar);
    planner.set_year(year, seed_year ? "2020-12-31" : today);
    if (planner.empty()) continue;
    const double fraction =
        seed_year ? 1.0 : std::min(1.0, (today_date->days_since_epoch() -
                                         domain::Date::from_ymd(year, 1, 1).days_since_epoch() + 1) / 365.0);
    plan_year(planner, figures, options.scale, fraction);
    // Annual reports of the previous year, in January-February (departments by 31 January).
    planner.add_per_body("annual_report", "disclosure_site", 2, 20);
    std::vector<Planned> plan = planner.take();

    // Government documents (90 in 2020: 20 normative, each with its interpretation published the same day).
    const int n_docs = std::max(0, static_cast<int>(figures.documents * options.scale * fraction + 0.5));
    const int n_norm = std::max(0, static_cast<int>(figures.normative * options.scale * fraction + 0.5));
    std::vector<std::pair<std::string, domain::ItemRecord>> docs;  // publish date, record
    Planner doc_days(rng, calendar);
    doc_days.set_year(year, seed_year ? "2020-12-31" : today);
    doc_days.add(n_docs + n_norm, "document", "disclosure_site", {0, 1});
    std::vector<Planned> doc_plan = doc_days.take();
    int gov_no = 0, office_no = 0, norm_no = 0;
    for (int doc_idx = 0; doc_idx < static_cast<int>(doc_plan.size()); ++doc_idx) {
      const bool normative = doc_idx % ((n_docs + n_norm) / std::max(1, n_norm)) == 0 && norm_no < n_norm;
      const int body_idx = normative ? 0 : doc_plan[doc_idx].body_idx;
      const int number = normative ? ++norm_no : (body_idx == 0 ? ++gov_no : ++office_no);
      docs.emplace_back(doc_plan[doc_idx].date, document_record(rng, body_idx, doc_plan[doc_idx].date, year, number,
                                                                normative, 2 + static_cast<int>(rng.below(8))));
    }
    // A normative document count that the spacing rule missed is made up at the end.
    for (auto it = docs.rbegin(); it != docs.rend() && norm_no < n_norm; ++it) {
      if (it->second.kind == "document") {
        domain::ItemRecord r = document_record(rng, 0, it->first, year, ++norm_no, true, 5);
        it->second = r;
      }
    }

    io::Progress progress("生成示例数据 " + std::to_string(year), plan.size() + docs.size());
    if (!options.progress) progress.set_enabled(false);
    size_t done = 0, doc_idx = 0;
    auto flush_docs_until = [&](const std::string& date) -> Status {
      for (; doc_idx < docs.size() && docs[doc_idx].first <= date; ++doc_idx) {
        const domain::ItemRecord& doc = docs[doc_idx].second;
        Result<int64_t> id = write(doc);
        if (!id) return id.status();
        ++report.items;
        if (seed_year) ++report.items_2020;
        if (doc.kind == "normative") {
          if (seed_year) new_normative_2020.push_back(*id);
          domain::ItemRecord interp;
          demo::Text t = demo::interpretation(doc.title, *doc.doc_number);
          interp.title = t.title;
          interp.content = t.content;
          interp.subject = t.subject;
          interp.body = doc.body;
          interp.publish_date = doc.publish_date;
          interp.kind = "interpretation";
          interp.channels = {"disclosure_site"};
          interp.column = "政府信息公开/法定主动公开内容/政策解读";
          // Seed 一（四）: every normative document gets a "图文 + 音频或视频" interpretation, linked both ways.
          // The demo's interpretation text says it comes with a graphic and audio (demo_content.cpp).
          interp.interpretation_forms = {"text", "graphic", "audio"};
          Result<int64_t> iid = write(interp);
          if (!iid) return iid.status();
          GK_RETURN_IF_ERROR(store::link_interpretation(**conn, *iid, *id, interp.interpretation_forms));
          ++report.items;
          if (seed_year) ++report.items_2020;
        }
        progress.update(++done);
      }
      return Status::ok();
    };
    for (const Planned& p : plan) {
      GK_RETURN_IF_ERROR(flush_docs_until(p.date));
      Result<int64_t> id = write(record_for(rng, p));
      if (!id) return id.status();
      ++report.items;
      if (seed_year) ++report.items_2020;
      progress.update(++done);
    }
    GK_RETURN_IF_ERROR(flush_docs_until("9999-12-31"));
    progress.finish();
  }

  // The 2020 clean-up of normative documents made before 2019-12-31: 127 kept, 3 amended, 163 expired/repealed.
  Result<int64_t> campaign = store::insert_cleanup_campaign(**conn, body_ids[0], "2020年行政规范性文件集中清理",
                                                            "2019-12-31", "2020-09-30");
  if (!campaign) return campaign.status();
  for (size_t doc_idx = 0; doc_idx < old_normative.size(); ++doc_idx) {
    const int64_t item_id = old_normative[doc_idx];
    std::string decision = "valid";
    if (doc_idx >= static_cast<size_t>(figures.cleanup_valid)) decision = "amended";
    if (doc_idx >= static_cast<size_t>(figures.cleanup_valid + figures.cleanup_amended)) decision = "repealed";
    GK_RETURN_IF_ERROR(store::insert_cleanup_decision(**conn, *campaign, item_id, decision, ""));
    if (decision == "valid") continue;
    ValidityUpdate u;
    u.item_id = item_id;
    u.effective_on = "2020-09-30";
    u.reason = "2020年行政规范性文件集中清理";
    if (decision == "amended") {
      u.to = "修订后有效";
      if (!new_normative_2020.empty()) u.superseded_by = new_normative_2020[doc_idx % new_normative_2020.size()];
    } else {
      u.to = doc_idx % 4 == 0 ? "失效" : "废止";
    }
    GK_RETURN_IF_ERROR(change_validity(**conn, u));
  }
  // Disclosure-on-application cases: the seed's 23 of 2020 and open current-year cases in every stage.
  Result<DemoCaseReport> cases = add_demo_cases(**conn, (*inst)->data_dir(), calendar, *today_date);
  if (!cases) return cases.status();
  GK_RETURN_IF_ERROR(add_demo_report_figures(**conn));  // table 二 figures of 2020 (demo_report.cpp)
  // Supervision: new-media accounts, the 42 circulars of 2020, the portal as a monitored site (demo_monitoring.h).
  Result<DemoMonitoringReport> monitoring = add_demo_monitoring(**conn, (*inst)->attachments_dir(), calendar, *today_date);
  if (!monitoring) return monitoring.status();
  GK_RETURN_IF_ERROR(add_demo_policy(**conn, *today_date));  // filings, consultations (demo_policy.h)
  GK_RETURN_IF_ERROR(tx.commit());

  // Staff accounts (each call runs its own transaction and audit entry; hashing happens outside them).
  const Accounts accounts;
  const Actor demo_actor = Actor::command_line("demo");
  for (const DemoAccount& a : kDemoAccounts) {
    Result<int64_t> id = accounts.create_user(
        **conn, demo_actor, NewUserSpec{a.login, a.display_name, a.body_code, a.role_on_own_body, a.password});
    if (!id) return id.status().with_context("demo account " + std::string(a.login));
    if (*a.extra_role) {
      GK_RETURN_IF_ERROR(accounts.grant_role(**conn, demo_actor, a.login, a.extra_role, a.extra_role_body));
    }
  }
  report.logins = demo_logins();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> logins = [] {
    std::vector<DemoLogin> out;
    for (const DemoAccount& a : kDemoAccounts) out.push_back({a.login, a.password, a.shown_role, a.shown_body});
    return out;
  }();
  return logins;
}

}  // namespace gongkai::services
