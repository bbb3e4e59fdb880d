// Channel records: checks, scope, the write and its audit entry.
#include "services/channel_records.h"

#include <algorithm>

#include "domain/date.h"
#include "domain/vocabulary.h"

namespace gongkai::services {
namespace {

nlohmann::json record_json(const store::ChannelRecord& r) {
  return {{"channel", r.channel},
          {"url", r.url ? nlohmann::json(*r.url) : nlohmann::json()},
          {"published_on", r.published_on ? nlohmann::json(*r.published_on) : nlohmann::json()}};
}

bool has_control_char(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f || c == ' '; });
}

// The item for `user` (kNotFound outside the scope), with item.publish on its body, not a draft.
Result<StaffItemView> published_item(store::Connection& conn, const Publishing& publishing, const User& user,
                                     int64_t item_id) {
  Result<std::optional<StaffItemView>> view = publishing.view(conn, user, item_id);
  if (!view) return view.status();
  if (!*view) return Status::not_found("no item " + std::to_string(item_id));
  GK_RETURN_IF_ERROR(authorize(user, "item.publish", (*view)->detail.row.body_id));
  if ((*view)->state != "published" && (*view)->state != "withdrawn") {
    return Status::conflict("信息发布后才能登记发布渠道；未发布信息的发布渠道请在“修改草稿”中选择。");
  }
  return std::move(**view);
}

std::optional<store::ChannelRecord> find_record(const std::vector<store::ChannelRecord>& records,
                                                const std::string& channel) {
  for (const store::ChannelRecord& r : records) {
    if (r.channel == channel) return r;
  }
  return std::nullopt;
}

}  // namespace

ChannelRecords::ChannelRecords(Clock clock) : clock_(std::move(clock)) {}

Status ChannelRecords::record(store::Connection& conn, const Publishing& publishing, const User& user,
                              int64_t item_id, const store::ChannelRecord& record,
                              const std::string& remote_addr) const {
  Result<StaffItemView> view = published_item(conn, publishing, user, item_id);
  if (!view) return view.status();
  if (!domain::find_term(domain::channels(), record.channel)) {
    return Status::invalid("请选择发布渠道：政府门户网站、政府信息公开网、政务微博或政务微信。");
  }
  if (record.url && (record.url->size() > 2000 || has_control_char(*record.url) ||
                     !(record.url->starts_with("https://") || record.url->starts_with("http://")) ||
                     record.url->find('.') == std::string::npos)) {
    return Status::invalid("链接应为以 http:// 或 https:// 开头的网址（不超过2000字节，不含空格）。");
  }
  if (!record.published_on || !domain::Date::parse(*record.published_on)) {
    return Status::invalid("请按“年-月-日”填写在该渠道发布的日期，如 2026-03-01。");
  }
  if (*record.published_on < view->detail.row.publish_date) {
    return Status::invalid("渠道发布日期不能早于信息的发布日期（" + view->detail.row.publish_date + "）。");
  }
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<store::ChannelRecord>> before = store::list_channel_records(conn, item_id);
  if (!before) return before.status();
  GK_RETURN_IF_ERROR(store::upsert_channel_record(conn, item_id, record));
  const std::optional<store::ChannelRecord> old = find_record(*before, record.channel);
  Result<int64_t> audit =
      append_audit(conn,
                   AuditEvent{AuditActor{user.id, user.login, remote_addr}, "item.channel", "item",
                              std::to_string(item_id), view->detail.row.body_id,
                              old ? record_json(*old) : nlohmann::json(), record_json(record)},
                   clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Status ChannelRecords::remove(store::Connection& conn, const Publishing& publishing, const User& user,
                              int64_t item_id, const std::string& channel,
                              const std::string& remote_addr) const {
  Result<StaffItemView> view = published_item(conn, publishing, user, item_id);
  if (!view) return view.status();
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<store::ChannelRecord>> before = store::list_channel_records(conn, item_id);
  if (!before) return before.status();
  const std::optional<store::ChannelRecord> old = find_record(*before, channel);
  if (!old) return Status::not_found("item " + std::to_string(item_id) + " has no channel " + channel);
  if (before->size() == 1)
    return Status::conflict("这是该信息唯一的发布渠道，不能删除；请先登记实际发布的渠道。");
  Result<bool> removed = store::delete_channel_record(conn, item_id, channel);
  if (!removed) return removed.status();
  Result<int64_t> audit =
      append_audit(conn,
                   AuditEvent{AuditActor{user.id, user.login, remote_addr}, "item.channel_remove", "item",
                              std::to_string(item_id), view->detail.row.body_id, record_json(*old), nullptr},
                   clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

}  // namespace gongkai::services
