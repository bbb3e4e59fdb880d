// Import pipeline: read → decode → parse every record → check against the database → write all in one
// transaction. Any error anywhere before the commit leaves the database as it was.
#include "services/item_import.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "io/csv.h"
#include "io/text_lines.h"
#include "io/progress.h"
#include "services/item_format.h"
#include "services/item_writer.h"
#include "store/items.h"

namespace gongkai::services {

namespace fs = std::filesystem;

namespace {

struct ParsedRecord {
  size_t line = 0;
  domain::ItemRecord item;
};

void normalise(domain::ItemRecord& r) {
  for (std::optional<std::string>* o : {&r.doc_number, &r.written_date, &r.column, &r.subject, &r.validity,
                                        &r.validity_date, &r.superseded_by, &r.index_number, &r.source_url,
                                        &r.interprets}) {
    if (*o && (*o)->empty()) o->reset();
  }
  if (r.kind.empty()) r.kind = "news";
}

void add_field_errors(std::vector<ImportError>& out, size_t line, const std::vector<domain::FieldError>& errors) {
  for (const auto& e : errors) out.push_back({line, e.field, e.message});
}

void parse_json_lines(const std::string& text, std::vector<ParsedRecord>& records, std::vector<ImportError>& errors) {
  io::for_each_nonblank_line(text, [&](size_t line_no, std::string_view line) {
    if (line.size() > kMaxRecordBytes) {
      errors.push_back({line_no, "(line)", "is " + std::to_string(line.size()) + " bytes, over the limit of " +
                                               std::to_string(kMaxRecordBytes)});
      return;
    }
    nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) {
      errors.push_back({line_no, "(line)", "is not valid JSON"});
      return;
    }
    std::vector<domain::FieldError> field_errors;
    ParsedRecord rec{line_no, item_from_json(object, field_errors)};
    normalise(rec.item);
    if (field_errors.empty()) field_errors = domain::validate_item(rec.item);
    add_field_errors(errors, line_no, field_errors);
    records.push_back(std::move(rec));
  });
}

Status parse_csv_records(const std::string& text, const std::string& name, std::vector<ParsedRecord>& records,
                         std::vector<ImportError>& errors) {
  Result<std::vector<io::CsvRecord>> rows = io::parse_csv(text, name);
  if (!rows) return rows.status();
  if (rows->empty()) return Status::ok();
  const std::vector<std::string>& header = rows->front().fields;
  std::vector<domain::FieldError> header_errors = check_csv_header(header);
  if (!header_errors.empty()) {
    add_field_errors(errors, rows->front().line, header_errors);
    return Status::ok();
  }
  for (size_t row_idx = 1; row_idx < rows->size(); ++row_idx) {
    const io::CsvRecord& row = (*rows)[row_idx];
    size_t bytes = 0;
    for (const auto& f : row.fields) bytes += f.size();
    if (bytes > kMaxRecordBytes) {
      errors.push_back({row.line, "(line)", "is " + std::to_string(bytes) + " bytes, over the limit of " +
                                                std::to_string(kMaxRecordBytes)});
      continue;
    }
    std::vector<domain::FieldError> field_errors;
    ParsedRecord rec{row.line, item_from_csv(header, row.fields, field_errors)};
    normalise(rec.item);
    if (field_errors.empty()) field_errors = domain::validate_item(rec.item);
    add_field_errors(errors, row.line, field_errors);
    records.push_back(std::move(rec));
  }
  return Status::ok();
}

bool looks_like_csv(const std::string& path, const std::string& text) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return true;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return false;
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] != '{';
}

}  // namespace

std::string ImportError::to_string(const std::string& file) const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!field.empty() && field != "(line)") out += field + ": ";
  if (field == "(line)") out += "line ";
  return out + message;
}

Result<ImportReport> import_items(Installation& inst, const std::string& path, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid("cannot read " + path + ": no such file or not readable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();

  Result<io::DecodedText> decoded = io::decode_to_utf8(bytes, path);
  if (!decoded) return decoded.status();
  ImportReport report;
  report.encoding = decoded->source;

  std::vector<ParsedRecord> records;
  if (looks_like_csv(path, decoded->utf8)) {
    GK_RETURN_IF_ERROR(parse_csv_records(decoded->utf8, path, records, report.errors));
  } else {
    parse_json_lines(decoded->utf8, records, report.errors);
  }
  report.records = records.size();

  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  // One write transaction for the checks against the database and the writes, so nothing changes in between.
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  ItemWriter writer(**conn, inst.attachments_dir());

  // Checks that need the database: bodies, columns, index-number uniqueness, successors, attachment files.
  const fs::path base_dir = fs::absolute(fs::path(path)).parent_path();
  std::set<std::string> file_index_numbers;
  std::vector<std::optional<int64_t>> column_ids(records.size());
  std::vector<std::vector<std::string>> attachment_files(records.size());
  for (size_t rec_idx = 0; rec_idx < records.size(); ++rec_idx) {
    const ParsedRecord& rec = records[rec_idx];
    if (rec.item.index_number) file_index_numbers.insert(*rec.item.index_number);
  }
  std::set<std::string> seen_index_numbers;
  for (size_t rec_idx = 0; rec_idx < records.size(); ++rec_idx) {
    const ParsedRecord& rec = records[rec_idx];
    const domain::ItemRecord& item = rec.item;
    if (item.body.empty()) continue;
    Result<const store::BodyRow*> body = writer.body(item.body);
    if (!body) return body.status();
    if (!*body) {
      report.errors.push_back({rec.line, "body", "no body has the code '" + item.body + "' (see `gongkai bodies`)"});
    } else if (item.column) {
      Result<std::optional<int64_t>> col = writer.column((*body)->id, *item.column, false);
      if (!col) return col.status();
      if (*col) {
        column_ids[rec_idx] = **col;
      } else if (!options.create_columns) {
        report.errors.push_back({rec.line, "column", "body '" + item.body + "' has no column '" + *item.column +
                                                         "' (create it, or import with --create-columns)"});
      }
    }
    if (item.index_number) {
      if (!seen_index_numbers.insert(*item.index_number).second) {
        report.errors.push_back({rec.line, "index_number", *item.index_number + " appears twice in this file"});
      } else {
        Result<std::optional<int64_t>> existing = store::find_item_id(**conn, *item.index_number);
        if (!existing) return existing.status();
        if (*existing) {
          report.errors.push_back({rec.line, "index_number", *item.index_number + " is already used"});
        }
      }
    }
    if (item.superseded_by && !file_index_numbers.count(*item.superseded_by)) {
      Result<std::optional<int64_t>> target = store::find_item_id(**conn, *item.superseded_by);
      if (!target) return target.status();
      if (!*target) {
        report.errors.push_back({rec.line, "superseded_by", "no item has index number " + *item.superseded_by});
      }
    }
    if (item.interprets && !file_index_numbers.count(*item.interprets)) {
      Result<std::optional<int64_t>> target = store::find_item_id(**conn, *item.interprets);
      if (!target) return target.status();
      if (!*target) {
        report.errors.push_back({rec.line, "interprets", "no item has index number " + *item.interprets});
      }
    }
    for (const std::string& rel : item.attachments) {
      const fs::path file = base_dir / rel;
      std::error_code ec;
      // The file itself must lie inside the import folder: a symbolic link could point anywhere.
      const fs::path real = fs::weakly_canonical(file, ec);
      const fs::path real_base = fs::weakly_canonical(base_dir, ec);
      const std::string real_text = real.string(), base_text = real_base.string() + "/";
      if (!ec && fs::exists(file, ec) && !real_text.starts_with(base_text)) {
        report.errors.push_back({rec.line, "attachments", "file '" + rel + "' lies outside the import file's folder"});
        continue;
      }
      if (!fs::is_regular_file(file, ec)) {
        report.errors.push_back({rec.line, "attachments", "file '" + rel + "' not found next to the import file"});
        continue;
      }
      if (static_cast<int64_t>(fs::file_size(file, ec)) > kMaxAttachmentBytes) {
        report.errors.push_back({rec.line, "attachments", "file '" + rel + "' is larger than 100 MiB"});
        continue;
      }
      attachment_files[rec_idx].push_back(file.string());
    }
  }
  if (!report.errors.empty() || options.dry_run) {
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
    return report;  // the transaction rolls back: nothing was written
  }

  for (const ParsedRecord& rec : records) GK_RETURN_IF_ERROR(writer.reserve_index_number(rec.item));
  io::Progress progress("导入信息", records.size());
  if (!options.progress) progress.set_enabled(false);
  for (size_t rec_idx = 0; rec_idx < records.size(); ++rec_idx) {
    const ParsedRecord& rec = records[rec_idx];
    std::optional<int64_t> column_id = column_ids[rec_idx];
    if (!column_id && rec.item.column) {
      Result<const store::BodyRow*> body = writer.body(rec.item.body);
      if (!body) return body.status();
      Result<std::optional<int64_t>> col = writer.column((*body)->id, *rec.item.column, true);
      if (!col) return col.status();
      column_id = *col;
    }
    Result<int64_t> id = writer.write(rec.item, attachment_files[rec_idx], column_id);
    if (!id) return id.status().with_context(path + ":" + std::to_string(rec.line));
    progress.update(rec_idx + 1);
  }
  GK_RETURN_IF_ERROR(writer.link_references());
  GK_RETURN_IF_ERROR(tx.commit());
  progress.finish();
  report.imported = records.size();
  return report;
}

}  // namespace gongkai::services
