// The life of an annual report version (条例 Art. 49: departments and townships submit to the government's
// disclosure office, which checks them): draft → submitted → returned (with comments) | approved → published;
// the office's own report may be approved from draft. A returned version stays returned: the body drafts a new
// version. As data, one transition table. Also the report deadline of each kind of body. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::domain {

// The state after `action` (submit | return | approve | publish) from `state`, or nullopt when the table does not
// allow it.
std::optional<std::string_view> report_version_move(std::string_view state, std::string_view action);

// The date a body of `body_type` must publish its report of `year` by (条例 Art. 49): a people's government by
// 31 March of the next year, its departments, offices and townships by 31 January. "YYYY-MM-DD".
std::string report_deadline(std::string_view body_type, int year);

}  // namespace gongkai::domain
