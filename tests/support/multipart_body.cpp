// A multipart/form-data body built by hand, the way browsers frame it.
#include "support/multipart_body.h"

namespace gongkai::testing {

std::string multipart_body(const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::vector<MultipartFile>& files) {
  const std::string boundary = kTestBoundary;
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
            "\r\n";
  }
  for (const MultipartFile& f : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" +
            f.file_name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + f.content + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return body;
}

}  // namespace gongkai::testing
