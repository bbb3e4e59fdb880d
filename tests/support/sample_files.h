// Test support: small genuine files of the upload types (PDF, PNG, JPEG, ZIP, DOCX, XLSX, OLE2) that libmagic
// recognises, built in memory, for the upload tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gongkai::testing {

std::string sample_pdf();
std::string sample_png();
std::string sample_jpeg();
std::string sample_ole2();  // an OLE2 compound file header, what DOC/XLS/WPS files are
// A ZIP archive of (name, content) entries, in order (stored by libzip).
std::string sample_zip(const std::vector<std::pair<std::string, std::string>>& entries);
std::string sample_docx();
std::string sample_xlsx();

}  // namespace gongkai::testing
