// Application files: the check of services/uploads within the application limits, the content store, the
// rows.
#include "services/application_files.h"

#include "common/clock.h"
#include "services/uploads.h"
#include "store/applications.h"
#include "store/items.h"

namespace gongkai::services {
namespace {

// check_application_files, keeping the checked uploads (file name and canonical type) in `*checked`.
Result<std::vector<std::string>> check_files(const std::vector<ApplicationFile>& files,
                                             std::vector<CheckedUpload>* checked /* OUT */) {
  std::vector<std::string> problems;
  if (files.size() > kMaxApplicationFiles) {
    problems.push_back("最多上传 " + std::to_string(kMaxApplicationFiles) + " 个附件，本次选择了 " +
                       std::to_string(files.size()) + " 个。");
    return problems;
  }
  for (const ApplicationFile& f : files) {
    Result<CheckedUpload> c = check_upload(f.file_name, f.data, kMaxApplicationFileBytes);
    if (c) {
      checked->push_back(*c);
      continue;
    }
    if (c.status().code() != StatusCode::kInvalid) return c.status();
    problems.push_back(c.status().message());
  }
  return problems;
}

}  // namespace

Result<std::vector<std::string>> check_application_files(const std::vector<ApplicationFile>& files) {
  std::vector<CheckedUpload> checked;
  return check_files(files, &checked);
}

Result<std::vector<StoredApplicationFile>> store_application_files(
    const std::string& attachments_dir, const std::vector<ApplicationFile>& files) {
  std::vector<CheckedUpload> checked;
  Result<std::vector<std::string>> refused = check_files(files, &checked);
  if (!refused) return refused.status();
  if (!refused->empty()) return Status::invalid("attachments: " + refused->front());
  std::vector<StoredApplicationFile> stored;
  for (const CheckedUpload& c : checked) {
    Result<std::string> sha = write_blob_file(attachments_dir, c.data);
    if (!sha) return sha.status();
    stored.push_back({c.file_name, c.mime_type, *sha, static_cast<int64_t>(c.data.size())});
  }
  return stored;
}

Status attach_application_files(store::Connection& conn, int64_t application_id,
                                const std::vector<StoredApplicationFile>& files) {
  const std::string now = utc_now_iso();
  for (size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    const StoredApplicationFile& f = files[file_idx];
    GK_RETURN_IF_ERROR(store::insert_blob_if_absent(conn, f.sha256, f.size_bytes, f.mime_type, now));
    GK_RETURN_IF_ERROR(store::insert_application_attachment(
        conn, application_id, static_cast<int64_t>(file_idx), f.file_name, f.sha256));
  }
  return Status::ok();
}

}  // namespace gongkai::services
