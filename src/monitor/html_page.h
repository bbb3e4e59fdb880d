// What the site check reads from one HTML page (gumbo): its links, its visible text, the entries of a column
// listing with their dates, and its own publication date. Bad HTML is parsed the way browsers do; the tree is
// walked with a depth limit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace gongkai::monitor {

struct PageLink {
  std::string href;  // as written (resolve against the page URL)
  std::string text;
};

struct ListingEntry {
  std::string href;
  std::string title;
  std::optional<domain::Date> date;  // the latest date written in the entry
  std::vector<domain::Date> dates;   // every date written in the entry, in order (a message: asked, answered)
  bool awaiting_reply = false;  // the entry says 未回复 / 待回复 / 未答复 / 办理中 (a message listing)
};

struct HtmlPage {
  std::string title;
  std::string text;                   // visible text (no script/style), whitespace collapsed
  std::vector<PageLink> links;        // every <a href>, in document order
  // Entries of the page's listing: the innermost li / tr / dd holding a link, inside <main> (else <body>),
  // outside nav / header / footer / aside (menus, breadcrumbs, pagers).
  std::vector<ListingEntry> entries;
  // The page's own publication date: <meta name="PubDate|pubdate|publishdate|article:published_time">, else
  // the date after a label 发布日期 / 发布时间 / 日期 / 时间 in the text, else the first <time datetime> outside
  // the listing entries. nullopt if none.
  std::optional<domain::Date> publication_date;
  std::string declared_charset;       // from <meta charset> / http-equiv, lower case; "" if none
};

// Parses UTF-8 HTML (decode first: see decode_page).
HtmlPage parse_html(std::string_view utf8_html);

// The charset named in a Content-Type header ("text/html; charset=GBK" -> "gbk"), lower case; "" if none.
std::string charset_of(std::string_view content_type);

// The page bytes as UTF-8: UTF-8 is kept; GBK / GB18030 (declared or detected) is converted with
// io::decode_to_utf8; bytes that are neither are passed through (gumbo replaces invalid sequences).
std::string decode_page(std::string_view bytes, std::string_view content_type);

}  // namespace gongkai::monitor
