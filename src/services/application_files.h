// The files that come with an application (条例 Art. 29: an application may carry supporting documents):
// those an applicant sends with the online form and the scanned pages of a paper application that staff
// register. One limit, one check (the upload allowlist, libmagic against the extension: services/uploads) and
// one way of storing them on the case (content store + `application_attachments`, in the transaction that
// registers it).
//
// Thread safety: free functions, callable from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/database.h"

namespace gongkai::services {

// At most this many files with one application, each at most this large.
inline constexpr size_t kMaxApplicationFiles = 3;
inline constexpr size_t kMaxApplicationFileBytes = 5 * 1024 * 1024;

// One file sent with the form; `data` is the caller's bytes.
struct ApplicationFile {
  std::string file_name;
  std::string_view data;
};

// The problems of `files` for the form, one message per refused file naming it (too many, too large, empty, a
// type not allowed or not matching its extension). Empty when all may be stored. kInternal when libmagic
// fails.
Result<std::vector<std::string>> check_application_files(const std::vector<ApplicationFile>& files);

// A checked file already in the content store, to be recorded on a case.
struct StoredApplicationFile {
  std::string file_name;
  std::string mime_type;  // the canonical type of its extension
  std::string sha256;     // its name in the content store
  int64_t size_bytes = 0;
};

// Checks `files` and writes them into the content store under `attachments_dir` (before the case's
// transaction: an orphan file after a failure is harmless). kInvalid "attachments: <the first problem>" when
// check_application_files refuses one (nothing written); kIo / kInternal as write_blob_file and libmagic
// fail.
Result<std::vector<StoredApplicationFile>> store_application_files(const std::string& attachments_dir,
                                                                   const std::vector<ApplicationFile>& files);

// Records `files` as attachments 0, 1, … of application `application_id` (their `blobs` rows and
// `application_attachments` rows). Call inside the write transaction that registers the case.
Status attach_application_files(store::Connection& conn, int64_t application_id,
                                const std::vector<StoredApplicationFile>& files);

}  // namespace gongkai::services
