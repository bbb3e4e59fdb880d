// The readable text of item content, which arrives as "text or HTML" (spec/contracts.md, item import): what
// the index and the snippets see.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::search {

// Returns the text of `content`: tags of known HTML elements are removed (block elements become line breaks,
// inline ones vanish so that <b>公</b>开 stays one word), the content of script, style, head, template,
// iframe, object, svg, math and noscript is dropped with them, comments are dropped, character references
// (&amp; &#20844;
// &#x516C; &nbsp; and the common named ones) are decoded, and runs of white space become one space (or one
// line break if they held one). Text that is not a known tag ("a < b", "<foo>") is kept as it is.
std::string html_to_text(std::string_view content);

}  // namespace gongkai::search
