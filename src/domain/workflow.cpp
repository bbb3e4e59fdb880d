// The workflow tables and the Art. 26 working-day count.
#include "domain/workflow.h"

#include "domain/roles.h"

namespace gongkai::domain {
namespace {

constexpr WorkflowState kStates[] = {
    {"draft", "草稿", "draft", true},
    {"submitted", "待审核", "draft", false},
    {"approved", "已审核待发布", "draft", false},
    {"scheduled", "定时发布", "draft", false},
    {"published", "已发布", "published", false},
    {"withdrawn", "已撤回", "withdrawn", false},
    {"unpublished", "已下线", "draft", false},
};

// code, label, from, to, permission, needs_comment, not_by_author
constexpr WorkflowAction kActions[] = {
    {"submit", "提交审核", "draft", "submitted", "item.draft", false, false},
    {"approve", "审核通过", "submitted", "approved", "item.review", false, true},
    {"return", "退回修改", "submitted", "draft", "item.review", true, false},
    {"return", "退回修改", "approved", "draft", "item.review", true, false},
    {"publish", "发布", "approved", "published", "item.publish", false, false},
    {"release", "到期发布", "scheduled", "published", "", false, false},
    {"cancel", "取消定时", "scheduled", "approved", "item.publish", false, false},
    {"withdraw", "撤回", "published", "withdrawn", "item.withdraw", true, false},
    {"unpublish", "下线", "published", "unpublished", "item.withdraw", true, false},
};

}  // namespace

std::span<const WorkflowState> workflow_states() { return kStates; }
std::span<const WorkflowAction> workflow_actions() { return kActions; }

const WorkflowState* find_workflow_state(std::string_view code) {
  for (const WorkflowState& s : kStates) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

const WorkflowAction* find_workflow_action(std::string_view action, std::string_view from) {
  for (const WorkflowAction& a : kActions) {
    if (a.code == action && a.from == from) return &a;
  }
  return nullptr;
}

Result<std::string> next_state(const TransitionRequest& request) {
  const WorkflowAction* rule = find_workflow_action(request.action, request.from);
  if (!rule) {
    return Status::conflict("cannot " + std::string(request.action) + " an item that is " +
                            std::string(request.from));
  }
  if (rule->needs_comment && request.comment.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::invalid("comment: a reason is required to " + std::string(request.action));
  }
  if (rule->not_by_author && request.actor_is_author) {
    return permission_denied("the author of an item cannot approve it");
  }
  if (request.action != "publish") return std::string(rule->to);
  if (!request.publish_date) return Status::invalid("publish_date: a publish date is required");
  if (*request.publish_date > request.today) return std::string("scheduled");
  return std::string(rule->to);
}

int working_days_between(const WorkCalendar& calendar, Date produced, Date published) {
  int days = 0;
  for (Date d = produced.plus_days(1); d <= published; d = d.plus_days(1)) {
    if (calendar.is_working_day(d)) ++days;
  }
  return days;
}

bool published_late(const WorkCalendar& calendar, Date produced, Date published) {
  return working_days_between(calendar, produced, published) > kPublishWithinWorkingDays;
}

}  // namespace gongkai::domain
