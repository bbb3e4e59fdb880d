// The files of a built annual report (HTML, XLSX, DOCX, PDF) with its charts: the one place the builder's
// report meets the renderers of src/render/ (docs/report-rendering.md), for `report build --format` and the
// staff workspace's downloads.
#pragma once

#include <string>

#include "services/report_builder.h"

namespace gongkai::services {

// The bytes of `built` as `format` ("html" | "xlsx" | "docx" | "pdf"), with the charts: applications by
// channel from section 一's figures (absent figures left out, never drawn as 0) and the year-on-year trend
// from built.trend. kInvalid for another format; the renderer's failures otherwise.
Result<std::string> report_file_bytes(const BuiltReport& built, const std::string& format);

// The MIME type and file extension of `format` (as report_file_bytes takes it); {"", ""} for another.
std::pair<std::string, std::string> report_file_type(const std::string& format);

}  // namespace gongkai::services
