// HTML text helpers for the web layer: escaping, an allowlist sanitizer for stored item content (which arrives
// from imports as "text or HTML" and is not trusted), and plain-text excerpts.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::web {

// Escapes & < > " ' for use in text and attribute values.
std::string escape_html(std::string_view text);

// Returns safe HTML for `content`: text without tags becomes paragraphs (one per line); HTML keeps only an
// allowlist of structural tags (p br div span strong b em i u h2-h6 ul ol li table thead tbody tr th td
// blockquote a img hr sub sup) and attributes (href/src with http(s), relative or fragment URLs only; alt, title,
// colspan, rowspan). script, style, iframe, object, embed, form and their content are dropped, as are comments,
// event handlers and javascript: URLs.
std::string sanitize_html(std::string_view content);

// The text of `html` without tags and with entities for & < > " decoded, whitespace collapsed, cut to at most
// `max_chars` characters (UTF-8 aware) with "…" when cut.
std::string plain_excerpt(std::string_view html, size_t max_chars);

// Percent-encodes `text` for a URL query value.
std::string url_encode(std::string_view text);

}  // namespace gongkai::web
