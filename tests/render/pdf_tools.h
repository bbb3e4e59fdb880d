// Test support for the PDF renderers: runs poppler-utils (pdffonts, pdftotext, pdfinfo) on a file and returns
// their output, so the tests read a PDF the way a reader's tools do.
#pragma once

#include <cstdio>
#include <string>

namespace gongkai::testing {

// Runs `command` through the shell and returns its standard output; `exit_code` gets its exit status.
inline std::string run_output(const std::string& command, int* exit_code = nullptr) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int status = pclose(pipe);
  if (exit_code != nullptr) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// The text of page `page` (1-based; 0 for all pages) of the PDF at `path`, in reading order.
inline std::string pdf_text(const std::string& path, int page = 0) {
  std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return run_output("pdftotext -enc UTF-8" + range + " '" + path + "' -");
}

// The page count pdfinfo reports, or -1.
inline int pdf_pages(const std::string& path) {
  std::string info = run_output("pdfinfo '" + path + "'");
  size_t at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

}  // namespace gongkai::testing
