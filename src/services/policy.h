// The policy library of the staff workspace: normative documents with their 文号, 成文日期, filing (备案) record and
// validity (有效性, changed through services/validity and so marked on the original page), clean-up campaigns
// (规范性文件清理: select every normative document made before a date, decide each one), the quarterly list of
// documents (发文目录清单), and the dashboard's reminders. Rules are domain/normative's; SQL is store/policy's.
//
// Scope: a user sees the library of the bodies where they hold item.draft, item.review, item.publish or
// policy.manage; a document or campaign outside it is kNotFound, like one that does not exist. Changes need
// policy.manage on the document's (campaign's) body; a denial is domain::is_permission_denied. Every change
// appends an audit entry in its transaction.
//
// Thread safety: const methods, callable from many threads at once, each with its own connection, which must not
// be inside a transaction.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "domain/item.h"
#include "domain/normative.h"
#include "services/accounts.h"
#include "store/consultations.h"
#include "store/policy.h"

namespace gongkai::services {

struct PolicyDashboard {
  int64_t without_interpretation = 0;  // published normative documents of the last 12 months without one
  int64_t without_filing = 0;          // published normative documents of the last 12 months without a filing
  int64_t cleanup_pending = 0;         // documents still to be decided in campaigns
  std::vector<store::ConsultationRow> closing_soon;  // open consultations whose period ends within 7 days
};

struct CampaignInput {
  std::string body_code;
  std::string name;
  std::string cutoff_date;  // 制定日期截止: documents made on or before it
  std::string decided_on;   // the date of the clean-up decision (counts the campaign in that year's stats)
};

// Ids of the bodies on which `user` may do at least one of `actions`.
Result<std::vector<int64_t>> bodies_with_any(store::Connection& conn, const User& user,
                                             std::span<const std::string_view> actions);

class PolicyLibrary {
 public:
  explicit PolicyLibrary(Clock clock = system_clock());

  // Ids of the bodies whose library `user` sees.
  Result<std::vector<int64_t>> scope(store::Connection& conn, const User& user) const;
  // Documents of the scope; filter.body_ids narrowed to it (all of it when empty).
  Result<store::PolicyDocPage> list(store::Connection& conn, const User& user, store::PolicyDocFilter filter) const;
  // One normative document or government document, or nullopt (absent, another kind, or outside the scope).
  Result<std::optional<store::PolicyDocRow>> document(store::Connection& conn, const User& user,
                                                      int64_t item_id) const;

  // Records or corrects the filing of normative document `item_id`. kInvalid with `*errors` (domain::check_filing;
  // also for a document that is not normative).
  Status record_filing(store::Connection& conn, const User& user, int64_t item_id, const domain::FilingInput& filing,
                       const std::string& remote_addr, std::vector<domain::FieldError>* errors) const;
  // Changes the validity of document `item_id` (domain::check_validity_change's rules; kInvalid with the reason).
  Status change_validity(store::Connection& conn, const User& user, int64_t item_id, const std::string& to,
                         const std::string& effective_on, const std::string& reason,
                         const std::string& remote_addr) const;

  // Creates a campaign of input.body_code selecting the normative documents of that body and the bodies below it
  // (within the user's scope) made on or before the cut-off. kInvalid with `*errors` for a missing name, bad
  // dates or a decision date before the cut-off.
  Result<int64_t> create_campaign(store::Connection& conn, const User& user, const CampaignInput& input,
                                  const std::string& remote_addr, std::vector<domain::FieldError>* errors) const;
  Result<std::vector<store::CampaignRow>> campaigns(store::Connection& conn, const User& user) const;
  Result<std::optional<store::CampaignRow>> campaign(store::Connection& conn, const User& user,
                                                     int64_t campaign_id) const;
  // Records the decision (domain::cleanup_decisions code) on a document of the campaign; 失效废止 sets the
  // document's validity to 废止 on the campaign's decision date; 修改后继续有效 sets 修订后有效 on that date
  // with the amending document `amended_by` (its 索引号 or 文号: a published document of the user's scope)
  // linked as the successor, so the original page says where the amended text is. kNotFound for a document
  // not in the campaign; kConflict when it already has a decision; kInvalid for an unknown decision, an
  // amendment without a (known, published, unambiguous) amending document, or a validity change the lifecycle
  // refuses.
  Status decide(store::Connection& conn, const User& user, int64_t campaign_id, int64_t item_id,
                const std::string& decision, const std::string& note, const std::string& remote_addr,
                const std::string& amended_by = "") const;

  // The 发文目录清单 of `body_code` (and the bodies below it) for quarter 1-4 of `year`: its published normative and
  // government documents, oldest first. kInvalid for a bad quarter or year; kNotFound outside the scope.
  Result<std::vector<store::PolicyDocRow>> quarter_list(store::Connection& conn, const User& user,
                                                        const std::string& body_code, int year, int quarter) const;

  Result<PolicyDashboard> dashboard(store::Connection& conn, const User& user) const;

  std::string today() const;

 private:
  // Document `item_id` when it is in the user's scope (else kNotFound) and the user holds policy.manage on its
  // body (else a permission denial).
  Result<store::PolicyDocRow> managed_doc(store::Connection& conn, const User& user, int64_t item_id) const;

  Clock clock_;
};

}  // namespace gongkai::services
