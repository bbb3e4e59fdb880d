// The pager under every paged listing (portal columns, catalog, policy library, staff item lists): one place that
// turns a total, a page and a page size into the links of templates/pager.mustache.
#pragma once

#include <cstdint>
#include <string>

namespace gongkai::web {

// `base` + "page=VALUE", joined with '?' or '&' as `base` needs.
std::string with_param(const std::string& base, const std::string& name, const std::string& value);

// The pager's HTML for `total` items, `page_size` per page, on page `page` (1-based); links are `base_url` with
// page=N added (base_url may carry other query parameters). Empty-looking (no links) when one page holds all.
std::string pager(const std::string& base_url, int64_t total, int page, int page_size);

}  // namespace gongkai::web
