// The table 三 label of an outcome code for pages that also use the report format (domain/outcomes.h and
// domain/report_format.h both name a `ReportFormat`, so one translation unit cannot include both).
#pragma once

#include <string>

namespace gongkai::web {

// "（三）不予公开 4.保护第三方合法权益" for "withheld.third_party"; `code` itself when it names no outcome.
std::string outcome_text(const std::string& code);

}  // namespace gongkai::web
