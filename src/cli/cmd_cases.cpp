// Commands of disclosure on application: import applications, import reviews, calendar import, cases open,
// cases show, cases act, cases register, cases assign, cases digest (spec/contracts.md; docs/operations.md).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>

#include "cli/context.h"
#include "cli/operator.h"
#include "common/clock.h"
#include "domain/case_state.h"
#include "domain/outcomes.h"
#include "domain/password_policy.h"
#include "domain/roles.h"
#include "services/accounts.h"
#include "services/applications.h"
#include "services/case_digest.h"
#include "services/case_import.h"
#include "services/case_work.h"
#include "store/accounts.h"
#include "store/bodies.h"

namespace gongkai::cli {
namespace {

using nlohmann::json;

constexpr size_t kMaxErrorsShown = 100;

using ImportFunction = Result<services::ImportReport> (*)(services::Installation&, const std::string&,
                                                          const services::ImportOptions&);

int cmd_import(GlobalOptions& g, ImportFunction import, const char* what, const std::string& file,
               const services::ImportOptions& options) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::ImportReport> report = import(**inst, file, options);
  if (!report) return fail(report.status());
  const char* encoding = report->encoding == io::SourceEncoding::kGb18030 ? "GB18030" : "UTF-8";
  if (g.json) {
    json errors = json::array();
    for (const auto& e : report->errors) errors.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
    std::cout << json{{"file", file},         {"encoding", encoding},           {"records", report->records},
                      {"imported", report->imported}, {"dry_run", options.dry_run}, {"errors", errors}}
                     .dump()
              << "\n";
  }
  if (!report->errors.empty()) {
    size_t shown = 0;
    for (const auto& e : report->errors) {
      if (shown++ == kMaxErrorsShown) break;
      std::fprintf(stderr, "%s\n", e.to_string(file).c_str());
    }
    if (report->errors.size() > kMaxErrorsShown) {
      std::fprintf(stderr, "… and %zu more errors\n", report->errors.size() - kMaxErrorsShown);
    }
    std::fprintf(stderr, "gongkai: %zu errors in %s; nothing was imported\n", report->errors.size(), file.c_str());
    return kExitBadInput;
  }
  if (g.json) return kExitOk;
  if (options.dry_run) {
    std::printf("%s: %zu records checked (%s), no errors; nothing imported (--dry-run)\n", file.c_str(),
                report->records, encoding);
    return kExitOk;
  }
  std::printf("%s: imported %zu %s (%s)\n", file.c_str(), report->imported, what, encoding);
  return kExitOk;
}

json change_json(const services::DeadlineChange& c) {
  return json{{"number", c.number},
              {"from", c.from ? json(*c.from) : json(nullptr)},
              {"to", c.to ? json(*c.to) : json(nullptr)},
              {"provisional", c.provisional}};
}

int cmd_calendar_import(GlobalOptions& g, const std::string& file) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::CalendarImportReport> report = services::import_calendar_file(**inst, file);
  if (!report) return fail(report.status());
  if (g.json) {
    json changes = json::array();
    for (const auto& c : report->changes) changes.push_back(change_json(c));
    std::cout << json{{"file", file}, {"years", report->years}, {"deadline_changes", changes}}.dump() << "\n";
    return kExitOk;
  }
  std::string years;
  for (int y : report->years) years += (years.empty() ? "" : ", ") + std::to_string(y);
  std::printf("%s: loaded %s; %zu open deadlines changed\n", file.c_str(), years.c_str(), report->changes.size());
  for (const auto& c : report->changes) {
    std::printf("  %s: %s -> %s%s\n", c.number.c_str(), c.from.value_or("-").c_str(), c.to.value_or("-").c_str(),
                c.provisional ? " (provisional)" : "");
  }
  return kExitOk;
}

json case_json(const store::ApplicationRow& a) {
  const domain::ApplicationChannel* channel = domain::find_application_channel(a.channel);
  auto opt = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  std::optional<domain::CaseStage> stage = domain::parse_stage(a.stage);
  return json{{"number", a.number},
              {"body", a.body_code},
              {"channel", a.channel},
              {"channel_label", channel ? std::string(channel->label) : a.channel},
              {"applicant_type", a.applicant_type},
              {"applicant_name", opt(a.applicant_name)},
              {"id_number", opt(a.id_masked)},  // masked only: the full number never leaves the store by this path
              {"request", a.request},
              {"received_date", opt(a.received_date)},
              {"stage", a.stage},
              {"stage_label", stage ? std::string(domain::stage_label(*stage)) : a.stage},
              {"outcome", opt(a.outcome)},
              {"replied_date", opt(a.replied_date)},
              {"due", opt(a.due_date)},
              {"provisional", a.due_provisional},
              {"reference", opt(a.reference)}};
}

// The first `max_bytes` bytes of `text`, cut back to a whole UTF-8 character.
std::string utf8_prefix(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

int cmd_cases_open(GlobalOptions& g, const std::string& body) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::vector<store::ApplicationRow>> open = services::list_open_cases(**inst, body);
  if (!open) return fail(open.status());
  if (g.json) {
    json out = json::array();
    for (const auto& a : *open) out.push_back(case_json(a));
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  for (const auto& a : *open) {
    std::optional<domain::CaseStage> stage = domain::parse_stage(a.stage);
    std::printf("%s%s  %s  %s  %s\n", a.due_date.value_or("（计时中止）").c_str(), a.due_provisional ? "（暂定）" : "",
                a.number.c_str(), stage ? std::string(domain::stage_label(*stage)).c_str() : a.stage.c_str(),
                utf8_prefix(a.request, 60).c_str());
  }
  return kExitOk;
}

int cmd_cases_show(GlobalOptions& g, const std::string& number) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::CaseDeadline> d = services::case_deadline(**inst, number);
  if (!d) return fail(d.status());
  json out = case_json(d->application);
  if (d->deadline) {
    const domain::Derivation& how = d->deadline->derivation;
    json skipped = json::array();
    for (const auto& s : how.skipped) skipped.push_back({{"date", s.date.to_string()}, {"why", s.why}});
    json pauses = json::array();
    for (const auto& p : how.pauses) {
      pauses.push_back({{"from", p.pause.from.to_string()}, {"to", p.pause.to.to_string()}, {"why", p.pause.why},
                        {"working_days_not_counted", p.working_days_not_counted}});
    }
    out["deadline"] = {{"trigger", how.trigger.to_string()}, {"starts", how.starts.to_string()},
                       {"working_days", how.working_days},   {"due", d->deadline->due.to_string()},
                       {"provisional", how.provisional},     {"pauses", pauses},
                       {"skipped", skipped},                 {"notes", how.notes}};
  } else {
    out["deadline"] = nullptr;
    out["stopped_because"] = d->stopped_because;
  }
  if (g.json) {
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::cout << out.dump(2) << "\n";
  return kExitOk;
}

int cmd_cases_act(GlobalOptions& g, const std::string& number, const services::CaseAct& act) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  // Audited like the web's acts (services/case_work), by the operator at the command line.
  services::Actor actor = services::Actor::command_line(os_user());
  if (act.actor != "system") actor.label += " (" + act.actor + ")";
  Result<store::ApplicationRow> row = services::CaseWork(**inst).act(actor, number, act);
  if (!row) return fail(row.status());
  if (g.json) {
    std::cout << case_json(*row).dump() << "\n";
    return kExitOk;
  }
  std::printf("%s: %s, due %s\n", row->number.c_str(), row->stage.c_str(), row->due_date.value_or("-").c_str());
  return kExitOk;
}

json digest_cases_json(const std::vector<services::DigestCase>& cases, bool with_due) {
  json out = json::array();
  for (const services::DigestCase& c : cases) {
    json j = {{"number", c.number}, {"stage", c.stage}};
    if (with_due) {
      j["due_date"] = c.due_date;
      j["working_days_left"] = c.working_days_left;
    }
    if (!c.outcome.empty()) j["outcome"] = c.outcome;
    out.push_back(std::move(j));
  }
  return out;
}

std::string stage_text(const std::string& code) {
  std::optional<domain::CaseStage> s = domain::parse_stage(code);
  return s ? std::string(domain::stage_label(*s)) : code;
}

void print_digest_cases(const char* heading, const std::vector<services::DigestCase>& cases) {
  if (cases.empty()) return;
  std::printf("  %s：%zu 件\n", heading, cases.size());
  for (const services::DigestCase& c : cases) {
    std::string line = "    " + c.number + "  " + stage_text(c.stage);
    if (!c.mark.empty()) {
      line += "  期限 " + c.due_date + "  " + services::days_left_text(c.working_days_left);
    }
    if (!c.outcome.empty()) {
      const domain::Outcome* o = domain::find_outcome(c.outcome);
      line += "  " + (o ? std::string(o->group) + std::string(o->label) : c.outcome);
    }
    std::printf("%s\n", line.c_str());
  }
}

// `cases digest`: the red / yellow open cases per unit and the day before's arrivals and answers.
int cmd_cases_digest(GlobalOptions& g, const std::string& body_code, const std::string& date_text) {
  const std::string day = date_text.empty() ? china_today() : date_text;
  std::optional<domain::Date> date = domain::Date::parse(day);
  if (!date) return fail(Status::invalid("--date: '" + day + "' is not a real date (expected YYYY-MM-DD)"));
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  store::Transaction tx(**conn, store::TxMode::kRead);
  if (!tx.status()) return fail(tx.status());
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return fail(bodies.status());
  domain::BodyTree tree;
  std::optional<int64_t> root;
  for (const store::BodyRow& b : *bodies) {
    tree.add(b.id, b.parent_id);
    if (b.code == body_code) root = b.id;
  }
  if (!body_code.empty() && !root) return fail(Status::invalid("--body: no body has the code '" + body_code + "'"));
  Result<services::CaseDigest> digest = services::case_digest(
      **conn, *date, [&](int64_t body_id) { return !root || tree.within(body_id, *root); });
  if (!digest) return fail(digest.status());
  if (g.json) {
    json units = json::array();
    for (const services::DigestUnit& u : digest->units) {
      units.push_back({{"body", u.body_code},
                       {"name", u.body_name},
                       {"red", digest_cases_json(u.red, true)},
                       {"yellow", digest_cases_json(u.yellow, true)},
                       {"arrived", digest_cases_json(u.arrived, false)},
                       {"answered", digest_cases_json(u.answered, false)}});
    }
    std::cout << json{{"date", digest->date},
                      {"yesterday", digest->yesterday},
                      {"totals",
                       {{"red", digest->red}, {"yellow", digest->yellow}, {"arrived", digest->arrived},
                        {"answered", digest->answered}}},
                      {"units", units}}
                     .dump()
              << "\n";
    return kExitOk;
  }
  std::printf("依申请公开日报 %s（昨日：%s）\n", digest->date.c_str(), digest->yesterday.c_str());
  for (const services::DigestUnit& u : digest->units) {
    std::printf("\n%s（%s）\n", u.body_name.c_str(), u.body_code.c_str());
    print_digest_cases("红色（已超期或3个工作日内到期）", u.red);
    print_digest_cases("黄色（7个工作日内到期）", u.yellow);
    print_digest_cases("昨日收到", u.arrived);
    print_digest_cases("昨日答复", u.answered);
  }
  std::printf("\n合计：红色 %lld 件，黄色 %lld 件，昨日收到 %lld 件，昨日答复 %lld 件\n",
              static_cast<long long>(digest->red), static_cast<long long>(digest->yellow),
              static_cast<long long>(digest->arrived), static_cast<long long>(digest->answered));
  return kExitOk;
}

// `cases register`: an application received in person, by mail, fax or orally, entered at the command line.
int cmd_cases_register(GlobalOptions& g, services::NewApplication a, bool unsigned_mail) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  a.mail_signed_for = !unsigned_mail;
  Result<services::Registered> reg = services::CaseWork(**inst).register_case(services::Actor::command_line(os_user()), a);
  if (!reg) return fail(reg.status());
  if (g.json) {
    std::cout << json{{"number", reg->number}, {"query_code", reg->query_code}}.dump() << "\n";
    return kExitOk;
  }
  std::printf("registered %s; query code %s (give it to the applicant: it is shown only once)\n",
              reg->number.c_str(), reg->query_code.c_str());
  return kExitOk;
}

struct AssignArgs {
  std::string number;
  std::string handler;  // login
  std::string unit;     // body code, "" to leave the unit as it is
  std::string as;       // a staff login whose permissions apply, "" for the trusted operator
  std::string note;
};

// The rules behind CaseWork::assign's refusals, said in Chinese after its message: (start of the message, rule).
struct AssignRule {
  std::string_view message_start;
  const char* rule;
};
constexpr AssignRule kAssignRules[] = {
    {"no application has the number", "没有这个申请编号"},
    {"handler: no user has the login", "没有这个登录名的工作人员"},
    {"handler: the case is already", "分配没有变化"},
    {"handler:", "承办人须为在本案受理机构持有依申请公开办理权限（case.handle）的在职工作人员"},
    {"unit:", "承办单位须为本案受理机构或其下属机构"},
    {"permission denied", "--as 指定的工作人员在本案受理机构没有依申请公开办理权限（case.handle）"},
};

// `s` with the rule it enforces appended in Chinese when kAssignRules names one; other failures as they are.
Status with_assign_rule(const Status& s) {
  for (const AssignRule& r : kAssignRules) {
    if (!s.message().starts_with(r.message_start)) continue;
    const std::string message = s.message() + "（" + r.rule + "）";
    if (s.code() == StatusCode::kInvalid) return Status::invalid(message);
    if (s.code() == StatusCode::kNotFound) return Status::not_found(message);
    if (s.code() == StatusCode::kConflict) return Status::conflict(message);
    return s;
  }
  return s;
}

// The staff account `login` with its grants: the permissions `cases assign --as` acts with.
Result<services::User> staff_user(store::Connection& conn, const std::string& login) {
  Result<std::optional<store::UserRow>> row = store::find_user_by_login(conn, domain::normalize_login(login));
  if (!row) return row.status();
  if (!*row) return Status::invalid("--as: no user has the login '" + login + "'（没有这个登录名的工作人员）");
  Result<std::optional<services::User>> user = services::Accounts().load_user(conn, (*row)->id);
  if (!user) return user.status();
  if (!*user) return Status::invalid("--as: no user has the login '" + login + "'（没有这个登录名的工作人员）");
  return std::move(**user);
}

// `cases assign`: the case's handler and unit (承办人, 承办单位) through CaseWork::assign, the rules and audit
// entry of the web's assignment form. Without --as the operator is trusted (as for `cases act`); with it, the
// named staff member must hold case.handle on the case's body, and the audit names both.
int cmd_cases_assign(GlobalOptions& g, const AssignArgs& args) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return fail(conn.status());
  services::Actor actor = services::Actor::command_line(os_user());
  std::optional<services::User> as;
  if (!args.as.empty()) {
    Result<services::User> user = staff_user(**conn, args.as);
    if (!user) return fail(user.status());
    as = std::move(*user);
    actor.user = &*as;
    actor.label += " (as " + as->login + ")";
  }
  Status assigned = services::CaseWork(**inst).assign(actor, args.number, args.handler, args.unit, args.note);
  if (!assigned && as && assigned.code() == StatusCode::kNotFound) {
    // Outside the --as user's scope a case looks unknown (as on the web); the operator may know it exists.
    Result<std::optional<store::ApplicationRow>> exists = store::find_application_by_number(**conn, args.number);
    if (!exists) return fail(exists.status());
    if (*exists) {
      assigned = Status::conflict("permission denied: --as " + as->login + " does not hold case.handle on body " +
                                  (*exists)->body_code);
    }
  }
  if (!assigned) return fail(with_assign_rule(assigned));
  Result<std::optional<store::ApplicationRow>> row = store::find_application_by_number(**conn, args.number);
  if (!row) return fail(row.status());
  if (!*row) return fail(Status::internal("case " + args.number + " vanished after its assignment"));
  const store::ApplicationRow& a = **row;
  std::optional<store::UserRow> handler;
  if (a.handler_user_id) {
    Result<std::optional<store::UserRow>> found = store::find_user_by_id(**conn, *a.handler_user_id);
    if (!found) return fail(found.status());
    handler = std::move(*found);
  }
  std::optional<store::BodyRow> unit;
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return fail(bodies.status());
  for (const store::BodyRow& b : *bodies) {
    if (a.unit_body_id == b.id) unit = b;
  }
  if (g.json) {
    json out = case_json(a);
    out["handler"] = handler ? json{{"login", handler->login}, {"name", handler->display_name}} : json(nullptr);
    out["unit"] = unit ? json{{"body", unit->code}, {"name", unit->name}} : json(nullptr);
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::printf("%s: 承办人 %s，承办单位 %s\n", a.number.c_str(),
              handler ? (handler->display_name + "（" + handler->login + "）").c_str() : "未分配",
              unit ? (unit->name + "（" + unit->code + "）").c_str() : "未分配");
  return kExitOk;
}

}  // namespace

void register_case_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  // `import` is the group register_item_commands creates; this must run after it (main.cpp).
  CLI::App* import = app.get_subcommand("import");
  auto file = std::make_shared<std::string>();
  auto options = std::make_shared<services::ImportOptions>();
  CLI::App* apps = import->add_subcommand("applications", "disclosure-on-application cases (JSON Lines or CSV; all or nothing)");
  apps->add_option("FILE", *file, "the file to import")->required();
  apps->add_flag("--dry-run", options->dry_run, "check the file only");
  apps->callback([&, file, options] {
    chosen = [&, file, options] { return cmd_import(g, services::import_applications, "applications", *file, *options); };
  });
  CLI::App* reviews = import->add_subcommand("reviews", "reconsideration / litigation cases (JSON Lines or CSV; all or nothing)");
  reviews->add_option("FILE", *file, "the file to import")->required();
  reviews->add_flag("--dry-run", options->dry_run, "check the file only");
  reviews->callback([&, file, options] {
    chosen = [&, file, options] { return cmd_import(g, services::import_reviews, "reviews", *file, *options); };
  });

  CLI::App* calendar = app.add_subcommand("calendar", "the installation's holiday calendar");
  calendar->require_subcommand(1);
  CLI::App* cal_import = calendar->add_subcommand(
      "import", "load a holiday file (format of data/holidays-cn.txt); recomputes every open case's deadline");
  cal_import->add_option("FILE", *file, "the holiday file")->required();
  cal_import->callback([&, file] { chosen = [&, file] { return cmd_calendar_import(g, *file); }; });

  CLI::App* cases = app.add_subcommand("cases", "disclosure-on-application cases");
  cases->require_subcommand(1);
  auto body = std::make_shared<std::string>();
  CLI::App* open = cases->add_subcommand("open", "open cases by due date");
  open->add_option("--body", *body, "only this body's cases");
  open->callback([&, body] { chosen = [&, body] { return cmd_cases_open(g, *body); }; });
  auto digest_date = std::make_shared<std::string>();
  CLI::App* digest = cases->add_subcommand(
      "digest", "the daily digest: red / yellow open cases per unit, yesterday's arrivals and answers");
  digest->add_option("--body", *body, "only this body and the bodies below it");
  digest->add_option("--date", *digest_date, "the digest's day YYYY-MM-DD (default: today, China time)");
  digest->callback([&, body, digest_date] {
    chosen = [&, body, digest_date] { return cmd_cases_digest(g, *body, *digest_date); };
  });
  auto number = std::make_shared<std::string>();
  CLI::App* show = cases->add_subcommand("show", "a case with its deadline and how it was computed");
  show->add_option("NUMBER", *number, "the application number")->required();
  show->callback([&, number] { chosen = [&, number] { return cmd_cases_show(g, *number); }; });
  auto act = std::make_shared<services::CaseAct>();
  CLI::App* act_cmd = cases->add_subcommand("act", "record an act on a case (domain/case_state events)");
  act_cmd->add_option("NUMBER", *number, "the application number")->required();
  act_cmd->add_option("--kind", act->kind, "confirm, start_handling, request_correction, extend, decide, reply …")
      ->required();
  act_cmd->add_option("--date", act->on_date, "YYYY-MM-DD")->required();
  act_cmd->add_option("--days", act->days, "extend: working days (1-20)");
  act_cmd->add_option("--outcome", act->outcome, "decide: an outcome code");
  act_cmd->add_option("--detail", act->detail, "a note");
  act_cmd->add_option("--actor", act->actor, "who records it");
  act_cmd->callback([&, number, act] { chosen = [&, number, act] { return cmd_cases_act(g, *number, *act); }; });
  auto reg = std::make_shared<services::NewApplication>();
  auto unsigned_mail = std::make_shared<bool>(false);
  CLI::App* reg_cmd = cases->add_subcommand(
      "register", "register an application received in person, by mail, fax or orally (条例 Art. 29, 31)");
  reg_cmd->add_option("--body", reg->body_code, "the body applied to")->required();
  reg_cmd->add_option("--channel", reg->channel, "in_person, mail, fax, other (oral), online")->required();
  reg_cmd->add_option("--received", reg->received_date, "receipt date YYYY-MM-DD (Art. 31; fax/online may wait)");
  reg_cmd->add_flag("--unsigned-mail", *unsigned_mail, "mail: an ordinary letter, confirmed with the applicant");
  reg_cmd->add_option("--applicant-type", reg->applicant_type,
                      "natural_person, business, research, social_welfare, legal_service, other_org")
      ->required();
  reg_cmd->add_option("--name", reg->applicant_name, "applicant's name or organisation name");
  reg_cmd->add_option("--id-number", reg->id_number, "resident ID (GB 11643) or 统一社会信用代码 (GB 32100)");
  reg_cmd->add_option("--phone", reg->phone, "contact phone");
  reg_cmd->add_option("--address", reg->address, "postal address or e-mail");
  reg_cmd->add_option("--request", reg->request, "the information sought (name, 文号 or description)")->required();
  reg_cmd->add_option("--form", reg->form_wanted, "form wanted (纸质文本, 电子文档 …)");
  reg_cmd->add_option("--delivery", reg->delivery_wanted, "delivery wanted (邮寄, 电子邮件, 当面领取 …)");
  reg_cmd->add_option("--reference", reg->reference, "an external reference, unique per body");
  reg_cmd->callback([&, reg, unsigned_mail] {
    chosen = [&, reg, unsigned_mail] { return cmd_cases_register(g, *reg, *unsigned_mail); };
  });
  auto assign = std::make_shared<AssignArgs>();
  CLI::App* assign_cmd = cases->add_subcommand(
      "assign", "assign a case to a handler and unit (承办人, 承办单位), as the case page's assignment form does");
  assign_cmd->add_option("NUMBER", assign->number, "the application number")->required();
  assign_cmd->add_option("--handler", assign->handler,
                         "login of an active user holding case.handle on the case's body")
      ->required();
  assign_cmd->add_option("--unit", assign->unit, "body code of the unit: the case's body or one below it");
  assign_cmd->add_option("--as", assign->as,
                         "act with this staff login's permissions (needs case.handle on the case's body)");
  assign_cmd->add_option("--note", assign->note, "a note recorded with the assignment");
  assign_cmd->callback([&, assign] { chosen = [&, assign] { return cmd_cases_assign(g, *assign); }; });
}

}  // namespace gongkai::cli
