// Staff case handling: scope, permission, CaseDesk and the audit entry in one transaction.
#include "services/case_work.h"

#include <algorithm>
#include <map>

#include "common/clock.h"
#include "domain/outcomes.h"
#include "domain/password_policy.h"
#include "domain/roles.h"
#include "store/accounts.h"
#include "store/calendar.h"

namespace gongkai::services {
namespace {

domain::Date today_in_china() {
  return domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
}

bool may_see(const User& user, int64_t body_id) {
  return authorize(user, "case.handle", body_id) || authorize(user, "case.supervise", body_id);
}

AuditActor audit_actor(const Actor& actor) {
  AuditActor a;
  if (actor.user) a.user_id = actor.user->id;
  a.label = actor.label;
  a.remote_addr = actor.remote_addr;
  return a;
}

// The row as the audit log keeps it: never the sealed ID number, never the query code's hash.
nlohmann::json case_json(const store::ApplicationRow& r) {
  nlohmann::json j = {{"number", r.number}, {"stage", r.stage}, {"channel", r.channel},
                      {"applicant_type", r.applicant_type}};
  if (r.received_date) j["received_date"] = *r.received_date;
  if (r.due_date) j["due_date"] = *r.due_date;
  if (r.outcome) j["outcome"] = *r.outcome;
  if (r.replied_date) j["replied_date"] = *r.replied_date;
  j["correction_requested"] = r.correction_requested;
  j["extended"] = r.extended;
  j["fee_requested"] = r.fee_requested;
  if (r.handler_user_id) j["handler_user_id"] = *r.handler_user_id;
  if (r.unit_body_id) j["unit_body_id"] = *r.unit_body_id;
  return j;
}

domain::BodyTree body_tree(const std::vector<store::BodyRow>& bodies) {
  domain::BodyTree tree;
  for (const store::BodyRow& b : bodies) tree.add(b.id, b.parent_id);
  return tree;
}

// The active users holding case.handle on `body_id`, by login.
Result<std::vector<Assignee>> handlers_of(store::Connection& conn, const std::vector<store::BodyRow>& bodies,
                                          int64_t body_id) {
  Result<std::vector<store::UserRow>> users = store::list_users(conn);
  if (!users) return users.status();
  Result<std::vector<store::GrantRow>> grants = store::list_grants(conn, std::nullopt);
  if (!grants) return grants.status();
  const domain::BodyTree tree = body_tree(bodies);
  std::vector<Assignee> out;
  for (const store::UserRow& u : *users) {
    std::vector<domain::Grant> held;
    for (const store::GrantRow& g : *grants) {
      if (g.user_id == u.id) held.push_back({g.role, g.body_id});
    }
    if (domain::authorize(!u.disabled_at, held, tree, "case.handle", body_id)) {
      out.push_back({u.id, u.login, u.display_name});
    }
  }
  return out;
}

// The units a case of `body_id` may be assigned to: that body and every body below it, in list order.
std::vector<store::BodyRow> units_of(const std::vector<store::BodyRow>& bodies, int64_t body_id) {
  const domain::BodyTree tree = body_tree(bodies);
  std::vector<store::BodyRow> out;
  for (const store::BodyRow& b : bodies) {
    if (tree.within(b.id, body_id)) out.push_back(b);
  }
  return out;
}

std::string body_name_of(const std::vector<store::BodyRow>& bodies, std::optional<int64_t> id) {
  for (const store::BodyRow& b : bodies) {
    if (id && b.id == *id) return b.name;
  }
  return "";
}

// Display names of users by id (for the handler column).
Result<std::map<int64_t, std::string>> user_names(store::Connection& conn) {
  Result<std::vector<store::UserRow>> users = store::list_users(conn);
  if (!users) return users.status();
  std::map<int64_t, std::string> out;
  for (const store::UserRow& u : *users) out[u.id] = u.display_name;
  return out;
}

// with_case_desk for a `work` that returns a Result<T> (its audit entry is its last statement).
template <typename T, typename Work>
Result<T> in_desk(Installation& inst, store::TxMode mode, Work work) {
  std::optional<Result<T>> out;
  Status s = with_case_desk(inst, mode, [&](CaseDesk& desk, store::Connection& conn, const IdVault& vault) -> Status {
    out.emplace(work(desk, conn, vault));
    return out->status();
  });
  if (!s) return s;
  return std::move(*out);
}

Result<store::ApplicationRow> visible_case(store::Connection& conn, const User& user, const std::string& number) {
  Result<std::optional<store::ApplicationRow>> row = store::find_application_by_number(conn, number);
  if (!row) return row.status();
  if (!*row || !may_see(user, (*row)->body_id)) return Status::not_found("no application has the number " + number);
  return **row;
}

// Appends the note `kind` (an application_events row beside the acts, dated today) with `detail` to case `row`,
// and its audit entry "case.<kind>" with `before` / `after`.
Status record_note(store::Connection& conn, const Actor& actor, const store::ApplicationRow& row, const std::string& kind,
                   const std::string& detail, nlohmann::json before, nlohmann::json after, std::chrono::sys_seconds at) {
  store::ApplicationEventRow e;
  e.application_id = row.id;
  e.kind = kind;
  e.on_date = today_in_china().to_string();
  e.detail = detail;
  e.actor = actor.label;
  Result<int64_t> seq = store::append_application_event(conn, e);
  if (!seq) return seq.status();
  AuditEvent a;
  a.actor = audit_actor(actor);
  a.action = "case." + kind;
  a.entity_type = "application";
  a.entity_id = row.number;
  a.body_id = row.body_id;
  a.before = std::move(before);
  a.after = std::move(after);
  return append_audit(conn, a, at).status();
}

// The case `number` for `actor`: for a signed-in user as visible_case plus case.handle on its body (a denial
// otherwise); the operator at the command line (no user) is trusted, as for account changes.
Result<store::ApplicationRow> actor_case(store::Connection& conn, const Actor& actor, const std::string& number) {
  if (!actor.user) {
    Result<std::optional<store::ApplicationRow>> row = store::find_application_by_number(conn, number);
    if (!row) return row.status();
    if (!*row) return Status::not_found("no application has the number " + number);
    return **row;
  }
  Result<store::ApplicationRow> row = visible_case(conn, *actor.user, number);
  if (!row) return row.status();
  GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", row->body_id));
  return row;
}

}  // namespace

int working_days_left(const domain::WorkCalendar& calendar, domain::Date today, domain::Date due) {
  if (due == today) return 0;
  int count = 0;
  if (due > today) {
    for (domain::Date d = today.plus_days(1); d <= due; d = d.plus_days(1)) count += calendar.is_working_day(d) ? 1 : 0;
    return count;
  }
  for (domain::Date d = due.plus_days(1); d <= today; d = d.plus_days(1)) count += calendar.is_working_day(d) ? 1 : 0;
  return -std::max(count, 1);
}

std::string days_left_text(std::optional<int> left) {
  if (!left) return "";
  if (*left < 0) return "已超期" + std::to_string(-*left) + "个工作日";
  if (*left == 0) return "今天到期";
  return "剩余" + std::to_string(*left) + "个工作日";
}

std::string deadline_mark(std::optional<int> left) {
  if (!left) return "";
  if (*left <= kRedWithinWorkingDays) return "red";
  if (*left <= kYellowWithinWorkingDays) return "yellow";
  return "";
}

Result<std::vector<store::BodyRow>> CaseWork::bodies_for(const User& user, std::string_view action) const {
  Result<std::unique_ptr<store::Connection>> conn = inst_.connect();
  if (!conn) return conn.status();
  Result<std::vector<store::BodyRow>> all = store::list_bodies(**conn);
  if (!all) return all.status();
  std::vector<store::BodyRow> out;
  for (const store::BodyRow& b : *all) {
    if (authorize(user, action, b.id)) out.push_back(b);
  }
  return out;
}

Result<OpenCasePage> CaseWork::open_cases(const User& user, const CaseFilter& filter) const {
  Result<std::unique_ptr<store::Connection>> conn = inst_.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<domain::WorkCalendar> calendar = store::load_calendar(**conn);
  if (!calendar) return calendar.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  Result<std::vector<store::ApplicationRow>> rows = store::list_unfinished_applications(**conn);
  if (!rows) return rows.status();
  Result<std::map<int64_t, std::string>> names = user_names(**conn);
  if (!names) return names.status();
  const domain::Date today = today_in_china();
  OpenCasePage out;
  const int64_t first = int64_t{std::max(filter.page, 1) - 1} * filter.page_size;
  for (store::ApplicationRow& row : *rows) {
    if (!may_see(user, row.body_id)) continue;
    if (!filter.body_code.empty() && row.body_code != filter.body_code) continue;
    if (!filter.stage.empty() && row.stage != filter.stage) continue;
    if (filter.handler_user_id > 0 && row.handler_user_id != filter.handler_user_id) continue;
    OpenCase c;
    std::optional<domain::CaseStage> stage = domain::parse_stage(row.stage);
    if (row.due_date && stage && domain::is_open(*stage)) {
      if (std::optional<domain::Date> due = domain::Date::parse(*row.due_date)) {
        c.working_days_left = working_days_left(*calendar, today, *due);
      }
    }
    c.mark = deadline_mark(c.working_days_left);
    if (!filter.mark.empty() && c.mark != filter.mark) continue;
    c.body_name = body_name_of(*bodies, row.body_id);
    c.unit_name = body_name_of(*bodies, row.unit_body_id);
    if (row.handler_user_id && names->contains(*row.handler_user_id)) c.handler_name = names->at(*row.handler_user_id);
    row.id_sealed.reset();
    c.row = std::move(row);
    if (out.total >= first && out.total < first + filter.page_size) out.cases.push_back(std::move(c));
    ++out.total;
  }
  return out;
}

Result<CaseView> CaseWork::view(const User& user, const std::string& number) const {
  return in_desk<CaseView>(inst_, store::TxMode::kRead, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Result<CaseView> {
    Result<store::ApplicationRow> row = visible_case(conn, user, number);
    if (!row) return row.status();
    CaseView v;
    Result<CaseDeadline> deadline = desk.deadline(*row);
    if (!deadline) return deadline.status();
    v.deadline = std::move(*deadline);
    Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn, row->id);
    if (!events) return events.status();
    v.events = std::move(*events);
    Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
    if (!bodies) return bodies.status();
    v.open.body_name = body_name_of(*bodies, row->body_id);
    v.open.unit_name = body_name_of(*bodies, row->unit_body_id);
    if (row->handler_user_id) {
      Result<std::optional<store::UserRow>> handler = store::find_user_by_id(conn, *row->handler_user_id);
      if (!handler) return handler.status();
      if (*handler) v.open.handler_name = (*handler)->display_name;
    }
    Result<domain::WorkCalendar> calendar = store::load_calendar(conn);
    if (!calendar) return calendar.status();
    std::optional<domain::CaseStage> stage = domain::parse_stage(row->stage);
    if (row->due_date && stage && domain::is_open(*stage)) {
      if (std::optional<domain::Date> due = domain::Date::parse(*row->due_date)) {
        v.open.working_days_left = working_days_left(*calendar, today_in_china(), *due);
      }
    }
    v.open.mark = deadline_mark(v.open.working_days_left);
    v.can_handle = static_cast<bool>(authorize(user, "case.handle", row->body_id));
    if (v.can_handle) {
      Result<std::vector<Assignee>> handlers = handlers_of(conn, *bodies, row->body_id);
      if (!handlers) return handlers.status();
      v.handlers = std::move(*handlers);
      v.units = units_of(*bodies, row->body_id);
    }
    // What the table allows now: every event tried on the current state (a decision with a sample outcome).
    domain::CaseState state;
    if (stage) state.stage = *stage;
    state.correction_requested = row->correction_requested;
    state.extended = row->extended;
    state.fee_requested = row->fee_requested;
    if (row->outcome) {
      if (const domain::Outcome* o = domain::find_outcome(*row->outcome)) state.outcome = o->code;
    }
    for (int kind_idx = 0; kind_idx <= static_cast<int>(domain::CaseEventKind::kArchive); ++kind_idx) {
      const auto kind = static_cast<domain::CaseEventKind>(kind_idx);
      domain::CaseEvent e{kind, kind == domain::CaseEventKind::kDecide ? "granted" : ""};
      if (domain::transition(state, e)) v.allowed.push_back(kind);
    }
    Result<std::vector<store::ApplicationAttachmentRow>> attachments = store::list_application_attachments(conn, row->id);
    if (!attachments) return attachments.status();
    v.attachments = std::move(*attachments);
    row->id_sealed.reset();
    v.open.row = std::move(*row);
    return v;
  });
}

Result<store::ApplicationRow> CaseWork::act(const Actor& actor, const std::string& number, CaseAct act) const {
  return in_desk<store::ApplicationRow>(
      inst_, store::TxMode::kWrite, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Result<store::ApplicationRow> {
        GK_RETURN_IF_ERROR(store::lock_application(conn, number));
        Result<store::ApplicationRow> before = actor_case(conn, actor, number);
        if (!before) return before.status();
        act.actor = actor.label;
        // 条例 Art. 33 ¶2: an extension needs the approval of the head of the disclosure office; record who.
        if (act.kind == "extend" && act.detail.find_first_not_of(" \t\r\n") == std::string::npos) {
          return Status::invalid("detail: an extension needs the approval recorded (条例第三十三条第二款)");
        }
        if (act.kind == "decide" && act.detail.find_first_not_of(" \t\r\n") == std::string::npos) {
          return Status::invalid("detail: a decision needs its legal basis (条例第三十六条至第三十九条)");
        }
        Result<store::ApplicationRow> after = desk.apply(number, act);
        if (!after) return after.status();
        AuditEvent e;
        e.actor = audit_actor(actor);
        e.action = "case." + act.kind;
        e.entity_type = "application";
        e.entity_id = number;
        e.body_id = before->body_id;
        e.before = case_json(*before);
        e.after = case_json(*after);
        e.after["act"] = {{"kind", act.kind}, {"on_date", act.on_date}, {"detail", act.detail}};
        if (act.days) e.after["act"]["days"] = act.days;
        if (!act.outcome.empty()) e.after["act"]["outcome"] = act.outcome;
        Result<int64_t> audited = append_audit(conn, e, clock_());
        if (!audited) return audited.status();
        return after;
      });
}

Status CaseWork::assign(const Actor& actor, const std::string& number, const std::string& handler_login,
                        const std::string& unit_code, const std::string& note) const {
  if (handler_login.empty() && unit_code.empty()) return Status::invalid("handler: choose a handler or a unit");
  Result<bool> done = in_desk<bool>(
      inst_, store::TxMode::kWrite, [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<bool> {
        GK_RETURN_IF_ERROR(store::lock_application(conn, number));
        Result<store::ApplicationRow> before = actor_case(conn, actor, number);
        if (!before) return before.status();
        Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
        if (!bodies) return bodies.status();
        store::ApplicationRow after = *before;
        std::string handler_text;
        if (!handler_login.empty()) {
          const std::string login = domain::normalize_login(handler_login);
          Result<std::vector<Assignee>> handlers = handlers_of(conn, *bodies, before->body_id);
          if (!handlers) return handlers.status();
          auto it = std::find_if(handlers->begin(), handlers->end(), [&](const Assignee& a) { return a.login == login; });
          if (it == handlers->end()) {
            Result<std::optional<store::UserRow>> user = store::find_user_by_login(conn, login);
            if (!user) return user.status();
            if (!*user) return Status::invalid("handler: no user has the login '" + login + "'");
            return Status::invalid("handler: '" + login + "' is not an active case handler of this body");
          }
          after.handler_user_id = it->user_id;
          handler_text = "承办人：" + it->display_name + "（" + it->login + "）";
        }
        std::string unit_text;
        if (!unit_code.empty()) {
          const std::vector<store::BodyRow> units = units_of(*bodies, before->body_id);
          auto it = std::find_if(units.begin(), units.end(), [&](const store::BodyRow& b) { return b.code == unit_code; });
          if (it == units.end()) return Status::invalid("unit: '" + unit_code + "' is not this body or a body below it");
          after.unit_body_id = it->id;
          unit_text = "承办单位：" + it->name;
        }
        if (after.handler_user_id == before->handler_user_id && after.unit_body_id == before->unit_body_id) {
          return Status::invalid("handler: the case is already assigned so");
        }
        GK_RETURN_IF_ERROR(store::assign_application(conn, before->id, after.handler_user_id, after.unit_body_id));
        nlohmann::json audit_after = case_json(after);
        if (!note.empty()) audit_after["note"] = note.substr(0, 500);
        GK_RETURN_IF_ERROR(record_note(conn, actor, *before, "assign",
                                       unit_text + (unit_text.empty() || handler_text.empty() ? "" : "；") +
                                           handler_text + (note.empty() ? std::string() : "；" + note.substr(0, 500)),
                                       case_json(*before), audit_after, clock_()));
        return true;
      });
  return done.status();
}

Status CaseWork::flag_art44(const Actor& actor, const std::string& number, const std::string& note) const {
  if (!actor.user) return Status::internal("CaseWork::flag_art44 needs a signed-in user");
  Result<bool> done = in_desk<bool>(
      inst_, store::TxMode::kWrite, [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<bool> {
        Result<store::ApplicationRow> row = visible_case(conn, *actor.user, number);
        if (!row) return row.status();
        GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", row->body_id));
        GK_RETURN_IF_ERROR(record_note(
            conn, actor, *row, "art44",
            "建议纳入主动公开范围（条例第四十四条）" + (note.empty() ? std::string() : "：" + note.substr(0, 1000)),
            nullptr, {{"note", note.substr(0, 1000)}}, clock_()));
        return true;
      });
  return done.status();
}

Result<Registered> CaseWork::register_case(const Actor& actor, NewApplication a,
                                           const std::vector<ApplicationFile>& files) const {
  Result<std::vector<StoredApplicationFile>> stored = store_application_files(inst_.attachments_dir(), files);
  if (!stored) return stored.status();
  return in_desk<Registered>(inst_, store::TxMode::kWrite, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Result<Registered> {
    Result<std::optional<store::BodyRow>> body = store::find_body(conn, a.body_code);
    if (!body) return body.status();
    if (!*body) return Status::invalid("body: no body has the code '" + a.body_code + "'");
    if (actor.user) GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", (*body)->id));
    a.actor = actor.label;
    Result<Registered> reg = desk.register_case(a);
    if (!reg) return reg.status();
    GK_RETURN_IF_ERROR(attach_application_files(conn, reg->id, *stored));
    Result<std::optional<store::ApplicationRow>> row = store::find_application(conn, reg->id);
    if (!row) return row.status();
    AuditEvent e;
    e.actor = audit_actor(actor);
    e.action = "case.register";
    e.entity_type = "application";
    e.entity_id = reg->number;
    e.body_id = (*body)->id;
    if (*row) e.after = case_json(**row);
    for (const StoredApplicationFile& f : *stored) {
      e.after["attachments"].push_back({{"file_name", f.file_name}, {"sha256", f.sha256}});
    }
    Result<int64_t> audited = append_audit(conn, e, clock_());
    if (!audited) return audited.status();
    return reg;
  });
}

Result<std::string> CaseWork::reveal_id(const Actor& actor, const std::string& number,
                                        const std::string& reason) const {
  if (!actor.user) return Status::internal("CaseWork::reveal_id needs a signed-in user");
  return in_desk<std::string>(
      inst_, store::TxMode::kWrite, [&](CaseDesk&, store::Connection& conn, const IdVault& vault) -> Result<std::string> {
        Result<store::ApplicationRow> row = visible_case(conn, *actor.user, number);
        if (!row) return row.status();
        GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", row->body_id));
        if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
          return Status::invalid("reason: say why the whole number is needed (it is recorded in the audit log)");
        }
        if (!row->id_sealed) return Status::not_found("application " + number + " holds no ID number");
        Result<std::string> plain = vault.unseal(*row->id_sealed);
        if (!plain) return plain.status();
        AuditEvent e;
        e.actor = audit_actor(actor);
        e.action = "case.reveal_id";
        e.entity_type = "application";
        e.entity_id = number;
        e.body_id = row->body_id;
        e.after = {{"id_masked", row->id_masked.value_or("")}, {"reason", reason.substr(0, 500)}};
        Result<int64_t> audited = append_audit(conn, e, clock_());
        if (!audited) return audited.status();
        return *plain;
      });
}

namespace {

// The act whose note fills each letter.
constexpr std::pair<std::string_view, std::string_view> kLetterActs[] = {
    {"correction", "request_correction"}, {"extension", "extend"},    {"consult_third_party", "consult_third_party"},
    {"consult_co_producer", "consult_co_producer"}, {"fee", "request_fee"}, {"reply", "decide"},
};

}  // namespace

Result<std::pair<store::ApplicationAttachmentRow, std::string>> CaseWork::attachment(const User& user,
                                                                                   const std::string& number,
                                                                                   int64_t position) const {
  using Found = std::pair<store::ApplicationAttachmentRow, std::string>;
  return in_desk<Found>(inst_, store::TxMode::kRead, [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<Found> {
    Result<store::ApplicationRow> row = visible_case(conn, user, number);
    if (!row) return row.status();
    Result<std::vector<store::ApplicationAttachmentRow>> all = store::list_application_attachments(conn, row->id);
    if (!all) return all.status();
    for (const store::ApplicationAttachmentRow& a : *all) {
      if (a.position == position) return Found{a, inst_.attachments_dir() + "/" + a.sha256.substr(0, 2) + "/" + a.sha256};
    }
    return Status::not_found("application " + number + " has no attachment " + std::to_string(position));
  });
}

Result<std::vector<store::CaseLetterRow>> CaseWork::letters(const User& user, const std::string& number) const {
  return in_desk<std::vector<store::CaseLetterRow>>(
      inst_, store::TxMode::kRead,
      [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<std::vector<store::CaseLetterRow>> {
        Result<store::ApplicationRow> row = visible_case(conn, user, number);
        if (!row) return row.status();
        return store::list_case_letters(conn, row->id);
      });
}

Result<domain::LetterDraft> CaseWork::letter_draft(const User& user, const std::string& number,
                                                   const std::string& kind) const {
  if (!domain::find_letter_kind(kind)) return Status::invalid("kind: '" + kind + "' is not a letter (domain/letters)");
  return in_desk<domain::LetterDraft>(
      inst_, store::TxMode::kRead,
      [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<domain::LetterDraft> {
        Result<store::ApplicationRow> row = visible_case(conn, user, number);
        if (!row) return row.status();
        Result<std::vector<store::CaseLetterRow>> saved = store::list_case_letters(conn, row->id);
        if (!saved) return saved.status();
        for (auto it = saved->rbegin(); it != saved->rend(); ++it) {
          if (it->kind == kind) return domain::LetterDraft{it->title, it->body};
        }
        domain::LetterFacts f;
        Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
        if (!bodies) return bodies.status();
        for (const store::BodyRow& b : *bodies) {
          if (b.id == row->body_id) f.body_name = b.name;
        }
        f.number = row->number;
        f.applicant_name = row->applicant_name.value_or("");
        f.received_date = row->received_date.value_or("");
        f.request = row->request;
        f.due_date = row->due_date.value_or("");
        f.outcome = row->outcome.value_or("");
        f.issued_on = today_in_china().to_string();
        Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn, row->id);
        if (!events) return events.status();
        for (const auto& [letter, act_kind] : kLetterActs) {
          if (letter != kind) continue;
          for (const store::ApplicationEventRow& e : *events) {
            if (e.kind != act_kind) continue;
            f.detail = e.detail;
            f.extension_days = static_cast<int>(e.days.value_or(0));
          }
        }
        std::optional<domain::LetterDraft> d = domain::draft_letter(kind, f);
        if (!d) return Status::invalid("kind: a reply letter needs the decision first");
        return *d;
      });
}

Result<int64_t> CaseWork::save_letter(const Actor& actor, const std::string& number, const std::string& kind,
                                      const std::string& title, const std::string& body, bool send) const {
  if (!actor.user) return Status::internal("CaseWork::save_letter needs a signed-in user");
  if (!domain::find_letter_kind(kind)) return Status::invalid("kind: '" + kind + "' is not a letter (domain/letters)");
  if (title.find_first_not_of(" \t\r\n") == std::string::npos || body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::invalid("letter: the title and the text are required");
  }
  if (title.size() > 300 || body.size() > 60000) return Status::invalid("letter: too long");
  return in_desk<int64_t>(
      inst_, store::TxMode::kWrite, [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<int64_t> {
        Result<store::ApplicationRow> row = visible_case(conn, *actor.user, number);
        if (!row) return row.status();
        GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", row->body_id));
        store::CaseLetterRow l;
        l.application_id = row->id;
        l.kind = kind;
        l.title = title;
        l.body = body;
        l.sent = send;
        if (send) l.sent_on = today_in_china().to_string();
        l.author = actor.label;
        Result<int64_t> version = store::insert_case_letter(conn, l);
        if (!version) return version.status();
        AuditEvent e;
        e.actor = audit_actor(actor);
        e.action = send ? "case.letter_send" : "case.letter_save";
        e.entity_type = "application";
        e.entity_id = number;
        e.body_id = row->body_id;
        e.after = {{"kind", kind}, {"version", *version}, {"title", title}, {"body", body}};
        Result<int64_t> audited = append_audit(conn, e, clock_());
        if (!audited) return audited.status();
        return *version;
      });
}

}  // namespace gongkai::services
