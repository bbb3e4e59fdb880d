// Repository of consultations (意见征集, migration 011): the comment period of a consultation item, the public's
// comments with their moderation and responses, closing, and the published feedback.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct ConsultationRow {
  int64_t item_id = 0;
  int64_t body_id = 0;
  std::string title;
  std::string item_status;  // items.status
  std::string opens_on, closes_on;
  std::optional<std::string> closed_on, feedback_published_on, feedback_summary;
  // Comment counts by status and, of the accepted ones, by response.
  int64_t pending = 0, accepted = 0, rejected = 0;
  int64_t adopted = 0, partly_adopted = 0, not_adopted = 0;
};

// The consultation of item `item_id`, or nullopt when the item has no comment period.
Result<std::optional<ConsultationRow>> find_consultation(Connection& conn, int64_t item_id);
// Sets (or changes) the comment period of item `item_id`. Marks the site changed.
Status upsert_consultation(Connection& conn, int64_t item_id, const std::string& opens_on,
                           const std::string& closes_on, const std::string& now);
// Consultations of the given bodies, newest period first. `closing_by`: only open ones whose period ends on or
// before that date (the dashboard's "closing soon").
Result<std::vector<ConsultationRow>> list_consultations(Connection& conn, const std::vector<int64_t>& body_ids,
                                                        const std::optional<std::string>& closing_by, int limit);
// Closes it on `date`; false when it was already closed. Marks the site changed.
Result<bool> close_consultation(Connection& conn, int64_t item_id, const std::string& date);
// Publishes the feedback on `date` with `summary`. Marks the site changed.
Status publish_feedback(Connection& conn, int64_t item_id, const std::string& date, const std::string& summary);

struct CommentRow {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string submitted_at;
  std::optional<std::string> author_name;
  std::string contact;
  std::string comment;
  std::string status;  // pending | accepted | rejected
  std::optional<std::string> response, response_reason;
};

Result<int64_t> insert_comment(Connection& conn, int64_t item_id, const std::string& submitted_at,
                               const std::optional<std::string>& author_name, const std::string& contact,
                               const std::string& comment);
// The comments of a consultation in submission order; `status` filters when given.
Result<std::vector<CommentRow>> list_comments(Connection& conn, int64_t item_id,
                                              const std::optional<std::string>& status);
Result<std::optional<CommentRow>> find_comment(Connection& conn, int64_t comment_id);
// Sets the moderation status of comment `comment_id` of consultation `item_id`; false when no such comment.
Result<bool> moderate_comment(Connection& conn, int64_t item_id, int64_t comment_id, const std::string& status,
                              std::optional<int64_t> user_id, const std::string& now);
// Sets the response of an accepted comment; false when there is no such accepted comment.
Result<bool> respond_to_comment(Connection& conn, int64_t item_id, int64_t comment_id, const std::string& response,
                                const std::string& reason);

// Published items of kind consultation with publish_date in [from, to] (both inclusive), oldest first: (id,
// publish_date). For the demo data set.
Result<std::vector<std::pair<int64_t, std::string>>> consultation_items(Connection& conn, const std::string& from,
                                                                        const std::string& to);

}  // namespace gongkai::store
