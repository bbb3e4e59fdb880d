// Wall-clock helpers: UTC timestamps for records and today's date in China time (Asia/Shanghai, UTC+8, no DST).
#pragma once

#include <string>

namespace gongkai {

// Now as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now_iso();

// Today's calendar date in China (UTC+8) as "YYYY-MM-DD". $GONGKAI_TODAY overrides it (tests, demos).
std::string china_today();

}  // namespace gongkai
