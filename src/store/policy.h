// Repository of the policy library (migration 011): the filing (备案) records of normative documents, the
// documents of a body's scope as the library lists them, clean-up campaigns with their candidates and decisions,
// and the quarterly list of documents (发文目录清单).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct FilingRow {
  int64_t item_id = 0;
  std::string filed_with;                    // 备案机关
  std::string filed_on;                      // YYYY-MM-DD
  std::optional<std::string> filing_number;  // 备案号
  std::optional<int64_t> recorded_by;
  std::string recorded_at;
};

// The filing of `item_id`, or nullopt.
Result<std::optional<FilingRow>> find_filing(Connection& conn, int64_t item_id);
// Records or corrects the filing of row.item_id.
Status upsert_filing(Connection& conn, const FilingRow& row);

// A government document as the staff policy library lists it.
struct PolicyDocRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_name;
  std::string title;
  std::string kind;  // normative | document
  std::optional<std::string> doc_number, written_date, validity;
  std::string publish_date;
  std::string status;  // items.status
  std::optional<std::string> filed_with, filed_on, filing_number;
  bool interpreted = false;  // a published interpretation is linked to it
};

struct PolicyDocFilter {
  std::vector<int64_t> body_ids;  // required: the caller's scope
  bool normative_only = true;
  std::optional<int> year;                 // of publish_date
  std::optional<bool> filed;               // with / without a filing record
  std::optional<bool> interpreted;         // with / without a published interpretation
  std::optional<std::string> published_from, published_to;  // publish_date range, both inclusive
  bool published_only = false;             // status published or withdrawn (not drafts)
  int offset = 0;
  int limit = 50;
};

struct PolicyDocPage {
  std::vector<PolicyDocRow> rows;  // newest publish date first
  int64_t total = 0;
};

Result<PolicyDocPage> list_policy_docs(Connection& conn, const PolicyDocFilter& filter);
// One document of the library (any kind), or nullopt.
Result<std::optional<PolicyDocRow>> find_policy_doc(Connection& conn, int64_t item_id);

struct CampaignRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::string body_name;
  std::string name, cutoff_date, decided_on, created_at;
  int64_t total = 0;  // candidates and decided documents together
  int64_t valid = 0, amended = 0, repealed = 0;
  int64_t pending() const { return total - valid - amended - repealed; }
};

// Creates a campaign of body `body_id` selecting every normative document of `scope_body_ids` made (成文日期, or
// the publish date when there is none) on or before `cutoff_date`, published, and not already expired or
// repealed. Returns the campaign id.
Result<int64_t> create_campaign(Connection& conn, int64_t body_id, const std::string& name,
                                const std::string& cutoff_date, const std::string& decided_on,
                                const std::vector<int64_t>& scope_body_ids, const std::string& now);
// Campaigns of the given bodies, newest first, with their counts.
Result<std::vector<CampaignRow>> list_campaigns(Connection& conn, const std::vector<int64_t>& body_ids);
Result<std::optional<CampaignRow>> find_campaign(Connection& conn, int64_t campaign_id);

struct CandidateRow {
  PolicyDocRow doc;
  std::optional<std::string> decision;  // valid | amended | repealed
  std::optional<std::string> note;
};
// The campaign's documents (candidates and decided ones), oldest first; `undecided_only` leaves out decided ones.
Result<std::vector<CandidateRow>> list_candidates(Connection& conn, int64_t campaign_id, bool undecided_only,
                                                  int offset, int limit);
// Whether `item_id` belongs to the campaign (a candidate or decided).
Result<bool> is_candidate(Connection& conn, int64_t campaign_id, int64_t item_id);
// Records a decision; false (nothing changed) when the document already has one in this campaign.
Result<bool> record_decision(Connection& conn, int64_t campaign_id, int64_t item_id, const std::string& decision,
                             const std::string& note);
// Documents still to be decided in campaigns of the given bodies, for the dashboard.
// The published (or withdrawn) documents and normative documents whose 索引号 or 文号 is `reference`, as
// (item id, body id) pairs — several when a 文号 was reused by different bodies.
Result<std::vector<std::pair<int64_t, int64_t>>> find_documents_by_reference(Connection& conn,
                                                                             const std::string& reference);

Result<int64_t> count_undecided(Connection& conn, const std::vector<int64_t>& body_ids);

}  // namespace gongkai::store
