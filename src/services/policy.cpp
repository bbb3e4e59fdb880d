// The policy library (see policy.h).
#include "services/policy.h"

#include <algorithm>

#include "domain/roles.h"
#include "domain/validity.h"
#include "services/audit.h"
#include "services/validity.h"
#include "store/bodies.h"

namespace gongkai::services {

namespace {

constexpr std::string_view kLibraryActions[] = {"item.draft", "item.review", "item.publish", "policy.manage"};

std::string china_date(std::chrono::sys_seconds t) {
  const auto days = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8));
  return domain::Date::from_days(static_cast<int>(days.time_since_epoch().count())).to_string();
}

bool contains(const std::vector<int64_t>& ids, int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

nlohmann::json filing_json(const std::optional<store::FilingRow>& f) {
  if (!f) return nullptr;
  return {{"filed_with", f->filed_with},
          {"filed_on", f->filed_on},
          {"filing_number", f->filing_number ? nlohmann::json(*f->filing_number) : nlohmann::json(nullptr)}};
}

AuditActor actor_of(const User& user, const std::string& remote_addr) { return {user.id, user.login, remote_addr}; }

// The ids of `body_id` and every body below it.
Result<std::vector<int64_t>> subtree(store::Connection& conn, int64_t body_id) {
  Result<std::vector<store::BodyRow>> all = store::list_bodies(conn);
  if (!all) return all.status();
  domain::BodyTree tree;
  for (const store::BodyRow& b : *all) tree.add(b.id, b.parent_id);
  std::vector<int64_t> out;
  for (const store::BodyRow& b : *all) {
    if (tree.within(b.id, body_id)) out.push_back(b.id);
  }
  return out;
}

// 修改后继续有效: the amending document named by `reference` (索引号 or 文号), published and in `visible`.
Result<int64_t> amending_document(store::Connection& conn, const std::vector<int64_t>& visible,
                                  int64_t item_id, const std::string& reference) {
  if (reference.empty()) {
    return Status::invalid("“修改后继续有效”须填写修改后的文件（其文号或索引号），该文件应已发布。");
  }
  Result<std::vector<std::pair<int64_t, int64_t>>> found =
      store::find_documents_by_reference(conn, reference);
  if (!found) return found.status();
  std::erase_if(*found, [&](const auto& doc) { return !contains(visible, doc.second); });
  if (found->empty()) {
    return Status::invalid("没有找到文号或索引号为“" + reference +
                           "”的已发布文件；请先发布修改后的文件，再记录此决定。");
  }
  if (found->size() > 1)
    return Status::invalid("文号“" + reference + "”对应多份文件，请改填修改后文件的索引号。");
  if (found->front().first == item_id) return Status::invalid("修改后的文件不能是被清理的文件本身。");
  return found->front().first;
}

}  // namespace

PolicyLibrary::PolicyLibrary(Clock clock) : clock_(std::move(clock)) {}

std::string PolicyLibrary::today() const { return china_date(clock_()); }

Result<std::vector<int64_t>> bodies_with_any(store::Connection& conn, const User& user,
                                             std::span<const std::string_view> actions) {
  Result<std::vector<store::BodyRow>> all = store::list_bodies(conn);
  if (!all) return all.status();
  std::vector<int64_t> ids;
  for (const store::BodyRow& b : *all) {
    if (std::any_of(actions.begin(), actions.end(),
                    [&](std::string_view action) { return authorize(user, action, b.id).is_ok(); })) {
      ids.push_back(b.id);
    }
  }
  return ids;
}

Result<std::vector<int64_t>> PolicyLibrary::scope(store::Connection& conn, const User& user) const {
  return bodies_with_any(conn, user, kLibraryActions);
}

Result<store::PolicyDocRow> PolicyLibrary::managed_doc(store::Connection& conn, const User& user,
                                                       int64_t item_id) const {
  Result<std::optional<store::PolicyDocRow>> doc = store::find_policy_doc(conn, item_id);
  if (!doc) return doc.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*doc || !contains(*visible, (*doc)->body_id)) return Status::not_found("no document " + std::to_string(item_id));
  GK_RETURN_IF_ERROR(authorize(user, "policy.manage", (*doc)->body_id));
  return **doc;
}

Result<store::PolicyDocPage> PolicyLibrary::list(store::Connection& conn, const User& user,
                                                 store::PolicyDocFilter filter) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (filter.body_ids.empty()) {
    filter.body_ids = *visible;
  } else {
    std::erase_if(filter.body_ids, [&](int64_t id) { return !contains(*visible, id); });
    if (filter.body_ids.empty()) return store::PolicyDocPage{};
  }
  return store::list_policy_docs(conn, filter);
}

Result<std::optional<store::PolicyDocRow>> PolicyLibrary::document(store::Connection& conn, const User& user,
                                                                   int64_t item_id) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::PolicyDocRow>> doc = store::find_policy_doc(conn, item_id);
  if (!doc || !*doc) return doc;
  if ((*doc)->kind != "normative" && (*doc)->kind != "document") return std::optional<store::PolicyDocRow>();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!contains(*visible, (*doc)->body_id)) return std::optional<store::PolicyDocRow>();
  return doc;
}

Status PolicyLibrary::record_filing(store::Connection& conn, const User& user, int64_t item_id,
                                    const domain::FilingInput& filing, const std::string& remote_addr,
                                    std::vector<domain::FieldError>* errors) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<store::PolicyDocRow> doc = managed_doc(conn, user, item_id);
  if (!doc) return doc.status();
  if (doc->kind != "normative") {
    errors->push_back({"filed_with", "只有行政规范性文件需要备案。"});
    return Status::invalid("not a normative document");
  }
  std::optional<domain::Date> written;
  if (doc->written_date) written = domain::Date::parse(*doc->written_date);
  *errors = domain::check_filing(filing, written, *domain::Date::parse(today()));
  if (!errors->empty()) return Status::invalid("the filing has errors");
  Result<std::optional<store::FilingRow>> before = store::find_filing(conn, item_id);
  if (!before) return before.status();
  store::FilingRow row;
  row.item_id = item_id;
  row.filed_with = filing.filed_with;
  row.filed_on = filing.filed_on;
  if (!filing.filing_number.empty()) row.filing_number = filing.filing_number;
  row.recorded_by = user.id;
  row.recorded_at = format_utc(clock_());
  GK_RETURN_IF_ERROR(store::upsert_filing(conn, row));
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{actor_of(user, remote_addr), "policy.filing", "item", std::to_string(item_id), doc->body_id,
                 filing_json(*before), filing_json(row)},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Status PolicyLibrary::change_validity(store::Connection& conn, const User& user, int64_t item_id,
                                      const std::string& to, const std::string& effective_on,
                                      const std::string& reason, const std::string& remote_addr) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<store::PolicyDocRow> doc = managed_doc(conn, user, item_id);
  if (!doc) return doc.status();
  if (!domain::is_validity(to)) return Status::invalid("请选择有效、修订后有效、失效或废止。");
  ValidityUpdate update;
  update.item_id = item_id;
  update.to = to;
  update.effective_on = effective_on;
  update.reason = reason;
  GK_RETURN_IF_ERROR(services::change_validity(conn, update));
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{actor_of(user, remote_addr), "policy.validity", "item", std::to_string(item_id), doc->body_id,
                 {{"validity", doc->validity ? nlohmann::json(*doc->validity) : nlohmann::json(nullptr)}},
                 {{"validity", to}, {"effective_on", effective_on}, {"reason", reason}}},
      clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Result<int64_t> PolicyLibrary::create_campaign(store::Connection& conn, const User& user, const CampaignInput& in,
                                               const std::string& remote_addr,
                                               std::vector<domain::FieldError>* errors) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, in.body_code);
  if (!body) return body.status();
  if (!*body) {
    errors->push_back({"body", "请选择您有权管理的机构。"});
    return Status::invalid("unknown body");
  }
  GK_RETURN_IF_ERROR(authorize(user, "policy.manage", (*body)->id));
  if (in.name.empty() || in.name.size() > 600 || in.name.find_first_of("\r\n") != std::string::npos) {
    errors->push_back({"name", "请填写清理工作的名称（不超过200字，不含换行）。"});
  }
  std::optional<domain::Date> cutoff = domain::Date::parse(in.cutoff_date);
  std::optional<domain::Date> decided = domain::Date::parse(in.decided_on);
  if (!cutoff) errors->push_back({"cutoff_date", "请按“年-月-日”填写制定日期截止日，如 2019-12-31。"});
  if (!decided) {
    errors->push_back({"decided_on", "请按“年-月-日”填写清理决定日期，如 2020-09-30。"});
  } else if (cutoff && decided->days_since_epoch() < cutoff->days_since_epoch()) {
    errors->push_back({"decided_on", "清理决定日期不能早于制定日期截止日。"});
  }
  if (!errors->empty()) return Status::invalid("the campaign has errors");
  Result<std::vector<int64_t>> below = subtree(conn, (*body)->id);
  if (!below) return below.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  std::erase_if(*below, [&](int64_t id) { return !contains(*visible, id); });
  Result<int64_t> id = store::create_campaign(conn, (*body)->id, in.name, in.cutoff_date, in.decided_on, *below,
                                              format_utc(clock_()));
  if (!id) return id.status();
  Result<std::optional<store::CampaignRow>> created = store::find_campaign(conn, *id);
  if (!created) return created.status();
  Result<int64_t> audit = append_audit(
      conn,
      AuditEvent{actor_of(user, remote_addr), "cleanup.create", "cleanup_campaign", std::to_string(*id),
                 (*body)->id, nullptr,
                 {{"name", in.name},
                  {"cutoff_date", in.cutoff_date},
                  {"decided_on", in.decided_on},
                  {"documents", (*created)->total}}},
      clock_());
  if (!audit) return audit.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Result<std::vector<store::CampaignRow>> PolicyLibrary::campaigns(store::Connection& conn, const User& user) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  return store::list_campaigns(conn, *visible);
}

Result<std::optional<store::CampaignRow>> PolicyLibrary::campaign(store::Connection& conn, const User& user,
                                                                  int64_t campaign_id) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::CampaignRow>> c = store::find_campaign(conn, campaign_id);
  if (!c || !*c) return c;
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!contains(*visible, (*c)->body_id)) return std::optional<store::CampaignRow>();
  return c;
}

Status PolicyLibrary::decide(store::Connection& conn, const User& user, int64_t campaign_id, int64_t item_id,
                             const std::string& decision, const std::string& note,
                             const std::string& remote_addr, const std::string& amended_by) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::CampaignRow>> c = store::find_campaign(conn, campaign_id);
  if (!c) return c.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*c || !contains(*visible, (*c)->body_id)) return Status::not_found("no campaign " + std::to_string(campaign_id));
  GK_RETURN_IF_ERROR(authorize(user, "policy.manage", (*c)->body_id));
  const domain::CleanupDecision* d = domain::find_cleanup_decision(decision);
  if (!d) return Status::invalid("请选择继续有效、修改后继续有效或失效废止。");
  if (note.size() > 6000) return Status::invalid("说明不超过2000字。");
  Result<bool> member = store::is_candidate(conn, campaign_id, item_id);
  if (!member) return member.status();
  if (!*member) return Status::not_found("document " + std::to_string(item_id) + " is not in the campaign");
  std::optional<int64_t> successor;
  if (decision == "amended") {
    Result<int64_t> found = amending_document(conn, *visible, item_id, amended_by);
    if (!found) return found.status();
    successor = *found;
  }
  Result<bool> recorded = store::record_decision(conn, campaign_id, item_id, decision, note);
  if (!recorded) return recorded.status();
  if (!*recorded) return Status::conflict("the document already has a decision in this campaign");
  if (d->validity_to) {
    ValidityUpdate update;
    update.item_id = item_id;
    update.to = std::string(*d->validity_to);
    update.effective_on = (*c)->decided_on;
    update.reason = (*c)->name;
    update.superseded_by = successor;
    GK_RETURN_IF_ERROR(services::change_validity(conn, update));
  }
  nlohmann::json after{{"campaign", campaign_id}, {"decision", decision}, {"note", note}};
  if (successor) after["amended_by"] = *successor;
  Result<int64_t> audit = append_audit(conn,
                                       AuditEvent{actor_of(user, remote_addr), "cleanup.decide", "item",
                                                  std::to_string(item_id), (*c)->body_id, nullptr, after},
                                       clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Result<std::vector<store::PolicyDocRow>> PolicyLibrary::quarter_list(store::Connection& conn, const User& user,
                                                                     const std::string& body_code, int year,
                                                                     int quarter) const {
  if (quarter < 1 || quarter > 4) return Status::invalid("quarter must be 1-4");
  if (year < 1990 || year > 2199) return Status::invalid("year out of range");
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::BodyRow>> body = store::find_body(conn, body_code);
  if (!body) return body.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*body || !contains(*visible, (*body)->id)) return Status::not_found("no body " + body_code);
  Result<std::vector<int64_t>> below = subtree(conn, (*body)->id);
  if (!below) return below.status();
  std::erase_if(*below, [&](int64_t id) { return !contains(*visible, id); });
  const auto [first, last] = domain::quarter_range(year, quarter);
  store::PolicyDocFilter f;
  f.body_ids = *below;
  f.normative_only = false;
  f.published_only = true;
  f.published_from = first.to_string();
  f.published_to = last.to_string();
  f.limit = 100000;
  Result<store::PolicyDocPage> page = store::list_policy_docs(conn, f);
  if (!page) return page.status();
  std::vector<store::PolicyDocRow> rows = std::move(page->rows);
  std::reverse(rows.begin(), rows.end());  // oldest first, as a register is read
  return rows;
}

Result<PolicyDashboard> PolicyLibrary::dashboard(store::Connection& conn, const User& user) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  PolicyDashboard out;
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  const domain::Date today_date = *domain::Date::parse(today());
  store::PolicyDocFilter f;
  f.body_ids = *visible;
  f.published_only = true;
  f.published_from = today_date.plus_days(-365).to_string();
  f.limit = 1;
  f.interpreted = false;
  Result<store::PolicyDocPage> bare = store::list_policy_docs(conn, f);
  if (!bare) return bare.status();
  out.without_interpretation = bare->total;
  f.interpreted.reset();
  f.filed = false;
  Result<store::PolicyDocPage> unfiled = store::list_policy_docs(conn, f);
  if (!unfiled) return unfiled.status();
  out.without_filing = unfiled->total;
  Result<int64_t> pending = store::count_undecided(conn, *visible);
  if (!pending) return pending.status();
  out.cleanup_pending = *pending;
  Result<std::vector<store::ConsultationRow>> closing =
      store::list_consultations(conn, *visible, today_date.plus_days(7).to_string(), 20);
  if (!closing) return closing.status();
  out.closing_soon = std::move(*closing);
  return out;
}

}  // namespace gongkai::services
