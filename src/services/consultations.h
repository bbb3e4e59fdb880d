// Consultations (意见征集): an item of kind consultation with a comment period; the public's comments (name
// optional, a contact, the text) taken while the period runs; moderation by staff (accepted / rejected);
// closing; and the feedback (反馈意见): each accepted comment answered 采纳 / 部分采纳 / 未采纳 with a reason, then
// published with the counts on the consultation page. `stats` counts consultations of the year whose feedback was
// published (consultation_feedbacks).
//
// Scope and permissions: staff see the consultations of the bodies where they hold item.draft, item.review,
// item.publish or consultation.manage (outside it: kNotFound); changes need consultation.manage on the item's
// body. Every staff change appends an audit entry in its transaction. The public side needs no account.
//
// Thread safety: const methods, callable from many threads at once, each with its own connection, which must not
// be inside a transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/item.h"
#include "services/accounts.h"
#include "store/consultations.h"

namespace gongkai::services {

// The limits of a public comment (bytes of UTF-8).
inline constexpr size_t kMaxCommentBytes = 15000;  // about 5000 Chinese characters
inline constexpr size_t kMaxCommentNameBytes = 150;
inline constexpr size_t kMaxCommentContactBytes = 300;

struct ConsultationView {
  store::ConsultationRow consultation;
  std::vector<store::CommentRow> comments;  // for staff: all of them; for the public: accepted ones once the
                                            // feedback is published, otherwise none
  bool open = false;                        // comments are taken today
};

struct NewComment {
  std::string author_name;  // optional
  std::string contact;      // phone or e-mail, required
  std::string comment;
};

class Consultations {
 public:
  explicit Consultations(Clock clock = system_clock());

  // Staff: sets the comment period (both days included) of consultation item `item_id`. kInvalid with `*errors`
  // for bad dates, an end before the start, or an item that is not a consultation.
  Status set_period(store::Connection& conn, const User& user, int64_t item_id, const std::string& opens_on,
                    const std::string& closes_on, const std::string& remote_addr,
                    std::vector<domain::FieldError>* errors) const;
  // Staff: the consultations of the user's scope, newest first.
  Result<std::vector<store::ConsultationRow>> list(store::Connection& conn, const User& user) const;
  // Staff: one consultation with every comment, or nullopt (no period set, or outside the scope).
  Result<std::optional<ConsultationView>> view(store::Connection& conn, const User& user, int64_t item_id) const;
  // Staff: accepts or rejects a comment (`status` accepted | rejected). kNotFound for a comment of another
  // consultation; kConflict once the feedback is published.
  Status moderate(store::Connection& conn, const User& user, int64_t item_id, int64_t comment_id,
                  const std::string& status, const std::string& remote_addr) const;
  // Staff: answers an accepted comment (domain::feedback_responses code; a reason where needed). kInvalid for a
  // missing reason or unknown response; kNotFound for a comment that is not accepted; kConflict once published.
  Status respond(store::Connection& conn, const User& user, int64_t item_id, int64_t comment_id,
                 const std::string& response, const std::string& reason, const std::string& remote_addr) const;
  // Staff: ends the period today. kConflict when already closed.
  Status close(store::Connection& conn, const User& user, int64_t item_id, const std::string& remote_addr) const;
  // Staff: publishes the feedback with `summary`. kConflict while the consultation is open, while comments await
  // moderation or an accepted comment has no response, or when already published.
  Status publish_feedback(store::Connection& conn, const User& user, int64_t item_id, const std::string& summary,
                          const std::string& remote_addr) const;

  // Public: the consultation of a published item, with the accepted comments once the feedback is published.
  Result<std::optional<ConsultationView>> public_view(store::Connection& conn, int64_t item_id) const;
  // Public: records a comment (status pending) and returns its id. kInvalid with `*errors` for a missing contact
  // or text, or fields over their limits; kConflict when the period has not begun or is over.
  Result<int64_t> submit_comment(store::Connection& conn, int64_t item_id, const NewComment& comment,
                                 std::vector<domain::FieldError>* errors) const;

  std::string today() const;

 private:
  Clock clock_;
};

}  // namespace gongkai::services
