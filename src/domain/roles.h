// Roles and permissions of the staff workspace as data: which role may do which action, and on which bodies.
// A role is granted on a body; it applies to that body and every body below it in the tree (a grant on the
// county government covers its office, departments and townships). platform_admin is the one global role.
// The table and its reasons are described in docs/security.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"

namespace gongkai::domain {

// An action a staff member may be allowed to do, e.g. "item.publish".
struct ActionDef {
  std::string_view code;
  std::string_view label;  // what the web pages show
};

struct RoleDef {
  std::string_view code;   // stored in role_grants.role
  std::string_view label;  // the official title
  bool global;             // applies to every body, whatever body it was granted on
  std::span<const std::string_view> actions;
};

// Every action, in a stable order (the order of docs/security.md).
std::span<const ActionDef> actions();
// Every role, in a stable order.
std::span<const RoleDef> roles();
// The role with `code`, or nullptr.
const RoleDef* find_role(std::string_view code);
// Whether `code` names an action.
bool is_action(std::string_view code);
// Whether `role` includes `action` (ignores scope). False for unknown roles or actions.
bool role_allows(std::string_view role, std::string_view action);

// The bodies a user's grants can reach: parent links of (a part of) the body tree. Built from (id, parent id)
// pairs; a body whose parent is not in the map ends the walk upwards. Holding only the subtrees below a
// user's grant bodies is enough to decide for that user.
class BodyTree {
 public:
  BodyTree() = default;
  explicit BodyTree(std::span<const std::pair<int64_t, std::optional<int64_t>>> links);
  void add(int64_t body_id, std::optional<int64_t> parent_id) { parent_[body_id] = parent_id; }
  bool contains(int64_t body_id) const { return parent_.contains(body_id); }
  // Whether `body_id` is `ancestor_id` or lies below it. False for bodies not in the tree. A cycle (a corrupt
  // tree) ends the walk after kMaxDepth steps instead of looping.
  bool within(int64_t body_id, int64_t ancestor_id) const;
  size_t size() const { return parent_.size(); }

  static constexpr int kMaxDepth = 64;

 private:
  std::unordered_map<int64_t, std::optional<int64_t>> parent_;
};

// One role granted to a user on one body.
struct Grant {
  std::string role;
  int64_t body_id = 0;
  bool operator==(const Grant&) const = default;
};

// Decides whether someone holding `grants` may do `action` on body `body_id`; `tree` must contain the
// subtrees below the grant bodies (BodyTree above). Returns OK when some grant's role includes the action and
// either the role is global or the body lies within the grant's body. Failures: kInvalid for an action that
// does not exist (a programming error at the call site); a denial otherwise (see permission_denied below),
// also for an inactive user and for body ids outside the tree, so a guessed id answers exactly like a real
// body one may not touch.
Status authorize(bool active, std::span<const Grant> grants, const BodyTree& tree, std::string_view action,
                 int64_t body_id);

// The Status of a refused permission: kConflict with a message starting "permission denied". (Status has no
// code of its own for it yet; is_permission_denied tells it apart from other conflicts.)
Status permission_denied(std::string detail);
bool is_permission_denied(const Status& status);

}  // namespace gongkai::domain
