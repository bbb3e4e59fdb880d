// The publishing workflow: drafts, revisions, workflow moves, scope checks and audit entries.
#include "services/publishing.h"

#include <algorithm>

#include "domain/kind_fields.h"
#include "domain/text_diff.h"
#include "domain/vocabulary.h"
#include "services/item_writer.h"
#include "store/calendar.h"
#include "store/item_facts.h"
#include "store/items.h"

namespace gongkai::services {
namespace {

// The item permissions: holding any of them on a body puts its items in the user's scope.
constexpr std::string_view kItemActions[] = {"item.draft", "item.review", "item.publish", "item.withdraw"};

AuditActor audit_actor(const User& user, const std::string& remote_addr) {
  return AuditActor{user.id, user.login, remote_addr};
}

std::string china_date(std::chrono::sys_seconds t) {
  const auto days = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8));
  return domain::Date::from_days(static_cast<int>(days.time_since_epoch().count())).to_string();
}

// Labels of the snapshot lines, in the order the diff shows them.
struct SnapshotField {
  const char* key;
  const char* label;
};
constexpr SnapshotField kSnapshotFields[] = {
    {"title", "标题"},          {"body", "发布机构"},     {"column", "栏目"},
    {"doc_number", "文号"},     {"written_date", "成文日期"}, {"publish_date", "发布日期"},
    {"subject", "主题分类"},    {"kind", "类别"},         {"validity", "有效性"},
    {"channels", "发布渠道"},   {"key_area", "重点领域"}, {"emergency", "突发事件"},
};

std::string json_text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_array()) {
    std::string s;
    for (const auto& e : v) s += (s.empty() ? "" : "、") + json_text(e);
    return s;
  }
  return v.dump();
}

Status check_field_errors(const std::vector<domain::FieldError>& found, std::vector<domain::FieldError>* errors) {
  if (found.empty()) return Status::ok();
  if (errors) *errors = found;
  return Status::invalid(found.front().field + ": " + found.front().message);
}

// The problems of a draft from the staff form: the item's own checks, and every required field of its kind.
std::vector<domain::FieldError> draft_errors(domain::ItemRecord& r) {
  std::erase_if(r.facts, [](const auto& fact) { return fact.second.empty(); });
  std::vector<domain::FieldError> found = domain::validate_item(r);
  for (domain::FieldError& e : domain::validate_facts(r.kind, r.facts, /*require_all=*/true)) {
    if (std::none_of(found.begin(), found.end(),
                     [&](const domain::FieldError& f) { return f.field == e.field; })) {
      found.push_back(std::move(e));
    }
  }
  return found;
}

// 政策解读 drafted in the workspace: links draft `item_id` to the document its record `interprets` (索引号)
// with its forms, or removes the link when it names none. kInvalid with a field error for an unknown 索引号.
Status link_draft_interpretation(store::Connection& conn, int64_t item_id, const domain::ItemRecord& r,
                                 std::vector<domain::FieldError>* errors) {
  if (r.kind != "interpretation" || !r.interprets) return store::unlink_interpretation(conn, item_id);
  Result<std::optional<int64_t>> document = store::find_item_id(conn, *r.interprets);
  if (!document) return document.status();
  if (!*document || **document == item_id) {
    return check_field_errors({{"interprets", "no document has index number " + *r.interprets}}, errors);
  }
  return store::link_interpretation(conn, item_id, **document, r.interpretation_forms);
}

}  // namespace

nlohmann::json item_snapshot(const domain::ItemRecord& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json snapshot{{"title", r.title},
                          {"body", r.body},
                          {"column", opt(r.column)},
                          {"doc_number", opt(r.doc_number)},
                          {"written_date", opt(r.written_date)},
                          {"publish_date", r.publish_date},
                          {"subject", opt(r.subject)},
                          {"kind", r.kind},
                          {"validity", opt(r.validity)},
                          {"channels", domain::effective_channels(r)},
                          {"key_area", r.key_area},
                          {"emergency", r.emergency},
                          {"content", r.content}};
  if (!r.facts.empty()) snapshot["facts"] = r.facts;
  if (r.interprets) snapshot["interprets"] = *r.interprets;
  if (!r.interpretation_forms.empty()) snapshot["interpretation_forms"] = r.interpretation_forms;
  return snapshot;
}

std::vector<std::string> snapshot_lines(const std::string& snapshot_json) {
  nlohmann::json j = nlohmann::json::parse(snapshot_json, nullptr, false);
  std::vector<std::string> lines;
  if (!j.is_object()) return lines;
  for (const SnapshotField& f : kSnapshotFields) lines.push_back(std::string(f.label) + "：" + json_text(j.value(f.key, nlohmann::json())));
  // The kind's own fields (domain/kind_fields.h), in form order; snapshots from before migration 015 have
  // none.
  const nlohmann::json facts = j.value("facts", nlohmann::json::object());
  for (const domain::FactField& f : domain::kind_fields(j.value("kind", std::string()))) {
    const nlohmann::json v =
        facts.is_object() ? facts.value(std::string(f.code), nlohmann::json()) : nlohmann::json();
    if (!v.is_string()) continue;
    lines.push_back(std::string(f.label) + "：" + domain::fact_display(f, v.get<std::string>()));
  }
  if (j.contains("interprets")) lines.push_back("解读的文件：" + json_text(j["interprets"]));
  if (j.contains("interpretation_forms")) {
    std::vector<std::string> labels;
    for (const auto& code : j["interpretation_forms"]) {
      const domain::Term* t = code.is_string()
                                  ? domain::find_term(domain::interpretation_forms(), code.get<std::string>())
                                  : nullptr;
      labels.push_back(t ? std::string(t->label) : json_text(code));
    }
    lines.push_back("解读形式：" + json_text(labels));
  }
  lines.push_back("正文：");
  for (std::string& l : domain::split_lines(j.value("content", std::string()))) lines.push_back(std::move(l));
  return lines;
}

Publishing::Publishing(std::string attachments_dir, Clock clock)
    : attachments_dir_(std::move(attachments_dir)), clock_(std::move(clock)) {}

std::string Publishing::today() const { return china_date(clock_()); }

Result<std::vector<int64_t>> Publishing::scope(store::Connection& conn, const User& user) const {
  Result<std::vector<store::BodyRow>> all = store::list_bodies(conn);
  if (!all) return all.status();
  std::vector<int64_t> ids;
  for (const store::BodyRow& b : *all) {
    for (std::string_view action : kItemActions) {
      if (authorize(user, action, b.id)) {
        ids.push_back(b.id);
        break;
      }
    }
  }
  return ids;
}

Result<std::vector<store::BodyRow>> Publishing::bodies_for(store::Connection& conn, const User& user,
                                                           std::string_view action) const {
  Result<std::vector<store::BodyRow>> all = store::list_bodies(conn);
  if (!all) return all.status();
  std::vector<store::BodyRow> out;
  for (const store::BodyRow& b : *all) {
    if (authorize(user, action, b.id)) out.push_back(b);
  }
  return out;
}

Result<domain::ItemRecord> Publishing::record_of(store::Connection& conn, int64_t item_id) const {
  Result<std::optional<store::ItemDetail>> d = store::item_detail(conn, item_id);
  if (!d) return d.status();
  if (!*d) return Status::not_found("no item " + std::to_string(item_id));
  const store::ItemRow& row = (*d)->row;
  domain::ItemRecord r;
  r.title = row.title;
  r.body = (*d)->body_code;
  r.publish_date = row.publish_date;
  r.content = row.content;
  r.doc_number = row.doc_number;
  r.written_date = row.written_date;
  if (!(*d)->column_path.empty()) r.column = (*d)->column_path;
  r.subject = row.subject;
  r.kind = row.kind;
  r.validity = row.validity;
  r.channels = (*d)->channels;
  r.key_area = row.key_area;
  r.emergency = row.emergency;
  r.index_number = row.index_number;
  Result<std::map<std::string, std::string>> facts = store::item_facts(conn, item_id);
  if (!facts) return facts.status();
  r.facts = std::move(*facts);
  if ((*d)->interpreted_document) r.interprets = (*d)->interpreted_document->index_number;
  r.interpretation_forms = (*d)->interpretation_forms;
  return r;
}

Result<int64_t> Publishing::create_draft(store::Connection& conn, const User& user, const domain::ItemRecord& record,
                                         const std::string& remote_addr,
                                         std::vector<domain::FieldError>* errors) const {
  domain::ItemRecord r = record;
  r.index_number.reset();  // generated
  r.attachments.clear();
  r.validity_date.reset();
  r.superseded_by.reset();
  GK_RETURN_IF_ERROR(check_field_errors(draft_errors(r), errors));
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  ItemWriter writer(conn, attachments_dir_);
  Result<const store::BodyRow*> body = writer.body(r.body);
  if (!body) return body.status();
  if (!*body) return check_field_errors({{"body", "unknown body"}}, errors);
  GK_RETURN_IF_ERROR(authorize(user, "item.draft", (*body)->id));
  std::optional<int64_t> column_id;
  if (r.column) {
    Result<std::optional<int64_t>> c = writer.column((*body)->id, *r.column, false);
    if (!c) return c.status();
    if (!*c) return check_field_errors({{"column", "unknown column"}}, errors);
    column_id = *c;
  }
  Result<int64_t> id = writer.write(r, {}, column_id, "draft");
  if (!id) return id.status();
  GK_RETURN_IF_ERROR(link_draft_interpretation(conn, *id, r, errors));
  const std::string now = format_utc(clock_());
  GK_RETURN_IF_ERROR(store::upsert_workflow(conn, {*id, "draft", user.id, 1, now}));
  const nlohmann::json snapshot = item_snapshot(r);
  GK_RETURN_IF_ERROR(store::insert_revision(conn, *id, 1, user.id, now, snapshot.dump()));
  GK_RETURN_IF_ERROR(store::insert_workflow_event(conn, *id, now, user.id,
                                                  {now, user.login, "create", std::nullopt, "draft", std::nullopt}));
  nlohmann::json after = snapshot;
  after["state"] = "draft";
  Result<int64_t> audit = append_audit(conn,
                                       AuditEvent{audit_actor(user, remote_addr), "item.create", "item",
                                                  std::to_string(*id), (*body)->id, nullptr, after},
                                       clock_());
  if (!audit) return audit.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status Publishing::update_draft(store::Connection& conn, const User& user, int64_t item_id,
                                const domain::ItemRecord& record, const std::string& remote_addr,
                                std::vector<domain::FieldError>* errors) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<domain::ItemRecord> before = record_of(conn, item_id);
  if (!before) return before.status();
  ItemWriter writer(conn, attachments_dir_);
  Result<const store::BodyRow*> body = writer.body(before->body);
  if (!body) return body.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*body || std::find(visible->begin(), visible->end(), (*body)->id) == visible->end()) {
    return Status::not_found("no item " + std::to_string(item_id));
  }
  GK_RETURN_IF_ERROR(authorize(user, "item.draft", (*body)->id));
  domain::ItemRecord r = record;
  r.body = before->body;  // the body of an item never changes
  r.index_number.reset();
  r.attachments.clear();
  r.validity_date.reset();
  r.superseded_by.reset();
  GK_RETURN_IF_ERROR(check_field_errors(draft_errors(r), errors));
  std::optional<int64_t> column_id;
  if (r.column) {
    Result<std::optional<int64_t>> c = writer.column((*body)->id, *r.column, false);
    if (!c) return c.status();
    if (!*c) return check_field_errors({{"column", "unknown column"}}, errors);
    column_id = *c;
  }
  const std::string now = format_utc(clock_());
  Result<std::optional<int64_t>> revision = store::next_draft_revision(conn, item_id, now);
  if (!revision) return revision.status();
  if (!*revision) return Status::conflict("the item is no longer a draft; only drafts can be edited");
  store::ItemRow row;
  row.id = item_id;
  row.column_id = column_id;
  row.title = r.title;
  row.content = r.content;
  row.doc_number = r.doc_number;
  row.written_date = r.written_date;
  row.publish_date = r.publish_date;
  row.subject = r.subject;
  row.kind = r.kind;
  row.validity = r.validity;
  if (r.validity) row.validity_changed_on = r.publish_date;
  row.key_area = r.key_area;
  row.emergency = r.emergency;
  GK_RETURN_IF_ERROR(store::update_item_fields(conn, row, domain::effective_channels(r), now));
  GK_RETURN_IF_ERROR(store::replace_item_facts(conn, item_id, r.facts));
  GK_RETURN_IF_ERROR(link_draft_interpretation(conn, item_id, r, errors));
  const nlohmann::json snapshot = item_snapshot(r);
  GK_RETURN_IF_ERROR(store::insert_revision(conn, item_id, **revision, user.id, now, snapshot.dump()));
  Result<int64_t> audit =
      append_audit(conn,
                   AuditEvent{audit_actor(user, remote_addr), "item.update", "item", std::to_string(item_id),
                              (*body)->id, item_snapshot(*before), snapshot},
                   clock_());
  if (!audit) return audit.status();
  return tx.commit();
}

Result<std::string> Publishing::act(store::Connection& conn, const User& user, int64_t item_id,
                                    const std::string& action, const std::string& comment,
                                    const std::string& remote_addr) const {
  if (action == "release") return Status::invalid("release is done by the system, not by staff");
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::ItemDetail>> d = store::item_detail(conn, item_id);
  if (!d) return d.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*d || std::find(visible->begin(), visible->end(), (*d)->row.body_id) == visible->end()) {
    return Status::not_found("no item " + std::to_string(item_id));
  }
  Result<std::optional<std::string>> state = store::item_state(conn, item_id);
  if (!state) return state.status();
  Result<std::optional<store::WorkflowRow>> wf = store::find_workflow(conn, item_id);
  if (!wf) return wf.status();
  const domain::WorkflowAction* rule = domain::find_workflow_action(action, **state);
  if (!rule) {
    return Status::conflict("cannot " + action + " an item that is " + **state);
  }
  GK_RETURN_IF_ERROR(authorize(user, rule->permission, (*d)->row.body_id));
  const std::string today_text = today();
  domain::TransitionRequest request;
  request.action = action;
  request.from = **state;
  request.actor_is_author = *wf && (*wf)->author_id == user.id;
  request.comment = comment;
  request.publish_date = domain::Date::parse((*d)->row.publish_date);
  request.today = *domain::Date::parse(today_text);
  Result<std::string> to = domain::next_state(request);
  if (!to) return to.status();
  const std::string now = format_utc(clock_());
  Result<bool> moved = store::move_workflow(conn, item_id, **state, *to, now);
  if (!moved) return moved.status();
  if (!*moved) return Status::conflict("the item changed meanwhile; reload the page");
  const domain::WorkflowState* target = domain::find_workflow_state(*to);
  // An item released after its planned date carries the real date: a 发布日期 earlier than the publication
  // would be a forged date (国办秘函〔2019〕19号 single-veto item) and would hide an Art. 26 delay.
  std::optional<std::string> publish_date;
  if (*to == "published" && (*d)->row.publish_date < today_text) publish_date = today_text;
  if (target->visibility != (*d)->row.status || publish_date) {
    GK_RETURN_IF_ERROR(
        store::set_item_visibility(conn, item_id, std::string(target->visibility), publish_date, now));
  }
  const std::optional<std::string> note =
      comment.empty() ? std::nullopt : std::optional<std::string>(comment.substr(0, 2000));
  GK_RETURN_IF_ERROR(
      store::insert_workflow_event(conn, item_id, now, user.id, {now, user.login, action, **state, *to, note}));
  nlohmann::json before{{"state", **state}, {"status", (*d)->row.status}};
  nlohmann::json after{{"state", *to}, {"status", std::string(target->visibility)}};
  if (publish_date) {
    before["publish_date"] = (*d)->row.publish_date;
    after["publish_date"] = *publish_date;
  }
  if (note) after["comment"] = *note;
  Result<int64_t> audit =
      append_audit(conn,
                   AuditEvent{audit_actor(user, remote_addr), "item." + action, "item", std::to_string(item_id),
                              (*d)->row.body_id, before, after},
                   clock_());
  if (!audit) return audit.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *to;
}

Result<int> Publishing::release_due(store::Connection& conn) const {
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<std::pair<int64_t, int64_t>>> due = store::scheduled_due(conn, today());
  if (!due) return due.status();
  if (due->empty()) return 0;
  const std::string now = format_utc(clock_());
  int released = 0;
  for (const auto& [item_id, body_id] : *due) {
    Result<bool> moved = store::move_workflow(conn, item_id, "scheduled", "published", now);
    if (!moved) return moved.status();
    if (!*moved) continue;
    GK_RETURN_IF_ERROR(store::set_item_visibility(conn, item_id, "published", std::nullopt, now));
    GK_RETURN_IF_ERROR(store::insert_workflow_event(
        conn, item_id, now, std::nullopt, {now, "system", "release", "scheduled", "published", std::nullopt}));
    Result<int64_t> audit = append_audit(
        conn,
        AuditEvent{AuditActor{std::nullopt, "system", ""}, "item.release", "item", std::to_string(item_id),
                   body_id, nlohmann::json{{"state", "scheduled"}}, nlohmann::json{{"state", "published"}}},
        clock_());
    if (!audit) return audit.status();
    ++released;
  }
  GK_RETURN_IF_ERROR(tx.commit());
  return released;
}

Result<std::optional<StaffItemView>> Publishing::view(store::Connection& conn, const User& user,
                                                      int64_t item_id) const {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::ItemDetail>> d = store::item_detail(conn, item_id);
  if (!d) return d.status();
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (!*d || std::find(visible->begin(), visible->end(), (*d)->row.body_id) == visible->end()) {
    return std::optional<StaffItemView>();
  }
  StaffItemView v;
  v.detail = std::move(**d);
  Result<std::optional<std::string>> state = store::item_state(conn, item_id);
  if (!state) return state.status();
  v.state = state->value_or("draft");
  Result<std::optional<store::WorkflowRow>> wf = store::find_workflow(conn, item_id);
  if (!wf) return wf.status();
  if (*wf) {
    v.author_id = (*wf)->author_id;
    v.revision = (*wf)->revision;
  }
  Result<std::vector<store::WorkflowEventRow>> events = store::list_workflow_events(conn, item_id);
  if (!events) return events.status();
  v.events = std::move(*events);
  Result<std::vector<store::RevisionRow>> revisions = store::list_revisions(conn, item_id);
  if (!revisions) return revisions.status();
  v.revisions = std::move(*revisions);
  const int64_t body_id = v.detail.row.body_id;
  for (const domain::WorkflowAction& a : domain::workflow_actions()) {
    if (a.from != v.state || a.permission.empty()) continue;
    if (!authorize(user, a.permission, body_id)) continue;
    if (a.not_by_author && v.author_id == user.id) continue;
    v.allowed.push_back(&a);
  }
  const domain::WorkflowState* st = domain::find_workflow_state(v.state);
  v.editable = st && st->editable && v.author_id.has_value() && authorize(user, "item.draft", body_id).is_ok();
  // 条例 Art. 26: 20 working days from 成文日期 to publication (to today, or the planned date, until then).
  std::optional<domain::Date> written = domain::Date::parse(v.detail.row.written_date.value_or(""));
  std::optional<domain::Date> planned = domain::Date::parse(v.detail.row.publish_date);
  if (written && planned) {
    Result<domain::WorkCalendar> calendar = store::load_calendar(conn);
    if (!calendar) return calendar.status();
    domain::Date until = *planned;
    const bool released = v.state == "published" || v.state == "withdrawn" || v.state == "unpublished";
    if (!released) until = std::max(until, *domain::Date::parse(today()));
    v.art26_working_days = domain::working_days_between(*calendar, *written, until);
    v.late = *v.art26_working_days > domain::kPublishWithinWorkingDays;
  }
  return std::optional<StaffItemView>(std::move(v));
}

Result<store::StaffItemPage> Publishing::list(store::Connection& conn, const User& user,
                                              store::StaffItemFilter filter) const {
  Result<std::vector<int64_t>> visible = scope(conn, user);
  if (!visible) return visible.status();
  if (filter.body_ids.empty()) {
    filter.body_ids = *visible;
  } else {
    std::erase_if(filter.body_ids, [&](int64_t id) {
      return std::find(visible->begin(), visible->end(), id) == visible->end();
    });
    if (filter.body_ids.empty()) return store::StaffItemPage{};
  }
  return store::list_staff_items(conn, filter);
}

Result<Dashboard> Publishing::dashboard(store::Connection& conn, const User& user) const {
  Dashboard dash;
  store::StaffItemFilter mine;
  mine.state = "draft";
  mine.author_id = user.id;
  mine.limit = 50;
  Result<store::StaffItemPage> drafts = list(conn, user, mine);
  if (!drafts) return drafts.status();
  dash.my_drafts = std::move(drafts->items);
  auto queue = [&](std::string_view action, const char* state,
                   std::vector<store::StaffItemSummary>* out) -> Status {
    Result<std::vector<store::BodyRow>> bodies = bodies_for(conn, user, action);
    if (!bodies) return bodies.status();
    store::StaffItemFilter f;
    for (const auto& b : *bodies) f.body_ids.push_back(b.id);
    if (f.body_ids.empty()) return Status::ok();
    f.state = state;
    f.limit = 50;
    f.descending = false;
    Result<store::StaffItemPage> page = store::list_staff_items(conn, f);
    if (!page) return page.status();
    *out = std::move(page->items);
    return Status::ok();
  };
  GK_RETURN_IF_ERROR(queue("item.review", "submitted", &dash.to_review));
  GK_RETURN_IF_ERROR(queue("item.publish", "approved", &dash.to_publish));
  // Late publications (条例 Art. 26) of the last year, newest first.
  store::StaffItemFilter recent;
  recent.state = "published";
  recent.written_date_only = true;
  recent.published_since = domain::Date::parse(today())->plus_days(-365).to_string();
  recent.sort = store::StaffSort::kPublishDate;
  recent.limit = 2000;
  Result<store::StaffItemPage> published = list(conn, user, recent);
  if (!published) return published.status();
  Result<domain::WorkCalendar> calendar = store::load_calendar(conn);
  if (!calendar) return calendar.status();
  for (store::StaffItemSummary& s : published->items) {
    std::optional<domain::Date> written = domain::Date::parse(s.written_date.value_or(""));
    std::optional<domain::Date> on = domain::Date::parse(s.publish_date);
    if (!written || !on) continue;
    const int days = domain::working_days_between(*calendar, *written, *on);
    if (days <= domain::kPublishWithinWorkingDays) continue;
    dash.late.push_back({std::move(s), days});
    if (dash.late.size() >= 20) break;
  }
  return dash;
}

}  // namespace gongkai::services
