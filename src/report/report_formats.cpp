// Parses the embedded report-format file once (see report_formats.h).
#include "report/report_formats.h"

#include "common/embedded.h"

namespace gongkai::report {

Result<const domain::ReportFormats*> builtin_report_formats() {
  static const Result<domain::ReportFormats> parsed =
      domain::parse_report_formats(embedded::report_formats(), "report-formats.tsv (embedded)");
  if (!parsed) return Status::internal(parsed.status().message());
  return &parsed.value();
}

}  // namespace gongkai::report
