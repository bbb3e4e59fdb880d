// The statutory clock of disclosure on application (条例 Art. 30-34, 国办函〔2020〕109号): which working day a reply,
// a correction notice, a consultation answer or a fee payment is due, and how that date was derived. Pure values:
// a case's clock events go in, a Deadline with its Derivation comes out, so a new calendar year is taken into
// account by calling the same function again.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/calendar.h"
#include "domain/date.h"

namespace gongkai::domain {

// Where counting starts. Default (applications.md, the practice of 期间开始之日不计算在内): the first working day
// after the trigger date. kReceiptDay counts the trigger day itself when it is a working day (otherwise the first
// working day after it).
enum class CountFrom { kNextWorkingDay, kReceiptDay };

// The statutory periods, in working days, with their sources. One table; see deadline.cpp for the citations.
struct ClockRules {
  int reply_days = 20;               // 条例 Art. 33 ¶2: 20 working days from receipt
  int max_extension_days = 20;       // 条例 Art. 33 ¶2: one extension of at most 20 working days
  int correction_notice_days = 7;    // 条例 Art. 30: 补正 notice within 7 working days of receipt
  int consultation_days = 15;        // 条例 Art. 32 (third party), Art. 34 (co-producer): 15 working days
  int fee_payment_days = 20;         // 国办函〔2020〕109号: 20 working days from the day after the fee notice
  CountFrom count_from = CountFrom::kNextWorkingDay;
};

// A count of more working days than this is refused as absurd (about two years of working days).
inline constexpr int kMaxWorkingDays = 500;

// A period whose working days are not counted (条例 Art. 32, 34: consultation time; 109号: time to pay the fee),
// `from` and `to` inclusive.
struct ClockPause {
  Date from;
  Date to;
  std::string why;  // e.g. "征求第三方意见（条例第三十二条）"
};

struct SkippedDay {
  Date date;
  std::string why;  // "周末" or the holiday's name from the calendar (春节, 国庆节、中秋节 …)
};

struct MakeUpDay {
  Date date;
  std::string name;  // the holiday the make-up working weekend day (调休上班) belongs to
};

struct PauseCount {
  ClockPause pause;
  int working_days_not_counted = 0;
};

// How a due date was computed: every input and every day that did not count.
struct Derivation {
  Date trigger;                       // the date the clock runs from (receipt, correction received, notice …)
  Date starts;                        // working day 1
  int working_days = 0;               // working days counted (pauses excluded)
  CountFrom count_from = CountFrom::kNextWorkingDay;
  std::vector<PauseCount> pauses;     // in date order
  std::vector<SkippedDay> skipped;    // every non-working day from the day after `trigger` to the due date
  std::vector<MakeUpDay> make_up_days;  // make-up working weekend days counted
  bool provisional = false;           // the count ran through a year whose calendar is not loaded
  std::vector<int> unloaded_years;    // those years; in them Mon-Fri were counted as working days
  std::vector<std::string> notes;     // sentences for people: restarts, extensions, assumptions
};

struct Deadline {
  Date due;  // the last day on which the act is in time
  Derivation derivation;
};

// The `working_days`-th working day counted from `trigger` per `count_from`, skipping the working days inside
// `pauses`. Fails (invalid) when working_days is not in 1..kMaxWorkingDays or a pause ends before it starts.
Result<Deadline> count_working_days(const WorkCalendar& calendar, Date trigger, int working_days,
                                    CountFrom count_from = CountFrom::kNextWorkingDay,
                                    std::span<const ClockPause> pauses = {});

// 条例 Art. 30: the 补正 notice is due within 7 working days of receipt.
Result<Deadline> correction_notice_due(const WorkCalendar& calendar, Date received, const ClockRules& rules = {});
// 条例 Art. 32, 34: the consulted third party or co-producing body answers within 15 working days of the request.
Result<Deadline> consultation_answer_due(const WorkCalendar& calendar, Date requested, const ClockRules& rules = {});
// 国办函〔2020〕109号: the fee is paid within 20 working days counted from the day after the notice was received.
Result<Deadline> fee_payment_due(const WorkCalendar& calendar, Date notice_received, const ClockRules& rules = {});

// What happened to a case that moves its reply clock.
enum class ClockEventKind {
  kCorrectionRequested,   // 补正告知书 sent (Art. 30): once only; the clock stops until the correction arrives
  kCorrectionReceived,    // corrected application received: the clock restarts from this date (Art. 30)
  kExtended,              // 延期答复 (Art. 33 ¶2): once only, `days` in 1..20
  kThirdPartyConsulted,   // 征求第三方意见 sent (Art. 32): the clock pauses
  kCoProducerConsulted,   // 征求共同制作机关意见 sent (Art. 34): the clock pauses
  kConsultationAnswered,  // the consulted party answered (or its 15 days ran out): the pause ends this day
  kFeeNoticeSent,         // 收费通知书 sent (109号): the clock pauses until payment
  kFeePaid,               // fee paid: the pause ends this day
};

struct ClockEvent {
  ClockEventKind kind;
  Date on;
  int days = 0;  // kExtended only: the extension in working days
};

// The events of one case, in date order, and the date it was received (条例 Art. 31).
struct CaseClock {
  Date received;
  std::vector<ClockEvent> events;
};

// The reply deadline of a case (条例 Art. 33) with its derivation. A pause still open (consultation not answered,
// fee not paid) is assumed to last until the consulted party's or the applicant's own deadline, and the
// derivation says so. Fails with:
//   invalid  — events out of order or before receipt, an extension of 0 or more than 20 days, an answer or payment
//              with nothing open;
//   conflict — a second correction request (Art. 30: 一次性告知), a second extension (Art. 33: once), a correction
//              received without a request, an extension dated after the deadline it extends;
//   not_found — the clock is stopped: a correction was requested and has not arrived (no reply is due yet).
Result<Deadline> reply_deadline(const WorkCalendar& calendar, const CaseClock& clock, const ClockRules& rules = {});

// "周末" or "春节" …: why `d` is not a working day; empty for a working day.
std::string non_working_reason(const WorkCalendar& calendar, Date d);

}  // namespace gongkai::domain
