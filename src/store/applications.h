// Repository of disclosure-on-application cases (migration 007): applications, their append-only events and the
// serials of application numbers. Only SQL lives here; the rules are domain/case_state and domain/deadline, the
// orchestration services/applications.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

// One applications row. Optional columns are std::nullopt for NULL.
struct ApplicationRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_code;  // read only (joined from bodies)
  std::string number;
  std::string query_code_hash;
  std::string channel;
  std::optional<std::string> receipt_basis;
  std::string applicant_type;
  std::optional<std::string> applicant_name, id_kind, id_sealed, id_masked, phone, address;
  std::string request;
  std::optional<std::string> form_wanted, delivery_wanted;
  std::optional<std::string> received_date;
  std::string stage;
  bool correction_requested = false, extended = false, fee_requested = false;
  std::optional<std::string> outcome, decided_date, replied_date, due_date;
  bool due_provisional = false;
  std::optional<std::string> reference;
  // Assignment (migration 012): the handler (users.id) and the unit (承办单位, bodies.id); nullopt when unassigned.
  std::optional<int64_t> handler_user_id, unit_body_id;
};

struct ApplicationEventRow {
  int64_t application_id = 0;
  int64_t seq = 0;  // assigned by append_application_event
  std::string kind;
  std::string on_date;
  std::optional<int64_t> days;
  std::optional<std::string> outcome;
  std::string detail;
  std::string actor;
};

// The next serial of an application number for (body, year), starting at 1; serials are never reused. Call in a
// write transaction.
Result<int64_t> next_application_serial(Connection& conn, int64_t body_id, int year);

// Inserts `row` (id, body_code ignored) and returns its id. kConflict for a number or (body, reference) in use.
Result<int64_t> insert_application(Connection& conn, const ApplicationRow& row);

// Writes the case state columns of `row` (stage, flags, outcome, decided/replied/received dates, due date).
Status update_application_state(Connection& conn, const ApplicationRow& row);

// Sets the handler and unit of application `application_id` (nullopt clears one). Call in a write transaction;
// the rules (who may be a handler, which units) are services/case_work's.
Status assign_application(Connection& conn, int64_t application_id, std::optional<int64_t> handler_user_id,
                          std::optional<int64_t> unit_body_id);

// Takes the row lock of the application `number` until the transaction ends (PostgreSQL; SQLite's write
// transaction already excludes other writers), so that two acts on one case are applied one after the other.
Status lock_application(Connection& conn, const std::string& number);

// The application with `id` / `number`, or nullopt.
Result<std::optional<ApplicationRow>> find_application(Connection& conn, int64_t id);
Result<std::optional<ApplicationRow>> find_application_by_number(Connection& conn, const std::string& number);
// The id of the application of `body_id` with external `reference`, or nullopt.
Result<std::optional<int64_t>> find_application_by_reference(Connection& conn, int64_t body_id,
                                                             const std::string& reference);

// Open cases (received, not replied), by due date (cases without one last), then number; `body_id` 0 = all.
Result<std::vector<ApplicationRow>> list_open_applications(Connection& conn, int64_t body_id = 0);

// The cases still needing an act (every stage but archived and discarded): online submissions awaiting
// confirmation first, then by due date (cases without one last), then number; `body_id` 0 = all.
Result<std::vector<ApplicationRow>> list_unfinished_applications(Connection& conn, int64_t body_id = 0);

// The cases received or replied in calendar year `year` (either date in it), by number: the per-unit statistics.
Result<std::vector<ApplicationRow>> list_applications_of_year(Connection& conn, int year);

// Appends an event as the application's next seq and returns that seq.
Result<int64_t> append_application_event(Connection& conn, const ApplicationEventRow& event);
// The events of an application in seq order.
Result<std::vector<ApplicationEventRow>> list_application_events(Connection& conn, int64_t application_id);

// A supporting document an applicant sent with the application (migration 012), with its blob's type and size.
struct ApplicationAttachmentRow {
  int64_t position = 0;
  std::string file_name;
  std::string sha256;
  std::string mime_type;
  int64_t size_bytes = 0;
};

// Adds attachment `position` of application `application_id`; the blob row must exist. kConflict for a position
// in use. Call in a write transaction.
Status insert_application_attachment(Connection& conn, int64_t application_id, int64_t position,
                                     const std::string& file_name, const std::string& sha256);
// The attachments of an application in position order (empty for none or an unknown id).
Result<std::vector<ApplicationAttachmentRow>> list_application_attachments(Connection& conn, int64_t application_id);

// How many applications hold a sealed ID number.
Result<int64_t> count_sealed_ids(Connection& conn);

// Applications received in `year` (by receipt date) by the body, or by it and every body below it:
// applications_received and applications_<channel> for online, in_person, mail (spec/contracts.md keys).
Result<std::map<std::string, int64_t>> yearly_application_figures(Connection& conn, int64_t body_id,
                                                                  bool include_children, int year);

}  // namespace gongkai::store
