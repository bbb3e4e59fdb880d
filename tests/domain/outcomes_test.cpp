// Tests of the outcome, applicant-type and channel tables against spec/contracts.md and spec/annual-report.md.
#include "domain/outcomes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace gongkai::domain {
namespace {

// spec/contracts.md, "outcome codes", in its order.
constexpr std::string_view kContractCodes[] = {
    "granted",
    "partial",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "withheld.security_stability",
    "withheld.third_party",
    "withheld.internal_affairs",
    "withheld.process_info",
    "withheld.enforcement_file",
    "withheld.query_matter",
    "unavailable.not_held",
    "unavailable.needs_compilation",
    "unavailable.still_unclear",
    "not_processed.petition",
    "not_processed.duplicate",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.reconfirm",
    "other.no_correction",
    "other.no_fee",
    "other.other",
};

TEST(OutcomeTest, EveryContractCodeInTableOrder) {
  ASSERT_EQ(outcomes().size(), std::size(kContractCodes));
  for (size_t code_idx = 0; code_idx < std::size(kContractCodes); ++code_idx) {
    EXPECT_EQ(outcomes()[code_idx].code, kContractCodes[code_idx]);
    const Outcome* o = find_outcome(kContractCodes[code_idx]);
    ASSERT_NE(o, nullptr) << kContractCodes[code_idx];
    EXPECT_FALSE(o->label.empty());
    EXPECT_FALSE(reply_letter_label(o->letter).empty());
    EXPECT_EQ(o->row_2021, o->code) << "2021 rows are the outcome codes";
    ASSERT_TRUE(report_row(o->code, ReportFormat::k2019).has_value()) << o->code;
    ASSERT_TRUE(report_row(o->code, ReportFormat::k2021).has_value()) << o->code;
  }
  EXPECT_EQ(find_outcome("withheld"), nullptr);
  EXPECT_EQ(find_outcome("Granted"), nullptr);
  EXPECT_EQ(find_outcome(""), nullptr);
  EXPECT_FALSE(report_row("other", ReportFormat::k2019).has_value()) << "`other` is a row, not an outcome";
}

TEST(OutcomeTest, RowsAndArticles) {
  struct Case {
    const char* code;
    const char* group;
    const char* label;
    const char* article;
    const char* row_2019;
    ReplyLetter letter;
  };
  const Case cases[] = {
      {"granted", "", "（一）予以公开", "条例第三十六条第（一）（二）项", "granted", ReplyLetter::kGranted},
      {"partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "条例第三十七条", "partial",
       ReplyLetter::kPartial},
      {"withheld.security_stability", "（三）不予公开", "3.危及“三安全一稳定”", "条例第十四条",
       "withheld.security_stability", ReplyLetter::kWithheld},
      {"withheld.third_party", "（三）不予公开", "4.保护第三方合法权益", "条例第十五条", "withheld.third_party",
       ReplyLetter::kWithheld},
      {"withheld.internal_affairs", "（三）不予公开", "5.属于三类内部事务信息", "条例第十六条第一款",
       "withheld.internal_affairs", ReplyLetter::kWithheld},
      {"withheld.query_matter", "（三）不予公开", "8.属于行政查询事项", "条例第三十六条第（七）项",
       "withheld.query_matter", ReplyLetter::kQueryMatter},
      {"unavailable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息", "条例第三十六条第（四）（五）项",
       "unavailable.not_held", ReplyLetter::kNotHeld},
      {"unavailable.still_unclear", "（四）无法提供", "3.补正后申请内容仍不明确", "条例第三十条",
       "unavailable.still_unclear", ReplyLetter::kUnavailable},
      {"not_processed.excessive", "（五）不予处理", "4.无正当理由大量反复申请", "条例第三十五条",
       "not_processed.excessive", ReplyLetter::kNotProcessed},
      {"not_processed.reconfirm", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "",
       "not_processed.reconfirm", ReplyLetter::kNotProcessed},
      {"other.no_correction", "（六）其他处理",
       "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "条例第三十条", "other",
       ReplyLetter::kTerminated},
      {"other.no_fee", "（六）其他处理",
       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "国办函〔2020〕109号", "other",
       ReplyLetter::kTerminated},
      {"other.other", "（六）其他处理", "3.其他", "", "other", ReplyLetter::kOther},
  };
  for (const Case& c : cases) {
    const Outcome* o = find_outcome(c.code);
    ASSERT_NE(o, nullptr) << c.code;
    EXPECT_EQ(o->group, c.group) << c.code;
    EXPECT_EQ(o->label, c.label) << c.code;
    EXPECT_EQ(o->article, c.article) << c.code;
    EXPECT_EQ(o->row_2019, c.row_2019) << c.code;
    EXPECT_EQ(o->letter, c.letter) << c.code;
    EXPECT_EQ(report_row(c.code, ReportFormat::k2021)->label, c.label) << c.code;
  }
  EXPECT_EQ(report_row("other.no_fee", ReportFormat::k2019)->label, "（六）其他处理");
  EXPECT_EQ(report_row("other.no_fee", ReportFormat::k2019)->code, "other");
}

TEST(OutcomeTest, ReportFormats) {
  EXPECT_EQ(result_rows(ReportFormat::k2019).size(), 19u);
  EXPECT_EQ(result_rows(ReportFormat::k2021).size(), 21u);
  std::set<std::string_view> codes_2019;
  for (const ReportRow& r : result_rows(ReportFormat::k2019)) EXPECT_TRUE(codes_2019.insert(r.code).second) << r.code;
  EXPECT_EQ(codes_2019.count("other"), 1u);
  EXPECT_EQ(codes_2019.count("other.no_fee"), 0u);
  EXPECT_EQ(result_rows(ReportFormat::k2021).back().code, "other.other");
  EXPECT_EQ(report_format_for_year(2019), ReportFormat::k2019);
  EXPECT_EQ(report_format_for_year(2020), ReportFormat::k2019);
  EXPECT_EQ(report_format_for_year(2021), ReportFormat::k2021);
  EXPECT_EQ(report_format_for_year(2026), ReportFormat::k2021);
}

TEST(OutcomeTest, ApplicantTypes) {
  struct Case {
    const char* code;
    const char* label;
    bool organisation;
  };
  const Case cases[] = {
      {"natural_person", "自然人", false}, {"business", "商业企业", true},         {"research", "科研机构", true},
      {"social_welfare", "社会公益组织", true}, {"legal_service", "法律服务机构", true}, {"other_org", "其他", true},
  };
  ASSERT_EQ(applicant_types().size(), std::size(cases));
  for (size_t type_idx = 0; type_idx < std::size(cases); ++type_idx) {
    const Case& c = cases[type_idx];
    EXPECT_EQ(applicant_types()[type_idx].code, c.code) << "table 三 column order";
    const ApplicantType* t = find_applicant_type(c.code);
    ASSERT_NE(t, nullptr) << c.code;
    EXPECT_EQ(t->label, c.label);
    EXPECT_EQ(t->organisation, c.organisation);
  }
  EXPECT_EQ(find_applicant_type("company"), nullptr);
}

TEST(OutcomeTest, ChannelsAndReceiptRules) {
  struct Case {
    const char* code;
    const char* label;
    ReceiptEvent receipt;
    ReceiptEvent receipt_unsigned;
    const char* why;
  };
  const Case cases[] = {
      {"online", "网上申请", ReceiptEvent::kBothSidesConfirmed, ReceiptEvent::kBothSidesConfirmed, "Art. 31（三）"},
      {"in_person", "当面申请", ReceiptEvent::kHandedIn, ReceiptEvent::kHandedIn, "Art. 31（一）"},
      {"mail", "邮寄申请", ReceiptEvent::kSignedFor, ReceiptEvent::kConfirmedWithApplicant,
       "Art. 31（二）: registered — signed for; ordinary letter — confirmed with the applicant"},
      {"fax", "传真", ReceiptEvent::kBothSidesConfirmed, ReceiptEvent::kBothSidesConfirmed, "Art. 31（三）"},
      {"other", "其他", ReceiptEvent::kConfirmedWithApplicant, ReceiptEvent::kConfirmedWithApplicant,
       "not in the article: our reading"},
  };
  ASSERT_EQ(application_channels().size(), std::size(cases));
  for (const Case& c : cases) {
    const ApplicationChannel* ch = find_application_channel(c.code);
    ASSERT_NE(ch, nullptr) << c.code;
    EXPECT_EQ(ch->label, c.label);
    EXPECT_EQ(ch->receipt, c.receipt) << c.why;
    EXPECT_EQ(ch->receipt_unsigned, c.receipt_unsigned) << c.why;
    const char* source = std::string_view(c.code) == "other" ? "解读" : "第三十一条";
    EXPECT_NE(ch->rule.find(source), std::string_view::npos) << c.code << " names its source: " << ch->rule;
    EXPECT_FALSE(receipt_event_label(ch->receipt).empty());
  }
  EXPECT_EQ(find_application_channel("email"), nullptr);
}

}  // namespace
}  // namespace gongkai::domain
