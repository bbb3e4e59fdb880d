// The case transition table.
#include "domain/case_state.h"

#include <string>

#include "domain/outcomes.h"

namespace gongkai::domain {
namespace {

using S = CaseStage;
using E = CaseEventKind;

// Once-only acts: the flag of CaseState an event uses up.
enum class Once { kNo, kCorrection, kExtension, kFee };

struct Transition {
  S from;
  E event;
  S to;
  Once once;
  std::string_view sets_outcome;  // the outcome the event decides, if it decides one itself
};

// Read as: in stage `from`, event `event` leads to `to`.
constexpr Transition kTransitions[] = {
    {S::kSubmitted, E::kConfirm, S::kRegistered, Once::kNo, ""},
    {S::kSubmitted, E::kDiscard, S::kDiscarded, Once::kNo, ""},

    {S::kRegistered, E::kStartHandling, S::kInHandling, Once::kNo, ""},
    {S::kRegistered, E::kRequestCorrection, S::kCorrectionRequested, Once::kCorrection, ""},
    {S::kRegistered, E::kDecide, S::kDecided, Once::kNo, ""},  // 当场答复 (Art. 33 ¶1)
    {S::kRegistered, E::kWithdraw, S::kDecided, Once::kNo, "other.other"},

    {S::kCorrectionRequested, E::kCorrectionReceived, S::kInHandling, Once::kNo, ""},
    {S::kCorrectionRequested, E::kCorrectionLapsed, S::kDecided, Once::kNo, "other.no_correction"},
    {S::kCorrectionRequested, E::kWithdraw, S::kDecided, Once::kNo, "other.other"},

    {S::kInHandling, E::kRequestCorrection, S::kCorrectionRequested, Once::kCorrection, ""},
    {S::kInHandling, E::kConsultThirdParty, S::kConsulting, Once::kNo, ""},
    {S::kInHandling, E::kConsultCoProducer, S::kConsulting, Once::kNo, ""},
    {S::kInHandling, E::kExtend, S::kInHandling, Once::kExtension, ""},
    {S::kInHandling, E::kRequestFee, S::kFeeRequested, Once::kFee, ""},
    {S::kInHandling, E::kDecide, S::kDecided, Once::kNo, ""},
    {S::kInHandling, E::kWithdraw, S::kDecided, Once::kNo, "other.other"},

    {S::kConsulting, E::kConsultThirdParty, S::kConsulting, Once::kNo, ""},  // several parties at once
    {S::kConsulting, E::kConsultCoProducer, S::kConsulting, Once::kNo, ""},
    {S::kConsulting, E::kConsultationAnswered, S::kInHandling, Once::kNo, ""},
    {S::kConsulting, E::kExtend, S::kConsulting, Once::kExtension, ""},
    {S::kConsulting, E::kWithdraw, S::kDecided, Once::kNo, "other.other"},

    {S::kFeeRequested, E::kFeePaid, S::kInHandling, Once::kNo, ""},
    {S::kFeeRequested, E::kFeeUnpaid, S::kDecided, Once::kNo, "other.no_fee"},
    {S::kFeeRequested, E::kWithdraw, S::kDecided, Once::kNo, "other.other"},

    {S::kDecided, E::kRequestFee, S::kFeeRequested, Once::kFee, ""},  // only after granted / partial
    {S::kDecided, E::kReply, S::kReplied, Once::kNo, ""},
    {S::kReplied, E::kDeliver, S::kDelivered, Once::kNo, ""},
    {S::kDelivered, E::kArchive, S::kArchived, Once::kNo, ""},
};

struct StageName {
  S stage;
  std::string_view code;
  std::string_view label;
};
constexpr StageName kStages[] = {
    {S::kSubmitted, "submitted", "已提交待确认"},     {S::kRegistered, "registered", "已登记"},
    {S::kCorrectionRequested, "correction_requested", "待补正"}, {S::kInHandling, "in_handling", "办理中"},
    {S::kConsulting, "consulting", "征求意见中"},     {S::kFeeRequested, "fee_requested", "待缴费"},
    {S::kDecided, "decided", "已作出决定"},           {S::kReplied, "replied", "已答复"},
    {S::kDelivered, "delivered", "已送达"},           {S::kArchived, "archived", "已归档"},
    {S::kDiscarded, "discarded", "未确认作废"},
};

struct EventName {
  E kind;
  std::string_view code;
};
constexpr EventName kEvents[] = {
    {E::kConfirm, "confirm"},
    {E::kDiscard, "discard"},
    {E::kStartHandling, "start_handling"},
    {E::kRequestCorrection, "request_correction"},
    {E::kCorrectionReceived, "correction_received"},
    {E::kCorrectionLapsed, "correction_lapsed"},
    {E::kConsultThirdParty, "consult_third_party"},
    {E::kConsultCoProducer, "consult_co_producer"},
    {E::kConsultationAnswered, "consultation_answered"},
    {E::kExtend, "extend"},
    {E::kRequestFee, "request_fee"},
    {E::kFeePaid, "fee_paid"},
    {E::kFeeUnpaid, "fee_unpaid"},
    {E::kWithdraw, "withdraw"},
    {E::kDecide, "decide"},
    {E::kReply, "reply"},
    {E::kDeliver, "deliver"},
    {E::kArchive, "archive"},
};

bool* once_flag(CaseState& state, Once once) {
  switch (once) {
    case Once::kNo: return nullptr;
    case Once::kCorrection: return &state.correction_requested;
    case Once::kExtension: return &state.extended;
    case Once::kFee: return &state.fee_requested;
  }
  return nullptr;
}

const char* once_refusal(Once once) {
  switch (once) {
    case Once::kNo: return "";
    case Once::kCorrection: return "a correction was already requested: 条例第三十条 requires one notice listing "
                                   "everything (一次性告知)";
    case Once::kExtension: return "the reply was already extended: 条例第三十三条 allows one extension only";
    case Once::kFee: return "a fee notice was already sent";
  }
  return "";
}

}  // namespace

Result<CaseState> transition(const CaseState& state, const CaseEvent& event) {
  const Transition* rule = nullptr;
  for (const Transition& t : kTransitions) {
    if (t.from == state.stage && t.event == event.kind) rule = &t;
  }
  const std::string what = std::string(event_code(event.kind)) + " in stage " + std::string(stage_code(state.stage));
  if (!rule) return Status::conflict("illegal transition: " + what);
  CaseState next = state;
  if (bool* used = once_flag(next, rule->once)) {
    if (*used) return Status::conflict("illegal transition: " + what + ": " + once_refusal(rule->once));
    *used = true;
  }
  if (event.kind == E::kRequestFee && state.stage == S::kDecided && state.outcome != "granted" &&
      state.outcome != "partial") {
    return Status::conflict("illegal transition: " + what + ": a fee is charged only for information provided "
                            "(granted or partial), not for " + std::string(state.outcome));
  }
  if (event.kind == E::kDecide) {
    const Outcome* outcome = find_outcome(event.outcome);
    if (!outcome) return Status::invalid(what + ": unknown outcome code '" + std::string(event.outcome) + "'");
    if (outcome->code == "other.no_correction" || outcome->code == "other.no_fee") {
      return Status::invalid(what + ": " + std::string(outcome->code) + " follows from correction_lapsed / "
                             "fee_unpaid, not from a decision");
    }
    next.outcome = outcome->code;
  }
  if (!rule->sets_outcome.empty()) next.outcome = find_outcome(rule->sets_outcome)->code;
  next.stage = rule->to;
  return next;
}

CaseState initial_state(std::string_view channel_code) {
  CaseState state;
  const ApplicationChannel* channel = find_application_channel(channel_code);
  if (channel && channel->receipt == ReceiptEvent::kBothSidesConfirmed) state.stage = S::kSubmitted;
  return state;
}

Result<CaseState> replay(const CaseState& start, std::span<const CaseEvent> events) {
  CaseState state = start;
  for (size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
    Result<CaseState> next = transition(state, events[event_idx]);
    if (!next) return next.status().with_context("event " + std::to_string(event_idx + 1));
    state = *next;
  }
  return state;
}

bool is_open(CaseStage stage) {
  switch (stage) {
    case S::kRegistered:
    case S::kCorrectionRequested:
    case S::kInHandling:
    case S::kConsulting:
    case S::kFeeRequested:
    case S::kDecided:
      return true;
    default:
      return false;
  }
}

std::string_view stage_code(CaseStage stage) {
  for (const StageName& s : kStages) {
    if (s.stage == stage) return s.code;
  }
  return "";
}

std::string_view stage_label(CaseStage stage) {
  for (const StageName& s : kStages) {
    if (s.stage == stage) return s.label;
  }
  return "";
}

std::string_view event_code(CaseEventKind kind) {
  for (const EventName& e : kEvents) {
    if (e.kind == kind) return e.code;
  }
  return "";
}

std::optional<CaseStage> parse_stage(std::string_view code) {
  for (const StageName& s : kStages) {
    if (s.code == code) return s.stage;
  }
  return std::nullopt;
}

std::optional<CaseEventKind> parse_event(std::string_view code) {
  for (const EventName& e : kEvents) {
    if (e.code == code) return e.kind;
  }
  return std::nullopt;
}

}  // namespace gongkai::domain
