// The weekly circular (一周一通报) as a standalone HTML document (templates/monitor_weekly.mustache).
#pragma once

#include <string>

#include "services/monitoring.h"

namespace gongkai::web {

// The labels of findings' rules come from data/monitor-rules.tsv.
std::string render_weekly_circular(const services::WeeklyReport& report, const std::string& issuer);

}  // namespace gongkai::web
