// HTML escaping shared by the web pages (src/web/) and the report renderers (src/render/).
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// Escapes & < > " ' for use in HTML text and attribute values.
std::string escape_html(std::string_view text);

}  // namespace gongkai
