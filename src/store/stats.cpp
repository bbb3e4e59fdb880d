// Stats queries: one pass over the year's items, one over their channels, one over clean-up decisions.
#include "store/stats.h"

namespace gongkai::store {
namespace {

constexpr const char* kScopeCte =
    "WITH RECURSIVE scope(id) AS (SELECT id FROM bodies WHERE id = ? "
    "UNION ALL SELECT b.id FROM bodies b JOIN scope s ON b.parent_id = s.id WHERE ? = 1) ";

// Published items only: drafts are not disclosed; withdrawn items were disclosed in their year.
constexpr const char* kYearItems =
    "FROM items i WHERE i.body_id IN (SELECT id FROM scope) AND i.status IN ('published', 'withdrawn') "
    "AND i.publish_date >= ? AND i.publish_date < ?";

}  // namespace

Result<std::map<std::string, int64_t>> yearly_item_figures(Connection& conn, int64_t body_id, bool include_children,
                                                           int year) {
  const Value scope_flag = int64_t{include_children ? 1 : 0};
  const std::string from = std::to_string(year) + "-01-01";
  const std::string to = std::to_string(year + 1) + "-01-01";
  std::map<std::string, int64_t> out;

  // Keys in the order of the SELECT list below.
  static const char* kKindKeys[] = {
      "items_total",        "exec_meeting_releases", "consultations",     "surveys",
      "key_area_items",     "emergency_items",       "documents_published", "normative_issued",
      "npc_suggestions",    "cppcc_proposals",       "press_conferences", "online_interviews",
  };
  Result<Rows> rows = conn.query(
      std::string(kScopeCte) +
          "SELECT COUNT(*), "
          "COALESCE(SUM(CASE WHEN i.kind = 'exec_meeting' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'consultation' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'survey' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(i.key_area), 0), COALESCE(SUM(i.emergency), 0), "
          "COALESCE(SUM(CASE WHEN i.kind IN ('document', 'normative') THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'normative' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'npc_result' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'cppcc_result' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'press_conference' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'interview' THEN 1 ELSE 0 END), 0) " +
          kYearItems,
      {body_id, scope_flag, from, to});
  if (!rows) return rows.status();
  for (size_t key_idx = 0; key_idx < std::size(kKindKeys); ++key_idx) {
    out[kKindKeys[key_idx]] = rows->front().get_int(key_idx);
  }

  // 一（四）: normative documents of the year with a published "图文 + 音频或视频" interpretation linked to them
  // (domain::is_media_interpretation, spelled in SQL over the stored ",text,video," form lists).
  Result<Rows> interpreted = conn.query(
      std::string(kScopeCte) +
          "SELECT COUNT(*) " + kYearItems +
          " AND i.kind = 'normative' AND EXISTS (SELECT 1 FROM interpretation_links l JOIN items t ON "
          "t.id = l.interpretation_id WHERE l.document_id = i.id AND t.status IN ('published', 'withdrawn') "
          "AND (l.forms LIKE '%,text,%' OR l.forms LIKE '%,graphic,%') "
          "AND (l.forms LIKE '%,audio,%' OR l.forms LIKE '%,video,%'))",
      {body_id, scope_flag, from, to});
  if (!interpreted) return interpreted.status();
  out["normative_with_media_interpretation"] = interpreted->front().get_int(0);

  for (const char* channel : {"portal", "disclosure_site", "weibo", "wechat"}) out[std::string("items_") + channel] = 0;
  Result<Rows> ch = conn.query(std::string(kScopeCte) +
                                   "SELECT c.channel, COUNT(*) FROM item_channels c JOIN items i ON i.id = c.item_id "
                                   "WHERE i.body_id IN (SELECT id FROM scope) AND i.status IN ('published', "
                                   "'withdrawn') AND i.publish_date >= ? AND i.publish_date < ? GROUP BY c.channel",
                               {body_id, scope_flag, from, to});
  if (!ch) return ch.status();
  for (const Row& r : *ch) out["items_" + r.get_text(0)] = r.get_int(1);

  Result<Rows> cleanup = conn.query(
      std::string(kScopeCte) +
          "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.decision = 'valid' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN d.decision = 'amended' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN d.decision = 'repealed' THEN 1 ELSE 0 END), 0) "
          "FROM cleanup_decisions d JOIN cleanup_campaigns c ON c.id = d.campaign_id "
          "WHERE c.body_id IN (SELECT id FROM scope) AND c.decided_on >= ? AND c.decided_on < ?",
      {body_id, scope_flag, from, to});
  if (!cleanup) return cleanup.status();
  out["cleanup_total"] = cleanup->front().get_int(0);
  out["cleanup_valid"] = cleanup->front().get_int(1);
  out["cleanup_amended"] = cleanup->front().get_int(2);
  out["cleanup_repealed"] = cleanup->front().get_int(3);

  // 一（二） (migration 011): normative documents of the year with a filing (备案) record, and consultations of
  // the year whose feedback (反馈意见) has been published.
  Result<Rows> policy = conn.query(
      std::string(kScopeCte) +
          "SELECT COALESCE(SUM(CASE WHEN i.kind = 'normative' AND EXISTS (SELECT 1 FROM normative_filings f "
          "WHERE f.item_id = i.id) THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN i.kind = 'consultation' AND EXISTS (SELECT 1 FROM consultations c "
          "WHERE c.item_id = i.id AND c.feedback_published_on IS NOT NULL) THEN 1 ELSE 0 END), 0) " +
          kYearItems,
      {body_id, scope_flag, from, to});
  if (!policy) return policy.status();
  out["normative_filed"] = policy->front().get_int(0);
  out["consultation_feedbacks"] = policy->front().get_int(1);
  return out;
}

}  // namespace gongkai::store
