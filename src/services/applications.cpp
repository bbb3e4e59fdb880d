// Cases: validation with the domain rules, then the store; the state is always the table's, never hand-set.
#include "services/applications.h"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/clock.h"
#include "common/sha256.h"
#include "domain/case_state.h"
#include "domain/id_numbers.h"
#include "domain/outcomes.h"
#include "io/text_encoding.h"
#include "store/bodies.h"
#include "store/calendar.h"

namespace gongkai::services {
namespace {

using domain::CaseEventKind;
using domain::ClockEventKind;

// Which case events move the reply clock (条例 Art. 30, 32-34; 109号), by event code.
struct ClockMapping {
  std::string_view event_code;
  ClockEventKind clock;
};
constexpr ClockMapping kClockEvents[] = {
    {"request_correction", ClockEventKind::kCorrectionRequested},
    {"correction_received", ClockEventKind::kCorrectionReceived},
    {"extend", ClockEventKind::kExtended},
    {"consult_third_party", ClockEventKind::kThirdPartyConsulted},
    {"consult_co_producer", ClockEventKind::kCoProducerConsulted},
    {"consultation_answered", ClockEventKind::kConsultationAnswered},
    {"request_fee", ClockEventKind::kFeeNoticeSent},
    {"fee_paid", ClockEventKind::kFeePaid},
};

const ClockMapping* clock_mapping(std::string_view code) {
  for (const ClockMapping& m : kClockEvents) {
    if (m.event_code == code) return &m;
  }
  return nullptr;
}

// Rows that record notes beside the acts (a recomputed deadline, an assignment, the Art. 44 flag), dated the day
// they were written: they do not order the acts, so an act may still be recorded with an earlier legal date.
bool is_note(const store::ApplicationEventRow& e) {
  return e.kind == "deadline_changed" || e.kind == "assign" || e.kind == "art44";
}

std::string_view receipt_basis_code(domain::ReceiptEvent e) {
  switch (e) {
    case domain::ReceiptEvent::kHandedIn: return "handed_in";
    case domain::ReceiptEvent::kSignedFor: return "signed_for";
    case domain::ReceiptEvent::kConfirmedWithApplicant: return "confirmed_with_applicant";
    case domain::ReceiptEvent::kBothSidesConfirmed: return "both_sides_confirmed";
  }
  return "confirmed_with_applicant";
}

std::string trimmed(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<std::string> present(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

Result<domain::CaseState> state_of(const store::ApplicationRow& row) {
  std::optional<domain::CaseStage> stage = domain::parse_stage(row.stage);
  if (!stage) return Status::internal("application " + row.number + " has an unknown stage '" + row.stage + "'");
  domain::CaseState s;
  s.stage = *stage;
  s.correction_requested = row.correction_requested;
  s.extended = row.extended;
  s.fee_requested = row.fee_requested;
  if (row.outcome) {
    const domain::Outcome* o = domain::find_outcome(*row.outcome);
    if (!o) return Status::internal("application " + row.number + " has an unknown outcome '" + *row.outcome + "'");
    s.outcome = o->code;
  }
  return s;
}

void set_state(store::ApplicationRow& row, const domain::CaseState& s) {
  row.stage = std::string(domain::stage_code(s.stage));
  row.correction_requested = s.correction_requested;
  row.extended = s.extended;
  row.fee_requested = s.fee_requested;
  row.outcome = s.outcome.empty() ? std::nullopt : std::optional<std::string>(std::string(s.outcome));
}

domain::Date today_in_china() {
  return domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
}

}  // namespace

std::optional<domain::CaseClock> case_clock(const store::ApplicationRow& application,
                                            const std::vector<store::ApplicationEventRow>& events) {
  if (!application.received_date) return std::nullopt;
  std::optional<domain::Date> received = domain::Date::parse(*application.received_date);
  if (!received) return std::nullopt;
  domain::CaseClock clock;
  clock.received = *received;
  for (const store::ApplicationEventRow& e : events) {
    const ClockMapping* m = clock_mapping(e.kind);
    if (!m) continue;
    std::optional<domain::Date> on = domain::Date::parse(e.on_date);
    if (!on) continue;
    clock.events.push_back({m->clock, *on, static_cast<int>(e.days.value_or(0))});
  }
  return clock;
}

std::string new_query_code() {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string code;
  for (int char_idx = 0; char_idx < 10; ++char_idx) {
    code += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string query_code_hash(const std::string& code) { return sha256_hex("gongkai-query-code:" + code); }

std::vector<domain::FieldError> CaseDesk::check(const NewApplication& a) const {
  std::vector<domain::FieldError> errors;
  auto problem = [&](std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); };
  if (a.body_code.empty()) problem("body", "is required");
  const domain::ApplicationChannel* channel = domain::find_application_channel(a.channel);
  if (a.channel.empty()) {
    problem("channel", "is required");
  } else if (!channel) {
    problem("channel", "'" + a.channel + "' is not one of online, in_person, mail, fax, other");
  }
  const domain::ApplicantType* type = domain::find_applicant_type(a.applicant_type);
  if (a.applicant_type.empty()) {
    problem("applicant_type", "is required");
  } else if (!type) {
    problem("applicant_type", "'" + a.applicant_type +
                                  "' is not one of natural_person, business, research, social_welfare, "
                                  "legal_service, other_org");
  }
  if (trimmed(a.request).empty()) problem("request", "is required (条例第二十九条第（二）项)");

  std::optional<domain::Date> received;
  if (a.received_date.empty()) {
    // 条例 Art. 31（三）: an online or fax submission is received only when both sides confirm.
    if (channel && channel->receipt != domain::ReceiptEvent::kBothSidesConfirmed) {
      problem("received_date", "is required for channel " + a.channel + " (" + std::string(channel->rule) + ")");
    }
  } else {
    received = domain::Date::parse(a.received_date);
    if (!received) {
      problem("received_date", "'" + a.received_date + "' is not a real date (expected YYYY-MM-DD)");
    } else if (*received > today_) {
      problem("received_date", a.received_date + " is in the future");
    }
  }

  if (!a.id_number.empty() && type) {
    Status s = type->organisation ? domain::check_credit_code(a.id_number)
                                  : domain::check_resident_id(a.id_number, today_);
    if (!s) problem("id_number", s.message());
  }

  if (a.outcome.empty()) {
    if (!a.replied_date.empty()) problem("replied_date", "is given without an outcome");
    return errors;
  }
  if (!domain::find_outcome(a.outcome)) problem("outcome", "'" + a.outcome + "' is not an outcome code (spec/contracts.md)");
  if (a.replied_date.empty()) {
    problem("replied_date", "is required with an outcome");
    return errors;
  }
  std::optional<domain::Date> replied = domain::Date::parse(a.replied_date);
  if (!replied) {
    problem("replied_date", "'" + a.replied_date + "' is not a real date (expected YYYY-MM-DD)");
  } else if (a.received_date.empty()) {
    problem("received_date", "is required with an outcome");
  } else if (received && *replied < *received) {
    problem("replied_date", a.replied_date + " is before received_date " + a.received_date);
  } else if (*replied > today_) {
    problem("replied_date", a.replied_date + " is in the future");
  }
  return errors;
}

Result<Registered> CaseDesk::register_case(const NewApplication& a) {
  std::vector<domain::FieldError> errors = check(a);
  if (!errors.empty()) return Status::invalid(errors.front().field + ": " + errors.front().message);
  Result<std::optional<store::BodyRow>> body = store::find_body(conn_, a.body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("body: no body has the code '" + a.body_code + "' (see `gongkai bodies`)");
  if (!a.reference.empty()) {
    Result<std::optional<int64_t>> existing = store::find_application_by_reference(conn_, (*body)->id, a.reference);
    if (!existing) return existing.status();
    if (*existing) return Status::conflict("reference: " + a.reference + " is already used by " + a.body_code);
  }
  const domain::ApplicationChannel* channel = domain::find_application_channel(a.channel);
  const domain::ApplicantType* type = domain::find_applicant_type(a.applicant_type);

  store::ApplicationRow row;
  row.body_id = (*body)->id;
  row.body_code = a.body_code;
  row.channel = a.channel;
  row.applicant_type = a.applicant_type;
  row.applicant_name = present(trimmed(a.applicant_name));
  row.phone = present(trimmed(a.phone));
  row.address = present(trimmed(a.address));
  row.request = trimmed(a.request);
  row.form_wanted = present(a.form_wanted);
  row.delivery_wanted = present(a.delivery_wanted);
  row.reference = present(a.reference);
  row.received_date = present(a.received_date);
  if (!a.id_number.empty()) {
    Result<std::string> normal = type->organisation ? domain::normalize_credit_code(a.id_number)
                                                    : domain::normalize_resident_id(a.id_number, today_);
    if (!normal) return normal.status();
    row.id_kind = type->organisation ? "credit_code" : "resident_id";
    row.id_sealed = vault_.seal(*normal);
    row.id_masked = type->organisation ? domain::mask_credit_code(*normal) : domain::mask_resident_id(*normal);
  }
  const domain::ReceiptEvent basis =
      a.channel == "mail" && !a.mail_signed_for ? channel->receipt_unsigned : channel->receipt;

  domain::CaseState state = domain::initial_state(a.channel);
  if (row.received_date && state.stage == domain::CaseStage::kSubmitted) {
    Result<domain::CaseState> confirmed = domain::transition(state, {CaseEventKind::kConfirm});
    if (!confirmed) return confirmed.status();
    state = *confirmed;
  }
  if (row.received_date) row.receipt_basis = std::string(receipt_basis_code(basis));
  if (!a.outcome.empty()) {
    // Imported already answered: the table's path to this outcome is not in the file, so the state is set to
    // what that path ends in (replied, with the once-only flag the outcome implies).
    state.stage = domain::CaseStage::kReplied;
    state.outcome = domain::find_outcome(a.outcome)->code;
    state.correction_requested = a.outcome == "other.no_correction" || a.outcome == "unavailable.still_unclear";
    state.fee_requested = a.outcome == "other.no_fee";
    row.decided_date = a.replied_date;
    row.replied_date = a.replied_date;
  }
  set_state(row, state);

  const domain::Date number_day = row.received_date ? *domain::Date::parse(*row.received_date) : today_;
  Result<int64_t> serial = store::next_application_serial(conn_, row.body_id, number_day.year());
  if (!serial) return serial.status();
  char serial_text[16];
  std::snprintf(serial_text, sizeof serial_text, "%04lld", static_cast<long long>(*serial));
  row.number = a.body_code + "-" + std::to_string(number_day.year()) + "-" + serial_text;
  Registered out;
  out.number = row.number;
  out.query_code = new_query_code();
  row.query_code_hash = query_code_hash(out.query_code);

  Result<int64_t> id = store::insert_application(conn_, row);
  if (!id) return id.status();
  row.id = *id;
  out.id = *id;

  std::vector<store::ApplicationEventRow> events;
  store::ApplicationEventRow registered;
  registered.application_id = row.id;
  registered.kind = "register";
  registered.on_date = row.received_date.value_or(today_.to_string());
  registered.detail = row.received_date ? "收到申请（" + std::string(domain::receipt_event_label(basis)) + "）"
                                        : "网上提交，待双方确认（条例第三十一条第（三）项）";
  registered.actor = a.actor;
  events.push_back(registered);
  if (!a.outcome.empty()) {
    store::ApplicationEventRow imported;
    imported.application_id = row.id;
    imported.kind = "import";
    imported.on_date = a.replied_date;
    imported.outcome = a.outcome;
    imported.detail = "导入已办结的申请：" + std::string(domain::find_outcome(a.outcome)->label);
    imported.actor = a.actor;
    events.push_back(imported);
  }
  for (const store::ApplicationEventRow& e : events) {
    Result<int64_t> seq = store::append_application_event(conn_, e);
    if (!seq) return seq.status();
  }
  GK_RETURN_IF_ERROR(store_deadline(row, events));
  return out;
}

Status CaseDesk::store_deadline(store::ApplicationRow& row, const std::vector<store::ApplicationEventRow>& events) {
  Result<domain::CaseState> state = state_of(row);
  if (!state) return state.status();
  std::optional<domain::CaseClock> clock = case_clock(row, events);
  if (clock && domain::is_open(state->stage)) {
    Result<domain::Deadline> due = domain::reply_deadline(calendar_, *clock);
    if (due) {
      row.due_date = due->due.to_string();
      row.due_provisional = due->derivation.provisional;
    } else if (due.status().code() == StatusCode::kNotFound) {
      row.due_date.reset();  // the clock is stopped (补正 requested, not received)
      row.due_provisional = false;
    } else {
      return due.status().with_context("application " + row.number);
    }
  }
  return store::update_application_state(conn_, row);
}

Result<store::ApplicationRow> CaseDesk::apply(const std::string& number, const CaseAct& act) {
  GK_RETURN_IF_ERROR(store::lock_application(conn_, number));
  Result<std::optional<store::ApplicationRow>> found = store::find_application_by_number(conn_, number);
  if (!found) return found.status();
  if (!*found) return Status::not_found("no application has the number " + number);
  store::ApplicationRow row = **found;
  std::optional<CaseEventKind> kind = domain::parse_event(act.kind);
  if (!kind) return Status::invalid("kind: '" + act.kind + "' is not a case event (domain/case_state)");
  std::optional<domain::Date> on = domain::Date::parse(act.on_date);
  if (!on) return Status::invalid("date: '" + act.on_date + "' is not a real date (expected YYYY-MM-DD)");
  if (*on > today_) return Status::invalid("date: " + act.on_date + " is in the future");
  Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn_, row.id);
  if (!events) return events.status();
  for (const store::ApplicationEventRow& e : *events) {
    if (!is_note(e) && act.on_date < e.on_date) {
      return Status::invalid("date: " + act.on_date + " is before the case's " + e.kind + " of " + e.on_date);
    }
  }
  Result<domain::CaseState> state = state_of(row);
  if (!state) return state.status();
  domain::CaseEvent event{*kind};
  if (*kind == CaseEventKind::kDecide) event.outcome = act.outcome;
  Result<domain::CaseState> next = domain::transition(*state, event);
  if (!next) return next.status().with_context(number);
  const domain::ClockRules rules;
  if (*kind == CaseEventKind::kExtend && (act.days < 1 || act.days > rules.max_extension_days)) {
    return Status::invalid("days: an extension is 1 to " + std::to_string(rules.max_extension_days) +
                           " working days (条例第三十三条第二款), not " + std::to_string(act.days));
  }

  store::ApplicationEventRow e;
  e.application_id = row.id;
  e.kind = act.kind;
  e.on_date = act.on_date;
  if (*kind == CaseEventKind::kExtend) e.days = act.days;
  if (!next->outcome.empty() && next->outcome != state->outcome) e.outcome = std::string(next->outcome);
  e.detail = act.detail;
  e.actor = act.actor;
  std::vector<store::ApplicationEventRow> all = *events;
  all.push_back(e);

  set_state(row, *next);
  if (*kind == CaseEventKind::kConfirm) row.received_date = act.on_date;
  if (next->stage == domain::CaseStage::kDecided && state->stage != domain::CaseStage::kDecided) {
    row.decided_date = act.on_date;
  }
  if (*kind == CaseEventKind::kReply) row.replied_date = act.on_date;
  // The clock must accept the new event too (an extension after the deadline it extends is refused there).
  if (clock_mapping(act.kind)) {
    std::optional<domain::CaseClock> clock = case_clock(row, all);
    if (clock) {
      Result<domain::Deadline> due = domain::reply_deadline(calendar_, *clock);
      if (!due && due.status().code() != StatusCode::kNotFound) return due.status().with_context(number);
    }
  }
  Result<int64_t> seq = store::append_application_event(conn_, e);
  if (!seq) return seq.status();
  GK_RETURN_IF_ERROR(store_deadline(row, all));
  return row;
}

Result<CaseDeadline> CaseDesk::deadline(const store::ApplicationRow& application) {
  CaseDeadline out;
  out.application = application;
  Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn_, application.id);
  if (!events) return events.status();
  std::optional<domain::CaseClock> clock = case_clock(application, *events);
  if (!clock) {
    out.stopped_because = "not yet received: an online or fax submission awaiting confirmation (条例第三十一条)";
    return out;
  }
  Result<domain::Deadline> due = domain::reply_deadline(calendar_, *clock);
  if (!due && due.status().code() == StatusCode::kNotFound) {
    out.stopped_because = due.status().message();
    return out;
  }
  if (!due) return due.status().with_context("application " + application.number);
  out.deadline = std::move(*due);
  return out;
}

Result<std::vector<DeadlineChange>> CaseDesk::recompute_open(const std::string& why) {
  Result<std::vector<store::ApplicationRow>> open = store::list_open_applications(conn_);
  if (!open) return open.status();
  std::vector<DeadlineChange> changes;
  for (store::ApplicationRow row : *open) {
    Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(conn_, row.id);
    if (!events) return events.status();
    const std::optional<std::string> before = row.due_date;
    const bool was_provisional = row.due_provisional;
    GK_RETURN_IF_ERROR(store_deadline(row, *events));
    if (row.due_date == before && row.due_provisional == was_provisional) continue;
    store::ApplicationEventRow note;
    note.application_id = row.id;
    note.kind = "deadline_changed";
    note.on_date = today_.to_string();
    note.detail = "答复期限由 " + before.value_or("（无）") + (was_provisional ? "（暂定）" : "") + " 改为 " +
                  row.due_date.value_or("（无）") + (row.due_provisional ? "（暂定）" : "") + "：" + why;
    note.actor = "system";
    Result<int64_t> seq = store::append_application_event(conn_, note);
    if (!seq) return seq.status();
    changes.push_back({row.number, before, row.due_date, row.due_provisional});
  }
  return changes;
}

Result<IdVault> open_id_vault(const std::string& data_dir, store::Connection& conn) {
  std::error_code ec;
  if (!std::filesystem::exists(IdVault::key_path(data_dir), ec)) {
    Result<int64_t> sealed = store::count_sealed_ids(conn);
    if (!sealed) return sealed.status();
    if (*sealed > 0) {
      return Status::internal(IdVault::key_path(data_dir) + " is missing but " + std::to_string(*sealed) +
                              " applications hold ID numbers sealed with it; restore the key file from its backup "
                              "(docs/security.md)");
    }
  }
  return IdVault::open(data_dir);
}

Status with_case_desk(Installation& inst, store::TxMode mode,
                      const std::function<Status(CaseDesk&, store::Connection&, const IdVault&)>& work) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, mode);
  GK_RETURN_IF_ERROR(tx.status());
  Result<IdVault> vault = open_id_vault(inst.data_dir(), **conn);
  if (!vault) return vault.status();
  Result<domain::WorkCalendar> calendar = store::load_calendar(**conn);
  if (!calendar) return calendar.status();
  CaseDesk desk(**conn, *vault, *calendar, today_in_china());
  GK_RETURN_IF_ERROR(work(desk, **conn, *vault));
  if (mode == store::TxMode::kWrite) return tx.commit();
  return Status::ok();
}

namespace {

// with_case_desk for a `work` that returns a Result<T>.
template <typename T, typename Work>
Result<T> with_desk(Installation& inst, Work work) {
  std::optional<Result<T>> out;
  Status s = with_case_desk(inst, store::TxMode::kWrite,
                            [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Status {
                              out.emplace(work(desk, conn));
                              return out->status();
                            });
  if (!s) return s;
  return std::move(*out);
}

}  // namespace

Result<Registered> register_application(Installation& inst, const NewApplication& a) {
  return with_desk<Registered>(inst, [&](CaseDesk& desk, store::Connection&) { return desk.register_case(a); });
}

Result<store::ApplicationRow> record_case_act(Installation& inst, const std::string& number, const CaseAct& act) {
  return with_desk<store::ApplicationRow>(
      inst, [&](CaseDesk& desk, store::Connection&) { return desk.apply(number, act); });
}

Result<CaseDeadline> case_deadline(Installation& inst, const std::string& number) {
  return with_desk<CaseDeadline>(inst, [&](CaseDesk& desk, store::Connection& conn) -> Result<CaseDeadline> {
    Result<std::optional<store::ApplicationRow>> row = store::find_application_by_number(conn, number);
    if (!row) return row.status();
    if (!*row) return Status::not_found("no application has the number " + number);
    return desk.deadline(**row);
  });
}

Result<std::vector<store::ApplicationRow>> list_open_cases(Installation& inst, const std::string& body_code) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  int64_t body_id = 0;
  if (!body_code.empty()) {
    Result<std::optional<store::BodyRow>> body = store::find_body(**conn, body_code);
    if (!body) return body.status();
    if (!*body) return Status::invalid("no body has the code '" + body_code + "' (see `gongkai bodies`)");
    body_id = (*body)->id;
  }
  return store::list_open_applications(**conn, body_id);
}

Result<CalendarImportReport> import_calendar_file(Installation& inst, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid("cannot read " + path + ": no such file or not readable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Result<io::DecodedText> text = io::decode_to_utf8(buffer.str(), path);
  if (!text) return text.status();
  Result<std::vector<domain::CalendarEntry>> entries = domain::parse_calendar(text->utf8, path);
  if (!entries) return entries.status();
  if (entries->empty()) return Status::invalid(path + ": no calendar entries");
  std::set<int> years;
  for (const domain::CalendarEntry& e : *entries) years.insert(e.day.year());

  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<IdVault> vault = open_id_vault(inst.data_dir(), **conn);
  if (!vault) return vault.status();
  GK_RETURN_IF_ERROR(store::replace_calendar_years(**conn, *entries));
  Result<domain::WorkCalendar> calendar = store::load_calendar(**conn);
  if (!calendar) return calendar.status();
  CaseDesk desk(**conn, *vault, *calendar, today_in_china());
  std::string year_list;
  for (int year : years) year_list += (year_list.empty() ? "" : "、") + std::to_string(year);
  const std::string why = "节假日日历更新（" + year_list + "年）";
  Result<std::vector<DeadlineChange>> changes = desk.recompute_open(why);
  if (!changes) return changes.status();
  GK_RETURN_IF_ERROR(tx.commit());
  CalendarImportReport report;
  report.years.assign(years.begin(), years.end());
  report.changes = std::move(*changes);
  return report;
}

}  // namespace gongkai::services
