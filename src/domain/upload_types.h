// Which files staff and the public may upload, as a table: each allowed file extension with the canonical MIME
// type stored for it and the content types content sniffing (libmagic) may report for such a file. Pure data
// and lookups; the sniffing itself is services/uploads'.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::domain {

struct UploadType {
  std::string_view extension;  // lower case, with the dot: ".pdf"
  std::string_view label;      // for messages: "PDF 文档"
  std::string_view mime_type;  // stored in blobs.mime_type and sent on download
  std::vector<std::string_view> detected;  // MIME types the sniffer may report for a genuine file of this type
};

// Every allowed type, in the order the upload form lists them.
const std::vector<UploadType>& upload_types();

// The type of a file name's extension (case-insensitive), or nullptr when the extension is not allowed (or the
// name has none).
const UploadType* upload_type_for(std::string_view file_name);

// Whether `detected` (a sniffed MIME type, lower case, without parameters) fits `type`.
bool upload_type_accepts(const UploadType& type, std::string_view detected);

// "PDF、DOC、DOCX、…": the allowed extensions for a form's hint.
std::string upload_extensions_hint();

}  // namespace gongkai::domain
