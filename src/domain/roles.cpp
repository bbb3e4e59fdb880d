// The permission table (docs/security.md explains each line) and the scope walk over the body tree.
#include "domain/roles.h"

#include <algorithm>

namespace gongkai::domain {
namespace {

constexpr ActionDef kActions[] = {
    {"item.draft", "起草信息"},
    {"item.review", "审核信息"},
    {"item.publish", "发布信息"},
    {"item.withdraw", "撤回信息"},
    {"body.manage", "管理机构和栏目"},
    {"user.manage", "管理账号和角色"},
    {"audit.read", "查阅审计日志"},
    {"case.handle", "办理依申请公开"},
    {"case.supervise", "督办依申请公开"},
    {"report.edit", "编制年度报告"},
    {"report.approve", "审核、退回和发布年度报告"},
    {"monitor.manage", "管理网站和政务新媒体监测"},
    {"monitor.answer", "查看和答复本单位的整改通报"},
    {"policy.manage", "管理规范性文件（备案、清理、有效性）"},
    {"consultation.manage", "管理意见征集"},
};

// Platform administrators run the installation, not its content: no item or case actions (separation of
// duties; one who needs them is granted a second role, which the audit log records).
constexpr std::string_view kPlatformAdmin[] = {"body.manage", "user.manage", "audit.read", "monitor.manage"};
// 政务公开办: runs disclosure work for its body and everything below it.
constexpr std::string_view kDisclosureOffice[] = {
    "item.draft",     "item.review",   "item.publish",        "item.withdraw",  "user.manage",
    "audit.read",     "case.handle",   "case.supervise",      "report.edit",    "report.approve",
    "monitor.manage", "monitor.answer", "policy.manage",      "consultation.manage",
};
// 信息员: drafts items and releases them once reviewed (the publishing service enforces the review step), and
// answers the rectification circulars sent to the unit (the unit keeps its site and accounts up to date).
constexpr std::string_view kEditor[] = {"item.draft", "item.publish", "report.edit", "consultation.manage",
                                        "monitor.answer"};
// 审核人: reviews drafts, may release and withdraw.
constexpr std::string_view kReviewer[] = {"item.review", "item.publish", "item.withdraw"};
// 依申请公开承办人.
constexpr std::string_view kCaseHandler[] = {"case.handle"};
// 审计员: reads the audit log and nothing else.
constexpr std::string_view kAuditor[] = {"audit.read"};

constexpr RoleDef kRoles[] = {
    {"platform_admin", "平台管理员", true, kPlatformAdmin},
    {"disclosure_office", "政务公开工作机构", false, kDisclosureOffice},
    {"editor", "信息员", false, kEditor},
    {"reviewer", "审核人", false, kReviewer},
    {"case_handler", "依申请公开承办人", false, kCaseHandler},
    {"auditor", "审计员", false, kAuditor},
};

constexpr std::string_view kDeniedPrefix = "permission denied";

}  // namespace

std::span<const ActionDef> actions() {
  return kActions;
}
std::span<const RoleDef> roles() {
  return kRoles;
}

const RoleDef* find_role(std::string_view code) {
  for (const RoleDef& role : kRoles) {
    if (role.code == code) return &role;
  }
  return nullptr;
}

bool is_action(std::string_view code) {
  return std::any_of(std::begin(kActions), std::end(kActions),
                     [&](const ActionDef& a) { return a.code == code; });
}

bool role_allows(std::string_view role, std::string_view action) {
  const RoleDef* def = find_role(role);
  if (!def) return false;
  return std::find(def->actions.begin(), def->actions.end(), action) != def->actions.end();
}

BodyTree::BodyTree(std::span<const std::pair<int64_t, std::optional<int64_t>>> links) {
  for (const auto& [body_id, parent_id] : links) add(body_id, parent_id);
}

bool BodyTree::within(int64_t body_id, int64_t ancestor_id) const {
  if (!contains(body_id)) return false;
  std::optional<int64_t> current = body_id;
  for (int depth = 0; current && depth < kMaxDepth; ++depth) {
    if (*current == ancestor_id) return true;
    auto it = parent_.find(*current);
    if (it == parent_.end()) return false;
    current = it->second;
  }
  return false;
}

Status authorize(bool active, std::span<const Grant> grants, const BodyTree& tree, std::string_view action,
                 int64_t body_id) {
  if (!is_action(action)) return Status::invalid("unknown action '" + std::string(action) + "'");
  const std::string what = std::string(action) + " on body " + std::to_string(body_id);
  if (!active) return permission_denied("account disabled: " + what);
  for (const Grant& grant : grants) {
    const RoleDef* role = find_role(grant.role);
    if (!role || !role_allows(role->code, action)) continue;
    if (role->global || tree.within(body_id, grant.body_id)) return Status::ok();
  }
  return permission_denied(what);
}

Status permission_denied(std::string detail) {
  return Status::conflict(std::string(kDeniedPrefix) + ": " + detail);
}

bool is_permission_denied(const Status& status) {
  return status.code() == StatusCode::kConflict && status.message().starts_with(kDeniedPrefix);
}

}  // namespace gongkai::domain
