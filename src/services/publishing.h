// The publishing workflow of the staff workspace: drafting and editing items (every save keeps a revision),
// moving them through review to publication (domain/workflow.h is the transition table), withdrawing and
// taking them offline, and what a staff member sees: their items, their queue, and late publications
// (条例 Art. 26). Every change appends an audit entry with before/after in the same transaction.
//
// Scope: a user sees the items of the bodies where they hold any item permission (domain/roles.h); an item
// outside that scope is reported exactly like an item that does not exist (kNotFound), so guessed ids reveal
// nothing. Inside the scope, a move the user's roles do not allow is a permission denial
// (domain::is_permission_denied).
//
// Thread safety: const methods, callable from many threads at once, each with its own connection. Connections
// passed in must not be inside a transaction: each operation runs its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/item.h"
#include "domain/workflow.h"
#include "services/accounts.h"
#include "store/bodies.h"
#include "store/portal.h"
#include "store/publishing.h"

namespace gongkai::services {

// An item as the staff item page shows it.
struct StaffItemView {
  store::ItemDetail detail;
  std::string state;
  std::optional<int64_t> author_id;
  int64_t revision = 0;
  std::vector<store::WorkflowEventRow> events;
  std::vector<store::RevisionRow> revisions;
  // 条例 Art. 26: working days from 成文日期 to the publish date (or to today while unpublished), when the item
  // has a 成文日期; `late` when that exceeds 20.
  std::optional<int> art26_working_days;
  bool late = false;
  std::vector<const domain::WorkflowAction*> allowed;  // the moves this user may make now
  bool editable = false;                               // this user may edit it now
};

struct LateItem {
  store::StaffItemSummary item;
  int working_days = 0;
};

struct Dashboard {
  std::vector<store::StaffItemSummary> my_drafts;   // drafted by me, in state draft
  std::vector<store::StaffItemSummary> to_review;   // submitted, in bodies where I may review
  std::vector<store::StaffItemSummary> to_publish;  // approved, in bodies where I may publish
  std::vector<LateItem> late;                       // published in the last year more than 20 working days late
};

// The snapshot of an item kept in item_revisions and in the audit log (member names = ItemRecord fields).
nlohmann::json item_snapshot(const domain::ItemRecord& record);
// The revision-diff text of a snapshot: one "label：value" line per metadata field, then the content lines.
std::vector<std::string> snapshot_lines(const std::string& snapshot_json);

class Publishing {
 public:
  // `attachments_dir`: the installation's content store (services::Installation::attachments_dir()).
  explicit Publishing(std::string attachments_dir, Clock clock = system_clock());

  // Creates a draft from `record` (validated: domain::validate_item, the body, the column path). Returns the
  // new id. Failures: kInvalid with `*errors` filled (field, message); a permission denial without item.draft
  // on the body.
  Result<int64_t> create_draft(store::Connection& conn, const User& user, const domain::ItemRecord& record,
                               const std::string& remote_addr, std::vector<domain::FieldError>* errors) const;
  // Saves a new revision of a draft (its body cannot change). kNotFound outside the scope; kConflict when the
  // item is no longer a draft; otherwise as create_draft.
  Status update_draft(store::Connection& conn, const User& user, int64_t item_id, const domain::ItemRecord& record,
                      const std::string& remote_addr, std::vector<domain::FieldError>* errors) const;
  // Does workflow action `action` (submit, approve, return, publish, cancel, withdraw, unpublish) and returns
  // the new state. kNotFound outside the scope; a permission denial without the action's permission or for an
  // author approving their own item; kConflict when the action does not apply to the current state (e.g. a
  // concurrent move got there first); kInvalid for a missing comment.
  Result<std::string> act(store::Connection& conn, const User& user, int64_t item_id, const std::string& action,
                          const std::string& comment, const std::string& remote_addr) const;
  // Publishes every scheduled item whose publish date has come (China time); returns how many. The system is
  // the actor in the audit log.
  Result<int> release_due(store::Connection& conn) const;

  // The item for `user`, or nullopt when it does not exist or lies outside their scope.
  Result<std::optional<StaffItemView>> view(store::Connection& conn, const User& user, int64_t item_id) const;
  // The items of the user's scope; filter.body_ids is narrowed to the scope (all of it when empty).
  Result<store::StaffItemPage> list(store::Connection& conn, const User& user, store::StaffItemFilter filter) const;
  Result<Dashboard> dashboard(store::Connection& conn, const User& user) const;
  // The bodies on which `user` may do `action` (e.g. item.draft for the body choice of the form).
  Result<std::vector<store::BodyRow>> bodies_for(store::Connection& conn, const User& user,
                                                 std::string_view action) const;
  // Ids of the bodies where `user` holds any item permission.
  Result<std::vector<int64_t>> scope(store::Connection& conn, const User& user) const;

  // Today in China time (from the clock), YYYY-MM-DD.
  std::string today() const;

 private:
  Result<domain::ItemRecord> record_of(store::Connection& conn, int64_t item_id) const;

  std::string attachments_dir_;
  Clock clock_;
};

}  // namespace gongkai::services
