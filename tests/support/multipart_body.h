// Test support: a multipart/form-data request body as a browser sends it, for the upload tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gongkai::testing {

// One file part: field name, file name, content.
struct MultipartFile {
  std::string field, file_name, content;
};

inline constexpr const char* kTestBoundary = "----gongkaiTestBoundary7MA4YWxkTrZu0gW";

// The body with `fields` then `files`, delimited by kTestBoundary (Content-Type:
// "multipart/form-data; boundary=" + kTestBoundary).
std::string multipart_body(const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::vector<MultipartFile>& files);

}  // namespace gongkai::testing
