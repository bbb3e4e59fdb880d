// Uploaded files (staff attachments; later the public's application forms): the type check — libmagic content
// sniffing against the allowlist of domain/upload_types, the declared extension agreeing with the content —,
// the size limit, and storage in the content-addressed file store (<data-dir>/attachments/ab/abcd…, the same
// store and `blobs` rows the import uses).
//
// Thread safety: free functions and const methods, callable from many threads at once (each thread keeps its
// own libmagic handle).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "services/accounts.h"
#include "services/publishing.h"
#include "store/database.h"

namespace gongkai::services {

// The largest file one upload may carry.
inline constexpr size_t kMaxUploadBytes = 20 * 1024 * 1024;

// The MIME type libmagic reads from `data` (lower case, no parameters, e.g. "application/pdf"). Fails with
// kInternal when the magic database cannot be loaded.
Result<std::string> sniff_mime_type(std::string_view data);

// A file that passed check_upload.
struct CheckedUpload {
  std::string file_name;  // as sent (base name)
  std::string mime_type;  // the canonical type of its extension (domain::UploadType::mime_type)
  std::string_view data;  // the caller's bytes
};

// Checks one file: not empty, at most `max_bytes`, an allowed extension, and content that libmagic recognises
// as that type. Fails with kInvalid and a message in Chinese fit for the form ("…文件类型与扩展名不符…"); kInternal
// when libmagic fails.
Result<CheckedUpload> check_upload(const std::string& file_name, std::string_view data,
                                   size_t max_bytes = kMaxUploadBytes);

// Writes `data` into the content store under its SHA-256 (temporary name, then rename: a crash never leaves a
// partial file under the final name; an existing file is kept) and returns the hex digest. kIo on failure.
Result<std::string> write_blob_file(const std::string& attachments_dir, std::string_view data);

// One file of a submitted form.
struct UploadedFile {
  std::string file_name;
  std::string_view data;
};

// A file refused by attach_to_draft, for the form.
struct UploadError {
  std::string file_name;
  std::string message;
};

class Uploads {
 public:
  explicit Uploads(std::string attachments_dir, Clock clock = system_clock());

  // Adds `files` to the attachments of draft `item_id`, all or nothing. Scope and permission as
  // Publishing::update_draft: kNotFound for an item outside the user's scope, a permission denial without
  // item.draft on its body, kConflict when the item is no longer a draft. kInvalid with one `*errors` entry per
  // refused file (nothing stored), or for no files at all. Appends one "item.attach" audit entry per upload.
  Status attach_to_draft(store::Connection& conn, const Publishing& publishing, const User& user, int64_t item_id,
                         const std::vector<UploadedFile>& files, const std::string& remote_addr,
                         std::vector<UploadError>* errors) const;

 private:
  std::string attachments_dir_;
  Clock clock_;
};

}  // namespace gongkai::services
