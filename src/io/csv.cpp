// A small state-machine CSV reader and writer.
#include "io/csv.h"

namespace gongkai::io {

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view name) {
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  size_t line = 1;
  size_t pos = 0;
  bool record_has_content = false;
  current.line = 1;
  auto fail = [&](size_t at_line, const std::string& what) {
    return Status::invalid(std::string(name) + ":" + std::to_string(at_line) + ": " + what);
  };
  auto end_record = [&]() {
    current.fields.push_back(std::move(field));
    field.clear();
    bool blank = current.fields.size() == 1 && current.fields[0].empty() && !record_has_content;
    if (!blank) records.push_back(std::move(current));
    current = CsvRecord{};
    record_has_content = false;
  };
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '"' && field.empty()) {
      // Quoted field.
      const size_t start_line = line;
      record_has_content = true;
      ++pos;
      for (;;) {
        if (pos >= text.size()) return fail(start_line, "quoted field is never closed (a missing '\"')");
        char q = text[pos];
        if (q == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            field += '"';
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        if (q == '\n') ++line;
        field += q;
        ++pos;
      }
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
        return fail(line, "text after a closing quote; quotes inside a field must be doubled (\"\")");
      }
      continue;
    }
    if (c == ',') {
      current.fields.push_back(std::move(field));
      field.clear();
      record_has_content = true;
      ++pos;
      continue;
    }
    if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      ++pos;
      continue;
    }
    if (c == '\n') {
      end_record();
      ++line;
      current.line = line;
      ++pos;
      continue;
    }
    if (c == '"') return fail(line, "a '\"' inside an unquoted field; quote the field and double the quote");
    field += c;
    record_has_content = true;
    ++pos;
  }
  if (record_has_content || !field.empty()) end_record();
  return records;
}

std::string format_csv_line(const std::vector<std::string>& fields) {
  // A record of one empty field would be a blank line, which readers skip: quote it.
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\n";
  std::string out;
  for (size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    if (field_idx) out += ',';
    const std::string& f = fields[field_idx];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += '\n';
  return out;
}

}  // namespace gongkai::io
