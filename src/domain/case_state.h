// The life of one disclosure-on-application case (条例 Art. 27-39) as a transition table: which event may happen
// in which stage, and what the case becomes. Once-only rules of the 条例 (one 补正 notice, Art. 30 一次性告知; one
// extension, Art. 33) and of 109号 (one fee notice) are flags of the state, so `transition` can refuse a second.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "common/status.h"

namespace gongkai::domain {

enum class CaseStage {
  kSubmitted,            // online or fax, waiting for both sides to confirm (Art. 31（三）): not yet received
  kRegistered,           // received and registered (登记); the reply clock runs
  kCorrectionRequested,  // 补正告知书 sent (Art. 30): the clock is stopped until the correction arrives
  kInHandling,           // being searched, assessed, prepared
  kConsulting,           // waiting for a third party (Art. 32) or co-producing body (Art. 34): the clock pauses
  kFeeRequested,         // 收费通知书 sent (109号): waiting for payment, the clock pauses
  kDecided,              // the outcome is fixed; the reply letter (告知书) is being issued
  kReplied,              // the reply letter was issued (its date is the 办理结果 date of the annual report)
  kDelivered,            // the reply reached the applicant (送达)
  kArchived,             // filed (归档): final
  kDiscarded,            // an online submission never confirmed: it never became an application, final
};

enum class CaseEventKind {
  kConfirm,               // both sides confirm an online / fax submission: the receipt date
  kDiscard,               // an unconfirmed submission is dropped
  kStartHandling,         // assigned for handling (分办)
  kRequestCorrection,     // 补正告知书 (Art. 30): once only
  kCorrectionReceived,    // the corrected application arrived: back in handling, the clock restarts
  kCorrectionLapsed,      // no correction in the period without good reason: decided other.no_correction
  kConsultThirdParty,     // 征求第三方意见 (Art. 32)
  kConsultCoProducer,     // 征求共同制作机关意见 (Art. 34)
  kConsultationAnswered,  // the consulted party answered or its 15 working days ran out
  kExtend,                // 延期答复 (Art. 33 ¶2): once only; the stage does not change
  kRequestFee,            // 收费通知书 (109号): once only; after a decision only for granted / partial
  kFeePaid,               // back in handling to provide the information
  kFeeUnpaid,             // not paid in 20 working days: decided other.no_fee
  kWithdraw,              // the applicant withdraws: decided other.other
  kDecide,                // the body decides (or answers on the spot, Art. 33 ¶1): carries the outcome code
  kReply,                 // the reply letter is issued
  kDeliver,               // the reply is delivered
  kArchive,               // the case is filed
};

struct CaseState {
  CaseStage stage = CaseStage::kRegistered;
  bool correction_requested = false;  // Art. 30: the one correction notice has been used
  bool extended = false;              // Art. 33: the one extension has been used
  bool fee_requested = false;         // 109号: the fee notice has been sent
  std::string_view outcome;           // an outcome code of domain/outcomes once decided, "" before

  bool operator==(const CaseState&) const = default;
};

struct CaseEvent {
  CaseEventKind kind;
  std::string_view outcome = {};  // kDecide only: an outcome code (domain/outcomes)
};

// The state after `event`. Fails (conflict) naming the stage and the event when the table has no such transition,
// or when a once-only act is repeated; fails (invalid) for kDecide without a known outcome code, or with
// other.no_correction / other.no_fee, which only kCorrectionLapsed / kFeeUnpaid may set. On success the returned
// state's outcome points into the static table of domain/outcomes.
Result<CaseState> transition(const CaseState& state, const CaseEvent& event);

// The first state of a case that arrived by `channel_code` (domain/outcomes channels): online and fax start
// kSubmitted (Art. 31（三）: received only when both sides confirm), the others kRegistered.
CaseState initial_state(std::string_view channel_code);

// Applies `events` in order from `start`; fails with the first refused event's status, prefixed "event N".
Result<CaseState> replay(const CaseState& start, std::span<const CaseEvent> events);

// Whether a case in `stage` is open for the annual report (received, no reply yet; 四、结转下年度继续办理).
bool is_open(CaseStage stage);

std::string_view stage_code(CaseStage stage);   // "in_handling"
std::string_view stage_label(CaseStage stage);  // "办理中"
std::string_view event_code(CaseEventKind kind);
std::optional<CaseStage> parse_stage(std::string_view code);
std::optional<CaseEventKind> parse_event(std::string_view code);

}  // namespace gongkai::domain
