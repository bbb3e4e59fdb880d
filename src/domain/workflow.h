// The publishing workflow of an information item as data: its states, the actions that move it between them, the
// permission each action needs, and how each state shows on the public site. Also the Art. 26 lateness rule.
// 《政府信息公开条例》Art. 26: information is published within 20 working days of being produced or changed.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/calendar.h"
#include "domain/date.h"

namespace gongkai::domain {

// A workflow state (item_workflow.state; items made outside the workflow take theirs from items.status).
struct WorkflowState {
  std::string_view code;        // draft, submitted, approved, scheduled, published, withdrawn, unpublished
  std::string_view label;       // what staff pages show
  std::string_view visibility;  // items.status while in this state: draft (not public), published, withdrawn
  bool editable;                // whether the content may be changed in this state
};

// One allowed move. `to` of the publish action is "published", or "scheduled" when its date lies ahead.
struct WorkflowAction {
  std::string_view code;        // submit, approve, return, publish, withdraw, unpublish, release
  std::string_view label;       // the button
  std::string_view from;        // the state it starts from
  std::string_view to;          // the state it leads to
  std::string_view permission;  // domain/roles action code; "" for the system (release of scheduled items)
  bool needs_comment;           // return: the reason for the changes is required
  bool not_by_author;           // approve: the drafter may not approve their own item (separation of duties)
};

std::span<const WorkflowState> workflow_states();
std::span<const WorkflowAction> workflow_actions();
// The state with `code`, or nullptr.
const WorkflowState* find_workflow_state(std::string_view code);
// The rule for doing `action` from state `from`, or nullptr if that move does not exist.
const WorkflowAction* find_workflow_action(std::string_view action, std::string_view from);

// Who asks for a move, as the workflow rules see them (the permission itself is checked by the caller against
// domain/roles for the item's body).
struct TransitionRequest {
  std::string_view action;
  std::string_view from;
  bool actor_is_author = false;  // the actor drafted the item
  std::string_view comment;
  std::optional<Date> publish_date;  // the item's 发布日期 (for publish)
  Date today;                        // China time
};

// The state the item moves to, or kInvalid saying why the move is refused: no such move from this state
// (kConflict), a missing comment, an author approving their own item (a permission denial), a publish date
// missing.
Result<std::string> next_state(const TransitionRequest& request);

// 条例 Art. 26: the working days from `produced` (成文日期, or the day the information changed) to `published`,
// counting the days after `produced` up to and including `published`. Zero when published on or before it.
int working_days_between(const WorkCalendar& calendar, Date produced, Date published);
inline constexpr int kPublishWithinWorkingDays = 20;  // 条例 Art. 26
// Whether publishing on `published` is later than Art. 26 allows for information produced on `produced`.
bool published_late(const WorkCalendar& calendar, Date produced, Date published);

}  // namespace gongkai::domain
