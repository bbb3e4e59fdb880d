// The staff side of disclosure on application on the web: the open cases of a user's scope by deadline with their
// red / yellow marks, one case with its deadline derivation, history and the acts the transition table allows,
// the acts themselves, staff registration of in-person / mail / fax / oral applications, and the one audited
// reveal of an ID number. Every write checks the role on the case's body (domain/roles: case.handle), runs in
// one transaction with its audit entry (services/audit), and goes through CaseDesk (services/applications).
//
// Scope: a user sees the cases of the bodies where they hold case.handle or case.supervise; a case outside it is
// reported exactly like one that does not exist (kNotFound), so guessed numbers reveal nothing.
//
// Thread safety: const methods callable from many threads; each call opens its own connection.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/case_state.h"
#include "domain/letters.h"
#include "services/accounts.h"
#include "services/application_files.h"
#include "services/applications.h"
#include "services/audit.h"
#include "services/installation.h"
#include "store/bodies.h"
#include "store/case_letters.h"

namespace gongkai::services {

// 条例 Art. 33 supervision marks: red when overdue or due within this many working days, yellow within the next.
inline constexpr int kRedWithinWorkingDays = 3;
inline constexpr int kYellowWithinWorkingDays = 7;

struct OpenCase {
  store::ApplicationRow row;  // the ID number only masked
  std::string body_name;
  std::string handler_name;  // "" when unassigned: display name of row.handler_user_id
  std::string unit_name;     // "" when unassigned: name of row.unit_body_id
  std::optional<int> working_days_left;  // negative when overdue; nullopt without a due date
  std::string mark;                      // "red", "yellow" or ""
};

struct CaseFilter {
  std::string body_code;  // "" for the whole scope
  int64_t handler_user_id = 0;  // > 0: only the cases assigned to this user ("mine")
  std::string stage;      // a stage code, "" for every open stage
  std::string mark;       // "red", "yellow" or ""
  int page = 1;
  int page_size = 20;
};

struct OpenCasePage {
  std::vector<OpenCase> cases;
  int64_t total = 0;  // matching cases in all pages
};

// A staff member a case may be assigned to: an active user holding case.handle on the case's body.
struct Assignee {
  int64_t user_id = 0;
  std::string login;
  std::string display_name;
};

struct CaseView {
  OpenCase open;  // row + marks (working_days_left also for closed cases without marks)
  std::vector<store::ApplicationEventRow> events;
  CaseDeadline deadline;
  std::vector<domain::CaseEventKind> allowed;  // acts the transition table allows now
  bool can_handle = false;                     // case.handle on the case's body
  std::vector<Assignee> handlers;              // who the case may be assigned to (when can_handle)
  std::vector<store::BodyRow> units;           // the units it may be assigned to: its body and those below
  std::vector<store::ApplicationAttachmentRow> attachments;  // the files the applicant sent (staff only)
};

// What `working_days_left` says to people: "已超期2个工作日", "今天到期", "剩余5个工作日"; "" for nullopt.
std::string days_left_text(std::optional<int> working_days_left);
// The mark for `working_days_left`: "red", "yellow" or "".
std::string deadline_mark(std::optional<int> working_days_left);
// Working days from `today` to `due`: 0 when due today, positive ahead, negative when overdue.
int working_days_left(const domain::WorkCalendar& calendar, domain::Date today, domain::Date due);

class CaseWork {
 public:
  // `inst` must outlive the object; `clock` gives audit times (tests fake it).
  CaseWork(Installation& inst, Clock clock = system_clock()) : inst_(inst), clock_(std::move(clock)) {}

  // The open cases of `user`'s scope by due date, filtered and paged.
  Result<OpenCasePage> open_cases(const User& user, const CaseFilter& filter) const;
  // One case, or kNotFound (also outside the scope).
  Result<CaseView> view(const User& user, const std::string& number) const;
  // The bodies where `user` holds `action`.
  Result<std::vector<store::BodyRow>> bodies_for(const User& user, std::string_view action) const;

  // Applies `act` (its actor is set from `actor`). kNotFound outside the scope; a permission denial without
  // case.handle on the body; CaseDesk's refusals otherwise. Audited as "case.<kind>". An actor without a user is
  // the operator at the command line (`gongkai cases act`): trusted, audited the same way.
  Result<store::ApplicationRow> act(const Actor& actor, const std::string& number, CaseAct act) const;
  // Registers a case received in person, by mail, fax or orally (channel other) with `files`, the scanned pages
  // of the paper application, stored on the case as the online form's are (services/application_files: checked
  // and written to the content store first, recorded in the case's transaction). A permission denial without
  // case.handle on a.body_code; kInvalid "attachments: …" for a refused file; CaseDesk's refusals otherwise.
  // Audited as "case.register" (with the files' names and digests). An actor without a user is the command
  // line, as for act().
  Result<Registered> register_case(const Actor& actor, NewApplication a,
                                   const std::vector<ApplicationFile>& files = {}) const;
  // Assigns case `number` to handler `handler_login` and unit `unit_code` (承办单位). The handler must be an active
  // user holding case.handle on the case's body (the login compared in its normal form), the unit the case's body
  // or a body below it (kInvalid otherwise: "handler: no user has the login …", "handler: … is not an active case
  // handler …", "unit: …"); an empty login or code leaves that part as it is. Needs case.handle on the body;
  // kNotFound outside the scope. Writes an event "assign" on the case and audits "case.assign" (before/after).
  Status assign(const Actor& actor, const std::string& number, const std::string& handler_login,
                const std::string& unit_code, const std::string& note) const;
  // Flags case `number` under 条例 Art. 44 (information many applicants ask for, to be considered for proactive
  // disclosure) with `note`; an event "art44" on the case, audited as "case.art44". Refusals as for act().
  Status flag_art44(const Actor& actor, const std::string& number, const std::string& note) const;
  // Attachment `position` of case `number` and the path of its file in the content store; kNotFound outside the
  // scope or for no such attachment.
  Result<std::pair<store::ApplicationAttachmentRow, std::string>> attachment(const User& user, const std::string& number,
                                                                             int64_t position) const;
  // Letters (domain/letters, migration 010). Every version of every letter of the case; kNotFound outside the scope.
  Result<std::vector<store::CaseLetterRow>> letters(const User& user, const std::string& number) const;
  // The text to edit for letter `kind`: its latest saved version, else the draft generated from the case and its
  // acts (the 补正 note, the extension, the consultation, the fee, the decision and its basis). kInvalid for an
  // unknown kind or a reply letter before a decision.
  Result<domain::LetterDraft> letter_draft(const User& user, const std::string& number, const std::string& kind) const;
  // Saves `title`/`body` as the next version of letter `kind`; with `send`, as the sent version dated today.
  // Needs case.handle; kInvalid for an unknown kind or an empty title or body. Audited as "case.letter_save" /
  // "case.letter_send". Returns the version.
  Result<int64_t> save_letter(const Actor& actor, const std::string& number, const std::string& kind,
                              const std::string& title, const std::string& body, bool send) const;

  // The whole ID number of case `number`, audited as "case.reveal_id" with `reason` (required, kInvalid when
  // empty). kNotFound outside the scope or when the case has none; a denial without case.handle.
  Result<std::string> reveal_id(const Actor& actor, const std::string& number, const std::string& reason) const;

 private:
  Installation& inst_;
  Clock clock_;
};

}  // namespace gongkai::services
