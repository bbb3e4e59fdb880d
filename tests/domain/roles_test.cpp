// Tests of the permission table and its scope over the body tree: every role x action cell, and each rule
// with an allowed and a denied example on a small county.
#include "domain/roles.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace gongkai::domain {
namespace {

// The tree of the examples:
//   1 county government ── 2 county office, 3 education bureau, 4 township ── 5 village office
//   10 another county   ── 11 its education bureau
constexpr int64_t kCounty = 1, kOffice = 2, kEdu = 3, kTown = 4, kVillage = 5, kOtherCounty = 10,
                  kOtherEdu = 11;

BodyTree example_tree() {
  const std::pair<int64_t, std::optional<int64_t>> links[] = {
      {kCounty, std::nullopt}, {kOffice, kCounty},           {kEdu, kCounty},           {kTown, kCounty},
      {kVillage, kTown},       {kOtherCounty, std::nullopt}, {kOtherEdu, kOtherCounty},
  };
  return BodyTree(links);
}

TEST(RolesTest, PermissionMatrix) {
  // The table of docs/security.md, written out again so that a change to roles.cpp must be made twice.
  const std::map<std::string, std::set<std::string>> expected = {
      {"platform_admin", {"body.manage", "user.manage", "audit.read", "monitor.manage"}},
      {"disclosure_office",
       {"item.draft", "item.review", "item.publish", "item.withdraw", "user.manage", "audit.read",
        "case.handle", "case.supervise", "report.edit", "report.approve", "monitor.manage", "monitor.answer",
        "policy.manage", "consultation.manage"}},
      {"editor", {"item.draft", "item.publish", "report.edit", "consultation.manage", "monitor.answer"}},
      {"reviewer", {"item.review", "item.publish", "item.withdraw"}},
      {"case_handler", {"case.handle"}},
      {"auditor", {"audit.read"}},
  };
  ASSERT_EQ(roles().size(), expected.size());
  for (const RoleDef& role : roles()) {
    ASSERT_TRUE(expected.contains(std::string(role.code))) << role.code;
    EXPECT_EQ(role.global, role.code == "platform_admin") << role.code;
    for (const ActionDef& action : actions()) {
      const bool allowed = expected.at(std::string(role.code)).contains(std::string(action.code));
      EXPECT_EQ(role_allows(role.code, action.code), allowed) << role.code << " " << action.code;
    }
  }
  EXPECT_EQ(actions().size(), 15u);
  EXPECT_FALSE(role_allows("superuser", "item.draft"));
  EXPECT_FALSE(role_allows("editor", "item.delete"));
  EXPECT_TRUE(is_action("case.supervise"));
  EXPECT_FALSE(is_action("case"));
}

struct Case {
  const char* what;
  std::vector<Grant> grants;
  const char* action;
  int64_t body_id;
  bool allowed;
};

TEST(RolesTest, ScopedRules) {
  const BodyTree tree = example_tree();
  const std::vector<Grant> editor_edu = {{"editor", kEdu}};
  const std::vector<Grant> reviewer_edu = {{"reviewer", kEdu}};
  const std::vector<Grant> office_county = {{"disclosure_office", kCounty}};
  const std::vector<Grant> office_of_office = {{"disclosure_office", kOffice}};
  const std::vector<Grant> handler_town = {{"case_handler", kTown}};
  const std::vector<Grant> auditor_county = {{"auditor", kCounty}};
  const std::vector<Grant> admin = {{"platform_admin", kCounty}};
  const std::vector<Grant> two_roles = {{"editor", kEdu}, {"case_handler", kTown}};
  const Case cases[] = {
      // editor: drafts and releases in its own body only
      {"editor drafts in its department", editor_edu, "item.draft", kEdu, true},
      {"editor cannot draft for the county above it", editor_edu, "item.draft", kCounty, false},
      {"editor publishes in its department", editor_edu, "item.publish", kEdu, true},
      {"editor of a department cannot publish in a township", editor_edu, "item.publish", kTown, false},
      {"editor cannot review", editor_edu, "item.review", kEdu, false},
      {"editor edits its report", editor_edu, "report.edit", kEdu, true},
      {"editor cannot edit a sibling's report", editor_edu, "report.edit", kOffice, false},
      {"editor cannot read the audit log", editor_edu, "audit.read", kEdu, false},
      // reviewer
      {"reviewer reviews in its department", reviewer_edu, "item.review", kEdu, true},
      {"reviewer cannot review in a township", reviewer_edu, "item.review", kTown, false},
      {"reviewer withdraws in its department", reviewer_edu, "item.withdraw", kEdu, true},
      {"reviewer cannot withdraw in another county", reviewer_edu, "item.withdraw", kOtherEdu, false},
      {"reviewer publishes in its department", reviewer_edu, "item.publish", kEdu, true},
      {"reviewer cannot draft", reviewer_edu, "item.draft", kEdu, false},
      // disclosure office of the county: everything below the county
      {"disclosure office of the county can supervise a township's cases", office_county, "case.supervise",
       kTown, true},
      {"disclosure office supervises a village two levels down", office_county, "case.supervise", kVillage,
       true},
      {"disclosure office cannot supervise another county", office_county, "case.supervise", kOtherEdu,
       false},
      {"disclosure office publishes for a department", office_county, "item.publish", kEdu, true},
      {"disclosure office drafts for the county", office_county, "item.draft", kCounty, true},
      {"disclosure office reviews in a township", office_county, "item.review", kTown, true},
      {"disclosure office withdraws in a department", office_county, "item.withdraw", kEdu, true},
      {"disclosure office handles a township's case", office_county, "case.handle", kTown, true},
      {"disclosure office edits a department's report", office_county, "report.edit", kEdu, true},
      {"disclosure office manages monitoring", office_county, "monitor.manage", kCounty, true},
      {"disclosure office manages the accounts of a township", office_county, "user.manage", kTown, true},
      {"disclosure office cannot manage accounts of another county", office_county, "user.manage",
       kOtherCounty, false},
      {"disclosure office reads the audit log of a department", office_county, "audit.read", kEdu, true},
      {"disclosure office cannot manage bodies", office_county, "body.manage", kCounty, false},
      {"a role on the office body does not reach its siblings", office_of_office, "case.supervise", kTown,
       false},
      {"a role on the office body does not reach its parent", office_of_office, "item.publish", kCounty,
       false},
      // case handler
      {"case handler handles its township's cases", handler_town, "case.handle", kTown, true},
      {"case handler handles the village below", handler_town, "case.handle", kVillage, true},
      {"case handler cannot supervise", handler_town, "case.supervise", kTown, false},
      {"case handler cannot handle a department's cases", handler_town, "case.handle", kEdu, false},
      // auditor
      {"auditor can read the audit log", auditor_county, "audit.read", kCounty, true},
      {"auditor reads a township's log", auditor_county, "audit.read", kTown, true},
      {"auditor cannot read another county's log", auditor_county, "audit.read", kOtherCounty, false},
      {"auditor cannot draft", auditor_county, "item.draft", kCounty, false},
      {"auditor cannot manage accounts", auditor_county, "user.manage", kCounty, false},
      // platform admin: global, administrative actions only
      {"platform admin manages bodies anywhere", admin, "body.manage", kOtherEdu, true},
      {"platform admin manages accounts anywhere", admin, "user.manage", kOtherCounty, true},
      {"platform admin reads the audit log", admin, "audit.read", kTown, true},
      {"platform admin manages monitoring", admin, "monitor.manage", kOtherCounty, true},
      {"platform admin does not publish", admin, "item.publish", kCounty, false},
      {"platform admin does not handle cases", admin, "case.handle", kTown, false},
      // several grants
      {"two grants: editor part", two_roles, "item.draft", kEdu, true},
      {"two grants: case handler part", two_roles, "case.handle", kTown, true},
      {"two grants do not mix: no drafting in the township", two_roles, "item.draft", kTown, false},
      {"two grants do not mix: no cases in the department", two_roles, "case.handle", kEdu, false},
      // guessed body ids
      {"guessed id that does not exist", editor_edu, "item.draft", 999, false},
      {"guessed id zero", office_county, "item.publish", 0, false},
      {"guessed negative id", office_county, "item.publish", -3, false},
      {"real body outside the grant", office_county, "item.publish", kOtherEdu, false},
      // no grants, unknown roles
      {"no grants", {}, "item.draft", kEdu, false},
      {"a role code not in the table grants nothing", {{"superuser", kCounty}}, "item.draft", kEdu, false},
  };
  for (const Case& c : cases) {
    Status s = authorize(true, c.grants, tree, c.action, c.body_id);
    EXPECT_EQ(s.is_ok(), c.allowed) << c.what << ": " << s.message();
    if (!c.allowed) {
      EXPECT_TRUE(is_permission_denied(s)) << c.what << ": " << s.message();
    }
  }
}

TEST(RolesTest, DisabledUserCanDoNothing) {
  const BodyTree tree = example_tree();
  const std::vector<Grant> everything = {{"platform_admin", kCounty}, {"disclosure_office", kCounty}};
  for (const ActionDef& action : actions()) {
    for (int64_t body : {kCounty, kEdu, kTown, kOtherEdu}) {
      EXPECT_TRUE(is_permission_denied(authorize(false, everything, tree, action.code, body)))
          << action.code << " on " << body;
    }
  }
  // The same grants, active, can do all of it on the county.
  for (const ActionDef& action : actions()) {
    EXPECT_TRUE(authorize(true, everything, tree, action.code, kCounty)) << action.code;
  }
}

TEST(RolesTest, UnknownActionIsABug) {
  Status s = authorize(true, {{Grant{"disclosure_office", kCounty}}}, example_tree(), "item.delete", kCounty);
  EXPECT_EQ(s.code(), StatusCode::kInvalid) << s.message();
  EXPECT_FALSE(is_permission_denied(s));
  EXPECT_FALSE(is_permission_denied(Status::conflict("login 'x' is taken")));
}

TEST(RolesTest, BodyTreeWalk) {
  const BodyTree tree = example_tree();
  EXPECT_TRUE(tree.within(kVillage, kCounty));
  EXPECT_TRUE(tree.within(kCounty, kCounty));
  EXPECT_FALSE(tree.within(kCounty, kVillage));
  EXPECT_FALSE(tree.within(kOtherEdu, kCounty));
  EXPECT_FALSE(tree.within(999, 999)) << "a body not in the tree is within nothing, not even itself";
  // A corrupt tree with a cycle ends the walk instead of looping.
  BodyTree cycle;
  cycle.add(1, 2);
  cycle.add(2, 1);
  EXPECT_TRUE(cycle.within(1, 2));
  EXPECT_FALSE(cycle.within(1, 3));
}

}  // namespace
}  // namespace gongkai::domain
