// The one place that maps each disclosure-on-application outcome code (spec/contracts.md) to its official table 三
// row, the article of the 条例 it rests on, its row in the 2019 and 2021 report formats, and the reply letter
// (告知书) it needs; and the applicant types and application channels with their labels and receipt-date rules.
// Codes are what files, the database and JSON carry; labels are what people read (STYLE.md habit 7).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace gongkai::domain {

// The reply letter a decision is sent with (宿政办函〔2021〕21号 names one per reply type; names are our reading).
enum class ReplyLetter {
  kGranted,         // 予以公开告知书 (Art. 36（一）（二）)
  kPartial,         // 部分公开告知书 (Art. 37)
  kWithheld,        // 不予公开告知书 (Art. 36（三）)
  kQueryMatter,     // 行政查询事项告知书 (Art. 36（七）)
  kNotHeld,         // 信息不存在或非本机关负责公开告知书 (Art. 36（四）（五）)
  kUnavailable,     // 无法提供告知书 (Art. 38, Art. 30)
  kNotProcessed,    // 不予处理告知书 (Art. 35, 36（六）, 39)
  kTerminated,      // 终止处理告知书: the application is treated as abandoned (Art. 30, 109号)
  kOther,           // 其他处理告知书
};

enum class ReportFormat { k2019, k2021 };

struct Outcome {
  std::string_view code;       // "withheld.third_party"
  std::string_view group;      // the table 三 group label, verbatim: "（三）不予公开"; "" for (一)(二)
  std::string_view label;      // the row label, verbatim: "4.保护第三方合法权益"
  std::string_view article;    // what it rests on: "条例第十五条"; "" where no article is named
  std::string_view row_2019;   // table3 ROW code in the 2019 format (the three other.* are one row "other")
  std::string_view row_2021;   // table3 ROW code in the 2021 format (the code itself)
  ReplyLetter letter;
};

// Every outcome, in table 三 order.
std::span<const Outcome> outcomes();
// The outcome with `code`, or nullptr for an unknown code.
const Outcome* find_outcome(std::string_view code);

// A table 三 result row of one format: its ROW code and label, verbatim.
struct ReportRow {
  std::string_view code;
  std::string_view label;
};
// The rows of "三、本年度办理结果" in order for `format`, 总计 excluded: 2019 has 21 - 3 + 1 = 19, 2021 has 21.
std::span<const ReportRow> result_rows(ReportFormat format);
// The row an outcome is counted in, or nullopt for an unknown code.
std::optional<ReportRow> report_row(std::string_view outcome_code, ReportFormat format);
// The format of a year's report: 2019 trial format for 2019 and 2020, the 2021 format from 2021 (annual-report.md).
ReportFormat report_format_for_year(int year);

std::string_view reply_letter_label(ReplyLetter letter);

// 申请人情况 columns of table 三.
struct ApplicantType {
  std::string_view code;   // "natural_person"
  std::string_view label;  // "自然人"
  bool organisation;       // under the group 法人或其他组织
};
std::span<const ApplicantType> applicant_types();
const ApplicantType* find_applicant_type(std::string_view code);

// What makes an application received (条例 Art. 31): the date of this event is the receipt date.
enum class ReceiptEvent {
  kHandedIn,               // 当面提交: the day it is handed in
  kSignedFor,              // 邮政挂号/快递: the day the body signs for it
  kConfirmedWithApplicant, // 平常信函 (no signature): the day the office confirms receipt with the applicant
  kBothSidesConfirmed,     // 网上/传真: the day both sides confirm
};

// How an application arrived. Mail has two receipt rules: `receipt` for registered mail, `receipt_unsigned`
// for an ordinary letter; for the other channels both are the same.
struct ApplicationChannel {
  std::string_view code;   // "online"
  std::string_view label;  // "网上申请"
  ReceiptEvent receipt;
  ReceiptEvent receipt_unsigned;
  std::string_view rule;   // the receipt rule in words, with its source
};
std::span<const ApplicationChannel> application_channels();
const ApplicationChannel* find_application_channel(std::string_view code);
std::string_view receipt_event_label(ReceiptEvent event);

}  // namespace gongkai::domain
