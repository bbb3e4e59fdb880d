// The statutory clock: counting working days with pauses, and replaying a case's clock events.
//
// Periods (ClockRules defaults), with their sources:
//   reply 20 working days, one extension ≤ 20      条例 Art. 33 ¶2
//   补正 notice within 7 working days of receipt   条例 Art. 30
//   consulted party answers within 15 working days 条例 Art. 32 (third party), Art. 34 (co-producing body)
//   fee paid within 20 working days from the day   国办函〔2020〕109号 (as restated by provincial implementing notices)
//   after the notice is received
// Pauses: consultation time is not counted (Art. 32, 34); nor, in our reading of 109号, the time from the fee
// notice to payment. A pause covers the day the request or notice is sent through the day the answer or payment
// arrives, both inclusive (our reading; the law says only that the time needed is not counted).
#include "domain/deadline.h"

#include <algorithm>
#include <set>

namespace gongkai::domain {
namespace {

std::string year_note(int year) {
  return std::to_string(year) + "年的节假日安排尚未加载：该年按周一至周五为工作日计算，截止日期为暂定，加载后须重新计算";
}

Result<Deadline> count_with_note(const WorkCalendar& calendar, Date trigger, int days, CountFrom from,
                                 const std::string& note) {
  Result<Deadline> d = count_working_days(calendar, trigger, days, from);
  if (!d) return d;
  d->derivation.notes.insert(d->derivation.notes.begin(), note);
  return d;
}

const char* event_name(ClockEventKind kind) {
  switch (kind) {
    case ClockEventKind::kCorrectionRequested: return "correction requested";
    case ClockEventKind::kCorrectionReceived: return "correction received";
    case ClockEventKind::kExtended: return "extension";
    case ClockEventKind::kThirdPartyConsulted: return "third party consulted";
    case ClockEventKind::kCoProducerConsulted: return "co-producer consulted";
    case ClockEventKind::kConsultationAnswered: return "consultation answered";
    case ClockEventKind::kFeeNoticeSent: return "fee notice sent";
    case ClockEventKind::kFeePaid: return "fee paid";
  }
  return "event";
}

// A pause being replayed: open until its closing event; an open one is assumed to run to `assumed_to`.
struct OpenPause {
  Date from;
  Date assumed_to;
  int open = 0;  // consultations still unanswered (several parties may be consulted at once)
};

}  // namespace

std::string non_working_reason(const WorkCalendar& calendar, Date d) {
  if (calendar.is_working_day(d)) return "";
  if (const CalendarEntry* e = calendar.exception(d)) return e->name;
  return "周末";
}

Result<Deadline> count_working_days(const WorkCalendar& calendar, Date trigger, int working_days,
                                    CountFrom count_from, std::span<const ClockPause> pauses) {
  if (working_days < 1 || working_days > kMaxWorkingDays) {
    return Status::invalid("a period of " + std::to_string(working_days) + " working days is out of range (1-" +
                           std::to_string(kMaxWorkingDays) + ")");
  }
  std::vector<ClockPause> sorted(pauses.begin(), pauses.end());
  for (const ClockPause& p : sorted) {
    if (p.to < p.from) {
      return Status::invalid("pause " + p.why + " ends (" + p.to.to_string() + ") before it starts (" +
                             p.from.to_string() + ")");
    }
  }
  std::sort(sorted.begin(), sorted.end(), [](const ClockPause& a, const ClockPause& b) { return a.from < b.from; });

  Deadline out;
  Derivation& d = out.derivation;
  d.trigger = trigger;
  d.count_from = count_from;
  for (const ClockPause& p : sorted) d.pauses.push_back({p, 0});
  std::set<int> unloaded;  // years of the days examined (the trigger day itself only under kReceiptDay)

  Date day = count_from == CountFrom::kReceiptDay ? trigger : trigger.plus_days(1);
  for (;; day = day.plus_days(1)) {
    if (!calendar.year_loaded(day.year())) unloaded.insert(day.year());
    if (!calendar.is_working_day(day)) {
      d.skipped.push_back({day, non_working_reason(calendar, day)});
      continue;
    }
    auto in_pause = std::find_if(d.pauses.begin(), d.pauses.end(),
                                 [&](const PauseCount& p) { return p.pause.from <= day && day <= p.pause.to; });
    if (in_pause != d.pauses.end()) {
      ++in_pause->working_days_not_counted;
      continue;
    }
    if (d.working_days == 0) d.starts = day;
    if (const CalendarEntry* e = calendar.exception(day)) d.make_up_days.push_back({day, e->name});
    if (++d.working_days == working_days) break;
  }
  out.due = day;
  d.unloaded_years.assign(unloaded.begin(), unloaded.end());
  d.provisional = !unloaded.empty();
  for (int year : d.unloaded_years) d.notes.push_back(year_note(year));
  return out;
}

Result<Deadline> correction_notice_due(const WorkCalendar& calendar, Date received, const ClockRules& rules) {
  return count_with_note(calendar, received, rules.correction_notice_days, rules.count_from,
                         "补正告知：收到申请之日起" + std::to_string(rules.correction_notice_days) +
                             "个工作日内一次性告知（条例第三十条）");
}

Result<Deadline> consultation_answer_due(const WorkCalendar& calendar, Date requested, const ClockRules& rules) {
  return count_with_note(calendar, requested, rules.consultation_days, rules.count_from,
                         "征求意见：被征求意见方自收到征求意见书之日起" + std::to_string(rules.consultation_days) +
                             "个工作日内提出意见（条例第三十二条、第三十四条）");
}

Result<Deadline> fee_payment_due(const WorkCalendar& calendar, Date notice_received, const ClockRules& rules) {
  // 109号: counting always starts the day after the notice is received, whatever rules.count_from says.
  return count_with_note(calendar, notice_received, rules.fee_payment_days, CountFrom::kNextWorkingDay,
                         "缴费期限：自收到收费通知次日起" + std::to_string(rules.fee_payment_days) +
                             "个工作日内缴纳（国办函〔2020〕109号）");
}

Result<Deadline> reply_deadline(const WorkCalendar& calendar, const CaseClock& clock, const ClockRules& rules) {
  Date trigger = clock.received;
  bool correction_requested = false;
  bool correction_received = false;
  int extension_days = 0;
  std::vector<ClockPause> pauses;
  std::vector<std::string> notes;
  std::optional<OpenPause> consultation;
  std::optional<OpenPause> fee;
  Date previous = clock.received;

  // The pauses known at `on`: closed ones, and open ones running to `on`.
  auto pauses_until = [&](Date on) {
    std::vector<ClockPause> now = pauses;
    if (consultation) now.push_back({consultation->from, on, "征求意见（进行中）"});
    if (fee) now.push_back({fee->from, on, "等待缴费（进行中）"});
    return now;
  };

  for (const ClockEvent& e : clock.events) {
    const std::string what = std::string(event_name(e.kind)) + " on " + e.on.to_string();
    if (e.on < clock.received) {
      return Status::invalid(what + " is before the application was received (" + clock.received.to_string() + ")");
    }
    if (e.on < previous) return Status::invalid(what + " is out of order (after an event on " + previous.to_string() + ")");
    previous = e.on;
    const bool awaiting_correction = correction_requested && !correction_received;
    if (awaiting_correction && e.kind != ClockEventKind::kCorrectionReceived &&
        e.kind != ClockEventKind::kCorrectionRequested) {
      return Status::conflict(what + ": the clock is stopped until the correction arrives (条例第三十条)");
    }
    switch (e.kind) {
      case ClockEventKind::kCorrectionRequested: {
        if (correction_requested) {
          return Status::conflict(what + ": a correction was already requested; 条例第三十条 requires one notice "
                                         "listing everything (一次性告知)");
        }
        correction_requested = true;
        Result<Deadline> due = correction_notice_due(calendar, clock.received, rules);
        if (!due) return due.status();
        if (e.on > due->due) {
          notes.push_back("补正告知书于" + e.on.to_string() + "发出，晚于" + due->due.to_string() +
                          "（收到申请后" + std::to_string(rules.correction_notice_days) + "个工作日）");
        }
        break;
      }
      case ClockEventKind::kCorrectionReceived:
        if (!correction_requested) return Status::conflict(what + ": no correction was requested");
        if (correction_received) return Status::conflict(what + ": the correction was already received");
        correction_received = true;
        trigger = e.on;
        pauses.clear();
        notes.push_back("申请人于" + e.on.to_string() + "提交补正，答复期限自收到补正申请之日起重新计算（条例第三十条）");
        break;
      case ClockEventKind::kExtended: {
        if (extension_days > 0) {
          return Status::conflict(what + ": the reply was already extended; 条例第三十三条 allows one extension only");
        }
        if (e.days < 1 || e.days > rules.max_extension_days) {
          return Status::invalid(what + ": an extension of " + std::to_string(e.days) +
                                 " working days is not allowed (1-" + std::to_string(rules.max_extension_days) +
                                 ", 条例第三十三条)");
        }
        std::vector<ClockPause> now = pauses_until(e.on);
        Result<Deadline> current = count_working_days(calendar, trigger, rules.reply_days, rules.count_from, now);
        if (!current) return current.status();
        if (e.on > current->due) {
          return Status::conflict(what + " is after the reply deadline it would extend (" +
                                  current->due.to_string() + ")");
        }
        extension_days = e.days;
        notes.push_back("经批准于" + e.on.to_string() + "延长答复期限" + std::to_string(e.days) +
                        "个工作日（条例第三十三条第二款）");
        break;
      }
      case ClockEventKind::kThirdPartyConsulted:
      case ClockEventKind::kCoProducerConsulted: {
        Result<Deadline> answer = consultation_answer_due(calendar, e.on, rules);
        if (!answer) return answer.status();
        if (!consultation) consultation = OpenPause{e.on, answer->due, 0};
        consultation->assumed_to = std::max(consultation->assumed_to, answer->due);
        ++consultation->open;
        break;
      }
      case ClockEventKind::kConsultationAnswered:
        if (!consultation) return Status::invalid(what + ": no consultation is open");
        if (--consultation->open > 0) break;
        pauses.push_back({consultation->from, e.on, "征求意见（条例第三十二条、第三十四条）"});
        consultation.reset();
        break;
      case ClockEventKind::kFeeNoticeSent: {
        if (fee) return Status::invalid(what + ": a fee notice is already waiting for payment");
        Result<Deadline> pay = fee_payment_due(calendar, e.on, rules);
        if (!pay) return pay.status();
        fee = OpenPause{e.on, pay->due, 1};
        break;
      }
      case ClockEventKind::kFeePaid:
        if (!fee) return Status::invalid(what + ": no fee notice is waiting for payment");
        pauses.push_back({fee->from, e.on, "收费通知至缴费（国办函〔2020〕109号）"});
        fee.reset();
        break;
    }
  }
  if (correction_requested && !correction_received) {
    return Status::not_found("the clock is stopped: waiting for the applicant's correction (条例第三十条)");
  }
  if (consultation) {
    pauses.push_back({consultation->from, consultation->assumed_to, "征求意见（尚未答复，暂按被征求意见方的" + std::to_string(rules.consultation_days) + "个工作日计）"});
    notes.push_back("征求意见尚未答复：暂停期按被征求意见方的期限" + consultation->assumed_to.to_string() + "计算");
  }
  if (fee) {
    pauses.push_back({fee->from, fee->assumed_to, "等待缴费（尚未缴纳，暂按缴费期限计）"});
    notes.push_back("尚未缴费：暂停期按缴费期限" + fee->assumed_to.to_string() + "计算（按收费通知发出当日送达计）");
  }
  Result<Deadline> due =
      count_working_days(calendar, trigger, rules.reply_days + extension_days, rules.count_from, pauses);
  if (!due) return due;
  notes.insert(notes.begin(), "答复期限：" + std::to_string(rules.reply_days) + "个工作日（条例第三十三条）");
  due->derivation.notes.insert(due->derivation.notes.begin(), notes.begin(), notes.end());
  return due;
}

}  // namespace gongkai::domain
