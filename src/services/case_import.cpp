// Case imports: read and decode the file (io/text_encoding, io/csv) into flat records of text fields, check
// each with CaseDesk::check and the database, then write all through CaseDesk in one transaction.
#include "services/case_import.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/clock.h"
#include "io/csv.h"
#include "io/text_lines.h"
#include "services/applications.h"
#include "store/bodies.h"
#include "store/calendar.h"
#include "store/reviews.h"

namespace gongkai::services {

namespace fs = std::filesystem;

namespace {

// One record: its first line and its non-empty fields.
struct FlatRecord {
  size_t line = 0;
  std::map<std::string, std::string> fields;
  std::string get(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

struct Format {
  const std::vector<std::string>& columns;
  std::vector<std::string> required;
};

bool looks_like_csv(const std::string& path, const std::string& text) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".csv" || ext == ".CSV") return true;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return false;
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] != '{';
}

bool known_column(const Format& format, const std::string& name) {
  return std::find(format.columns.begin(), format.columns.end(), name) != format.columns.end();
}

void read_json_lines(const std::string& text, const Format& format, std::vector<FlatRecord>& records,
                     std::vector<ImportError>& errors) {
  io::for_each_nonblank_line(text, [&](size_t line_no, std::string_view line) {
    if (line.size() > kMaxRecordBytes) {
      errors.push_back({line_no, "(line)", "is " + std::to_string(line.size()) + " bytes, over the limit of " +
                                               std::to_string(kMaxRecordBytes)});
      return;
    }
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      errors.push_back({line_no, "(line)", "is not a JSON object"});
      return;
    }
    FlatRecord rec;
    rec.line = line_no;
    for (const auto& [key, value] : object.items()) {
      if (!known_column(format, key)) {
        errors.push_back({line_no, key, "is not a field of this format"});
      } else if (value.is_string()) {
        if (!value.get<std::string>().empty()) rec.fields[key] = value.get<std::string>();
      } else if (!value.is_null()) {
        errors.push_back({line_no, key, "must be a string"});
      }
    }
    records.push_back(std::move(rec));
  });
}

Status read_csv(const std::string& text, const std::string& name, const Format& format,
                std::vector<FlatRecord>& records, std::vector<ImportError>& errors) {
  Result<std::vector<io::CsvRecord>> rows = io::parse_csv(text, name);
  if (!rows) return rows.status();
  if (rows->empty()) return Status::ok();
  const io::CsvRecord& header = rows->front();
  std::set<std::string> seen;
  for (const std::string& column : header.fields) {
    if (!known_column(format, column)) errors.push_back({header.line, column, "is not a column of this format"});
    if (!seen.insert(column).second) errors.push_back({header.line, column, "appears twice in the header"});
  }
  for (const std::string& column : format.required) {
    if (!seen.count(column)) errors.push_back({header.line, column, "required column is missing from the header"});
  }
  if (!errors.empty()) return Status::ok();
  for (size_t row_idx = 1; row_idx < rows->size(); ++row_idx) {
    const io::CsvRecord& row = (*rows)[row_idx];
    if (row.fields.size() > header.fields.size()) {
      errors.push_back({row.line, "(line)", "has " + std::to_string(row.fields.size()) + " fields, the header " +
                                                std::to_string(header.fields.size())});
      continue;
    }
    FlatRecord rec;
    rec.line = row.line;
    size_t bytes = 0;
    for (size_t field_idx = 0; field_idx < row.fields.size(); ++field_idx) {
      bytes += row.fields[field_idx].size();
      if (!row.fields[field_idx].empty()) rec.fields[header.fields[field_idx]] = row.fields[field_idx];
    }
    if (bytes > kMaxRecordBytes) {
      errors.push_back({row.line, "(line)", "is over the limit of " + std::to_string(kMaxRecordBytes) + " bytes"});
      continue;
    }
    records.push_back(std::move(rec));
  }
  return Status::ok();
}

// Reads, decodes and splits `path` into records; file-level failures as a status.
Status read_records(const std::string& path, const Format& format, ImportReport& report,
                    std::vector<FlatRecord>& records) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid("cannot read " + path + ": no such file or not readable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Result<io::DecodedText> decoded = io::decode_to_utf8(buffer.str(), path);
  if (!decoded) return decoded.status();
  report.encoding = decoded->source;
  if (looks_like_csv(path, decoded->utf8)) {
    GK_RETURN_IF_ERROR(read_csv(decoded->utf8, path, format, records, report.errors));
  } else {
    read_json_lines(decoded->utf8, format, records, report.errors);
  }
  report.records = records.size();
  for (const FlatRecord& rec : records) {
    for (const std::string& field : format.required) {
      if (rec.get(field).empty()) report.errors.push_back({rec.line, field, "is required"});
    }
  }
  return Status::ok();
}

void sort_errors(ImportReport& report) {
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
}

domain::Date today_in_china() {
  return domain::Date::parse(china_today()).value_or(domain::Date::from_ymd(2026, 1, 1));
}

NewApplication application_of(const FlatRecord& rec) {
  NewApplication a;
  a.body_code = rec.get("body");
  a.received_date = rec.get("received_date");
  a.channel = rec.get("channel");
  a.applicant_type = rec.get("applicant_type");
  a.request = rec.get("request");
  a.applicant_name = rec.get("applicant_name");
  a.id_number = rec.get("id_number");
  a.phone = rec.get("phone");
  a.address = rec.get("address");
  a.form_wanted = rec.get("form_wanted");
  a.delivery_wanted = rec.get("delivery_wanted");
  a.outcome = rec.get("outcome");
  a.replied_date = rec.get("replied_date");
  a.reference = rec.get("reference");
  a.actor = "import";
  return a;
}

}  // namespace

const std::vector<std::string>& application_columns() {
  static const std::vector<std::string> kColumns = {
      "body",    "received_date", "channel",     "applicant_type", "request",     "applicant_name",
      "id_number", "phone",       "address",     "form_wanted",    "delivery_wanted", "outcome",
      "replied_date", "reference"};
  return kColumns;
}

const std::vector<std::string>& review_columns() {
  static const std::vector<std::string> kColumns = {"body",   "kind",        "filed_date",
                                                    "result", "closed_date", "application_reference"};
  return kColumns;
}

Result<ImportReport> import_applications(Installation& inst, const std::string& path, const ImportOptions& options) {
  const Format format{application_columns(), {"body", "received_date", "channel", "applicant_type", "request"}};
  ImportReport report;
  std::vector<FlatRecord> records;
  GK_RETURN_IF_ERROR(read_records(path, format, report, records));

  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  // One write transaction for the checks against the database and the writes, so nothing changes in between.
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<IdVault> vault = open_id_vault(inst.data_dir(), **conn);
  if (!vault) return vault.status();
  Result<domain::WorkCalendar> calendar = store::load_calendar(**conn);
  if (!calendar) return calendar.status();
  CaseDesk desk(**conn, *vault, *calendar, today_in_china());

  std::vector<NewApplication> applications;
  std::map<std::string, std::optional<int64_t>> body_ids;  // code -> id, nullopt for an unknown code
  std::set<std::pair<std::string, std::string>> file_references;
  for (const FlatRecord& rec : records) {
    NewApplication a = application_of(rec);
    for (const domain::FieldError& e : desk.check(a)) {
      // A missing required field was reported by read_records already.
      const bool required = std::find(format.required.begin(), format.required.end(), e.field) != format.required.end();
      if (required && e.message.starts_with("is required")) continue;
      report.errors.push_back({rec.line, e.field, e.message});
    }
    if (a.body_code.empty()) {
      applications.push_back(std::move(a));
      continue;
    }
    auto known = body_ids.find(a.body_code);
    if (known == body_ids.end()) {
      Result<std::optional<store::BodyRow>> body = store::find_body(**conn, a.body_code);
      if (!body) return body.status();
      known = body_ids.emplace(a.body_code, *body ? std::optional<int64_t>((**body).id) : std::nullopt).first;
    }
    if (!known->second) {
      report.errors.push_back({rec.line, "body", "no body has the code '" + a.body_code + "' (see `gongkai bodies`)"});
    } else if (!a.reference.empty()) {
      if (!file_references.insert({a.body_code, a.reference}).second) {
        report.errors.push_back({rec.line, "reference", a.reference + " appears twice in this file for " + a.body_code});
      } else {
        Result<std::optional<int64_t>> existing = store::find_application_by_reference(**conn, *known->second, a.reference);
        if (!existing) return existing.status();
        if (*existing) {
          report.errors.push_back({rec.line, "reference", a.reference + " is already imported for " + a.body_code});
        }
      }
    }
    applications.push_back(std::move(a));
  }
  sort_errors(report);
  if (!report.errors.empty() || options.dry_run) return report;  // rolls back: nothing was written

  for (size_t rec_idx = 0; rec_idx < applications.size(); ++rec_idx) {
    Result<Registered> done = desk.register_case(applications[rec_idx]);
    if (!done) return done.status().with_context(path + ":" + std::to_string(records[rec_idx].line));
  }
  GK_RETURN_IF_ERROR(tx.commit());
  report.imported = applications.size();
  return report;
}

Result<ImportReport> import_reviews(Installation& inst, const std::string& path, const ImportOptions& options) {
  const Format format{review_columns(), {"body", "kind", "filed_date", "result"}};
  ImportReport report;
  std::vector<FlatRecord> records;
  GK_RETURN_IF_ERROR(read_records(path, format, report, records));

  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  const domain::Date today = today_in_china();
  static const std::set<std::string> kKinds = {"reconsideration", "litigation_direct", "litigation_after_review"};
  static const std::set<std::string> kResults = {"upheld", "corrected", "other", "pending"};

  std::vector<store::ReviewRow> reviews;
  for (const FlatRecord& rec : records) {
    auto problem = [&](std::string field, std::string message) {
      report.errors.push_back({rec.line, std::move(field), std::move(message)});
    };
    store::ReviewRow r;
    r.kind = rec.get("kind");
    r.result = rec.get("result");
    r.filed_date = rec.get("filed_date");
    if (!r.kind.empty() && !kKinds.count(r.kind)) {
      problem("kind", "'" + r.kind + "' is not one of reconsideration, litigation_direct, litigation_after_review");
    }
    if (!r.result.empty() && !kResults.count(r.result)) {
      problem("result", "'" + r.result + "' is not one of upheld, corrected, other, pending");
    }
    std::optional<domain::Date> filed = domain::Date::parse(r.filed_date);
    if (!r.filed_date.empty() && !filed) problem("filed_date", "'" + r.filed_date + "' is not a real date (expected YYYY-MM-DD)");
    if (filed && *filed > today) problem("filed_date", r.filed_date + " is in the future");
    const std::string closed_text = rec.get("closed_date");
    if (!closed_text.empty()) {
      std::optional<domain::Date> closed = domain::Date::parse(closed_text);
      if (!closed) {
        problem("closed_date", "'" + closed_text + "' is not a real date (expected YYYY-MM-DD)");
      } else if (r.result == "pending") {
        problem("closed_date", "is given for a pending (尚未审结) case");
      } else if (filed && *closed < *filed) {
        problem("closed_date", closed_text + " is before filed_date " + r.filed_date);
      } else if (*closed > today) {
        problem("closed_date", closed_text + " is in the future");
      }
      r.closed_date = closed_text;
    } else if (!r.result.empty() && r.result != "pending" && kResults.count(r.result)) {
      problem("closed_date", "is required with result " + r.result);
    }
    const std::string body_code = rec.get("body");
    if (!body_code.empty()) {
      Result<std::optional<store::BodyRow>> body = store::find_body(**conn, body_code);
      if (!body) return body.status();
      if (!*body) {
        problem("body", "no body has the code '" + body_code + "' (see `gongkai bodies`)");
      } else {
        r.body_id = (**body).id;
        const std::string reference = rec.get("application_reference");
        if (!reference.empty()) {
          Result<std::optional<int64_t>> app = store::find_application_by_reference(**conn, r.body_id, reference);
          if (!app) return app.status();
          if (!*app) {
            problem("application_reference", "no application of " + body_code + " has the reference " + reference);
          }
          if (*app) r.application_id = **app;
        }
      }
    }
    reviews.push_back(std::move(r));
  }
  sort_errors(report);
  if (!report.errors.empty() || options.dry_run) return report;
  for (size_t rec_idx = 0; rec_idx < reviews.size(); ++rec_idx) {
    Result<int64_t> id = store::insert_review(**conn, reviews[rec_idx]);
    if (!id) return id.status().with_context(path + ":" + std::to_string(records[rec_idx].line));
  }
  GK_RETURN_IF_ERROR(tx.commit());
  report.imported = reviews.size();
  return report;
}

}  // namespace gongkai::services
