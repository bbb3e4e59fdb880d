// Staff case handling: scope, permission, CaseDesk and the audit entry in one transaction.
#include "services/case_work.h"

#include "common/clock.h"
#include "domain/outcomes.h"
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
  return j;
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
  const domain::Date today = today_in_china();
  OpenCasePage out;
  const int64_t first = int64_t{std::max(filter.page, 1) - 1} * filter.page_size;
  for (store::ApplicationRow& row : *rows) {
    if (!may_see(user, row.body_id)) continue;
    if (!filter.body_code.empty() && row.body_code != filter.body_code) continue;
    if (!filter.stage.empty() && row.stage != filter.stage) continue;
    OpenCase c;
    std::optional<domain::CaseStage> stage = domain::parse_stage(row.stage);
    if (row.due_date && stage && domain::is_open(*stage)) {
      if (std::optional<domain::Date> due = domain::Date::parse(*row.due_date)) {
        c.working_days_left = working_days_left(*calendar, today, *due);
      }
    }
    c.mark = deadline_mark(c.working_days_left);
    if (!filter.mark.empty() && c.mark != filter.mark) continue;
    for (const store::BodyRow& b : *bodies) {
      if (b.id == row.body_id) c.body_name = b.name;
    }
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
    for (const store::BodyRow& b : *bodies) {
      if (b.id == row->body_id) v.open.body_name = b.name;
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
    row->id_sealed.reset();
    v.open.row = std::move(*row);
    return v;
  });
}

Result<store::ApplicationRow> CaseWork::act(const Actor& actor, const std::string& number, CaseAct act) const {
  if (!actor.user) return Status::internal("CaseWork::act needs a signed-in user");
  return in_desk<store::ApplicationRow>(
      inst_, store::TxMode::kWrite, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Result<store::ApplicationRow> {
        Result<store::ApplicationRow> before = visible_case(conn, *actor.user, number);
        if (!before) return before.status();
        GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", before->body_id));
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

Status CaseWork::flag_art44(const Actor& actor, const std::string& number, const std::string& note) const {
  if (!actor.user) return Status::internal("CaseWork::flag_art44 needs a signed-in user");
  Result<bool> done = in_desk<bool>(
      inst_, store::TxMode::kWrite, [&](CaseDesk&, store::Connection& conn, const IdVault&) -> Result<bool> {
        Result<store::ApplicationRow> row = visible_case(conn, *actor.user, number);
        if (!row) return row.status();
        GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", row->body_id));
        store::ApplicationEventRow e;
        e.application_id = row->id;
        e.kind = "art44";
        e.on_date = today_in_china().to_string();
        e.detail = "建议纳入主动公开范围（条例第四十四条）" + (note.empty() ? std::string() : "：" + note.substr(0, 1000));
        e.actor = actor.label;
        Result<int64_t> seq = store::append_application_event(conn, e);
        if (!seq) return seq.status();
        AuditEvent a;
        a.actor = audit_actor(actor);
        a.action = "case.art44";
        a.entity_type = "application";
        a.entity_id = number;
        a.body_id = row->body_id;
        a.after = {{"note", note.substr(0, 1000)}};
        Result<int64_t> audited = append_audit(conn, a, clock_());
        if (!audited) return audited.status();
        return true;
      });
  return done.status();
}

Result<Registered> CaseWork::register_case(const Actor& actor, NewApplication a) const {
  if (!actor.user) return Status::internal("CaseWork::register_case needs a signed-in user");
  return in_desk<Registered>(inst_, store::TxMode::kWrite, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Result<Registered> {
    Result<std::optional<store::BodyRow>> body = store::find_body(conn, a.body_code);
    if (!body) return body.status();
    if (!*body) return Status::invalid("body: no body has the code '" + a.body_code + "'");
    GK_RETURN_IF_ERROR(authorize(*actor.user, "case.handle", (*body)->id));
    a.actor = actor.label;
    Result<Registered> reg = desk.register_case(a);
    if (!reg) return reg.status();
    Result<std::optional<store::ApplicationRow>> row = store::find_application(conn, reg->id);
    if (!row) return row.status();
    AuditEvent e;
    e.actor = audit_actor(actor);
    e.action = "case.register";
    e.entity_type = "application";
    e.entity_id = reg->number;
    e.body_id = (*body)->id;
    if (*row) e.after = case_json(**row);
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
