// Test support for the XLSX and DOCX renderers: reads one entry of an Office zip (libzip) so the tests can check
// the XML structure a spreadsheet or word processor reads.
#pragma once

#include <zip.h>

#include <string>

namespace gongkai::testing {

// The bytes of entry `name` of the zip `bytes`, or "" when the zip or the entry is missing.
inline std::string zip_entry(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return "";
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return "";
  }
  std::string out;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    if (file != nullptr) {
      out.resize(stat.size);
      zip_int64_t read = zip_fread(file, out.data(), stat.size);
      out.resize(read < 0 ? 0 : static_cast<size_t>(read));
      zip_fclose(file);
    }
  }
  zip_close(archive);
  return out;
}

}  // namespace gongkai::testing
