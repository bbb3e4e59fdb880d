// Outcome, applicant-type and channel tables. Sources: spec/contracts.md (codes), spec/annual-report.md (table 三
// labels, verbatim), spec/applications.md (articles; the article-to-row mapping is our reading, the labels are
// official), 条例 Art. 31 (receipt dates).
#include "domain/outcomes.h"

namespace gongkai::domain {
namespace {

using L = ReplyLetter;

constexpr std::string_view kWithheld = "（三）不予公开";
constexpr std::string_view kUnavailable = "（四）无法提供";
constexpr std::string_view kNotProcessed = "（五）不予处理";
constexpr std::string_view kOtherGroup = "（六）其他处理";

constexpr Outcome kOutcomes[] = {
    {"granted", "", "（一）予以公开", "条例第三十六条第（一）（二）项", "granted", "granted", L::kGranted},
    {"partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "条例第三十七条", "partial", "partial",
     L::kPartial},
    {"withheld.state_secret", kWithheld, "1.属于国家秘密", "条例第十四条", "withheld.state_secret",
     "withheld.state_secret", L::kWithheld},
    {"withheld.prohibited_by_law", kWithheld, "2.其他法律行政法规禁止公开", "条例第十四条",
     "withheld.prohibited_by_law", "withheld.prohibited_by_law", L::kWithheld},
    {"withheld.security_stability", kWithheld, "3.危及“三安全一稳定”", "条例第十四条", "withheld.security_stability",
     "withheld.security_stability", L::kWithheld},
    {"withheld.third_party", kWithheld, "4.保护第三方合法权益", "条例第十五条", "withheld.third_party",
     "withheld.third_party", L::kWithheld},
    {"withheld.internal_affairs", kWithheld, "5.属于三类内部事务信息", "条例第十六条第一款",
     "withheld.internal_affairs", "withheld.internal_affairs", L::kWithheld},
    {"withheld.process_info", kWithheld, "6.属于四类过程性信息", "条例第十六条第二款", "withheld.process_info",
     "withheld.process_info", L::kWithheld},
    {"withheld.enforcement_file", kWithheld, "7.属于行政执法案卷", "条例第十六条第二款", "withheld.enforcement_file",
     "withheld.enforcement_file", L::kWithheld},
    {"withheld.query_matter", kWithheld, "8.属于行政查询事项", "条例第三十六条第（七）项", "withheld.query_matter",
     "withheld.query_matter", L::kQueryMatter},
    {"unavailable.not_held", kUnavailable, "1.本机关不掌握相关政府信息", "条例第三十六条第（四）（五）项",
     "unavailable.not_held", "unavailable.not_held", L::kNotHeld},
    {"unavailable.needs_compilation", kUnavailable, "2.没有现成信息需要另行制作", "条例第三十八条",
     "unavailable.needs_compilation", "unavailable.needs_compilation", L::kUnavailable},
    {"unavailable.still_unclear", kUnavailable, "3.补正后申请内容仍不明确", "条例第三十条",
     "unavailable.still_unclear", "unavailable.still_unclear", L::kUnavailable},
    {"not_processed.petition", kNotProcessed, "1.信访举报投诉类申请", "条例第三十九条第一款",
     "not_processed.petition", "not_processed.petition", L::kNotProcessed},
    {"not_processed.duplicate", kNotProcessed, "2.重复申请", "条例第三十六条第（六）项", "not_processed.duplicate",
     "not_processed.duplicate", L::kNotProcessed},
    {"not_processed.publication", kNotProcessed, "3.要求提供公开出版物", "条例第三十九条第二款",
     "not_processed.publication", "not_processed.publication", L::kNotProcessed},
    {"not_processed.excessive", kNotProcessed, "4.无正当理由大量反复申请", "条例第三十五条",
     "not_processed.excessive", "not_processed.excessive", L::kNotProcessed},
    {"not_processed.reconfirm", kNotProcessed, "5.要求行政机关确认或重新出具已获取信息", "",
     "not_processed.reconfirm", "not_processed.reconfirm", L::kNotProcessed},
    {"other.no_correction", kOtherGroup, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "条例第三十条", "other", "other.no_correction", L::kTerminated},
    {"other.no_fee", kOtherGroup, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "国办函〔2020〕109号", "other", "other.no_fee", L::kTerminated},
    {"other.other", kOtherGroup, "3.其他", "", "other", "other.other", L::kOther},
};

constexpr ReportRow kRows2019[] = {
    {"granted", "（一）予以公开"},
    {"partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
    {"withheld.state_secret", "1.属于国家秘密"},
    {"withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"},
    {"withheld.security_stability", "3.危及“三安全一稳定”"},
    {"withheld.third_party", "4.保护第三方合法权益"},
    {"withheld.internal_affairs", "5.属于三类内部事务信息"},
    {"withheld.process_info", "6.属于四类过程性信息"},
    {"withheld.enforcement_file", "7.属于行政执法案卷"},
    {"withheld.query_matter", "8.属于行政查询事项"},
    {"unavailable.not_held", "1.本机关不掌握相关政府信息"},
    {"unavailable.needs_compilation", "2.没有现成信息需要另行制作"},
    {"unavailable.still_unclear", "3.补正后申请内容仍不明确"},
    {"not_processed.petition", "1.信访举报投诉类申请"},
    {"not_processed.duplicate", "2.重复申请"},
    {"not_processed.publication", "3.要求提供公开出版物"},
    {"not_processed.excessive", "4.无正当理由大量反复申请"},
    {"not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息"},
    {"other", "（六）其他处理"},
};

// The 2021 rows are the outcomes themselves, in order; built from kOutcomes so the two cannot drift.
struct Rows2021 {
  ReportRow rows[std::size(kOutcomes)];
  constexpr Rows2021() : rows{} {
    for (size_t row_idx = 0; row_idx < std::size(kOutcomes); ++row_idx) {
      rows[row_idx] = {kOutcomes[row_idx].row_2021, kOutcomes[row_idx].label};
    }
  }
};
constexpr Rows2021 kRows2021;

constexpr ApplicantType kApplicantTypes[] = {
    {"natural_person", "自然人", false},  {"business", "商业企业", true},        {"research", "科研机构", true},
    {"social_welfare", "社会公益组织", true}, {"legal_service", "法律服务机构", true}, {"other_org", "其他", true},
};

using R = ReceiptEvent;
constexpr ApplicationChannel kChannels[] = {
    {"online", "网上申请", R::kBothSidesConfirmed, R::kBothSidesConfirmed,
     "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）"},
    {"in_person", "当面申请", R::kHandedIn, R::kHandedIn,
     "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）"},
    {"mail", "邮寄申请", R::kSignedFor, R::kConfirmedWithApplicant,
     "以邮寄方式提交的，以行政机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构"
     "应当于收到申请的当日与申请人确认，确认之日为收到申请之日（条例第三十一条第（二）项）"},
    {"fax", "传真", R::kBothSidesConfirmed, R::kBothSidesConfirmed,
     "通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）"},
    {"other", "其他", R::kConfirmedWithApplicant, R::kConfirmedWithApplicant,
     "条例未作规定：以与申请人确认之日为收到申请之日（本系统的解读）"},
};

}  // namespace

std::span<const Outcome> outcomes() { return kOutcomes; }

const Outcome* find_outcome(std::string_view code) {
  for (const Outcome& o : kOutcomes) {
    if (o.code == code) return &o;
  }
  return nullptr;
}

std::span<const ReportRow> result_rows(ReportFormat format) {
  if (format == ReportFormat::k2019) return kRows2019;
  return kRows2021.rows;
}

std::optional<ReportRow> report_row(std::string_view outcome_code, ReportFormat format) {
  const Outcome* o = find_outcome(outcome_code);
  if (!o) return std::nullopt;
  const std::string_view row = format == ReportFormat::k2019 ? o->row_2019 : o->row_2021;
  for (const ReportRow& r : result_rows(format)) {
    if (r.code == row) return r;
  }
  return std::nullopt;
}

ReportFormat report_format_for_year(int year) { return year <= 2020 ? ReportFormat::k2019 : ReportFormat::k2021; }

std::string_view reply_letter_label(ReplyLetter letter) {
  switch (letter) {
    case L::kGranted: return "予以公开告知书";
    case L::kPartial: return "部分公开告知书";
    case L::kWithheld: return "不予公开告知书";
    case L::kQueryMatter: return "行政查询事项告知书";
    case L::kNotHeld: return "信息不存在或非本机关负责公开告知书";
    case L::kUnavailable: return "无法提供告知书";
    case L::kNotProcessed: return "不予处理告知书";
    case L::kTerminated: return "终止处理告知书";
    case L::kOther: return "其他处理告知书";
  }
  return "";
}

std::span<const ApplicantType> applicant_types() { return kApplicantTypes; }

const ApplicantType* find_applicant_type(std::string_view code) {
  for (const ApplicantType& t : kApplicantTypes) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::span<const ApplicationChannel> application_channels() { return kChannels; }

const ApplicationChannel* find_application_channel(std::string_view code) {
  for (const ApplicationChannel& c : kChannels) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string_view receipt_event_label(ReceiptEvent event) {
  switch (event) {
    case R::kHandedIn: return "提交之日";
    case R::kSignedFor: return "签收之日";
    case R::kConfirmedWithApplicant: return "与申请人确认之日";
    case R::kBothSidesConfirmed: return "双方确认之日";
  }
  return "";
}

}  // namespace gongkai::domain
