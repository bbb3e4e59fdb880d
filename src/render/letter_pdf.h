// A case letter (告知书, 回执, 通知书 …; domain/letters drafts them, staff edit them, case_letters keeps every
// version) as a PDF through the generic pdf_document writer: the title, then the body's paragraphs.
#pragma once

#include <string>

#include "common/status.h"

namespace gongkai::render {

// `body` holds paragraphs separated by blank lines ("\n\n"), as the letter editor saves them; a single "\n" breaks
// a line inside a paragraph. The first paragraph (the salutation, "张三：") and the last two (signature and date)
// are set flush left and right, as printed letters are. Fails as render_pdf does (invalid UTF-8, a library error).
Result<std::string> render_letter_pdf(const std::string& title, const std::string& body);

}  // namespace gongkai::render
