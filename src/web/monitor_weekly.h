// The weekly circular (一周一通报) as a standalone HTML document (templates/monitor_weekly.mustache) and as a
// PDF (render/pdf_document), and the labels the monitoring pages share.
#pragma once

#include <string>

#include "services/monitoring.h"

namespace gongkai::web {

// The labels of findings' rules come from data/monitor-rules.tsv.
std::string render_weekly_circular(const services::WeeklyReport& report, const std::string& issuer);
// The same content as an A4 PDF with its tables. Fails as render::render_pdf does.
Result<std::string> render_weekly_circular_pdf(const services::WeeklyReport& report,
                                               const std::string& issuer);

// "红色" / "黄色".
std::string grade_label(const std::string& grade);
// 已下发 / 已反馈 / 已办结 / 逾期未整改 for a circular's state.
std::string circular_state_label(const std::string& state);

}  // namespace gongkai::web
