// Sample files for the upload tests (see sample_files.h).
#include "support/sample_files.h"

#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/test_databases.h"

namespace gongkai::testing {

std::string sample_pdf() { return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"; }

std::string sample_png() {
  static const unsigned char kPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
                                       0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
                                       0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44,
                                       0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x01,
                                       0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
                                       0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kPng), sizeof kPng);
}

std::string sample_jpeg() {
  std::string jpeg("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  jpeg += std::string(64, '\0');
  jpeg += "\xff\xd9";
  return jpeg;
}

std::string sample_ole2() {
  std::string ole("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
  ole += std::string(16, '\0');
  ole += std::string("\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00", 10);
  ole.resize(512, '\0');
  return ole;
}

std::string sample_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  TempDir dir;
  const std::string path = dir.file("sample.zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!z) std::abort();
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    const zip_int64_t idx = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
  }
  if (zip_close(z) != 0) std::abort();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string sample_docx() {
  return sample_zip({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                     {"_rels/.rels", "<Relationships/>"},
                     {"word/document.xml", "<w:document/>"}});
}

std::string sample_xlsx() {
  return sample_zip({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                     {"_rels/.rels", "<Relationships/>"},
                     {"xl/workbook.xml", "<workbook/>"}});
}

}  // namespace gongkai::testing
