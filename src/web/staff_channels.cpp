// Channel records on the staff item page: POST /staff/items/{id}/channels records (or corrects) the channel a
// published item went out on, with its link and date; POST /staff/items/{id}/channels/{channel}/delete
// removes one. The rules are services/channel_records.h; both pass Staff::gate (session, CSRF) first.
#include "services/channel_records.h"
#include "web/form_values.h"
#include "web/staff.h"

namespace gongkai::web {
namespace {

std::optional<std::string> non_empty(std::string v) {
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace

http::Response Staff::channel_record(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  const FormPairs form = req.form();
  store::ChannelRecord record{trimmed_field(form, "channel"), non_empty(trimmed_field(form, "url")),
                              non_empty(trimmed_field(form, "published_on"))};
  Status s = channel_records_.record(**conn, publishing_, ctx.user(), *id, record, client_addr(req));
  if (s)
    return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?channel=saved#channels-h", 303);
  if (s.code() == StatusCode::kInvalid || s.code() == StatusCode::kConflict) {
    return error(req, &ctx, s.code() == StatusCode::kInvalid ? 400 : 409, "发布渠道记录未保存",
                 s.message() + "请返回信息页面修改后重新提交。");
  }
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  const int64_t body_id = view && *view ? (*view)->detail.row.body_id : 0;
  return failure(req, ctx, s, body_id, "item.publish");
}

http::Response Staff::channel_remove(const http::Request& req) {
  Result<store::ConnectionPool::Lease> conn = connection();
  if (!conn) return error(req, nullptr, 500, "系统繁忙", "暂时无法连接数据库，请稍后再试。");
  Gate g = gate(req, **conn, true);
  if (!g.context) return std::move(g.response);
  const Context& ctx = *g.context;
  std::optional<int64_t> id = positive_id(req.params.at("id"));
  if (!id) return failure(req, ctx, Status::not_found("bad id"), 0);
  Status s = channel_records_.remove(**conn, publishing_, ctx.user(), *id, req.params.at("channel"),
                                     client_addr(req));
  if (s)
    return http::Response::redirect("/staff/items/" + std::to_string(*id) + "?channel=removed#channels-h",
                                    303);
  if (s.code() == StatusCode::kConflict) {
    return error(req, &ctx, 409, "发布渠道未删除", s.message() + "请返回信息页面查看。");
  }
  Result<std::optional<services::StaffItemView>> view = publishing_.view(**conn, ctx.user(), *id);
  const int64_t body_id = view && *view ? (*view)->detail.row.body_id : 0;
  return failure(req, ctx, s, body_id, "item.publish");
}

}  // namespace gongkai::web
