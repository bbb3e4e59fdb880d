// Pager links for paged listings.
#include "web/pager.h"

#include <algorithm>

#include "web/html.h"
#include "web/templates.h"

namespace gongkai::web {

std::string with_param(const std::string& base, const std::string& name, const std::string& value) {
  return base + (base.find('?') == std::string::npos ? "?" : "&") + name + "=" + url_encode(value);
}

std::string pager(const std::string& base_url, int64_t total, int page, int page_size) {
  Data d;
  const int pages = static_cast<int>(std::max<int64_t>(1, (total + page_size - 1) / page_size));
  d.set("show", pages > 1);
  d.set("total", std::to_string(total));
  d.set("page", std::to_string(page));
  d.set("pages", std::to_string(pages));
  auto url = [&](int n) { return with_param(base_url, "page", std::to_string(n)); };
  if (page > 1) {
    d.set("first_url", url(1));
    d.set("prev_url", url(page - 1));
  }
  if (page < pages) {
    d.set("next_url", url(page + 1));
    d.set("last_url", url(pages));
  }
  Data numbers = list();
  for (int n = std::max(1, page - 4); n <= std::min(pages, page + 4); ++n) {
    Data num;
    num.set("n", std::to_string(n));
    num.set("url", url(n));
    num.set("current", n == page);
    numbers.push_back(num);
  }
  d.set("numbers", numbers);
  return render("pager", d);
}

}  // namespace gongkai::web
