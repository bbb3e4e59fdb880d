// The one write path for items.
#include "services/item_writer.h"

#include <filesystem>
#include <fstream>

#include "common/clock.h"
#include "common/sha256.h"
#include "domain/date.h"
#include "domain/index_number.h"
#include "store/item_facts.h"
#include "store/items.h"

namespace gongkai::services {

namespace fs = std::filesystem;

namespace {

std::string mime_type_of(const std::string& file_name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".pdf", "application/pdf"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xls", "application/vnd.ms-excel"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".wps", "application/vnd.ms-works"},
      {".ofd", "application/ofd"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".txt", "text/plain"},
      {".zip", "application/zip"},
  };
  std::string ext = fs::path(file_name).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

}  // namespace

std::string guess_column_type(const std::string& name) {
  static const std::pair<const char*, const char*> kRules[] = {
      {"解读", "interpretation"}, {"政策文件", "policy"}, {"规范性文件", "policy"}, {"通知公告", "notice"},
      {"公告", "notice"},         {"动态", "news"},       {"要闻", "news"},        {"新闻", "news"},
      {"年报", "annual_report"},  {"年度报告", "annual_report"}, {"指南", "guide"}, {"制度", "rules"},
      {"法定主动公开", "statutory"}, {"政府信息公开", "disclosure"}, {"互动", "interaction"},
  };
  for (auto [needle, type] : kRules) {
    if (name.find(needle) != std::string::npos) return type;
  }
  return "static";
}

ItemWriter::ItemWriter(store::Connection& conn, std::string attachments_dir)
    : conn_(conn), attachments_dir_(std::move(attachments_dir)), now_(utc_now_iso()) {}

Result<const store::BodyRow*> ItemWriter::body(const std::string& code) {
  auto it = bodies_.find(code);
  if (it != bodies_.end()) return static_cast<const store::BodyRow*>(it->second.get());
  Result<std::optional<store::BodyRow>> found = store::find_body(conn_, code);
  if (!found) return found.status();
  std::unique_ptr<store::BodyRow> row = *found ? std::make_unique<store::BodyRow>(**found) : nullptr;
  const store::BodyRow* ptr = row.get();
  bodies_.emplace(code, std::move(row));
  return ptr;
}

Result<std::optional<int64_t>> ItemWriter::column(int64_t body_id, const std::string& path, bool create) {
  auto key = std::make_pair(body_id, path);
  if (auto it = columns_.find(key); it != columns_.end()) return std::optional<int64_t>(it->second);
  Result<std::optional<int64_t>> found = store::find_column(conn_, body_id, path);
  if (!found) return found.status();
  if (*found) {
    columns_[key] = **found;
    return found;
  }
  if (!create) return std::optional<int64_t>();
  std::optional<int64_t> parent;
  std::string name = path;
  if (size_t slash = path.rfind('/'); slash != std::string::npos) {
    Result<std::optional<int64_t>> p = column(body_id, path.substr(0, slash), true);
    if (!p) return p.status();
    parent = **p;
    name = path.substr(slash + 1);
  }
  store::ColumnRow c;
  c.body_id = body_id;
  c.parent_id = parent;
  c.name = name;
  c.path = path;
  c.type = guess_column_type(name);
  Result<int64_t> id = store::insert_column(conn_, c);
  if (!id) return id.status();
  columns_[key] = *id;
  return std::optional<int64_t>(*id);
}

Status ItemWriter::reserve_index_number(const domain::ItemRecord& record) {
  if (!record.index_number) return Status::ok();
  Result<const store::BodyRow*> b = body(record.body);
  if (!b) return b.status();
  if (!*b) return Status::invalid("body '" + record.body + "' does not exist");
  std::optional<domain::IndexSerial> serial =
      domain::parse_index_serial((*b)->index_pattern, (*b)->index_prefix, *record.index_number);
  if (!serial) return Status::ok();  // of another scheme: cannot collide with generated numbers
  return store::raise_index_serial(conn_, (*b)->id, serial->year, serial->serial);
}

Result<std::string> ItemWriter::store_attachment(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::io("cannot read attachment " + file);
  Sha256 hash;
  std::string buffer(1 << 16, '\0');
  int64_t size = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    hash.update(std::string_view(buffer.data(), static_cast<size_t>(n)));
    size += n;
  }
  const std::string sha = hash.hex_digest();
  const fs::path dir = fs::path(attachments_dir_) / sha.substr(0, 2);
  const fs::path target = dir / sha;
  std::error_code ec;
  if (!fs::exists(target)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::io("cannot create " + dir.string() + ": " + ec.message());
    // Copy to a temporary name, then rename: a crash never leaves a partial file under the final name.
    const fs::path tmp = dir / (sha + ".tmp");
    fs::copy_file(file, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec) return Status::io("cannot store attachment " + file + ": " + ec.message());
    fs::rename(tmp, target, ec);
    if (ec) return Status::io("cannot store attachment " + file + ": " + ec.message());
  }
  GK_RETURN_IF_ERROR(store::insert_blob_if_absent(conn_, sha, size, mime_type_of(file), now_));
  return sha;
}

Result<int64_t> ItemWriter::write(const domain::ItemRecord& r, const std::vector<std::string>& attachment_files,
                                  std::optional<int64_t> column_id, const std::string& status) {
  Result<const store::BodyRow*> b = body(r.body);
  if (!b) return b.status();
  if (!*b) return Status::invalid("body '" + r.body + "' does not exist");
  const store::BodyRow& body_row = **b;
  std::optional<domain::Date> published = domain::Date::parse(r.publish_date);
  if (!published) return Status::invalid("bad publish_date " + r.publish_date);

  store::ItemRow row;
  row.body_id = body_row.id;
  row.column_id = column_id;
  if (r.index_number) {
    row.index_number = *r.index_number;
  } else {
    Result<int> serial = store::next_index_serial(conn_, body_row.id, published->year());
    if (!serial) return serial.status();
    row.index_number =
        domain::format_index_number(body_row.index_pattern, body_row.index_prefix, *published, *serial);
  }
  row.title = r.title;
  row.content = r.content;
  row.doc_number = r.doc_number;
  row.written_date = r.written_date;
  row.publish_date = r.publish_date;
  row.subject = r.subject;
  row.kind = r.kind;
  row.validity = r.validity;
  if (r.validity) row.validity_changed_on = r.validity_date.value_or(r.publish_date);
  row.key_area = r.key_area;
  row.emergency = r.emergency;
  row.source_url = r.source_url;
  row.status = status;
  Result<int64_t> id = store::insert_item(conn_, row, now_);
  if (!id) return id.status();

  for (const std::string& channel : domain::effective_channels(r)) {
    GK_RETURN_IF_ERROR(store::insert_item_channel(conn_, *id, channel, r.publish_date));
  }
  for (size_t att_idx = 0; att_idx < attachment_files.size(); ++att_idx) {
    Result<std::string> sha = store_attachment(attachment_files[att_idx]);
    if (!sha) return sha.status();
    const std::string name = fs::path(r.attachments.at(att_idx)).filename().string();
    GK_RETURN_IF_ERROR(store::insert_item_attachment(conn_, *id, static_cast<int>(att_idx), name, *sha));
  }
  if (!r.facts.empty()) GK_RETURN_IF_ERROR(store::replace_item_facts(conn_, *id, r.facts));
  if (r.validity) {
    GK_RETURN_IF_ERROR(store::insert_validity_event(conn_, *id, std::nullopt, *r.validity,
                                                    *row.validity_changed_on, std::nullopt, "imported", now_));
  }
  if (r.superseded_by) pending_successors_.emplace_back(*id, *r.superseded_by);
  if (r.interprets) pending_interpretations_.push_back({*id, *r.interprets, r.interpretation_forms});
  return id;
}

Status ItemWriter::link_references() {
  for (const auto& [item_id, successor] : pending_successors_) {
    Result<std::optional<int64_t>> target = store::find_item_id(conn_, successor);
    if (!target) return target.status();
    if (!*target) return Status::invalid("superseded_by: no item has index number " + successor);
    if (**target == item_id) return Status::invalid("superseded_by: an item cannot supersede itself");
    GK_RETURN_IF_ERROR(store::set_item_successor(conn_, item_id, **target));
  }
  pending_successors_.clear();
  for (const PendingInterpretation& p : pending_interpretations_) {
    Result<std::optional<int64_t>> document = store::find_item_id(conn_, p.document_index);
    if (!document) return document.status();
    if (!*document) return Status::invalid("interprets: no item has index number " + p.document_index);
    if (**document == p.item_id) return Status::invalid("interprets: an interpretation cannot explain itself");
    GK_RETURN_IF_ERROR(store::link_interpretation(conn_, p.item_id, **document, p.forms));
  }
  pending_interpretations_.clear();
  return Status::ok();
}

}  // namespace gongkai::services
