// Tests of the statutory clock against hand-worked cases on the official calendar (data/holidays-cn.txt). Each
// case's `why` is the count done by hand: "d1" is working day 1.
#include "domain/deadline.h"

#include <gtest/gtest.h>

#include "common/embedded.h"

namespace gongkai::domain {
namespace {

WorkCalendar official() {
  Result<std::vector<CalendarEntry>> entries = parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt");
  EXPECT_TRUE(entries.is_ok()) << entries.status().message();
  return WorkCalendar(*entries);
}

Date day(const char* text) {
  std::optional<Date> d = Date::parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date());
}

std::string dates(const std::vector<SkippedDay>& days) {
  std::string out;
  for (const SkippedDay& s : days) out += (out.empty() ? "" : " ") + s.date.to_string() + ":" + s.why;
  return out;
}

std::string dates(const std::vector<MakeUpDay>& days) {
  std::string out;
  for (const MakeUpDay& m : days) out += (out.empty() ? "" : " ") + m.date.to_string();
  return out;
}

TEST(DeadlineTest, CountsWorkingDaysOnTheOfficialCalendar) {
  struct Case {
    const char* trigger;
    CountFrom from;
    int days;
    const char* starts;
    const char* due;
    const char* make_up;  // make-up working weekend days counted, space-separated
    int skipped;          // non-working days from the day after the trigger to the due date
    const char* why;
  };
  const CountFrom kNext = CountFrom::kNextWorkingDay;
  const Case cases[] = {
      {"2020-01-17", kNext, 20, "2020-01-19", "2020-02-21", "2020-01-19", 15,
       "Friday receipt; Sat 01-18 skipped; Sun 01-19 is a make-up day = d1; 01-20..23 d2-5; 春节 01-24..02-02 "
       "(10 days, incl. 02-01 whose make-up was cancelled by 国办发明电〔2020〕1号); 02-03..07 d6-10, 10..14 d11-15, "
       "17..21 d16-20. Skipped: 01-18, 10 holiday days, 02-08/09, 02-15/16 = 15"},
      {"2020-01-23", kNext, 20, "2020-02-03", "2020-02-28", "", 16,
       "Thursday before 春节: 01-24..02-02 all holidays (02-01 is NOT a make-up day after the extension), so d1 is "
       "Mon 02-03; four full weeks 02-03..02-28 = d1-20; skipped 10 holiday days + 3 weekends (6 days)"},
      {"2020-09-25", kNext, 20, "2020-09-27", "2020-10-29", "2020-09-27 2020-10-10", 14,
       "Friday before 国庆: Sat 09-26 skipped; Sun 09-27 make-up = d1; 09-28..30 d2-4; 10-01..08 holidays; Fri 10-09 "
       "d5; Sat 10-10 make-up d6; 10-12..16 d7-11; 10-19..23 d12-16; 10-26..29 d17-20. Skipped: 09-26, 8 holidays, "
       "10-11, 10-17/18, 10-24/25 = 14"},
      {"2020-10-01", kNext, 20, "2020-10-09", "2020-11-04", "2020-10-10", 14,
       "receipt on a holiday: 10-02..08 skipped (7); Fri 10-09 d1; Sat 10-10 make-up d2; 10-12..16 d3-7; 10-19..23 "
       "d8-12; 10-26..30 d13-17; 11-02..04 d18-20. Skipped: 7 holidays, 10-11, 10-17/18, 10-24/25, 10-31/11-01 = 14"},
      {"2024-02-02", kNext, 20, "2024-02-04", "2024-03-06", "2024-02-04 2024-02-18", 13,
       "Friday before 春节 2024: Sat 02-03 skipped; Sun 02-04 make-up d1; 02-05..09 d2-6 (除夕 02-09 is a working "
       "day); 02-10..17 春节 (8); Sun 02-18 make-up d7; 02-19..23 d8-12; 02-26..03-01 d13-17 (leap year); 03-04..06 "
       "d18-20. Skipped: 02-03, 8 holidays, 02-24/25, 03-02/03 = 13"},
      {"2024-02-03", kNext, 20, "2024-02-04", "2024-03-06", "2024-02-04 2024-02-18", 12,
       "Saturday receipt: the next day is already the make-up Sunday 02-04 = d1, so the same due date as Friday "
       "02-02; one skipped day fewer (02-03 is the receipt day itself)"},
      {"2020-03-07", kNext, 20, "2020-03-09", "2020-04-03", "", 7,
       "ordinary Saturday: Sun 03-08 skipped; Mon 03-09 d1; four weeks to Fri 04-03 = d20 (清明 04-04 comes after). "
       "Skipped: 03-08, 03-14/15, 21/22, 28/29 = 7"},
      {"2020-03-07", CountFrom::kReceiptDay, 20, "2020-03-09", "2020-04-03", "", 8,
       "counting from the receipt day changes nothing for a Saturday: 03-07 itself is skipped too (8)"},
      {"2020-03-02", CountFrom::kReceiptDay, 20, "2020-03-02", "2020-03-27", "", 6,
       "Monday receipt counted from the receipt day: 03-02 d1 .. Fri 03-27 d20"},
      {"2020-03-02", kNext, 20, "2020-03-03", "2020-03-30", "", 8,
       "Monday receipt, default rule: Tue 03-03 d1 .. Fri 03-27 d19, Mon 03-30 d20"},
      {"2020-09-25", kNext, 7, "2020-09-27", "2020-10-12", "2020-09-27 2020-10-10", 10,
       "补正 notice (7 days): 09-27 d1, 09-28..30 d2-4, 10-09 d5, 10-10 d6, 10-12 d7. Skipped: 09-26, 8 holidays, "
       "10-11 = 10"},
      {"2019-12-31", kNext, 20, "2020-01-02", "2020-02-05", "2020-01-19", 16,
       "received in 2019 (not loaded) but every day counted is in 2020, so not provisional: 元旦 01-01 skipped; "
       "01-02, 03 d1-2; 01-06..10 d3-7; 01-13..17 d8-12; Sun 01-19 make-up d13; 01-20..23 d14-17; 春节 "
       "01-24..02-02; 02-03..05 d18-20. Skipped: 01-01, 01-04/05, 01-11/12, 01-18, 10 holiday days = 16"},
      {"2020-04-30", kNext, 1, "2020-05-06", "2020-05-06", "", 5,
       "one day after 04-30: 劳动节 05-01..05 skipped, Wed 05-06 d1"},
  };
  const WorkCalendar cal = official();
  for (const Case& c : cases) {
    Result<Deadline> d = count_working_days(cal, day(c.trigger), c.days, c.from);
    ASSERT_TRUE(d.is_ok()) << c.trigger << ": " << d.status().message();
    const Derivation& how = d->derivation;
    EXPECT_EQ(d->due, day(c.due)) << c.trigger << ": " << c.why;
    EXPECT_EQ(how.starts, day(c.starts)) << c.trigger << ": " << c.why;
    EXPECT_EQ(how.working_days, c.days) << c.trigger;
    EXPECT_EQ(how.trigger, day(c.trigger));
    EXPECT_EQ(dates(how.make_up_days), c.make_up) << c.trigger << ": " << c.why;
    EXPECT_EQ(static_cast<int>(how.skipped.size()), c.skipped) << c.trigger << ": " << dates(how.skipped);
    EXPECT_FALSE(how.provisional) << c.trigger;
    EXPECT_TRUE(how.pauses.empty());
  }
}

TEST(DeadlineTest, SkippedDaysSayWhy) {
  const WorkCalendar cal = official();
  Result<Deadline> d = count_working_days(cal, day("2020-01-23"), 20);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  const std::vector<SkippedDay>& skipped = d->derivation.skipped;
  ASSERT_GE(skipped.size(), 10u);
  for (size_t day_idx = 0; day_idx < 10; ++day_idx) EXPECT_EQ(skipped[day_idx].why, "春节") << dates(skipped);
  EXPECT_EQ(skipped[0].date, day("2020-01-24"));
  EXPECT_EQ(skipped[9].date, day("2020-02-02"));
  EXPECT_EQ(skipped[8].date, day("2020-02-01")) << "the cancelled make-up Saturday is a holiday";
  EXPECT_EQ(skipped[10].date, day("2020-02-08"));
  EXPECT_EQ(skipped[10].why, "周末");

  Result<Deadline> national = count_working_days(cal, day("2020-09-30"), 1);
  ASSERT_TRUE(national.is_ok());
  ASSERT_EQ(national->derivation.skipped.size(), 8u);
  EXPECT_EQ(national->derivation.skipped[0].why, "国庆节、中秋节");
  EXPECT_EQ(national->due, day("2020-10-09"));
  EXPECT_EQ(national->derivation.make_up_days.size(), 0u);
}

TEST(DeadlineTest, RunningIntoAnUnloadedYearIsProvisional) {
  const WorkCalendar cal = official();
  // 2026-12-15 is a Tuesday: 12-16..18 d1-3, 12-21..25 d4-8, 12-28..31 d9-12; 2027 is not loaded, so Fri
  // 2027-01-01 (元旦 in any real calendar) counts as d13; 01-04..08 d14-18; 01-11, 01-12 d19-20.
  Result<Deadline> d = count_working_days(cal, day("2026-12-15"), 20);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  EXPECT_EQ(d->due, day("2027-01-12"));
  EXPECT_TRUE(d->derivation.provisional);
  EXPECT_EQ(d->derivation.unloaded_years, std::vector<int>{2027});
  ASSERT_EQ(d->derivation.notes.size(), 1u);
  EXPECT_NE(d->derivation.notes[0].find("2027"), std::string::npos);
  EXPECT_NE(d->derivation.notes[0].find("暂定"), std::string::npos);

  // Entirely inside 2026: not provisional.
  Result<Deadline> inside = count_working_days(cal, day("2026-11-02"), 20);
  ASSERT_TRUE(inside.is_ok());
  EXPECT_FALSE(inside->derivation.provisional);

  // Loading 2027 later is just a recomputation with the bigger calendar.
  std::vector<CalendarEntry> entries = *parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt");
  entries.push_back({day("2027-01-01"), false, "元旦"});
  Result<Deadline> again = count_working_days(WorkCalendar(entries), day("2026-12-15"), 20);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->due, day("2027-01-13")) << "元旦 skipped: one working day later";
  EXPECT_FALSE(again->derivation.provisional);
}

TEST(DeadlineTest, RefusesAbsurdPeriods) {
  const WorkCalendar cal = official();
  for (int n : {0, -1, kMaxWorkingDays + 1}) {
    Result<Deadline> d = count_working_days(cal, day("2020-03-02"), n);
    ASSERT_FALSE(d.is_ok()) << n;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalid);
    EXPECT_NE(d.status().message().find("out of range"), std::string::npos) << d.status().message();
  }
  const ClockPause backwards[] = {{day("2020-03-10"), day("2020-03-09"), "x"}};
  EXPECT_FALSE(count_working_days(cal, day("2020-03-02"), 20, CountFrom::kNextWorkingDay, backwards).is_ok());
}

TEST(DeadlineTest, OtherStatutoryPeriods) {
  struct Case {
    const char* name;
    Result<Deadline> (*fn)(const WorkCalendar&, Date, const ClockRules&);
    const char* trigger;
    const char* due;
    const char* why;
  };
  const Case cases[] = {
      {"correction notice", correction_notice_due, "2020-09-25", "2020-10-12",
       "7 days: 09-27 d1, 09-28..30 d2-4, 10-09 d5, 10-10 (make-up Saturday) d6, 10-12 d7"},
      {"correction notice", correction_notice_due, "2021-02-01", "2021-02-09",
       "Mon 2021-02-01: 02-02..05 d1-4, Sun 02-07 make-up d5, 02-08 d6, 02-09 d7 (春节 starts 02-11)"},
      {"consultation answer", consultation_answer_due, "2020-03-10", "2020-03-31",
       "15 days from Tue 03-10: 03-11..13 d1-3, 16..20 d4-8, 23..27 d9-13, 03-30 d14, 03-31 d15"},
      {"fee payment", fee_payment_due, "2020-09-25", "2020-10-29",
       "20 days from the day after the notice: the same count as the reply case from 2020-09-25"},
  };
  const WorkCalendar cal = official();
  for (const Case& c : cases) {
    Result<Deadline> d = c.fn(cal, day(c.trigger), ClockRules{});
    ASSERT_TRUE(d.is_ok()) << c.name;
    EXPECT_EQ(d->due, day(c.due)) << c.name << " " << c.trigger << ": " << c.why;
    EXPECT_FALSE(d->derivation.notes.empty()) << "the rule is named in the derivation";
  }
  // The fee window always starts the day after the notice, even under a receipt-day rule.
  ClockRules same_day;
  same_day.count_from = CountFrom::kReceiptDay;
  EXPECT_EQ(fee_payment_due(cal, day("2020-03-02"), same_day)->due, day("2020-03-30"));
  EXPECT_EQ(correction_notice_due(cal, day("2020-03-02"), same_day)->due, day("2020-03-10"))
      << "03-02 d1 .. 03-06 d5, 03-09 d6, 03-10 d7";
}

ClockEvent event(ClockEventKind kind, const char* on, int days = 0) { return {kind, day(on), days}; }

TEST(DeadlineTest, ReplyDeadlineReplaysTheCase) {
  using K = ClockEventKind;
  struct Case {
    const char* name;
    const char* received;
    std::vector<ClockEvent> events;
    const char* due;
    int pauses;
    int not_counted;  // working days inside pauses
    const char* why;
  };
  const Case cases[] = {
      {"plain", "2020-03-02", {}, "2020-03-30", 0, 0, "Tue 03-03 d1 .. Mon 03-30 d20"},
      {"third party consulted and answered",
       "2020-03-02",
       {event(K::kThirdPartyConsulted, "2020-03-10"), event(K::kConsultationAnswered, "2020-03-20")},
       "2020-04-13",
       1,
       9,
       "pause 03-10..03-20 holds 9 working days; 03-03..06 d1-4, 03-09 d5, 03-23..27 d6-10, 03-30..04-03 d11-15, "
       "清明 04-04..06 skipped, 04-07..10 d16-19, Mon 04-13 d20"},
      {"co-producer consulted, not yet answered",
       "2020-03-02",
       {event(K::kCoProducerConsulted, "2020-03-10")},
       "2020-04-22",
       1,
       16,
       "assumed to last until the co-producer's own deadline 03-31 (15 days): pause 03-10..03-31 = 16 working days; "
       "03-03..06, 03-09 d1-5; 04-01..03 d6-8; 04-07..10 d9-12; 04-13..17 d13-17; 04-20..22 d18-20"},
      {"two parties consulted, pause ends with the last answer",
       "2020-03-02",
       {event(K::kThirdPartyConsulted, "2020-03-10"), event(K::kCoProducerConsulted, "2020-03-12"),
        event(K::kConsultationAnswered, "2020-03-16"), event(K::kConsultationAnswered, "2020-03-20")},
       "2020-04-13",
       1,
       9,
       "one pause 03-10..03-20, as in the single-party case"},
      {"extension by 20",
       "2020-03-02",
       {event(K::kExtended, "2020-03-20", 20)},
       "2020-04-27",
       0,
       0,
       "40 days: d20 is 03-30; 03-31 d21, 04-01..03 d22-24, 04-07..10 d25-28, 04-13..17 d29-33, 04-20..24 d34-38, "
       "Sun 04-26 make-up (劳动节) d39, Mon 04-27 d40"},
      {"extension by 10 on the last day",
       "2020-03-02",
       {event(K::kExtended, "2020-03-30", 10)},
       "2020-04-14",
       0,
       0,
       "extending on the due day itself is in time; 03-31, 04-01..03, 04-07..10, 04-13, 04-14 = +10"},
      {"restart after correction across 春节 2021",
       "2021-02-01",
       {event(K::kCorrectionRequested, "2021-02-03"), event(K::kCorrectionReceived, "2021-02-09")},
       "2021-03-15",
       0,
       0,
       "counts from Tue 02-09: 02-10 d1; 春节 02-11..17; 02-18, 02-19 d2-3; Sat 02-20 make-up d4; 02-22..26 d5-9; "
       "03-01..05 d10-14; 03-08..12 d15-19; Mon 03-15 d20"},
      {"fee notice paid",
       "2020-03-02",
       {event(K::kFeeNoticeSent, "2020-03-10"), event(K::kFeePaid, "2020-03-12")},
       "2020-04-02",
       1,
       3,
       "pause 03-10..12 = 3 working days: 03-30 + 3 = 03-31, 04-01, 04-02"},
  };
  const WorkCalendar cal = official();
  for (const Case& c : cases) {
    Result<Deadline> d = reply_deadline(cal, CaseClock{day(c.received), c.events});
    ASSERT_TRUE(d.is_ok()) << c.name << ": " << d.status().message();
    EXPECT_EQ(d->due, day(c.due)) << c.name << ": " << c.why;
    ASSERT_EQ(static_cast<int>(d->derivation.pauses.size()), c.pauses) << c.name;
    int not_counted = 0;
    for (const PauseCount& p : d->derivation.pauses) not_counted += p.working_days_not_counted;
    EXPECT_EQ(not_counted, c.not_counted) << c.name << ": " << c.why;
    EXPECT_FALSE(d->derivation.notes.empty()) << c.name;
  }
}

TEST(DeadlineTest, RestartCountsFromTheCorrection) {
  const WorkCalendar cal = official();
  Result<Deadline> d = reply_deadline(
      cal, CaseClock{day("2021-02-01"), {event(ClockEventKind::kCorrectionRequested, "2021-02-03"),
                                         event(ClockEventKind::kCorrectionReceived, "2021-02-09")}});
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  EXPECT_EQ(d->derivation.trigger, day("2021-02-09"));
  EXPECT_EQ(d->derivation.starts, day("2021-02-10"));
  bool restart_noted = false;
  for (const std::string& n : d->derivation.notes) restart_noted |= n.find("重新计算") != std::string::npos;
  EXPECT_TRUE(restart_noted);
}

TEST(DeadlineTest, ReplyDeadlineRefusesIllegalHistories) {
  using K = ClockEventKind;
  struct Case {
    const char* name;
    std::vector<ClockEvent> events;
    StatusCode code;
    const char* message_part;
  };
  const Case cases[] = {
      {"second extension", {event(K::kExtended, "2020-03-10", 10), event(K::kExtended, "2020-03-20", 10)},
       StatusCode::kConflict, "one extension only"},
      {"extension too long", {event(K::kExtended, "2020-03-10", 21)}, StatusCode::kInvalid, "1-20"},
      {"extension of nothing", {event(K::kExtended, "2020-03-10", 0)}, StatusCode::kInvalid, "1-20"},
      {"extension after the deadline", {event(K::kExtended, "2020-03-31", 20)}, StatusCode::kConflict,
       "after the reply deadline"},
      {"second correction request",
       {event(K::kCorrectionRequested, "2020-03-03"), event(K::kCorrectionReceived, "2020-03-05"),
        event(K::kCorrectionRequested, "2020-03-06")},
       StatusCode::kConflict, "一次性告知"},
      {"correction nobody asked for", {event(K::kCorrectionReceived, "2020-03-05")}, StatusCode::kConflict,
       "no correction was requested"},
      {"waiting for the correction", {event(K::kCorrectionRequested, "2020-03-03")}, StatusCode::kNotFound,
       "stopped"},
      {"extension while waiting for the correction",
       {event(K::kCorrectionRequested, "2020-03-03"), event(K::kExtended, "2020-03-04", 5)}, StatusCode::kConflict,
       "stopped"},
      {"answer without consultation", {event(K::kConsultationAnswered, "2020-03-05")}, StatusCode::kInvalid,
       "no consultation"},
      {"payment without notice", {event(K::kFeePaid, "2020-03-05")}, StatusCode::kInvalid, "no fee notice"},
      {"event before receipt", {event(K::kThirdPartyConsulted, "2020-03-01")}, StatusCode::kInvalid,
       "before the application"},
      {"events out of order",
       {event(K::kThirdPartyConsulted, "2020-03-10"), event(K::kConsultationAnswered, "2020-03-09")},
       StatusCode::kInvalid, "out of order"},
  };
  const WorkCalendar cal = official();
  for (const Case& c : cases) {
    Result<Deadline> d = reply_deadline(cal, CaseClock{day("2020-03-02"), c.events});
    ASSERT_FALSE(d.is_ok()) << c.name;
    EXPECT_EQ(d.status().code(), c.code) << c.name << ": " << d.status().message();
    EXPECT_NE(d.status().message().find(c.message_part), std::string::npos) << c.name << ": " << d.status().message();
  }
}

TEST(DeadlineTest, ReplyDeadlineRunsIntoUnloadedYear) {
  // Received 2026-12-15, extended by 20: d20 is 2027-01-12 (see RunningIntoAnUnloadedYearIsProvisional), then
  // 01-13..15 d21-23, 01-18..22 d24-28, 01-25..29 d29-33, 02-01..05 d34-38, 02-08, 02-09 d39-40 — Mon-Fri only,
  // 春节 2027 unknown.
  Result<Deadline> d = reply_deadline(
      official(), CaseClock{day("2026-12-15"), {event(ClockEventKind::kExtended, "2026-12-30", 20)}});
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  EXPECT_EQ(d->due, day("2027-02-09"));
  EXPECT_TRUE(d->derivation.provisional);
}

}  // namespace
}  // namespace gongkai::domain
