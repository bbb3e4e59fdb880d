// Rules of the policy library, as tables and pure checks: the filing (备案) record of a normative document, the
// decisions of a clean-up campaign (规范性文件清理) and what each does to the document's validity, the response
// codes of consultation feedback (意见征集反馈), and the quarters of the 发文目录清单.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/item.h"

namespace gongkai::domain {

// 国办发〔2018〕37号 (《关于加强行政规范性文件制定和监督管理工作的通知》): a normative document is filed (报送备案)
// within 30 days of its publication.
inline constexpr int kFilingDays = 30;

struct FilingInput {
  std::string filed_with;     // 备案机关, required, at most 200 characters
  std::string filed_on;       // YYYY-MM-DD, required
  std::string filing_number;  // 备案号, optional, at most 100 bytes
};

// Field errors of a filing of a document published on `published_on` (written on `written_on` when known) as of
// `today`: filed_with and filed_on required, filed_on a real date not in the future and not before the document
// was written. Empty when the filing is acceptable.
std::vector<FieldError> check_filing(const FilingInput& filing, const std::optional<Date>& written_on, Date today);

// Whether a filing on `filed_on` of a document published on `published_on` is later than kFilingDays.
bool filing_is_late(Date published_on, Date filed_on);

// One decision of a clean-up campaign.
struct CleanupDecision {
  std::string_view code;                        // stored in cleanup_decisions.decision
  std::string_view label;                       // 继续有效 / 修改后继续有效 / 失效废止
  std::optional<std::string_view> validity_to;  // the validity the decision sets, if any
};

// valid 继续有效 (validity unchanged), amended 修改后继续有效 (sets 修订后有效 on the decision date, linked
// to the amending document, which the decision must name — domain/validity.h), repealed 失效废止 (sets 废止
// on the decision date).
const std::vector<CleanupDecision>& cleanup_decisions();
const CleanupDecision* find_cleanup_decision(std::string_view code);

// The responses of consultation feedback: adopted 采纳, partly_adopted 部分采纳, not_adopted 未采纳 (a reason is
// required for the last two).
struct FeedbackResponse {
  std::string_view code;
  std::string_view label;
  bool needs_reason = false;
};
const std::vector<FeedbackResponse>& feedback_responses();
const FeedbackResponse* find_feedback_response(std::string_view code);

// The first and last day of quarter 1-4 of `year`.
std::pair<Date, Date> quarter_range(int year, int quarter);

}  // namespace gongkai::domain
