// Case letters as PDF: paragraphs split at blank lines, laid out by pdf_document.
#include "render/letter_pdf.h"

#include <vector>

#include "render/pdf_document.h"

namespace gongkai::render {

Result<std::string> render_letter_pdf(const std::string& title, const std::string& body) {
  std::vector<std::string> paragraphs;
  for (size_t start = 0; start <= body.size();) {
    size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    std::string text = body.substr(start, end - start);
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) paragraphs.push_back(std::move(text));
    start = end + 2;
  }
  PdfDocument doc;
  doc.title = title;
  doc.blocks.push_back(PdfBlock::title(title));
  for (size_t idx = 0; idx < paragraphs.size(); ++idx) {
    PdfTextStyle style;  // indented body text
    if (idx == 0 && paragraphs.size() > 1) style = PdfTextStyle::flush();
    if (paragraphs.size() > 3 && idx + 2 >= paragraphs.size()) style = PdfTextStyle::right();
    doc.blocks.push_back(PdfBlock::paragraph(paragraphs[idx], style));
  }
  return render_pdf(doc);
}

}  // namespace gongkai::render
