// Online applications and tracking: the form becomes a NewApplication; tracking compares hashes in constant time.
#include "services/case_intake.h"

#include <sodium.h>

#include "common/clock.h"
#include "domain/case_state.h"
#include "domain/outcomes.h"
#include "store/bodies.h"

namespace gongkai::services {
namespace {

std::string trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string choice_label(std::span<const domain::FormChoice> choices, const std::string& code) {
  const domain::FormChoice* c = domain::find_choice(choices, code);
  return c ? std::string(c->label) : code;
}

}  // namespace

std::string request_text(const domain::ApplicationForm& form) {
  std::string text = trim(form.request);
  if (!trim(form.doc_number).empty()) text += "\n文号：" + trim(form.doc_number);
  return text;
}

Result<Registered> submit_online_application(Installation& inst, const domain::ApplicationForm& form,
                                             const std::vector<ApplicationFile>& files) {
  const domain::Date today = domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
  std::vector<domain::FieldError> errors = domain::check_application_form(form, today);
  if (!errors.empty()) return Status::invalid(errors.front().field + ": " + errors.front().message);
  // Files first (an orphan file after a failure is harmless), then the case and its rows in one transaction.
  Result<std::vector<StoredApplicationFile>> stored = store_application_files(inst.attachments_dir(), files);
  if (!stored) return stored.status();
  NewApplication a;
  a.body_code = trim(form.body_code);
  a.channel = "online";
  a.applicant_type = form.applicant_type;
  a.applicant_name = trim(form.applicant_name);
  a.id_number = trim(form.id_number);
  a.phone = trim(form.phone);
  a.address = trim(form.address);
  a.request = request_text(form);
  a.form_wanted = choice_label(domain::form_wanted_choices(), form.form_wanted);
  a.delivery_wanted = choice_label(domain::delivery_wanted_choices(), form.delivery_wanted);
  a.actor = "online";
  // received_date stays empty: 条例 Art. 31（三）, received on the day both sides confirm.
  std::optional<Result<Registered>> out;
  Status s = with_case_desk(inst, store::TxMode::kWrite, [&](CaseDesk& desk, store::Connection& conn, const IdVault&) -> Status {
    out.emplace(desk.register_case(a));
    if (!*out) return out->status();
    return attach_application_files(conn, (*out)->id, *stored);
  });
  if (!s) return s;
  return std::move(*out);
}

Result<std::optional<TrackedCase>> track_application(Installation& inst, const std::string& number,
                                                     const std::string& query_code) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  std::optional<store::ApplicationRow> row;
  if (number.size() <= 100) {
    Result<std::optional<store::ApplicationRow>> found = store::find_application_by_number(**conn, trim(number));
    if (!found) return found.status();
    row = std::move(*found);
  }
  // Codes are shown in upper case; people type them as they like.
  std::string code = trim(query_code).substr(0, 100);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string given = query_code_hash(code);
  // An unknown number is compared against a hash no code has, so both failures cost the same.
  const std::string expected = row ? row->query_code_hash : std::string(given.size(), 'x');
  const bool match = expected.size() == given.size() &&
                     sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
  if (!row || !match) return std::optional<TrackedCase>();
  TrackedCase t;
  t.number = row->number;
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  for (const store::BodyRow& b : *bodies) {
    if (b.id == row->body_id) t.body_name = b.name;
  }
  t.stage = row->stage;
  std::optional<domain::CaseStage> stage = domain::parse_stage(row->stage);
  t.stage_label = stage ? std::string(domain::stage_label(*stage)) : row->stage;
  t.received_date = row->received_date;
  if (stage && domain::is_open(*stage)) t.due_date = row->due_date;
  t.replied_date = row->replied_date;
  if (row->replied_date && row->outcome) {
    if (const domain::Outcome* o = domain::find_outcome(*row->outcome)) {
      t.outcome_label = std::string(o->group) + (o->group.empty() ? "" : " ") + std::string(o->label);
    }
  }
  return std::optional<TrackedCase>(std::move(t));
}

}  // namespace gongkai::services
