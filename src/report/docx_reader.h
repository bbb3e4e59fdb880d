// Reads a Word document (.docx) into a Document with libzip + pugixml: paragraphs and tables of word/document.xml.
#pragma once

#include <cstddef>
#include <string_view>

#include "report/document.h"

namespace gongkai::report {

// The most bytes word/document.xml may decompress to; a larger (or lying) entry is refused as a possible zip bomb.
inline constexpr size_t kMaxDocxXmlBytes = 64u << 20;

// Parses the bytes of a .docx file. Paragraphs (w:p) become paragraph blocks; a w:tbl without nested tables becomes a
// Grid with w:gridSpan repeated across columns and w:vMerge continuation cells holding the text of the cell above;
// tables with nested tables are read as text. Fails with kInvalid for a file that is not a zip, has no
// word/document.xml, decompresses past kMaxDocxXmlBytes, holds malformed XML, or nests past kMaxNesting.
Result<Document> read_docx(std::string_view bytes);

}  // namespace gongkai::report
