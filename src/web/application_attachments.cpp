// The attachments of the application forms: the posted body and the field.
#include "web/application_attachments.h"

#include "domain/upload_types.h"

namespace gongkai::web {
namespace {

// An application form with its supporting documents: up to kMaxApplicationFiles files, a few text fields.
http::MultipartLimits application_limits() {
  http::MultipartLimits limits;
  limits.max_parts = 32;
  limits.max_part_bytes =
      kApplicationFormMaxBytes;  // a file too large is check_upload's to name, with the form kept
  limits.max_field_bytes = 8 * 1024;
  limits.max_total_bytes = kApplicationFormMaxBytes;
  return limits;
}

static_assert(kApplicationFormMaxBytes >=
              services::kMaxApplicationFiles * (services::kMaxApplicationFileBytes + 1) + 64 * 1024);

}  // namespace

PostedApplicationForm::PostedApplicationForm(const http::Request& req) {
  if (req.method != "POST") return;
  multipart_ = req.header("content-type").value_or("").starts_with("multipart/form-data");
  if (!multipart_) {
    fields_ = req.form();
    return;
  }
  Result<http::MultipartForm> parsed = http::parse_multipart(req, application_limits());
  if (!parsed) {
    error_ = domain::FieldError{
        "attachments", "提交的内容无法读取（" + parsed.status().message() + "），请重新填写并选择附件。"};
    return;
  }
  body_ = std::move(*parsed);
  fields_ = body_.fields();
  for (const http::FormPart* part : body_.files("attachments"))
    files_.push_back({*part->filename, part->data});
}

void set_attachments_field(Data& d, const std::string& label, const std::string& examples, bool had_files) {
  d.set("attachments_label", label);
  d.set("attachments_examples", examples);
  d.set("allowed", domain::upload_extensions_hint());
  d.set("max_files", std::to_string(services::kMaxApplicationFiles));
  d.set("max_mb", std::to_string(services::kMaxApplicationFileBytes / (1024 * 1024)));
  d.set("had_files", had_files);
  d.set("attachments_field", render("application_attachments", d));
}

}  // namespace gongkai::web
