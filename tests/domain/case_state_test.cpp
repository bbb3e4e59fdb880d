// Tests of the case transition table: every legal transition, every other (stage, event) pair refused, the
// once-only rules (条例 Art. 30 一次性告知, Art. 33 one extension, 109号 one fee notice) and whole case histories.
#include "domain/case_state.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>
#include <vector>

namespace gongkai::domain {
namespace {

using S = CaseStage;
using E = CaseEventKind;

constexpr S kAllStages[] = {S::kSubmitted,  S::kRegistered,   S::kCorrectionRequested, S::kInHandling,
                            S::kConsulting, S::kFeeRequested, S::kDecided,             S::kReplied,
                            S::kDelivered,  S::kArchived,     S::kDiscarded};
constexpr E kAllEvents[] = {E::kConfirm,           E::kDiscard,           E::kStartHandling,
                            E::kRequestCorrection, E::kCorrectionReceived, E::kCorrectionLapsed,
                            E::kConsultThirdParty, E::kConsultCoProducer, E::kConsultationAnswered,
                            E::kExtend,            E::kRequestFee,        E::kFeePaid,
                            E::kFeeUnpaid,         E::kWithdraw,          E::kDecide,
                            E::kReply,             E::kDeliver,           E::kArchive};

struct Legal {
  S from;
  E event;
  S to;
  const char* outcome;  // the outcome afterwards ("" = unchanged)
  const char* why;
};

// The specification, written out independently of the table in case_state.cpp.
const Legal kLegal[] = {
    {S::kSubmitted, E::kConfirm, S::kRegistered, "", "Art. 31（三）: received when both sides confirm"},
    {S::kSubmitted, E::kDiscard, S::kDiscarded, "", "never confirmed, never an application"},
    {S::kRegistered, E::kStartHandling, S::kInHandling, "", "分办"},
    {S::kRegistered, E::kRequestCorrection, S::kCorrectionRequested, "", "Art. 30"},
    {S::kRegistered, E::kDecide, S::kDecided, "granted", "当场答复, Art. 33 ¶1"},
    {S::kRegistered, E::kWithdraw, S::kDecided, "other.other", "withdrawn"},
    {S::kCorrectionRequested, E::kCorrectionReceived, S::kInHandling, "", "Art. 30: clock restarts"},
    {S::kCorrectionRequested, E::kCorrectionLapsed, S::kDecided, "other.no_correction", "（六）1"},
    {S::kCorrectionRequested, E::kWithdraw, S::kDecided, "other.other", "withdrawn"},
    {S::kInHandling, E::kRequestCorrection, S::kCorrectionRequested, "", "Art. 30, within 7 working days"},
    {S::kInHandling, E::kConsultThirdParty, S::kConsulting, "", "Art. 32"},
    {S::kInHandling, E::kConsultCoProducer, S::kConsulting, "", "Art. 34"},
    {S::kInHandling, E::kExtend, S::kInHandling, "", "Art. 33 ¶2"},
    {S::kInHandling, E::kRequestFee, S::kFeeRequested, "", "109号"},
    {S::kInHandling, E::kDecide, S::kDecided, "granted", "Art. 36-39"},
    {S::kInHandling, E::kWithdraw, S::kDecided, "other.other", "withdrawn"},
    {S::kConsulting, E::kConsultThirdParty, S::kConsulting, "", "several third parties"},
    {S::kConsulting, E::kConsultCoProducer, S::kConsulting, "", "a co-producer as well"},
    {S::kConsulting, E::kConsultationAnswered, S::kInHandling, "", "the pause ends"},
    {S::kConsulting, E::kExtend, S::kConsulting, "", "extension while waiting"},
    {S::kConsulting, E::kWithdraw, S::kDecided, "other.other", "withdrawn"},
    {S::kFeeRequested, E::kFeePaid, S::kInHandling, "", "109号: provide the information"},
    {S::kFeeRequested, E::kFeeUnpaid, S::kDecided, "other.no_fee", "（六）2"},
    {S::kFeeRequested, E::kWithdraw, S::kDecided, "other.other", "withdrawn"},
    {S::kDecided, E::kRequestFee, S::kFeeRequested, "", "fee for granted information"},
    {S::kDecided, E::kReply, S::kReplied, "", "告知书 issued"},
    {S::kReplied, E::kDeliver, S::kDelivered, "", "送达"},
    {S::kDelivered, E::kArchive, S::kArchived, "", "归档"},
};

TEST(CaseStateTest, EveryLegalTransition) {
  for (const Legal& l : kLegal) {
    CaseState from;
    from.stage = l.from;
    if (l.from == S::kDecided) from.outcome = "granted";
    Result<CaseState> next = transition(from, {l.event, "granted"});
    ASSERT_TRUE(next.is_ok()) << stage_code(l.from) << " + " << event_code(l.event) << " (" << l.why
                              << "): " << next.status().message();
    EXPECT_EQ(next->stage, l.to) << stage_code(l.from) << " + " << event_code(l.event);
    if (*l.outcome) {
      EXPECT_EQ(next->outcome, l.outcome) << l.why;
    }
  }
}

TEST(CaseStateTest, EveryOtherPairIsRefused) {
  std::set<std::pair<S, E>> legal;
  for (const Legal& l : kLegal) legal.insert({l.from, l.event});
  int refused = 0;
  for (S stage : kAllStages) {
    for (E event : kAllEvents) {
      if (legal.count({stage, event})) continue;
      CaseState from;
      from.stage = stage;
      Result<CaseState> next = transition(from, {event, "granted"});
      ASSERT_FALSE(next.is_ok()) << stage_code(stage) << " + " << event_code(event) << " should be refused";
      EXPECT_EQ(next.status().code(), StatusCode::kConflict);
      EXPECT_EQ(next.status().message(), "illegal transition: " + std::string(event_code(event)) + " in stage " +
                                             std::string(stage_code(stage)));
      ++refused;
    }
  }
  EXPECT_EQ(refused, static_cast<int>(std::size(kAllStages) * std::size(kAllEvents) - std::size(kLegal)));
}

TEST(CaseStateTest, IllegalHistories) {
  struct Case {
    const char* name;
    std::vector<CaseEvent> events;
    StatusCode code;
    const char* message_part;
  };
  const Case cases[] = {
      {"second correction notice",
       {{E::kRequestCorrection}, {E::kCorrectionReceived}, {E::kRequestCorrection}},
       StatusCode::kConflict, "一次性告知"},
      {"second extension", {{E::kStartHandling}, {E::kExtend}, {E::kExtend}}, StatusCode::kConflict,
       "one extension only"},
      {"second extension after consulting",
       {{E::kStartHandling}, {E::kExtend}, {E::kConsultThirdParty}, {E::kExtend}}, StatusCode::kConflict,
       "one extension only"},
      {"second fee notice", {{E::kStartHandling}, {E::kRequestFee}, {E::kFeePaid}, {E::kRequestFee}},
       StatusCode::kConflict, "fee notice was already sent"},
      {"fee for withheld information", {{E::kStartHandling}, {E::kDecide, "withheld.third_party"}, {E::kRequestFee}},
       StatusCode::kConflict, "granted or partial"},
      {"unknown outcome", {{E::kStartHandling}, {E::kDecide, "withheld"}}, StatusCode::kInvalid, "unknown outcome"},
      {"no outcome", {{E::kStartHandling}, {E::kDecide}}, StatusCode::kInvalid, "unknown outcome"},
      {"no_correction by decision", {{E::kStartHandling}, {E::kDecide, "other.no_correction"}}, StatusCode::kInvalid,
       "correction_lapsed"},
      {"reply before decision", {{E::kStartHandling}, {E::kReply}}, StatusCode::kConflict,
       "illegal transition: reply in stage in_handling"},
      {"extension while waiting for correction", {{E::kRequestCorrection}, {E::kExtend}}, StatusCode::kConflict,
       "extend in stage correction_requested"},
      {"decide twice", {{E::kDecide, "granted"}, {E::kDecide, "partial"}}, StatusCode::kConflict,
       "decide in stage decided"},
  };
  for (const Case& c : cases) {
    Result<CaseState> end = replay(CaseState{}, c.events);
    ASSERT_FALSE(end.is_ok()) << c.name;
    EXPECT_EQ(end.status().code(), c.code) << c.name << ": " << end.status().message();
    EXPECT_NE(end.status().message().find(c.message_part), std::string::npos) << c.name << ": "
                                                                              << end.status().message();
    EXPECT_EQ(end.status().message().rfind("event " + std::to_string(c.events.size()) + ":", 0), 0u)
        << "names the refused event: " << end.status().message();
  }
}

TEST(CaseStateTest, WholeHistories) {
  struct Case {
    const char* name;
    const char* channel;
    std::vector<CaseEvent> events;
    S stage;
    const char* outcome;
  };
  const Case cases[] = {
      {"online, consulted, extended, partly disclosed with a fee",
       "online",
       {{E::kConfirm}, {E::kStartHandling}, {E::kConsultThirdParty}, {E::kConsultCoProducer},
        {E::kConsultationAnswered}, {E::kExtend}, {E::kDecide, "partial"}, {E::kRequestFee}, {E::kFeePaid},
        {E::kDecide, "partial"}, {E::kReply}, {E::kDeliver}, {E::kArchive}},
       S::kArchived, "partial"},
      {"in person, corrected once, still unclear", "in_person",
       {{E::kRequestCorrection}, {E::kCorrectionReceived}, {E::kDecide, "unavailable.still_unclear"}, {E::kReply}},
       S::kReplied, "unavailable.still_unclear"},
      {"mail, correction lapsed", "mail", {{E::kStartHandling}, {E::kRequestCorrection}, {E::kCorrectionLapsed}},
       S::kDecided, "other.no_correction"},
      {"fee never paid", "in_person", {{E::kStartHandling}, {E::kRequestFee}, {E::kFeeUnpaid}, {E::kReply}},
       S::kReplied, "other.no_fee"},
      {"fax never confirmed", "fax", {{E::kDiscard}}, S::kDiscarded, ""},
  };
  for (const Case& c : cases) {
    Result<CaseState> end = replay(initial_state(c.channel), c.events);
    ASSERT_TRUE(end.is_ok()) << c.name << ": " << end.status().message();
    EXPECT_EQ(end->stage, c.stage) << c.name;
    EXPECT_EQ(end->outcome, c.outcome) << c.name;
  }
}

TEST(CaseStateTest, NamesAndOpenStages) {
  EXPECT_EQ(initial_state("online").stage, S::kSubmitted);
  EXPECT_EQ(initial_state("fax").stage, S::kSubmitted);
  EXPECT_EQ(initial_state("in_person").stage, S::kRegistered);
  EXPECT_EQ(initial_state("mail").stage, S::kRegistered);
  for (S stage : kAllStages) {
    EXPECT_FALSE(stage_label(stage).empty());
    EXPECT_EQ(parse_stage(stage_code(stage)), stage);
  }
  for (E event : kAllEvents) EXPECT_EQ(parse_event(event_code(event)), event);
  EXPECT_FALSE(parse_stage("closed").has_value());
  EXPECT_FALSE(parse_event("extend_again").has_value());
  const std::set<S> open = {S::kRegistered, S::kCorrectionRequested, S::kInHandling,
                            S::kConsulting, S::kFeeRequested,        S::kDecided};
  for (S stage : kAllStages) EXPECT_EQ(is_open(stage), open.count(stage) == 1) << stage_code(stage);
}

}  // namespace
}  // namespace gongkai::domain
