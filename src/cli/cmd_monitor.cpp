// Commands: monitor run | probe | sites | site add | column add | findings | accounts | account add | account post
// | circular issue | circular answer | circulars | weekly, and import newmedia. Exit codes (docs/monitoring.md):
// `monitor run` exits 1 when open findings remain after the check, 0 when none; the others 0 on success.
#include "cli/cmd_monitor.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "services/assessment.h"
#include "services/audit.h"
#include "services/monitoring.h"
#include "store/bodies.h"
#include "web/monitor_weekly.h"

namespace gongkai::cli {
namespace {

using nlohmann::json;

// Who the audit log names for a change made here: "cli:<os user>".
services::AuditActor cli_actor() {
  const char* user = std::getenv("USER");
  return services::AuditActor{std::nullopt, std::string("cli:") + (user ? user : "unknown"), ""};
}

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json finding_json(const store::FindingRow& f) {
  return {{"id", f.id},
          {"unit", f.body_code.empty() ? json(nullptr) : json(f.body_code)},
          {"rule", f.rule_id},
          {"grade", f.grade},
          {"subject", f.subject},
          {"found_on", f.found_on.empty() ? json(nullptr) : json(f.found_on)},
          {"excerpt", f.excerpt},
          {"date_seen", opt_json(f.date_seen)},
          {"first_seen", f.first_seen_on.empty() ? json(nullptr) : json(f.first_seen_on)},
          {"last_seen", f.last_seen_on.empty() ? json(nullptr) : json(f.last_seen_on)},
          {"state", f.state},
          {"circular", f.circular_id ? json(*f.circular_id) : json(nullptr)}};
}

json circular_json(const store::CircularRow& c) {
  return {{"number", c.number},     {"unit", c.body_code},          {"issued_on", c.issued_on},
          {"deadline", c.deadline}, {"state", c.state},             {"answer", opt_json(c.answer)},
          {"findings", c.findings}, {"open_findings", c.open_findings}};
}

Result<std::unique_ptr<services::Installation>> open(GlobalOptions& g) { return services::Installation::open(g.installation()); }

int cmd_run(GlobalOptions& g, const services::MonitorRunOptions& options) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<services::MonitorRunReport> report = services::run_monitor(**inst, options);
  if (!report) return fail(report.status());
  const int code = report->open_findings > 0 ? kExitProblems : kExitOk;
  if (g.json) {
    json sites = json::array();
    for (const services::SiteRunReport& s : report->sites) {
      json findings = json::array();
      for (const store::FindingRow& f : s.findings) findings.push_back(finding_json(f));
      sites.push_back({{"site", s.site_code.empty() ? json(nullptr) : json(s.site_code)},
                       {"name", s.site_name},
                       {"url", s.home_url},
                       {"run", s.run_id ? json(s.run_id) : json(nullptr)},
                       {"pages_fetched", s.pages_fetched},
                       {"links_checked", s.links_checked},
                       {"findings_new", s.findings_new},
                       {"findings_seen_again", s.findings_seen},
                       {"findings_closed", s.findings_closed},
                       {"findings", findings}});
    }
    json accounts = json::array();
    for (const store::FindingRow& f : report->accounts) accounts.push_back(finding_json(f));
    std::cout << json{{"sites", sites},
                      {"accounts", accounts},
                      {"accounts_checked", report->accounts_checked},
                      {"account_findings", report->account_findings},
                      {"circulars_closed", report->circulars_closed},
                      {"circulars_escalated", report->circulars_escalated},
                      {"open_findings", report->open_findings}}
                     .dump()
              << "\n";
    return code;
  }
  for (const services::SiteRunReport& s : report->sites) {
    std::printf("%s (%s): %d pages, %d links checked; %d new, %d seen again, %d closed\n", s.site_name.c_str(),
                s.home_url.c_str(), s.pages_fetched, s.links_checked, s.findings_new, s.findings_seen, s.findings_closed);
    for (const store::FindingRow& f : s.findings) {
      std::printf("  [%s] %s %s%s%s — %s\n", f.grade == "red" ? "红" : "黄", f.rule_id.c_str(), f.subject.c_str(),
                  f.found_on.empty() ? "" : " on ", f.found_on.c_str(), f.excerpt.c_str());
    }
  }
  if (report->accounts_checked > 0) {
    std::printf("new media: %d accounts checked, %d not updated in time\n", report->accounts_checked,
                report->account_findings);
    for (const store::FindingRow& f : report->accounts) {
      std::printf("  [%s] %s %s — %s\n", f.grade == "red" ? "红" : "黄", f.rule_id.c_str(), f.subject.c_str(),
                  f.excerpt.c_str());
    }
  }
  if (report->circulars_closed + report->circulars_escalated > 0) {
    std::printf("circulars: %d closed, %d escalated (past deadline)\n", report->circulars_closed,
                report->circulars_escalated);
  }
  return code;
}

int cmd_probe(GlobalOptions& g, const std::string& site) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<int> n = services::run_probes(**inst, site, monitor::FetchOptions{});
  if (!n) return fail(n.status());
  if (g.json) {
    std::cout << json{{"probes", *n}}.dump() << "\n";
  } else {
    std::printf("%d probes recorded\n", *n);
  }
  return kExitOk;
}

int cmd_sites(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<std::vector<store::MonitorSiteRow>> sites = store::list_monitor_sites(**conn);
  if (!sites) return fail(sites.status());
  json out = json::array();
  for (const store::MonitorSiteRow& s : *sites) {
    Result<std::vector<store::MonitorColumnRow>> cols = store::list_monitor_columns(**conn, s.id);
    if (!cols) return fail(cols.status());
    json columns = json::array();
    for (const store::MonitorColumnRow& c : *cols) {
      columns.push_back({{"name", c.name}, {"url", c.url}, {"type", c.type},
                         {"interval_days", c.update_interval_days ? json(*c.update_interval_days) : json(nullptr)}});
    }
    out.push_back({{"code", s.code},
                   {"name", s.name},
                   {"unit", s.body_code},
                   {"url", s.home_url},
                   {"page_budget", s.page_budget},
                   {"active", s.active},
                   {"check_every_hours", s.check_every_hours},
                   {"probes_per_day", s.probes_per_day},
                   {"columns", columns}});
    if (!g.json) {
      std::printf("%s\t%s\t%s\t%s\t%zu columns\n", s.code.c_str(), s.name.c_str(), s.body_code.c_str(),
                  s.home_url.c_str(), cols->size());
    }
  }
  if (g.json) std::cout << out.dump() << "\n";
  return kExitOk;
}

int cmd_findings(GlobalOptions& g, const std::string& body, bool all) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  store::FindingFilter filter;
  if (all) filter.state.reset();
  if (!body.empty()) {
    Result<std::optional<store::BodyRow>> b = store::find_body(**conn, body);
    if (!b) return fail(b.status());
    if (!*b) return fail(Status::invalid("--body: no body has the code '" + body + "'"));
    filter.body_id = (*b)->id;
    filter.include_children = true;
  }
  Result<std::vector<store::FindingRow>> rows = store::list_findings(**conn, filter);
  if (!rows) return fail(rows.status());
  json out = json::array();
  for (const store::FindingRow& f : *rows) {
    out.push_back(finding_json(f));
    if (!g.json) {
      std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(f.id), f.grade.c_str(), f.state.c_str(),
                  f.body_code.c_str(), f.rule_id.c_str(), f.subject.c_str(), f.excerpt.c_str());
    }
  }
  if (g.json) std::cout << out.dump() << "\n";
  return kExitOk;
}

int cmd_accounts(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<std::vector<store::NewMediaAccountRow>> rows = store::list_newmedia_accounts(**conn, std::nullopt, false);
  if (!rows) return fail(rows.status());
  json out = json::array();
  for (const store::NewMediaAccountRow& a : *rows) {
    out.push_back({{"unit", a.body_code}, {"platform", a.platform}, {"name", a.name}, {"status", a.status},
                   {"filing_number", opt_json(a.filing_number)}, {"opened_on", a.opened_on},
                   {"closed_on", opt_json(a.closed_on)}, {"last_update", opt_json(a.last_update)}});
    if (!g.json) {
      std::printf("%s\t%s\t%s\t%s\t%s\n", a.body_code.c_str(), a.platform.c_str(), a.name.c_str(), a.status.c_str(),
                  a.last_update.value_or("-").c_str());
    }
  }
  if (g.json) std::cout << out.dump() << "\n";
  return kExitOk;
}

// `monitor assess`: the ranking of units for a year, with each unit's score sheet.
int cmd_assess(GlobalOptions& g, int year, const std::string& root) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<services::AssessmentReport> report = services::assess_units(**inst, year, root);
  if (!report) return fail(report.status());
  json units = json::array();
  for (const services::UnitAssessment& u : report->units) {
    json lines = json::array();
    for (const domain::ScoreLine& l : u.score.lines) {
      lines.push_back({{"rule", l.rule_id},
                       {"label", l.label},
                       {"kind", l.kind},
                       {"count", l.count},
                       {"points", l.points}});
    }
    units.push_back({{"rank", u.rank},
                     {"unit", u.body.code},
                     {"name", u.body.name},
                     {"type", u.body.type},
                     {"score", std::round(u.score.score * 10) / 10},
                     {"deductions", u.score.deductions},
                     {"bonuses", u.score.bonus_counted ? u.score.bonuses : 0.0},
                     {"veto", u.score.veto},
                     {"passed", u.score.passed},
                     {"lines", lines}});
    if (!g.json) {
      std::printf("%3d\t%s\t%s\t%s\n", u.rank, domain::format_points(u.score.score).c_str(),
                  u.score.passed ? "合格" : (u.score.veto ? "不合格（单项否决）" : "不合格"),
                  u.body.name.c_str());
    }
  }
  if (g.json) {
    std::cout << json{{"year", report->year},
                      {"root", report->root_code},
                      {"units", units},
                      {"rectification_circulars", report->rectification_circulars}}
                     .dump()
              << "\n";
  } else {
    std::printf("%d: %zu units, %lld rectification circulars\n", report->year, report->units.size(),
                static_cast<long long>(report->rectification_circulars));
  }
  return kExitOk;
}

int cmd_circulars(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  Result<std::vector<store::CircularRow>> rows = store::list_circulars(**conn, "", "");
  if (!rows) return fail(rows.status());
  json out = json::array();
  for (const store::CircularRow& c : *rows) {
    out.push_back(circular_json(c));
    if (!g.json) {
      std::printf("%s\t%s\t%s\t%s\t%s\t%lld/%lld open\n", c.number.c_str(), c.body_code.c_str(), c.issued_on.c_str(),
                  c.deadline.c_str(), c.state.c_str(), static_cast<long long>(c.open_findings),
                  static_cast<long long>(c.findings));
    }
  }
  if (g.json) std::cout << out.dump() << "\n";
  return kExitOk;
}

int cmd_weekly(GlobalOptions& g, const std::string& week, const std::string& out_path) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  Result<services::WeeklyReport> report = services::weekly_report(**inst, week);
  if (!report) return fail(report.status());
  // FILE.pdf: the PDF; anything else: the HTML document.
  std::string bytes;
  if (out_path.ends_with(".pdf")) {
    Result<std::string> pdf = web::render_weekly_circular_pdf(*report, "政务公开工作机构");
    if (!pdf) return fail(pdf.status());
    bytes = std::move(*pdf);
  } else {
    bytes = web::render_weekly_circular(*report, "政务公开工作机构");
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << bytes) || !out.flush()) return fail(Status::io("cannot write " + out_path));
  if (g.json) {
    std::cout << json{{"week", report->week}, {"from", report->from}, {"to", report->to}, {"out", out_path},
                      {"new_findings", report->new_findings.size()}, {"circulars", report->circulars.size()},
                      {"overdue", report->overdue.size()}, {"quiet_accounts", report->quiet_accounts.size()}}
                     .dump()
              << "\n";
  } else {
    std::printf("weekly circular %s (%s – %s) written to %s\n", report->week.c_str(), report->from.c_str(),
                report->to.c_str(), out_path.c_str());
  }
  return kExitOk;
}

template <typename Fn>
int simple(GlobalOptions& g, Fn&& fn) {
  Result<std::unique_ptr<services::Installation>> inst = open(g);
  if (!inst) return fail(inst.status());
  return fn(**inst);
}

}  // namespace

void register_monitor_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  CLI::App* monitor = app.add_subcommand("monitor", "site and new-media monitoring, rectification circulars");
  monitor->require_subcommand(1);

  auto run = std::make_shared<services::MonitorRunOptions>();
  CLI::App* run_cmd = monitor->add_subcommand("run", "check monitored sites (and new-media accounts); exit 1 if problems remain");
  run_cmd->add_option("--site", run->site, "a site code or URL (default: every active site and all accounts)");
  run_cmd->add_option("--as-of", run->as_of, "the check date YYYY-MM-DD (default today, China time)");
  run_cmd->add_option("--wording", run->wording_file, "wording dictionary (format of data/monitor-wording.tsv)");
  run_cmd->add_option("--timeout-ms", run->fetch.total_timeout_ms, "total timeout per request (default 15000)");
  run_cmd->add_option("--link-checks", run->link_check_budget, "most links checked per site (default 1000)");
  run_cmd->add_option("--interval-ms", run->fetch.per_host_interval_ms,
                      "least time between two requests to one host (default 100; robots.txt Crawl-delay may raise it)");
  run_cmd->callback([&, run] { chosen = [&, run] { return cmd_run(g, *run); }; });

  auto site = std::make_shared<std::string>();
  CLI::App* probe = monitor->add_subcommand("probe", "one availability probe of every active site (run >= 20 times a day)");
  probe->add_option("--site", *site, "only this site");
  probe->callback([&, site] { chosen = [&, site] { return cmd_probe(g, *site); }; });

  CLI::App* sites = monitor->add_subcommand("sites", "list monitored sites and their columns");
  sites->callback([&] { chosen = [&] { return cmd_sites(g); }; });

  auto site_spec = std::make_shared<services::MonitorSiteSpec>();
  CLI::App* site_cmd = monitor->add_subcommand("site", "register monitored sites");
  site_cmd->require_subcommand(1);
  CLI::App* site_add = site_cmd->add_subcommand("add", "register a website to monitor");
  site_add->add_option("--code", site_spec->code, "short code")->required();
  site_add->add_option("--name", site_spec->name, "site name")->required();
  site_add->add_option("--body", site_spec->body_code, "the responsible unit (body code)")->required();
  site_add->add_option("--url", site_spec->home_url, "home page URL")->required();
  site_add->add_option("--page-budget", site_spec->page_budget, "most pages fetched per check (default 200)");
  site_add->add_option("--check-every-hours", site_spec->check_every_hours,
                       "hours between the scheduler's checks inside serve (default 24)");
  site_add->add_option("--probes-per-day", site_spec->probes_per_day,
                       "availability probes a day by the scheduler (default 24, at least 20)");
  site_add->callback([&, site_spec] {
    chosen = [&, site_spec] {
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        Result<int64_t> id = services::add_monitor_site(inst, *site_spec, &actor);
        if (!id) return fail(id.status());
        std::printf("site %s registered\n", site_spec->code.c_str());
        return kExitOk;
      });
    };
  });

  struct Schedule {
    std::string code;
    int hours = 24, probes = 24;
  };
  auto schedule = std::make_shared<Schedule>();
  CLI::App* set_schedule =
      site_cmd->add_subcommand("schedule", "how often serve's scheduler checks and probes a site");
  set_schedule->add_option("--code", schedule->code, "site code")->required();
  set_schedule->add_option("--check-every-hours", schedule->hours, "hours between checks (1-720)")
      ->required();
  set_schedule->add_option("--probes-per-day", schedule->probes,
                           "availability probes a day (20-1440, default 24)");
  set_schedule->callback([&, schedule] {
    chosen = [&, schedule] {
      return simple(g, [&](services::Installation& inst) {
        Status s =
            services::set_monitor_site_schedule(inst, schedule->code, schedule->hours, schedule->probes);
        if (!s) return fail(s);
        std::printf("site %s: checked every %d hours, probed %d times a day\n", schedule->code.c_str(),
                    schedule->hours, schedule->probes);
        return kExitOk;
      });
    };
  });

  auto moved = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* set_url = site_cmd->add_subcommand("set-url", "move a site to another home URL");
  set_url->add_option("--code", moved->first, "site code")->required();
  set_url->add_option("--url", moved->second, "new home page URL")->required();
  set_url->callback([&, moved] {
    chosen = [&, moved] {
      return simple(g, [&](services::Installation& inst) {
        Status s = services::set_monitor_site_url(inst, moved->first, moved->second);
        if (!s) return fail(s);
        std::printf("site %s now at %s\n", moved->first.c_str(), moved->second.c_str());
        return kExitOk;
      });
    };
  });

  auto col = std::make_shared<services::MonitorColumnSpec>();
  auto interval = std::make_shared<int>(0);
  CLI::App* column_cmd = monitor->add_subcommand("column", "register columns of monitored sites");
  column_cmd->require_subcommand(1);
  CLI::App* column_add = column_cmd->add_subcommand("add", "register a column (栏目) listing");
  column_add->add_option("--site", col->site_code, "site code")->required();
  column_add->add_option("--name", col->name, "column name")->required();
  column_add->add_option("--url", col->url, "listing URL")->required();
  column_add->add_option("--type", col->type, "news, notice, policy, service_stats, interaction, static")->required();
  column_add->add_option("--interval", *interval, "expected update interval in days");
  column_add->add_option("--body", col->body_code, "the unit running the column (default: the site's unit)");
  column_add->callback([&, col, interval] {
    chosen = [&, col, interval] {
      if (*interval != 0) col->interval_days = *interval;
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        Result<int64_t> id = services::add_monitor_column(inst, *col, &actor);
        if (!id) return fail(id.status());
        std::printf("column %s registered\n", col->name.c_str());
        return kExitOk;
      });
    };
  });

  auto body = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  CLI::App* findings = monitor->add_subcommand("findings", "open findings (with --all, closed ones too)");
  findings->add_option("--body", *body, "a unit and the units below it");
  findings->add_flag("--all", *all, "include closed findings");
  findings->callback([&, body, all] { chosen = [&, body, all] { return cmd_findings(g, *body, *all); }; });

  CLI::App* accounts = monitor->add_subcommand("accounts", "registered new-media accounts with their latest update");
  accounts->callback([&] { chosen = [&] { return cmd_accounts(g); }; });

  auto acc = std::make_shared<services::NewMediaAccountSpec>();
  CLI::App* account = monitor->add_subcommand("account", "new-media accounts");
  account->require_subcommand(1);
  CLI::App* account_add = account->add_subcommand("add", "register a new-media account");
  account_add->add_option("--body", acc->body_code, "owner unit")->required();
  account_add->add_option("--platform", acc->platform, "weibo, wechat, douyin, toutiao, kuaishou, app, other")->required();
  account_add->add_option("--name", acc->name, "account name")->required();
  account_add->add_option("--opened", acc->opened_on, "opening date YYYY-MM-DD")->required();
  account_add->add_option("--filing", acc->filing_number, "filing (备案) number");
  account_add->add_option("--filed", acc->filed_on, "filing date");
  account_add->add_option("--closed", acc->closed_on, "closing date");
  account_add->callback([&, acc] {
    chosen = [&, acc] {
      return simple(g, [&](services::Installation& inst) {
        Result<int64_t> id = services::add_newmedia_account(inst, *acc);
        if (!id) return fail(id.status());
        std::printf("account %s registered\n", acc->name.c_str());
        return kExitOk;
      });
    };
  });
  auto post = std::make_shared<std::array<std::string, 5>>();
  CLI::App* account_post = account->add_subcommand("post", "record an update of an account");
  account_post->add_option("--platform", (*post)[0], "platform")->required();
  account_post->add_option("--name", (*post)[1], "account name")->required();
  account_post->add_option("--date", (*post)[2], "YYYY-MM-DD")->required();
  account_post->add_option("--title", (*post)[3], "title of the post")->required();
  account_post->add_option("--url", (*post)[4], "link to the post");
  account_post->callback([&, post] {
    chosen = [&, post] {
      return simple(g, [&](services::Installation& inst) {
        const auto& p = *post;
        Result<bool> added = services::add_newmedia_update(inst, p[0], p[1], p[2], p[3], p[4]);
        if (!added) return fail(added.status());
        std::printf(*added ? "update recorded\n" : "already recorded\n");
        return kExitOk;
      });
    };
  });

  auto circ = std::make_shared<services::CircularSpec>();
  auto number = std::make_shared<std::string>();
  auto answer = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* circular = monitor->add_subcommand("circular", "rectification circulars (整改通报)");
  circular->require_subcommand(1);
  CLI::App* issue = circular->add_subcommand("issue", "issue a circular to a unit listing its open findings");
  issue->add_option("--body", circ->body_code, "the unit")->required();
  issue->add_option("--date", circ->issued_on, "issue date (default today)");
  issue->add_option("--deadline-days", circ->deadline_working_days, "working days to fix (default 5)");
  issue->add_option("--finding", circ->finding_ids, "finding ids (default: all open ones not yet on a circular)");
  issue->callback([&, circ] {
    chosen = [&, circ] {
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        Result<store::CircularRow> c = services::issue_circular(inst, *circ, &actor);
        if (!c) return fail(c.status());
        if (g.json) {
          std::cout << circular_json(*c).dump() << "\n";
        } else {
          std::printf("%s to %s, %lld findings, deadline %s\n", c->number.c_str(), c->body_name.c_str(),
                      static_cast<long long>(c->findings), c->deadline.c_str());
        }
        return kExitOk;
      });
    };
  });
  CLI::App* answer_cmd = circular->add_subcommand("answer", "record the unit's answer to a circular");
  answer_cmd->add_option("NUMBER", *number, "circular number")->required();
  answer_cmd->add_option("--answer", answer->first, "what was fixed")->required();
  answer_cmd->add_option("--date", answer->second, "answer date (default today)");
  answer_cmd->callback([&, number, answer] {
    chosen = [&, number, answer] {
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        Status s = services::answer_circular(inst, *number, answer->first, answer->second, &actor);
        if (!s) return fail(s);
        std::printf("answer recorded; findings close when their re-check passes\n");
        return kExitOk;
      });
    };
  });
  struct Assess {
    int year = 0;
    std::string root;
  };
  auto assess = std::make_shared<Assess>();
  CLI::App* assess_cmd =
      monitor->add_subcommand("assess", "the yearly assessment of units (data/assessment-rules.tsv), ranked");
  assess_cmd->add_option("--year", assess->year, "the year")->required();
  assess_cmd->add_option("--body", assess->root,
                         "the units at or below this body (default: the top government body)");
  assess_cmd->callback(
      [&, assess] { chosen = [&, assess] { return cmd_assess(g, assess->year, assess->root); }; });

  auto highlight = std::make_shared<services::HighlightSpec>();
  CLI::App* highlight_cmd =
      monitor->add_subcommand("highlight", "highlights (亮点) that earn assessment bonuses");
  highlight_cmd->require_subcommand(1);
  CLI::App* highlight_add = highlight_cmd->add_subcommand("add", "record a unit's highlight for a year");
  highlight_add->add_option("--body", highlight->body_code, "the unit")->required();
  highlight_add->add_option("--year", highlight->year, "the year")->required();
  highlight_add->add_option("--rule", highlight->rule_id, "the bonus rule (bonus.innovation, bonus.praise)")
      ->required();
  highlight_add->add_option("--note", highlight->note, "what the unit did")->required();
  highlight_add->callback([&, highlight] {
    chosen = [&, highlight] {
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        Result<int64_t> id = services::add_highlight(inst, *highlight, &actor);
        if (!id) return fail(id.status());
        std::printf("highlight %lld recorded\n", static_cast<long long>(*id));
        return kExitOk;
      });
    };
  });

  auto removal = std::make_shared<std::pair<int64_t, std::string>>();
  CLI::App* highlight_remove =
      highlight_cmd->add_subcommand("remove", "withdraw a highlight recorded in error (audited with the reason)");
  highlight_remove->add_option("--id", removal->first, "the highlight's id (as `highlight add` printed it)")
      ->required();
  highlight_remove->add_option("--reason", removal->second, "why it is withdrawn")->required();
  highlight_remove->callback([&, removal] {
    chosen = [&, removal] {
      return simple(g, [&](services::Installation& inst) {
        const services::AuditActor actor = cli_actor();
        if (Status s = services::remove_highlight(inst, removal->first, removal->second, &actor); !s) return fail(s);
        std::printf("highlight %lld withdrawn\n", static_cast<long long>(removal->first));
        return kExitOk;
      });
    };
  });

  CLI::App* circulars = monitor->add_subcommand("circulars", "every circular with its state");
  circulars->callback([&] { chosen = [&] { return cmd_circulars(g); }; });

  auto weekly = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* weekly_cmd = monitor->add_subcommand(
      "weekly", "write the weekly circular (一周一通报) as HTML, or PDF for --out FILE.pdf");
  weekly_cmd->add_option("--week", weekly->first, "ISO week YYYY-Www")->required();
  weekly_cmd->add_option("--out", weekly->second, "output file")->required();
  weekly_cmd->callback([&, weekly] { chosen = [&, weekly] { return cmd_weekly(g, weekly->first, weekly->second); }; });

  // `import newmedia FILE`: update records from the platforms' CSV exports.
  CLI::App* import = app.get_subcommand("import");
  auto file = std::make_shared<std::string>();
  CLI::App* nm = import->add_subcommand("newmedia", "new-media update records (CSV: platform,account,posted_on,title[,url]; all or nothing)");
  nm->add_option("FILE", *file, "the CSV file")->required();
  nm->callback([&, file] {
    chosen = [&, file] {
      return simple(g, [&](services::Installation& inst) {
        Result<services::NewMediaImportReport> r = services::import_newmedia_updates(inst, *file);
        if (!r) return fail(r.status());
        for (const std::string& e : r->errors) std::fprintf(stderr, "%s\n", e.c_str());
        if (g.json) {
          std::cout << json{{"records", r->records}, {"added", r->added}, {"duplicates", r->duplicates},
                            {"errors", r->errors}}
                           .dump()
                    << "\n";
        } else if (r->errors.empty()) {
          std::printf("%zu records: %zu added, %zu already recorded\n", r->records, r->added, r->duplicates);
        }
        return r->errors.empty() ? kExitOk : kExitBadInput;
      });
    };
  });
}

}  // namespace gongkai::cli
