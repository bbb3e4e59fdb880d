// Consultations (see consultations.h).
#include "services/consultations.h"

#include <algorithm>

#include "domain/date.h"
#include "domain/normative.h"
#include "services/audit.h"
#include "services/policy.h"
#include "store/policy.h"

namespace gongkai::services {

namespace {

constexpr std::string_view kViewActions[] = {"item.draft", "item.review", "item.publish", "consultation.manage"};

bool is_text(const std::string& s, size_t max_bytes, bool single_line) {
  if (s.size() > max_bytes || s.find('\0') != std::string::npos) return false;
  return !single_line || s.find_first_of("\r\n") == std::string::npos;
}

std::string trimmed(const std::string& s) {
  const size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return s.substr(start, s.find_last_not_of(" \t\r\n") - start + 1);
}

bool is_open_on(const store::ConsultationRow& c, const std::string& today) {
  return !c.closed_on && c.opens_on <= today && today <= c.closes_on;
}

}  // namespace

Consultations::Consultations(Clock clock) : clock_(std::move(clock)) {}

std::string Consultations::today() const {
  const auto days = std::chrono::floor<std::chrono::days>(clock_() + std::chrono::hours(8));
  return domain::Date::from_days(static_cast<int>(days.time_since_epoch().count())).to_string();
}

namespace {

// The consultation item `item_id` if it is in the user's scope: its row from the policy library's query (body,
// kind, title), or kNotFound.
Result<store::PolicyDocRow> scoped_item(store::Connection& conn, const User& user, int64_t item_id) {
  Result<std::optional<store::PolicyDocRow>> item = store::find_policy_doc(conn, item_id);
  if (!item) return item.status();
  Result<std::vector<int64_t>> visible = bodies_with_any(conn, user, kViewActions);
  if (!visible) return visible.status();
  if (!*item || (*item)->kind != "consultation" ||
      std::find(visible->begin(), visible->end(), (*item)->body_id) == visible->end()) {
    return Status::not_found("no consultation " + std::to_string(item_id));
  }
  return **item;
}

// The consultation of `item_id` (which the caller has scoped), or kNotFound when no period is set.
Result<store::ConsultationRow> existing(store::Connection& conn, int64_t item_id) {
  Result<std::optional<store::ConsultationRow>> c = store::find_consultation(conn, item_id);
  if (!c) return c.status();
  if (!*c) return Status::not_found("consultation " + std::to_string(item_id) + " has no comment period");
  return **c;
}

// The consultation `item_id` with its period, when it is in the user's scope (else kNotFound, also without a
// period) and the user holds consultation.manage on its body (else a permission denial).
Result<std::pair<store::PolicyDocRow, store::ConsultationRow>> managed_consultation(store::Connection& conn,
                                                                                    const User& user, int64_t item_id) {
  Result<store::PolicyDocRow> item = scoped_item(conn, user, item_id);
  if (!item) return item.status();
  GK_RETURN_IF_ERROR(authorize(user, "consultation.manage", item->body_id));
  Result<store::ConsultationRow> c = existing(conn, item_id);
  if (!c) return c.status();
  return std::make_pair(*item, *c);
}

}  // namespace

Status Consultations::set_period(store::Connection& conn, const User& user, int64_t item_id,
                                 const std::string& opens_on, const std::string& closes_on,
                                 const std::string& remote_addr, std::vector<domain::FieldError>* errors) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<store::PolicyDocRow> item = scoped_item(conn, user, item_id);
  if (!item) return item.status();
  GK_RETURN_IF_ERROR(authorize(user, "consultation.manage", item->body_id));
  std::optional<domain::Date> opens = domain::Date::parse(opens_on);
  std::optional<domain::Date> closes = domain::Date::parse(closes_on);
  if (!opens) errors->push_back({"opens_on", "请按“年-月-日”填写征集开始日期。"});
  if (!closes) errors->push_back({"closes_on", "请按“年-月-日”填写征集截止日期。"});
  if (opens && closes && closes->days_since_epoch() < opens->days_since_epoch()) {
    errors->push_back({"closes_on", "征集截止日期不能早于开始日期。"});
  }
  if (!errors->empty()) return Status::invalid("the period has errors");
  Result<std::optional<store::ConsultationRow>> before = store::find_consultation(conn, item_id);
  if (!before) return before.status();
  if (*before && (*before)->feedback_published_on) return Status::conflict("the feedback is already published");
  GK_RETURN_IF_ERROR(store::upsert_consultation(conn, item_id, opens_on, closes_on, format_utc(clock_())));
  nlohmann::json was = nullptr;
  if (*before) was = {{"opens_on", (*before)->opens_on}, {"closes_on", (*before)->closes_on}};
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{{user.id, user.login, remote_addr}, "consultation.period", "item", std::to_string(item_id),
                 item->body_id, was, {{"opens_on", opens_on}, {"closes_on", closes_on}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Result<std::vector<store::ConsultationRow>> Consultations::list(store::Connection& conn, const User& user) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<int64_t>> visible = bodies_with_any(conn, user, kViewActions);
  if (!visible) return visible.status();
  return store::list_consultations(conn, *visible, std::nullopt, 200);
}

Result<std::optional<ConsultationView>> Consultations::view(store::Connection& conn, const User& user,
                                                            int64_t item_id) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<store::PolicyDocRow> item = scoped_item(conn, user, item_id);
  if (!item) {
    if (item.status().code() == StatusCode::kNotFound) return std::optional<ConsultationView>();
    return item.status();
  }
  Result<std::optional<store::ConsultationRow>> c = store::find_consultation(conn, item_id);
  if (!c) return c.status();
  if (!*c) return std::optional<ConsultationView>();
  Result<std::vector<store::CommentRow>> comments = store::list_comments(conn, item_id, std::nullopt);
  if (!comments) return comments.status();
  return std::optional<ConsultationView>(ConsultationView{**c, std::move(*comments), is_open_on(**c, today())});
}

Status Consultations::moderate(store::Connection& conn, const User& user, int64_t item_id, int64_t comment_id,
                               const std::string& status, const std::string& remote_addr) const {
  if (status != "accepted" && status != "rejected") return Status::invalid("status must be accepted or rejected");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::pair<store::PolicyDocRow, store::ConsultationRow>> managed = managed_consultation(conn, user, item_id);
  if (!managed) return managed.status();
  const store::PolicyDocRow* item = &managed->first;
  const store::ConsultationRow* c = &managed->second;
  if (c->feedback_published_on) return Status::conflict("the feedback is already published");
  Result<std::optional<store::CommentRow>> before = store::find_comment(conn, comment_id);
  if (!before) return before.status();
  if (!*before || (*before)->item_id != item_id) return Status::not_found("no comment " + std::to_string(comment_id));
  Result<bool> done = store::moderate_comment(conn, item_id, comment_id, status, user.id, format_utc(clock_()));
  if (!done) return done.status();
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{{user.id, user.login, remote_addr}, "consultation.moderate", "consultation_comment",
                 std::to_string(comment_id), item->body_id, {{"status", (*before)->status}}, {{"status", status}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Status Consultations::respond(store::Connection& conn, const User& user, int64_t item_id, int64_t comment_id,
                              const std::string& response, const std::string& reason,
                              const std::string& remote_addr) const {
  const domain::FeedbackResponse* r = domain::find_feedback_response(response);
  if (!r) return Status::invalid("请选择采纳、部分采纳或未采纳。");
  const std::string why = trimmed(reason);
  if (r->needs_reason && why.empty()) return Status::invalid("“" + std::string(r->label) + "”须说明理由。");
  if (!is_text(why, 6000, false)) return Status::invalid("理由不超过2000字。");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::pair<store::PolicyDocRow, store::ConsultationRow>> managed = managed_consultation(conn, user, item_id);
  if (!managed) return managed.status();
  const store::PolicyDocRow* item = &managed->first;
  const store::ConsultationRow* c = &managed->second;
  if (c->feedback_published_on) return Status::conflict("the feedback is already published");
  Result<bool> done = store::respond_to_comment(conn, item_id, comment_id, response, why);
  if (!done) return done.status();
  if (!*done) return Status::not_found("no accepted comment " + std::to_string(comment_id));
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{{user.id, user.login, remote_addr}, "consultation.respond", "consultation_comment",
                 std::to_string(comment_id), item->body_id, nullptr, {{"response", response}, {"reason", why}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Status Consultations::close(store::Connection& conn, const User& user, int64_t item_id,
                            const std::string& remote_addr) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::pair<store::PolicyDocRow, store::ConsultationRow>> managed = managed_consultation(conn, user, item_id);
  if (!managed) return managed.status();
  const store::PolicyDocRow* item = &managed->first;
  const std::string date = today();
  Result<bool> closed = store::close_consultation(conn, item_id, date);
  if (!closed) return closed.status();
  if (!*closed) return Status::conflict("the consultation is already closed");
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{{user.id, user.login, remote_addr}, "consultation.close", "item", std::to_string(item_id),
                 item->body_id, nullptr, {{"closed_on", date}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Status Consultations::publish_feedback(store::Connection& conn, const User& user, int64_t item_id,
                                       const std::string& summary, const std::string& remote_addr) const {
  const std::string text = trimmed(summary);
  if (!is_text(text, 30000, false)) return Status::invalid("反馈说明不超过10000字。");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::pair<store::PolicyDocRow, store::ConsultationRow>> managed = managed_consultation(conn, user, item_id);
  if (!managed) return managed.status();
  const store::PolicyDocRow* item = &managed->first;
  const store::ConsultationRow* c = &managed->second;
  if (c->feedback_published_on) return Status::conflict("the feedback is already published");
  if (is_open_on(*c, today()) || (!c->closed_on && today() < c->opens_on)) {
    return Status::conflict("征集期尚未结束，请先结束征集。");
  }
  if (c->pending > 0) return Status::conflict("还有 " + std::to_string(c->pending) + " 条意见未审核。");
  const int64_t unanswered = c->accepted - c->adopted - c->partly_adopted - c->not_adopted;
  if (unanswered > 0) return Status::conflict("还有 " + std::to_string(unanswered) + " 条意见没有填写采纳情况。");
  const std::string date = today();
  GK_RETURN_IF_ERROR(store::publish_feedback(conn, item_id, date, text));
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{{user.id, user.login, remote_addr}, "consultation.feedback", "item", std::to_string(item_id),
                 item->body_id, nullptr,
                 {{"published_on", date},
                  {"summary", text},
                  {"adopted", c->adopted},
                  {"partly_adopted", c->partly_adopted},
                  {"not_adopted", c->not_adopted}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Result<std::optional<ConsultationView>> Consultations::public_view(store::Connection& conn, int64_t item_id) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::ConsultationRow>> c = store::find_consultation(conn, item_id);
  if (!c) return c.status();
  if (!*c || ((*c)->item_status != "published" && (*c)->item_status != "withdrawn")) {
    return std::optional<ConsultationView>();
  }
  ConsultationView v{**c, {}, (*c)->item_status == "published" && is_open_on(**c, today())};
  if ((*c)->feedback_published_on) {
    Result<std::vector<store::CommentRow>> accepted = store::list_comments(conn, item_id, "accepted");
    if (!accepted) return accepted.status();
    v.comments = std::move(*accepted);
  }
  return std::optional<ConsultationView>(std::move(v));
}

Result<int64_t> Consultations::submit_comment(store::Connection& conn, int64_t item_id, const NewComment& in,
                                              std::vector<domain::FieldError>* errors) const {
  const std::string name = trimmed(in.author_name);
  const std::string contact = trimmed(in.contact);
  const std::string text = trimmed(in.comment);
  if (!is_text(name, kMaxCommentNameBytes, true)) errors->push_back({"author_name", "姓名不超过50字，不含换行。"});
  if (contact.empty()) {
    errors->push_back({"contact", "请填写联系方式（电话或电子邮箱），以便我们就您的意见与您联系。联系方式不会公开。"});
  } else if (!is_text(contact, kMaxCommentContactBytes, true)) {
    errors->push_back({"contact", "联系方式不超过100字，不含换行。"});
  }
  if (text.empty()) {
    errors->push_back({"comment", "请填写您的意见或建议。"});
  } else if (!is_text(text, kMaxCommentBytes, false)) {
    errors->push_back({"comment", "意见不超过5000字。"});
  }
  if (!errors->empty()) return Status::invalid("the comment has errors");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::ConsultationRow>> c = store::find_consultation(conn, item_id);
  if (!c) return c.status();
  if (!*c || (*c)->item_status != "published") return Status::not_found("no consultation " + std::to_string(item_id));
  if (!is_open_on(**c, today())) return Status::conflict("the consultation is not taking comments");
  Result<int64_t> id = store::insert_comment(conn, item_id, format_utc(clock_()),
                                             name.empty() ? std::nullopt : std::optional<std::string>(name), contact,
                                             text);
  if (!id) return id.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *id;
}

}  // namespace gongkai::services
