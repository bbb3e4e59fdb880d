// Reads a published annual report from a file (HTML, DOCX, or text where the tables survive) into an AnnualReport.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/annual_report.h"
#include "domain/report_format.h"

namespace gongkai::report {

// The largest report file read; larger ones are refused before reading (a report with tables is well under 5 MB).
inline constexpr size_t kMaxReportFileBytes = 20u << 20;

enum class ReportFileKind { kHtml, kDocx, kText };

// The kind of `bytes`: a zip signature is DOCX; "<html", "<table", "<!doctype", "<body" or "<p" near the start is
// HTML; anything else is text. `name`'s extension decides when the content is ambiguous.
ReportFileKind sniff_report_kind(std::string_view bytes, std::string_view name);

// Parses the bytes of a report named `name`: decodes text (UTF-8, or GB18030/GBK detected; anything else is refused
// with the line and byte), reads HTML/DOCX/text, and finds the report in it (report_parser.h). Fails with kInvalid
// and the reason for an unreadable file, one that is not an annual report, or one whose tables are missing.
Result<domain::AnnualReport> read_report_bytes(std::string_view bytes, std::string_view name,
                                               const domain::ReportFormats& formats);

// read_report_bytes() of the file at `path`; fails with kInvalid for a file larger than kMaxReportFileBytes and
// kIo when it cannot be read. Catches std::bad_alloc and other library exceptions and returns them as kInvalid.
Result<domain::AnnualReport> read_report_file(const std::string& path, const domain::ReportFormats& formats);

}  // namespace gongkai::report
