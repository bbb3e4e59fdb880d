// File → AnnualReport: size limit, format sniffing, text decoding and the reader for the kind (see report_file.h).
#include "report/report_file.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <new>

#include "io/text_encoding.h"
#include "report/docx_reader.h"
#include "report/html_reader.h"
#include "report/report_parser.h"
#include "report/text_reader.h"

namespace gongkai::report {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

ReportFileKind sniff_report_kind(std::string_view bytes, std::string_view name) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return ReportFileKind::kDocx;
  const std::string head = lower_ascii(bytes.substr(0, 4096));
  for (std::string_view tag : {"<html", "<!doctype html", "<table", "<body", "<div", "<p>", "<p "})
    if (head.find(tag) != std::string::npos) return ReportFileKind::kHtml;
  const std::string lower_name = lower_ascii(name);
  if (ends_with(lower_name, ".docx")) return ReportFileKind::kDocx;
  if (ends_with(lower_name, ".html") || ends_with(lower_name, ".htm")) return ReportFileKind::kHtml;
  return ReportFileKind::kText;
}

Result<domain::AnnualReport> read_report_bytes(std::string_view bytes, std::string_view name,
                                               const domain::ReportFormats& formats) {
  const ReportFileKind kind = sniff_report_kind(bytes, name);
  Result<Document> doc = Status::invalid("unread");
  if (kind == ReportFileKind::kDocx) {
    doc = read_docx(bytes);
  } else {
    Result<io::DecodedText> text = io::decode_to_utf8(bytes, name);
    if (!text) return text.status();
    doc = kind == ReportFileKind::kHtml ? read_html(text->utf8) : read_text(text->utf8);
  }
  if (!doc) return doc.status().with_context(std::string(name));
  Result<domain::AnnualReport> report = parse_report(*doc, formats);
  if (!report) return report.status().with_context(std::string(name));
  return report;
}

Result<domain::AnnualReport> read_report_file(const std::string& path, const domain::ReportFormats& formats) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::io(path + ": " + ec.message());
  if (size > kMaxReportFileBytes)
    return Status::invalid(path + ": the file is " + std::to_string(size / (1u << 20)) +
                           " MB; a report file may be at most " + std::to_string(kMaxReportFileBytes >> 20) + " MB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io(path + ": cannot be opened");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) return Status::io(path + ": read failed");
  try {
    return read_report_bytes(bytes, path, formats);
  } catch (const std::bad_alloc&) {
    return Status::invalid(path + ": out of memory while reading the report");
  } catch (const std::exception& e) {
    return Status::invalid(path + ": " + e.what());
  }
}

}  // namespace gongkai::report
