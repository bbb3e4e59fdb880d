// Upload checks and storage (see uploads.h).
#include "services/uploads.h"

#include <magic.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "common/sha256.h"
#include "domain/upload_types.h"
#include "store/items.h"
#include "store/publishing.h"
#include "store/uploads.h"

namespace gongkai::services {

namespace fs = std::filesystem;

namespace {

struct MagicCloser {
  void operator()(magic_set* cookie) const { magic_close(cookie); }
};

// This thread's libmagic handle (a magic_t must not be shared between threads), or nullptr when the magic
// database does not load.
magic_t thread_magic() {
  thread_local std::unique_ptr<magic_set, MagicCloser> cookie = [] {
    std::unique_ptr<magic_set, MagicCloser> c(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
    if (c && magic_load(c.get(), nullptr) != 0) c.reset();
    return c;
  }();
  return cookie.get();
}

std::string format_size(size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MB";
  if (bytes >= 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " 字节";
}

}  // namespace

Result<std::string> sniff_mime_type(std::string_view data) {
  magic_t cookie = thread_magic();
  if (!cookie) return Status::internal("libmagic: the magic database does not load");
  const char* type = magic_buffer(cookie, data.data(), data.size());
  if (!type) {
    const char* why = magic_error(cookie);
    return Status::internal(std::string("libmagic: ") + (why ? why : "unknown error"));
  }
  std::string out(type);
  out = out.substr(0, out.find(';'));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

Result<CheckedUpload> check_upload(const std::string& file_name, std::string_view data, size_t max_bytes) {
  if (data.empty()) return Status::invalid("文件“" + file_name + "”是空文件。");
  if (data.size() > max_bytes) {
    return Status::invalid("文件“" + file_name + "”超过 " + format_size(max_bytes) + " 的大小限制。");
  }
  const domain::UploadType* type = domain::upload_type_for(file_name);
  if (!type) {
    return Status::invalid("文件“" + file_name + "”的类型不允许上传。允许的类型：" +
                           domain::upload_extensions_hint() + "。");
  }
  Result<std::string> detected = sniff_mime_type(data);
  if (!detected) return detected.status();
  if (!domain::upload_type_accepts(*type, *detected)) {
    return Status::invalid("文件“" + file_name + "”的内容不是" + std::string(type->label) +
                           "（文件类型与扩展名不符，检测到的类型为 " + *detected + "）。请上传真实的" +
                           std::string(type->label) + "。");
  }
  return CheckedUpload{file_name, std::string(type->mime_type), data};
}

Result<std::string> write_blob_file(const std::string& attachments_dir, std::string_view data) {
  const std::string sha = sha256_hex(data);
  const fs::path dir = fs::path(attachments_dir) / sha.substr(0, 2);
  const fs::path target = dir / sha;
  std::error_code ec;
  if (fs::exists(target, ec)) return sha;
  fs::create_directories(dir, ec);
  if (ec) return Status::io("cannot create " + dir.string() + ": " + ec.message());
  const fs::path tmp = dir / (sha + ".upload.tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) return Status::io("cannot write " + tmp.string());
  }
  fs::rename(tmp, target, ec);
  if (ec) return Status::io("cannot store " + target.string() + ": " + ec.message());
  return sha;
}

Uploads::Uploads(std::string attachments_dir, Clock clock)
    : attachments_dir_(std::move(attachments_dir)), clock_(std::move(clock)) {}

Status Uploads::attach_to_draft(store::Connection& conn, const Publishing& publishing, const User& user,
                                int64_t item_id, const std::vector<UploadedFile>& files,
                                const std::string& remote_addr, std::vector<UploadError>* errors) const {
  Result<std::optional<StaffItemView>> view = publishing.view(conn, user, item_id);
  if (!view) return view.status();
  if (!*view) return Status::not_found("no item " + std::to_string(item_id));
  const int64_t body_id = (*view)->detail.row.body_id;
  GK_RETURN_IF_ERROR(authorize(user, "item.draft", body_id));
  if (files.empty()) {
    errors->push_back({"", "请选择要上传的文件。"});
    return Status::invalid("no file chosen");
  }
  std::vector<CheckedUpload> checked;
  for (const UploadedFile& f : files) {
    Result<CheckedUpload> c = check_upload(f.file_name, f.data);
    if (c) {
      checked.push_back(*c);
      continue;
    }
    if (c.status().code() != StatusCode::kInvalid) return c.status();
    errors->push_back({f.file_name, c.status().message()});
  }
  if (!errors->empty()) return Status::invalid("refused files");
  // Files first (an orphan file after a failure is harmless), then the rows in one transaction.
  std::vector<std::string> digests;
  for (const CheckedUpload& c : checked) {
    Result<std::string> sha = write_blob_file(attachments_dir_, c.data);
    if (!sha) return sha.status();
    digests.push_back(*sha);
  }
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<std::string>> state = store::item_state(conn, item_id);
  if (!state) return state.status();
  if (*state != std::optional<std::string>("draft")) {
    return Status::conflict("the item is no longer a draft; only drafts take attachments");
  }
  const std::string now = format_utc(clock_());
  nlohmann::json added = nlohmann::json::array();
  for (size_t file_idx = 0; file_idx < checked.size(); ++file_idx) {
    const CheckedUpload& c = checked[file_idx];
    GK_RETURN_IF_ERROR(store::insert_blob_if_absent(conn, digests[file_idx], static_cast<int64_t>(c.data.size()),
                                                    c.mime_type, now));
    Result<int> position = store::append_item_attachment(conn, item_id, c.file_name, digests[file_idx]);
    if (!position) return position.status();
    added.push_back({{"position", *position},
                     {"file_name", c.file_name},
                     {"sha256", digests[file_idx]},
                     {"mime_type", c.mime_type},
                     {"size_bytes", c.data.size()}});
  }
  Result<int64_t> audit = append_audit(conn,
                                       AuditEvent{AuditActor{user.id, user.login, remote_addr}, "item.attach", "item",
                                                  std::to_string(item_id), body_id, nullptr,
                                                  nlohmann::json{{"attachments", added}}},
                                       clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

}  // namespace gongkai::services
