// The allowed upload types (see upload_types.h). Office formats come in two families: the old OLE2 compound
// files (DOC, XLS, WPS, ET), which the sniffer reports by application or as a generic CDF container, and the
// ZIP-based OOXML and OFD (GB/T 33190-2016) formats, which it reports by application when the package's first
// entry tells it and as a ZIP otherwise.
#include "domain/upload_types.h"

#include <cctype>

namespace gongkai::domain {

namespace {

constexpr std::string_view kOle[] = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-office",
                                     "application/x-ole-storage", "application/cdfv2"};

std::vector<std::string_view> ole_plus(std::string_view specific) {
  std::vector<std::string_view> out(std::begin(kOle), std::end(kOle));
  out.insert(out.begin(), specific);
  return out;
}

}  // namespace

const std::vector<UploadType>& upload_types() {
  static const std::vector<UploadType> kTypes = {
      {".pdf", "PDF 文档", "application/pdf", {"application/pdf"}},
      {".ofd", "OFD 版式文档", "application/ofd", {"application/zip", "application/ofd"}},
      {".doc", "Word 97-2003 文档", "application/msword", ole_plus("application/msword")},
      {".docx",
       "Word 文档",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"}},
      {".wps", "WPS 文字文档", "application/vnd.ms-works", ole_plus("application/vnd.ms-works")},
      {".xls", "Excel 97-2003 表格", "application/vnd.ms-excel", ole_plus("application/vnd.ms-excel")},
      {".xlsx",
       "Excel 表格",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}},
      {".et", "WPS 表格", "application/vnd.ms-excel", ole_plus("application/vnd.ms-excel")},
      {".jpg", "JPEG 图片", "image/jpeg", {"image/jpeg"}},
      {".jpeg", "JPEG 图片", "image/jpeg", {"image/jpeg"}},
      {".png", "PNG 图片", "image/png", {"image/png"}},
      {".zip", "ZIP 压缩包", "application/zip", {"application/zip"}},
  };
  return kTypes;
}

const UploadType* upload_type_for(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return nullptr;
  std::string ext(file_name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const UploadType& t : upload_types()) {
    if (t.extension == ext) return &t;
  }
  return nullptr;
}

bool upload_type_accepts(const UploadType& type, std::string_view detected) {
  for (std::string_view d : type.detected) {
    if (d == detected) return true;
  }
  return false;
}

std::string upload_extensions_hint() {
  std::string out;
  for (const UploadType& t : upload_types()) {
    if (t.extension == ".jpeg") continue;
    if (!out.empty()) out += "、";
    for (char c : t.extension.substr(1)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace gongkai::domain
