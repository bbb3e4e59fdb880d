// Policy library rules (see normative.h).
#include "domain/normative.h"

namespace gongkai::domain {

std::vector<FieldError> check_filing(const FilingInput& filing, const std::optional<Date>& written_on, Date today) {
  std::vector<FieldError> errors;
  if (filing.filed_with.empty()) {
    errors.push_back({"filed_with", "请填写备案机关，如“示例市人民政府”。"});
  } else if (filing.filed_with.size() > 600 || filing.filed_with.find_first_of("\r\n") != std::string::npos) {
    errors.push_back({"filed_with", "备案机关不超过200字，不含换行。"});
  }
  std::optional<Date> filed_on = Date::parse(filing.filed_on);
  if (!filed_on) {
    errors.push_back({"filed_on", "请按“年-月-日”填写有效的备案日期，如 2020-03-15。"});
  } else if (filed_on->days_since_epoch() > today.days_since_epoch()) {
    errors.push_back({"filed_on", "备案日期不能晚于今天。"});
  } else if (written_on && filed_on->days_since_epoch() < written_on->days_since_epoch()) {
    errors.push_back({"filed_on", "备案日期不能早于文件的成文日期（" + written_on->to_string() + "）。"});
  }
  if (filing.filing_number.size() > 100 || filing.filing_number.find_first_of("\r\n") != std::string::npos) {
    errors.push_back({"filing_number", "备案号不超过100字节，不含换行。"});
  }
  return errors;
}

bool filing_is_late(Date published_on, Date filed_on) {
  return filed_on.days_since_epoch() - published_on.days_since_epoch() > kFilingDays;
}

const std::vector<CleanupDecision>& cleanup_decisions() {
  static const std::vector<CleanupDecision> kDecisions = {
      {"valid", "继续有效", std::nullopt},
      {"amended", "修改后继续有效", std::string_view("修订后有效")},
      {"repealed", "失效废止", std::string_view("废止")},
  };
  return kDecisions;
}

const CleanupDecision* find_cleanup_decision(std::string_view code) {
  for (const CleanupDecision& d : cleanup_decisions()) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

const std::vector<FeedbackResponse>& feedback_responses() {
  static const std::vector<FeedbackResponse> kResponses = {
      {"adopted", "采纳", false},
      {"partly_adopted", "部分采纳", true},
      {"not_adopted", "未采纳", true},
  };
  return kResponses;
}

const FeedbackResponse* find_feedback_response(std::string_view code) {
  for (const FeedbackResponse& r : feedback_responses()) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

std::pair<Date, Date> quarter_range(int year, int quarter) {
  const int first_month = 3 * (quarter - 1) + 1;
  const Date first = Date::from_ymd(year, first_month, 1);
  const Date next = quarter == 4 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, first_month + 3, 1);
  return {first, next.plus_days(-1)};
}

}  // namespace gongkai::domain
