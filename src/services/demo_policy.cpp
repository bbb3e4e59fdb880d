// The demo's policy library and consultations (see demo_policy.h).
#include "services/demo_policy.h"

#include <algorithm>

#include "store/bodies.h"
#include "store/consultations.h"
#include "store/policy.h"

namespace gongkai::services {

namespace {

constexpr const char* kRecordedAt = "2021-01-15T02:00:00Z";

struct DemoComment {
  const char* text;
  const char* response;  // domain::feedback_responses code
  const char* reason;
};
constexpr DemoComment kComments[] = {
    {"建议在实施细则中明确申请材料清单，减少群众往返。", "adopted", ""},
    {"建议适当延长过渡期，给企业留出调整时间。", "partly_adopted", "过渡期由3个月延长至6个月，未采纳延长至一年的建议，以免影响整体进度。"},
    {"希望取消该项收费。", "not_adopted", "该项收费依据上级文件设立，本级无权取消。"},
};

}  // namespace

Status add_demo_policy(store::Connection& conn, domain::Date today) {
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(conn);
  if (!bodies) return bodies.status();
  std::vector<int64_t> body_ids;
  for (const store::BodyRow& b : *bodies) body_ids.push_back(b.id);

  // Filings: every normative document of 2020 but the last one published (seed: 19 of 20), and current-year
  // documents published more than 10 days ago.
  for (int year : {2020, today.year()}) {
    if (year == 2020 && today.year() == 2020) continue;
    store::PolicyDocFilter f;
    f.body_ids = body_ids;
    f.year = year;
    f.published_only = true;
    f.limit = 100000;
    Result<store::PolicyDocPage> docs = store::list_policy_docs(conn, f);
    if (!docs) return docs.status();
    const size_t skip = year == 2020 ? 1 : 0;  // newest first: the 2020 document left unfiled is the last one
    int serial = 0;
    for (size_t doc_idx = skip; doc_idx < docs->rows.size(); ++doc_idx) {
      const store::PolicyDocRow& doc = docs->rows[doc_idx];
      std::optional<domain::Date> published = domain::Date::parse(doc.publish_date);
      if (!published) continue;
      const domain::Date filed_on = published->plus_days(10 + serial % 15);
      if (filed_on.days_since_epoch() > today.days_since_epoch()) continue;
      store::FilingRow row;
      row.item_id = doc.id;
      row.filed_with = serial % 5 == 4 ? "示例县人民代表大会常务委员会" : "示例市人民政府";
      row.filed_on = filed_on.to_string();
      row.filing_number = "示备〔" + std::to_string(year) + "〕" + std::to_string(++serial) + "号";
      row.recorded_at = kRecordedAt;
      GK_RETURN_IF_ERROR(store::upsert_filing(conn, row));
    }
  }

  // Consultations: a 30-day period from publication; three comments each; feedback published ten days after
  // the period. Current-year ones still in their period stay open with their comments awaiting moderation.
  Result<std::vector<std::pair<int64_t, std::string>>> items =
      store::consultation_items(conn, "2020-01-01", today.to_string());
  if (!items) return items.status();
  int comment_no = 0;
  for (const auto& [item_id, publish_date] : *items) {
    const domain::Date opens = *domain::Date::parse(publish_date);
    const domain::Date closes = opens.plus_days(29);
    GK_RETURN_IF_ERROR(store::upsert_consultation(conn, item_id, opens.to_string(), closes.to_string(), kRecordedAt));
    const bool finished = closes.plus_days(10).days_since_epoch() <= today.days_since_epoch();
    for (const DemoComment& c : kComments) {
      const domain::Date day = opens.plus_days(2 + (comment_no % 20));
      ++comment_no;
      if (day.days_since_epoch() > today.days_since_epoch()) continue;
      const std::string at = day.to_string() + "T03:00:00Z";
      Result<int64_t> id = store::insert_comment(conn, item_id, at, comment_no % 2 ? std::optional<std::string>("张先生")
                                                                              : std::nullopt,
                                                 "demo" + std::to_string(comment_no) + "@example.invalid", c.text);
      if (!id) return id.status();
      if (!finished) continue;
      Result<bool> moderated = store::moderate_comment(conn, item_id, *id, "accepted", std::nullopt, at);
      if (!moderated) return moderated.status();
      Result<bool> answered = store::respond_to_comment(conn, item_id, *id, c.response, c.reason);
      if (!answered) return answered.status();
    }
    if (!finished) continue;
    Result<bool> closed = store::close_consultation(conn, item_id, closes.to_string());
    if (!closed) return closed.status();
    GK_RETURN_IF_ERROR(store::publish_feedback(conn, item_id, closes.plus_days(10).to_string(),
                                               "感谢社会各界的关心和支持。经认真研究，对意见采纳情况反馈如下。"));
  }
  return Status::ok();
}

}  // namespace gongkai::services
