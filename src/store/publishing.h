// Repository of the publishing workflow (migration 006): workflow state per item, revisions, workflow events, the
// staff workspace's item listings and the field updates of drafts. All SQL for them lives here; callers hold the
// transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/items.h"

namespace gongkai::store {

struct WorkflowRow {
  int64_t item_id = 0;
  std::string state;
  std::optional<int64_t> author_id;
  int64_t revision = 1;
  std::string updated_at;
};

// The workflow row of `item_id`, or nullopt for items made outside the workflow (imports, the demo).
Result<std::optional<WorkflowRow>> find_workflow(Connection& conn, int64_t item_id);
// The item's workflow state: its item_workflow.state, else items.status; nullopt when there is no such item.
Result<std::optional<std::string>> item_state(Connection& conn, int64_t item_id);
// Inserts or replaces the workflow row of `row.item_id`.
Status upsert_workflow(Connection& conn, const WorkflowRow& row);

// Sets items.status (the public visibility: draft / published / withdrawn) and, when given, the 发布日期, and
// queues the item for the search index (it enters or leaves search).
Status set_item_visibility(Connection& conn, int64_t item_id, const std::string& status,
                           const std::optional<std::string>& publish_date, const std::string& now);
// Replaces the metadata and content of an item (not its body, index number or status) and its channels, and
// queues it for the search index.
Status update_item_fields(Connection& conn, const ItemRow& row, const std::vector<std::string>& channels,
                          const std::string& now);

struct RevisionRow {
  int64_t revision = 0;
  std::string author_label;  // the login, "" when unknown
  std::string created_at;
  std::string snapshot;  // JSON text
};
// Removes the link of interpretation `interpretation_id` to the document it explained (a draft that is no
// longer an interpretation, or names no document any more); nothing when it had none.
Status unlink_interpretation(Connection& conn, int64_t interpretation_id);

Status insert_revision(Connection& conn, int64_t item_id, int64_t revision, std::optional<int64_t> author_id,
                       const std::string& created_at, const std::string& snapshot);
// Revisions of the item, oldest first.
Result<std::vector<RevisionRow>> list_revisions(Connection& conn, int64_t item_id);

struct WorkflowEventRow {
  std::string at, actor_label, action;
  std::optional<std::string> from_state;
  std::string to_state;
  std::optional<std::string> comment;
};
Status insert_workflow_event(Connection& conn, int64_t item_id, const std::string& at,
                             std::optional<int64_t> actor_id, const WorkflowEventRow& event);
// Events of the item, oldest first.
Result<std::vector<WorkflowEventRow>> list_workflow_events(Connection& conn, int64_t item_id);

// A line of the staff item lists.
struct StaffItemSummary {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_name, title, state, publish_date, updated_at;
  std::optional<std::string> written_date, doc_number;
  std::optional<int64_t> author_id;
};

enum class StaffSort { kUpdated, kPublishDate, kTitle, kState };

struct StaffItemFilter {
  std::vector<int64_t> body_ids;  // required: the bodies the viewer may see (empty matches nothing)
  std::optional<std::string> state;
  std::optional<int64_t> author_id;
  std::optional<std::string> published_since;  // publish_date >= this (YYYY-MM-DD)
  bool written_date_only = false;              // only items with a 成文日期
  StaffSort sort = StaffSort::kUpdated;
  bool descending = true;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct StaffItemPage {
  int64_t total = 0;
  std::vector<StaffItemSummary> items;
};

Result<StaffItemPage> list_staff_items(Connection& conn, const StaffItemFilter& filter);

// (item id, body id) of the items in state `scheduled` whose publish_date is on or before `today`.
Result<std::vector<std::pair<int64_t, int64_t>>> scheduled_due(Connection& conn, const std::string& today);

}  // namespace gongkai::store

namespace gongkai::store {

// Moves the item from state `from` to `to` if it is in `from` now (a compare-and-set, safe against a concurrent
// move on both backends); an item without a workflow row gets one first, in the state of its items.status.
// Returns false, changing nothing, when the item is not in `from`.
Result<bool> move_workflow(Connection& conn, int64_t item_id, const std::string& from, const std::string& to,
                           const std::string& now);
// Raises the revision of an item in state `draft` by one and returns the new number; nullopt (changing nothing)
// when the item is not a draft.
Result<std::optional<int64_t>> next_draft_revision(Connection& conn, int64_t item_id, const std::string& now);

}  // namespace gongkai::store
