// Reads a plain-text report (a copy where the tables survived as rows of "|"- or tab-separated cells) into a Document.
#pragma once

#include <string_view>

#include "report/document.h"

namespace gongkai::report {

// Parses UTF-8 `text`. A line with at least two cells separated by '|' (or, without '|', by tabs) is a table row
// (leading and trailing '|' dropped; Markdown rules like |---|---| skipped); consecutive rows form one Grid whose
// rows keep their own width. Every other non-empty line is a paragraph. Never fails except on the grid limits.
Result<Document> read_text(std::string_view text);

}  // namespace gongkai::report
