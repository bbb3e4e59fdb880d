// Attachment upload on the staff item page (staff_uploads.cpp): the limits of the form and its template data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "services/uploads.h"
#include "web/templates.h"

namespace gongkai::web {

// Files one upload form may carry, and the largest body it may send (every file at its limit plus the fields).
inline constexpr size_t kMaxUploadFiles = 5;
inline constexpr size_t kUploadFormMaxBytes = kMaxUploadFiles * services::kMaxUploadBytes / 2 + 64 * 1024;

// The data of templates/staff_upload_form.mustache for item `item_id`.
Data upload_form_data(int64_t item_id, const std::string& csrf);

}  // namespace gongkai::web
