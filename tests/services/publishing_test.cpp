// The publishing service on SQLite and PostgreSQL: drafting with revisions, the review order, separation of
// duties, scope (another body's items are invisible), withdraw / unpublish visibility, scheduled release, and
// the audit log entry of every change.
#include "services/publishing.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "domain/roles.h"
#include "services/bodies.h"
#include "store/accounts.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using gongkai::testing::TestDatabase;
using gongkai::testing::TempDir;

constexpr const char* kPassword = "Kn0wn-Secret-Passw0rd";

class PublishingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = std::make_unique<TestDatabase>(GetParam());
    conn_ = db_->connect();
    SecurityPolicy policy;
    policy.password_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
    policy.password_mem_limit = crypto_pwhash_MEMLIMIT_MIN;
    accounts_ = std::make_unique<Accounts>(policy, [this] { return now_; });
    publishing_ = std::make_unique<Publishing>(dir_.path(), [this] { return now_; });
    add_body("county", "government", "");
    add_body("edu", "department", "county");
    add_body("health", "department", "county");
    // A column for the edu bureau.
    ASSERT_TRUE(conn_->exec("INSERT INTO columns (body_id, name, path, type) SELECT id, '工作动态', '工作动态', 'news' "
                            "FROM bodies WHERE code = 'edu'"));
    editor_ = add_user("editor", "edu", "editor");
    reviewer_ = add_user("reviewer", "edu", "reviewer");
    other_reviewer_ = add_user("healthrev", "health", "reviewer");
    office_ = add_user("office", "county", "disclosure_office");
  }

  void add_body(const std::string& code, const std::string& type, const std::string& parent) {
    BodySpec spec;
    spec.code = code;
    spec.name = code + "局";
    spec.type = type;
    spec.parent_code = parent;
    ASSERT_TRUE(services::add_body(*conn_, spec));
  }

  User add_user(const std::string& login, const std::string& body, const std::string& role) {
    Result<int64_t> id = accounts_->create_user(*conn_, Actor::command_line("test"),
                                                NewUserSpec{login, "测试", body, role, kPassword});
    EXPECT_TRUE(id) << id.status().message();
    Result<std::optional<User>> u = accounts_->load_user(*conn_, *id);
    EXPECT_TRUE(u && *u);
    return **u;
  }

  domain::ItemRecord record(const std::string& title = "关于开展安全检查的通知") {
    domain::ItemRecord r;
    r.title = title;
    r.body = "edu";
    r.publish_date = "2026-12-01";
    r.written_date = "2026-11-20";
    r.column = "工作动态";
    r.kind = "notice";
    r.content = "第一段\n第二段";
    return r;
  }

  int64_t draft() {
    std::vector<domain::FieldError> errors;
    Result<int64_t> id = publishing_->create_draft(*conn_, editor_, record(), "192.0.2.1", &errors);
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  std::string status_of(int64_t id) {
    return conn_->query("SELECT status FROM items WHERE id = ?", {id})->front().get_text(0);
  }

  std::vector<std::string> audit_actions() {
    Result<store::Rows> rows = conn_->query("SELECT action FROM audit_log WHERE entity_type = 'item' ORDER BY id");
    std::vector<std::string> out;
    for (const store::Row& r : *rows) out.push_back(r.get_text(0));
    return out;
  }

  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Connection> conn_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<Publishing> publishing_;
  // 2026-12-01 10:00 China time.
  std::chrono::sys_seconds now_ = std::chrono::sys_days(std::chrono::year(2026) / 12 / 1) + std::chrono::hours(2);
  User editor_, reviewer_, other_reviewer_, office_;
};

TEST_P(PublishingTest, DraftReviewPublishWithdraw) {
  const int64_t id = draft();
  EXPECT_EQ(status_of(id), "draft");
  // The editor cannot approve their own item, even as the disclosure office could.
  Result<std::string> self = publishing_->act(*conn_, editor_, id, "submit", "", "");
  ASSERT_TRUE(self) << self.status().message();
  EXPECT_EQ(*self, "submitted");
  Result<std::string> not_reviewer = publishing_->act(*conn_, editor_, id, "approve", "", "");
  EXPECT_TRUE(domain::is_permission_denied(not_reviewer.status()));
  // Publishing before review is refused by the table.
  EXPECT_EQ(publishing_->act(*conn_, editor_, id, "publish", "", "").status().code(), StatusCode::kConflict);
  ASSERT_TRUE(publishing_->act(*conn_, reviewer_, id, "approve", "同意", ""));
  Result<std::string> published = publishing_->act(*conn_, editor_, id, "publish", "", "");
  ASSERT_TRUE(published) << published.status().message();
  EXPECT_EQ(*published, "published");
  EXPECT_EQ(status_of(id), "published");
  Result<std::string> withdrawn = publishing_->act(*conn_, reviewer_, id, "withdraw", "内容有误", "");
  ASSERT_TRUE(withdrawn) << withdrawn.status().message();
  EXPECT_EQ(status_of(id), "withdrawn");
  EXPECT_EQ(audit_actions(),
            (std::vector<std::string>{"item.create", "item.submit", "item.approve", "item.publish", "item.withdraw"}));
  Result<std::optional<StaffItemView>> view = publishing_->view(*conn_, office_, id);
  ASSERT_TRUE(view && *view);
  EXPECT_EQ((*view)->state, "withdrawn");
  ASSERT_EQ((*view)->events.size(), 5u);
  EXPECT_EQ((*view)->events[4].comment.value_or(""), "内容有误");
  EXPECT_EQ((*view)->events[2].actor_label, "reviewer");
  // Art. 26: 2026-11-20 (Fri) → 2026-12-01 is 7 working days: not late.
  EXPECT_EQ((*view)->art26_working_days, 7);
  EXPECT_FALSE((*view)->late);
  // The audit chain is intact after all of it.
  Result<AuditVerifyReport> verify = verify_audit(*conn_);
  ASSERT_TRUE(verify);
  EXPECT_TRUE(verify->intact) << verify->problem;
}

TEST_P(PublishingTest, OwnItemCannotBeApprovedEvenByTheOffice) {
  std::vector<domain::FieldError> errors;
  Result<int64_t> id = publishing_->create_draft(*conn_, office_, record(), "", &errors);
  ASSERT_TRUE(id) << id.status().message();
  ASSERT_TRUE(publishing_->act(*conn_, office_, *id, "submit", "", ""));
  Result<std::string> approve = publishing_->act(*conn_, office_, *id, "approve", "", "");
  EXPECT_TRUE(domain::is_permission_denied(approve.status())) << approve.status().message();
  EXPECT_TRUE(publishing_->act(*conn_, reviewer_, *id, "approve", "", ""));
}

TEST_P(PublishingTest, AnotherBodysReviewerSeesNothing) {
  const int64_t id = draft();
  ASSERT_TRUE(publishing_->act(*conn_, editor_, id, "submit", "", ""));
  Result<std::optional<StaffItemView>> view = publishing_->view(*conn_, other_reviewer_, id);
  ASSERT_TRUE(view);
  EXPECT_FALSE(*view);  // like an item that does not exist
  EXPECT_EQ(publishing_->act(*conn_, other_reviewer_, id, "approve", "", "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(publishing_->act(*conn_, other_reviewer_, 999999, "approve", "", "").status().code(),
            StatusCode::kNotFound);
  std::vector<domain::FieldError> errors;
  EXPECT_EQ(publishing_->update_draft(*conn_, other_reviewer_, id, record("改"), "", &errors).code(),
            StatusCode::kNotFound);
  Result<store::StaffItemPage> list = publishing_->list(*conn_, other_reviewer_, {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 0);
  Result<Dashboard> dash = publishing_->dashboard(*conn_, other_reviewer_);
  ASSERT_TRUE(dash);
  EXPECT_TRUE(dash->to_review.empty());
  // The county office sees it in its queue; the edu reviewer too.
  Result<Dashboard> office = publishing_->dashboard(*conn_, office_);
  ASSERT_TRUE(office);
  ASSERT_EQ(office->to_review.size(), 1u);
  Result<Dashboard> mine = publishing_->dashboard(*conn_, reviewer_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->to_review.size(), 1u);
}

TEST_P(PublishingTest, EverySaveKeepsARevisionAndOnlyDraftsChange) {
  const int64_t id = draft();
  std::vector<domain::FieldError> errors;
  domain::ItemRecord changed = record("关于开展安全大检查的通知");
  changed.content = "第一段\n新的第二段";
  ASSERT_TRUE(publishing_->update_draft(*conn_, editor_, id, changed, "", &errors));
  Result<std::optional<StaffItemView>> view = publishing_->view(*conn_, editor_, id);
  ASSERT_TRUE(view && *view);
  ASSERT_EQ((*view)->revisions.size(), 2u);
  EXPECT_EQ((*view)->detail.row.title, "关于开展安全大检查的通知");
  EXPECT_TRUE((*view)->editable);
  std::vector<std::string> lines = snapshot_lines((*view)->revisions[1].snapshot);
  EXPECT_EQ(lines.front(), "标题：关于开展安全大检查的通知");
  EXPECT_EQ(lines.back(), "新的第二段");
  // Bad input changes nothing and names the field.
  domain::ItemRecord bad = record("");
  bad.publish_date = "2026-02-30";
  EXPECT_EQ(publishing_->update_draft(*conn_, editor_, id, bad, "", &errors).code(), StatusCode::kInvalid);
  ASSERT_GE(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "title");
  domain::ItemRecord bad_column = record();
  bad_column.column = "不存在的栏目";
  EXPECT_EQ(publishing_->update_draft(*conn_, editor_, id, bad_column, "", &errors).code(), StatusCode::kInvalid);
  EXPECT_EQ(errors.at(0).field, "column");
  ASSERT_TRUE(publishing_->act(*conn_, editor_, id, "submit", "", ""));
  EXPECT_EQ(publishing_->update_draft(*conn_, editor_, id, changed, "", &errors).code(), StatusCode::kConflict);
  // Returned for changes: a draft again, with the reason on record.
  EXPECT_EQ(publishing_->act(*conn_, reviewer_, id, "return", "", "").status().code(), StatusCode::kInvalid);
  ASSERT_TRUE(publishing_->act(*conn_, reviewer_, id, "return", "请补充文号", ""));
  ASSERT_TRUE(publishing_->update_draft(*conn_, editor_, id, changed, "", &errors));
  EXPECT_EQ(audit_actions(),
            (std::vector<std::string>{"item.create", "item.update", "item.submit", "item.return", "item.update"}));
  Result<store::Rows> before = conn_->query(
      "SELECT before_json, after_json FROM audit_log WHERE action = 'item.update' ORDER BY id LIMIT 1");
  ASSERT_TRUE(before);
  EXPECT_NE(before->front().get_text(0).find("关于开展安全检查的通知"), std::string::npos);
  EXPECT_NE(before->front().get_text(1).find("关于开展安全大检查的通知"), std::string::npos);
}

TEST_P(PublishingTest, ScheduledPublishingAndUnpublish) {
  std::vector<domain::FieldError> errors;
  domain::ItemRecord later = record();
  later.publish_date = "2026-12-03";
  Result<int64_t> id = publishing_->create_draft(*conn_, editor_, later, "", &errors);
  ASSERT_TRUE(id);
  ASSERT_TRUE(publishing_->act(*conn_, editor_, *id, "submit", "", ""));
  ASSERT_TRUE(publishing_->act(*conn_, reviewer_, *id, "approve", "", ""));
  Result<std::string> scheduled = publishing_->act(*conn_, editor_, *id, "publish", "", "");
  ASSERT_TRUE(scheduled);
  EXPECT_EQ(*scheduled, "scheduled");
  EXPECT_EQ(status_of(*id), "draft");
  EXPECT_EQ(*publishing_->release_due(*conn_), 0);
  now_ += std::chrono::days(2);
  EXPECT_EQ(*publishing_->release_due(*conn_), 1);
  EXPECT_EQ(status_of(*id), "published");
  EXPECT_EQ(*publishing_->release_due(*conn_), 0);
  ASSERT_TRUE(publishing_->act(*conn_, reviewer_, *id, "unpublish", "重复发布", ""));
  EXPECT_EQ(status_of(*id), "draft");
  EXPECT_EQ(**store::item_state(*conn_, *id), "unpublished");
  EXPECT_EQ(publishing_->act(*conn_, reviewer_, *id, "withdraw", "x", "").status().code(), StatusCode::kConflict);
}

TEST_P(PublishingTest, LatePublicationIsOnTheDashboardAndGetsTheRealDate) {
  std::vector<domain::FieldError> errors;
  domain::ItemRecord old = record("迟到的通知");
  old.written_date = "2026-09-01";
  old.publish_date = "2026-11-02";
  Result<int64_t> id = publishing_->create_draft(*conn_, editor_, old, "", &errors);
  ASSERT_TRUE(id);
  ASSERT_TRUE(publishing_->act(*conn_, editor_, *id, "submit", "", ""));
  ASSERT_TRUE(publishing_->act(*conn_, reviewer_, *id, "approve", "", ""));
  Result<std::optional<StaffItemView>> before = publishing_->view(*conn_, editor_, *id);
  EXPECT_TRUE((*before)->late);  // warned before publishing
  ASSERT_TRUE(publishing_->act(*conn_, editor_, *id, "publish", "", ""));
  // Published today, not on the planned date in the past (no back-dating).
  EXPECT_EQ(conn_->query("SELECT publish_date FROM items WHERE id = ?", {*id})->front().get_text(0), "2026-12-01");
  Result<Dashboard> dash = publishing_->dashboard(*conn_, reviewer_);
  ASSERT_TRUE(dash);
  ASSERT_EQ(dash->late.size(), 1u);
  EXPECT_EQ(dash->late[0].item.id, *id);
  EXPECT_GT(dash->late[0].working_days, 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishingTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
