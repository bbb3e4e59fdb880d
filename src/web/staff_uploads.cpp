// Staff attachment upload: POST /staff/items/{id}/attachments, a multipart/form-data form on the item page of a
// draft. The files are checked (services/uploads: size, allowlist, libmagic type against the extension) and
// stored all or nothing; a refused file is named with its reason on a page that offers the form again.
#include "domain/upload_types.h"
#include "http/multipart.h"
#include "services/uploads.h"
#include "web/form_values.h"
#include "web/staff.h"
#include "web/staff_uploads.h"
#include "web/templates.h"

namespace gongkai::web {

namespace {

http::MultipartLimits upload_limits() {
  http::MultipartLimits limits;
  limits.max_parts = 16;
  limits.max_part_bytes = services::kMaxUploadBytes;
  limits.max_field_bytes = 4096;
  limits.max_total_bytes = kUploadFormMaxBytes;
  return limits;
}

}  // namespace

Data upload_form_data(int64_t item_id, const std::string& csrf) {
  Data d;
  d.set("id", std::to_string(item_id));
  d.set("csrf", csrf);
  d.set("allowed", domain::upload_extensions_hint());
  d.set("max_mb", std::to_string(services::kMaxUploadBytes / (1024 * 1024)));
  d.set("max_files", std::to_string(kMaxUploadFiles));
  std::string accept;
  for (const domain::UploadType& t : domain::upload_types()) accept += (accept.empty() ? "" : ",") + std::string(t.extension);
  d.set("accept", accept);
  return d;
}

http::Response Staff::item_attach(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  // The CSRF token travels inside the multipart body, which the gate does not read: check it here.
  Gate g = gate(req, **conn, false);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  Result<http::MultipartForm> form = http::parse_multipart(req, upload_limits());
  if (!form) {
    return error(req, &ctx, 400, "附件未上传",
                 "上传的表单无法读取（" + form.status().message() + "）。请返回信息页面重新选择文件上传，每个文件不超过 " +
                     std::to_string(services::kMaxUploadBytes / (1024 * 1024)) + " MB。");
  }
  if (!services::check_csrf(ctx.session, form->field("csrf").value_or(""))) return csrf_refused(req, ctx);
  std::vector<services::UploadedFile> files;
  for (const http::FormPart* part : form->files("file")) files.push_back({*part->filename, part->data});
  std::vector<services::UploadError> errors;
  if (files.size() > kMaxUploadFiles) {
    errors.push_back({"", "一次最多上传 " + std::to_string(kMaxUploadFiles) + " 个文件。"});
  }
  Status s = errors.empty() ? uploads_.attach_to_draft(**conn, publishing_, ctx.user(), *id, files, client_addr(req), &errors)
                            : Status::invalid("too many files");
  if (s) return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?attached=" + std::to_string(files.size()) + "#att-h", 303);
  if (s.code() != StatusCode::kInvalid || errors.empty()) {
    if (s.code() == StatusCode::kConflict) {
      return error(req, &ctx, 409, "附件未上传", "只有草稿可以添加附件。该信息已提交或发布；如需修改，请审核人退回。");
    }
    Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
    const int64_t body_id = view && *view ? (*view)->detail.row.body_id : 0;
    return failure(req, ctx, s, body_id, "item.draft");
  }
  Data d = upload_form_data(*id, ctx.csrf);
  Data error_list = list();
  for (const services::UploadError& e : errors) {
    Data ed;
    ed.set("file_name", e.file_name);
    ed.set("message", e.message);
    error_list.push_back(ed);
  }
  set_list(d, "errors", error_list);
  d.set("err_file", true);
  d.set("upload_form", render("staff_upload_form", d));
  return page(req, &ctx, "上传附件（有错误）", render("staff_upload", d), 400);
}

}  // namespace gongkai::web
