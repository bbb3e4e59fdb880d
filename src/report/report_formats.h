// The annual-report formats compiled into the binary (data/report-formats.tsv, embedded by scripts/embed.cmake).
#pragma once

#include "common/status.h"
#include "domain/report_format.h"

namespace gongkai::report {

// The embedded formats, parsed once (thread-safe). Fails with kInternal if the embedded file does not parse —
// a build defect, caught by the tests.
Result<const domain::ReportFormats*> builtin_report_formats();

}  // namespace gongkai::report
