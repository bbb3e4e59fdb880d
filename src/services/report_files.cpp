// Built report → file bytes through render/report_render, with the charts' series.
#include "services/report_files.h"

#include "render/report_render.h"
#include "report/report_formats.h"

namespace gongkai::services {

Result<std::string> report_file_bytes(const BuiltReport& built, const std::string& format) {
  Result<render::ReportFileKind> kind = render::parse_report_file_kind(format);
  if (!kind) return kind.status();
  Result<const domain::ReportFormats*> formats = report::builtin_report_formats();
  if (!formats) return formats.status();
  const domain::ReportFormatVersion version =
      built.report.format.value_or(domain::format_for_year(built.report.year.value_or(2021)));
  render::ReportRenderOptions options;
  static const std::pair<const char*, const char*> kChannels[] = {{"applications_online", "网上申请"},
                                                                  {"applications_in_person", "当面申请"},
                                                                  {"applications_mail", "信函申请"}};
  for (const auto& [key, label] : kChannels) {
    auto it = built.figures.find(key);
    if (it != built.figures.end())
      options.applications_by_channel.push_back({label, static_cast<double>(it->second)});
  }
  for (const TrendYear& t : built.trend) options.trend.push_back({t.year, t.received});
  return render::render_report(built.report, (*formats)->get(version), *kind, options);
}

std::pair<std::string, std::string> report_file_type(const std::string& format) {
  if (format == "html") return {"text/html; charset=utf-8", "html"};
  if (format == "xlsx") return {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  if (format == "docx")
    return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"};
  if (format == "pdf") return {"application/pdf", "pdf"};
  return {"", ""};
}

}  // namespace gongkai::services
