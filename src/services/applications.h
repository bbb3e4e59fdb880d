// Disclosure-on-application cases (依申请公开, 条例 Art. 27-39): registering a case, recording what happens to it
// through domain/case_state's transition table, its reply deadline from domain/deadline with the installation's
// calendar, the open cases by due date, and a calendar update that recomputes every open deadline.
//
// CaseDesk works inside a transaction its caller owns (imports and the demo write many cases in one); the free
// functions below open their own write transaction and commit only when every check passed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/deadline.h"
#include "domain/item.h"
#include "services/id_vault.h"
#include "services/installation.h"
#include "store/applications.h"

namespace gongkai::services {

// A case as a person or an import gives it. Empty strings are absent fields.
struct NewApplication {
  std::string body_code;
  std::string channel;             // online, in_person, mail, fax, other (domain/outcomes)
  bool mail_signed_for = true;     // mail: registered post signed for (Art. 31（二）); false: an ordinary letter
  std::string applicant_type;      // natural_person, business, research, social_welfare, legal_service, other_org
  std::string applicant_name, id_number, phone, address;
  std::string request;             // Art. 29（二）
  std::string form_wanted, delivery_wanted;  // Art. 29（三）
  std::string received_date;       // Art. 31; may be empty only for online / fax (awaiting both sides' confirmation)
  std::string outcome;             // a case imported already decided: its outcome code …
  std::string replied_date;        // … and the date of the reply (required with outcome)
  std::string reference;           // external id, unique per body
  std::string actor = "system";
};

struct Registered {
  int64_t id = 0;
  std::string number;      // 申请编号 "<body code>-<year>-<serial:4>"
  std::string query_code;  // given to the applicant once (接收回执); only its hash is stored
};

// One act on a case: an event code of domain/case_state (confirm, start_handling, request_correction, extend,
// decide, reply …) on a date.
struct CaseAct {
  std::string kind;
  std::string on_date;     // YYYY-MM-DD, not before the case's previous act nor after today
  int days = 0;            // extend: working days (1-20, 条例 Art. 33)
  std::string outcome;     // decide: an outcome code
  std::string detail;
  std::string actor = "system";
};

// The reply deadline of a case and how it was derived; nullopt deadline while the clock is stopped (a correction
// requested and not yet received) or before receipt.
struct CaseDeadline {
  store::ApplicationRow application;
  std::optional<domain::Deadline> deadline;
  std::string stopped_because;  // why there is no deadline, when there is none
};

struct DeadlineChange {
  std::string number;
  std::optional<std::string> from, to;
  bool provisional = false;
};

class CaseDesk {
 public:
  // `conn` must stay in a write transaction while the desk writes; `today` bounds dates (no act in the future).
  CaseDesk(store::Connection& conn, const IdVault& vault, const domain::WorkCalendar& calendar, domain::Date today)
      : conn_(conn), vault_(vault), calendar_(calendar), today_(today) {}

  // The problems of `a` that need no database: required fields, vocabularies, strict dates, the ID checksum for a
  // natural person (GB 11643-1999) and the credit code for an organisation (GB 32100-2015) when given, the receipt
  // rule of the channel, outcome with replied_date not before received_date and not in the future.
  std::vector<domain::FieldError> check(const NewApplication& a) const;

  // Registers `a` (check() first; kInvalid with the first problem otherwise; kInvalid for an unknown body;
  // kConflict for a reference the body already uses). A case with outcome is stored replied; one without is open
  // with its reply deadline computed.
  Result<Registered> register_case(const NewApplication& a);

  // Applies `act` to the case `number` through domain::transition and recomputes its deadline. Refused with
  // nothing written: kNotFound for an unknown number, kConflict for a transition the table does not have or a
  // repeated once-only act, kInvalid for a bad date, an act dated before the previous one, or a bad outcome.
  Result<store::ApplicationRow> apply(const std::string& number, const CaseAct& act);

  // The deadline of a case recomputed from its stored events with this desk's calendar.
  Result<CaseDeadline> deadline(const store::ApplicationRow& application);

  // Recomputes the deadline of every open case; each one that moved is updated and gets a 'deadline_changed'
  // event saying from and to, dated today.
  Result<std::vector<DeadlineChange>> recompute_open(const std::string& why);

 private:
  Status store_deadline(store::ApplicationRow& row, const std::vector<store::ApplicationEventRow>& events);

  store::Connection& conn_;
  const IdVault& vault_;
  const domain::WorkCalendar& calendar_;
  domain::Date today_;
};

// The domain clock of a case: its receipt date and the clock-moving events among `events` (correction, extension,
// consultation, fee). nullopt when the case has not been received.
std::optional<domain::CaseClock> case_clock(const store::ApplicationRow& application,
                                            const std::vector<store::ApplicationEventRow>& events);

// The random query code given to an applicant (10 characters from an alphabet without 0/O, 1/I/L) and its
// stored hash.
std::string new_query_code();
std::string query_code_hash(const std::string& code);

// The ID vault of `data_dir` for the database behind `conn`. Refuses (internal) to create a new key file when the
// database already holds sealed numbers: they were sealed under a key that is missing and must be restored.
Result<IdVault> open_id_vault(const std::string& data_dir, store::Connection& conn);

// Runs `work` with a CaseDesk (today = china_today(), the installation's calendar and ID vault) in one
// transaction of `mode` on a fresh connection; a write transaction is committed when `work` returns OK and
// rolled back otherwise. Returns work's failure, or the store's.
Status with_case_desk(Installation& inst, store::TxMode mode,
                      const std::function<Status(CaseDesk&, store::Connection&, const IdVault&)>& work);

// One-transaction wrappers over CaseDesk for the CLI (today = china_today()).
Result<Registered> register_application(Installation& inst, const NewApplication& a);
Result<store::ApplicationRow> record_case_act(Installation& inst, const std::string& number, const CaseAct& act);
Result<CaseDeadline> case_deadline(Installation& inst, const std::string& number);
// Open cases by due date; `body_code` empty for all bodies.
Result<std::vector<store::ApplicationRow>> list_open_cases(Installation& inst, const std::string& body_code);

struct CalendarImportReport {
  std::vector<int> years;  // the years the file loaded (replacing what was stored for them)
  std::vector<DeadlineChange> changes;
};
// `gongkai calendar import FILE`: parses the holiday file (domain::parse_calendar format), replaces its years,
// and recomputes every open case's deadline, recording each change — all in one transaction.
Result<CalendarImportReport> import_calendar_file(Installation& inst, const std::string& path);

}  // namespace gongkai::services
