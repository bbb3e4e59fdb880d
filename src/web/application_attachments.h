// The attachments of the application forms — the public form (/apply) and the staff registration of a paper
// application (/staff/cases/new): reading a posted form with its files within the limits of
// services/application_files, and the attachments field of both pages (templates/application_attachments).
// Plain multipart/form-data, no JavaScript.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/application_form.h"
#include "http/http.h"
#include "http/multipart.h"
#include "services/application_files.h"
#include "web/form_values.h"
#include "web/templates.h"

namespace gongkai::web {

// The largest body of an application form: its fields and kMaxApplicationFiles files of
// kMaxApplicationFileBytes, with room for the multipart framing. The route's body limit.
inline constexpr size_t kApplicationFormMaxBytes = 3 * 5 * 1024 * 1024 + 256 * 1024;

// An application form as posted: its fields and the files of its "attachments" input. A file too large or of
// a type not allowed is still read (so that check_application_files names it and the form comes back with its
// values); only a body that is not well-formed multipart is refused as a whole. Not copyable or movable: the
// files view the body held here.
class PostedApplicationForm {
 public:
  // Reads `req`: a multipart/form-data body, or a urlencoded one (an old page, a script: no files). A GET or
  // a HEAD has no fields.
  explicit PostedApplicationForm(const http::Request& req);
  PostedApplicationForm(const PostedApplicationForm&) = delete;
  PostedApplicationForm& operator=(const PostedApplicationForm&) = delete;

  bool multipart() const { return multipart_; }
  const FormPairs& fields() const { return fields_; }
  // The files chosen (an empty file input sends none).
  const std::vector<services::ApplicationFile>& files() const { return files_; }
  // When a multipart body could not be read: the "attachments" problem for the form (its fields are then
  // empty).
  const std::optional<domain::FieldError>& error() const { return error_; }

 private:
  bool multipart_ = false;
  http::MultipartForm body_;
  FormPairs fields_;
  std::vector<services::ApplicationFile> files_;
  std::optional<domain::FieldError> error_;
};

// Renders the attachments field into "attachments_field" of `d`, the data of an application form that
// application_form_data made (its err_attachments shows next to the field): `label` names the input,
// `examples` leads its hint; `had_files` says the browser dropped the files chosen and they must be chosen
// again.
void set_attachments_field(Data& d, const std::string& label, const std::string& examples, bool had_files);

}  // namespace gongkai::web
