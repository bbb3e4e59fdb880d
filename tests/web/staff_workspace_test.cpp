// The rest of the staff workspace over real HTTP, on SQLite and PostgreSQL: the decision-making openness
// kinds with their own fields (form, validation, staff and public pages, `stats`), channel records of
// published items (add, correct, remove, audited, counted per channel), and 修改后继续有效 in a clean-up
// campaign changing the document's validity with the amending document linked — each route with the right
// role, without a session, without the CSRF token, with a role that lacks the permission and with another
// body's user guessing ids.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.h"
#include "support/staff_site.h"

namespace gongkai::web {
namespace {

using gongkai::testing::HttpReply;
using gongkai::testing::StaffSite;
using Fields = std::vector<std::pair<std::string, std::string>>;

class StaffWorkspaceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { site_ = &sites_.get(GetParam()); }
  static void TearDownTestSuite() {
    site_ = nullptr;
    sites_.clear();
  }

  // The draft form of edu posted by the editor with `extra` fields; the reply.
  static HttpReply post_draft(const std::string& title, const std::string& kind, const Fields& extra) {
    const std::string editor = site_->sign_in("editor");
    Fields fields{
        {"csrf", site_->csrf_for(editor)}, {"title", title}, {"body", "edu"},        {"column", "通知公告"},
        {"publish_date", china_today()},   {"kind", kind},   {"channels", "portal"}, {"content", "正文"}};
    fields.insert(fields.end(), extra.begin(), extra.end());
    return site_->post(editor, "/staff/items/new", fields);
  }
  static int64_t id_of(const HttpReply& r) {
    std::smatch m;
    const std::string location = r.headers.count("location") ? r.headers.at("location") : "";
    if (r.status != 303 || !std::regex_search(location, m, std::regex("/staff/items/([0-9]+)"))) return 0;
    return std::stoll(m[1]);
  }
  static void publish(int64_t id) {
    const std::string editor = site_->sign_in("editor");
    const std::string reviewer = site_->sign_in("reviewer");
    EXPECT_EQ(site_->act(editor, id, "submit").status, 303);
    EXPECT_EQ(site_->act(reviewer, id, "approve").status, 303);
    EXPECT_EQ(site_->act(reviewer, id, "publish").status, 303);
  }
  static int64_t stat(const std::string& key) { return site_->county_stat(key); }
  static int64_t count(const std::string& sql, std::initializer_list<store::Value> params = {}) {
    Result<int64_t> n = site_->connect()->query_int(sql, params);
    EXPECT_TRUE(n.is_ok()) << n.status().message();
    return n ? *n : -1;
  }

  static gongkai::testing::BackendSites sites_;
  static StaffSite* site_;  // the site of the running test's backend
};

gongkai::testing::BackendSites StaffWorkspaceTest::sites_({{"editor", "edu", "editor"},
                                                           {"reviewer", "edu", "reviewer"},
                                                           {"auditor", "edu", "auditor"},
                                                           {"healthrev", "health", "reviewer"},
                                                           {"office", "county", "disclosure_office"}});
StaffSite* StaffWorkspaceTest::site_ = nullptr;

TEST_P(StaffWorkspaceTest, DecisionKindsHaveTheirOwnFormsAndCount) {
  struct Case {
    const char* kind;
    const char* stats_key;
    Fields facts;          // a complete set
    const char* shown;     // on the staff and public pages
    const char* required;  // a required field left out in the failing post
  };
  const Case cases[] = {
      {"survey",
       "surveys",
       {{"fact.topic", "城区公交线路优化"},
        {"fact.starts_on", "2026-03-01"},
        {"fact.ends_on", "2026-03-31"},
        {"fact.method", "online"},
        {"fact.responses", "1203"}},
       "网上问卷",
       "fact.topic"},
      {"exec_meeting",
       "exec_meeting_releases",
       {{"fact.session", "县人民政府第12次常务会议"}, {"fact.held_on", "2026-03-02"}},
       "第12次常务会议",
       "fact.held_on"},
      {"npc_result",
       "npc_suggestions",
       {{"fact.number", "第15号"}, {"fact.handling_unit", "示例县教育局"}, {"fact.result_category", "A"}},
       "A类（所提问题已经解决或采纳）",
       "fact.result_category"},
      {"cppcc_result",
       "cppcc_proposals",
       {{"fact.number", "第8号"}, {"fact.handling_unit", "示例县教育局"}, {"fact.result_category", "C"}},
       "C类（因条件限制或其他原因留作参考）",
       "fact.number"},
      {"press_conference",
       "press_conferences",
       {{"fact.held_on", "2026-03-05"}, {"fact.speakers", "县教育局局长王某"}},
       "县教育局局长王某",
       "fact.speakers"},
      {"interview",
       "online_interviews",
       {{"fact.held_on", "2026-03-06"}, {"fact.guests", "县教育局副局长李某"}, {"fact.questions", "23"}},
       "县教育局副局长李某",
       "fact.guests"},
  };
  const std::string editor = site_->sign_in("editor");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind);
    // The form opened for the kind shows its fieldset; "显示专项信息" shows it after a change of kind, saving
    // nothing.
    HttpReply form = site_->get(editor, std::string("/staff/items/new?kind=") + c.kind);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"" + c.facts.front().first + "\""), std::string::npos);
    const int64_t items_before = count("SELECT COUNT(*) FROM items");
    HttpReply shown = post_draft("切换类别", c.kind, {{"show_kind", "1"}});
    EXPECT_EQ(shown.status, 200);
    EXPECT_NE(shown.body.find("class=\"kind-facts\""), std::string::npos);
    // A required field left out: 400, the field's own error beside it, nothing stored.
    Fields missing;
    for (const auto& f : c.facts) {
      if (f.first != c.required) missing.push_back(f);
    }
    HttpReply bad = post_draft("缺少专项信息", c.kind, missing);
    EXPECT_EQ(bad.status, 400);
    const std::string code = std::string(c.required).substr(5);
    EXPECT_NE(bad.body.find("id=\"e-fact-" + code + "\""), std::string::npos);
    EXPECT_NE(bad.body.find("href=\"#f-fact-" + code + "\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM items"), items_before);
    // Complete: stored, shown, published, counted once.
    const int64_t before = stat(c.stats_key);
    HttpReply good = post_draft(std::string("专项信息测试 ") + c.kind, c.kind, c.facts);
    const int64_t id = id_of(good);
    ASSERT_GT(id, 0) << good.body;
    EXPECT_EQ(count("SELECT COUNT(*) FROM item_facts WHERE item_id = ?", {id}),
              static_cast<int64_t>(c.facts.size()));
    HttpReply page = site_->get(editor, "/staff/items/" + std::to_string(id));
    EXPECT_NE(page.body.find(c.shown), std::string::npos);
    EXPECT_EQ(stat(c.stats_key), before);  // a draft is not disclosed
    publish(id);
    EXPECT_EQ(stat(c.stats_key), before + 1);
    HttpReply portal = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(id));
    ASSERT_EQ(portal.status, 200);
    EXPECT_NE(portal.body.find(c.shown), std::string::npos);
  }
  // A bad value is refused by name; the revision diff shows the fields.
  HttpReply bad_date =
      post_draft("日期错误", "survey",
                 {{"fact.topic", "x"}, {"fact.starts_on", "2026-03-31"}, {"fact.ends_on", "2026-03-01"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_NE(bad_date.body.find("调查截止日期不得早于调查开始日期"), std::string::npos);
  const int64_t id = id_of(post_draft(
      "修改专项信息", "survey",
      {{"fact.topic", "旧主题"}, {"fact.starts_on", "2026-03-01"}, {"fact.ends_on", "2026-03-02"}}));
  ASSERT_GT(id, 0);
  HttpReply edit = site_->get(editor, "/staff/items/" + std::to_string(id) + "/edit");
  EXPECT_NE(edit.body.find("value=\"旧主题\""), std::string::npos);
  HttpReply saved = site_->post(editor, "/staff/items/" + std::to_string(id) + "/edit",
                                {{"csrf", site_->csrf_for(editor)},
                                 {"title", "修改专项信息"},
                                 {"column", "通知公告"},
                                 {"publish_date", china_today()},
                                 {"kind", "survey"},
                                 {"channels", "portal"},
                                 {"fact.topic", "新主题"},
                                 {"fact.starts_on", "2026-03-01"},
                                 {"fact.ends_on", "2026-03-02"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  HttpReply diff = site_->get(editor, "/staff/items/" + std::to_string(id) + "/revisions/2");
  EXPECT_NE(diff.body.find("调查主题：旧主题"), std::string::npos);
  EXPECT_NE(diff.body.find("调查主题：新主题"), std::string::npos);
  // Changing the kind drops the old kind's fields.
  HttpReply to_news = site_->post(editor, "/staff/items/" + std::to_string(id) + "/edit",
                                  {{"csrf", site_->csrf_for(editor)},
                                   {"title", "修改专项信息"},
                                   {"column", "通知公告"},
                                   {"publish_date", china_today()},
                                   {"kind", "news"},
                                   {"channels", "portal"},
                                   {"fact.topic", "新主题"}});
  ASSERT_EQ(to_news.status, 303) << to_news.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM item_facts WHERE item_id = ?", {id}), 0);
}

TEST_P(StaffWorkspaceTest, ChannelRecordsAreAddedRemovedAuditedAndCounted) {
  const int64_t id = id_of(post_draft("渠道记录测试", "notice", {}));
  ASSERT_GT(id, 0);
  const std::string sid = std::to_string(id);
  const std::string target = "/staff/items/" + sid + "/channels";
  const std::string editor = site_->sign_in("editor");
  auto record = [&](const std::string& cookie, const std::string& channel, const std::string& url,
                    const std::string& date) {
    return site_->post(
        cookie, target,
        {{"csrf", site_->csrf_for(cookie)}, {"channel", channel}, {"url", url}, {"published_on", date}});
  };
  const std::string today = china_today();
  // A draft's channels are on its form.
  EXPECT_EQ(record(editor, "weibo", "", today).status, 409);
  publish(id);
  const int64_t weibo_before = stat("items_weibo");
  const int64_t total_before = stat("items_total");
  const int64_t audits_before = count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'item.channel%'");
  // Authorisation: no session, no CSRF token, a role without item.publish, another body's user, a guessed id.
  HttpReply anonymous = gongkai::testing::http_request(site_->port(), "POST", target,
                                                       "Content-Type: application/x-www-form-urlencoded\r\n",
                                                       "channel=weibo&published_on=" + today);
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_NE(anonymous.headers["location"].find("/staff/login"), std::string::npos);
  for (const std::string& cookie : {std::string(), std::string("Cookie: gk_session=forged\r\n")}) {
    HttpReply removal = gongkai::testing::http_request(
        site_->port(), "POST", target + "/portal/delete",
        cookie + "Content-Type: application/x-www-form-urlencoded\r\n", "csrf=x");
    EXPECT_EQ(removal.status, 303);
    EXPECT_NE(removal.headers["location"].find("/staff/login"), std::string::npos);
  }
  EXPECT_EQ(site_->post(editor, target, {{"channel", "weibo"}, {"published_on", today}}).status, 403);
  EXPECT_EQ(record(site_->sign_in("auditor"), "weibo", "", today).status,
            404);  // no item permission: not in scope
  EXPECT_EQ(record(site_->sign_in("healthrev"), "weibo", "", today).status, 404);
  ASSERT_EQ(record(editor, "weibo", "", today).status, 303);
  EXPECT_EQ(site_
                ->post(editor, "/staff/items/99999999/channels",
                       {{"csrf", site_->csrf_for(editor)}, {"channel", "weibo"}, {"published_on", today}})
                .status,
            404);
  EXPECT_EQ(stat("items_weibo"), weibo_before + 1);
  // Bad input: a clear message, nothing changed.
  for (const auto& [channel, url, date] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"tiktok", "", today},
           {"wechat", "javascript:alert(1)", today},
           {"wechat", "https://mp.weixin.qq.com/s/a b", today},
           {"wechat", "", "2026-02-30"},
           {"wechat", "", ""},
           {"wechat", "", "1999-01-01"}}) {
    HttpReply bad = record(editor, channel, url, date);
    EXPECT_EQ(bad.status, 400) << channel << " " << url << " " << date;
    EXPECT_NE(bad.body.find("发布渠道记录未保存"), std::string::npos);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM item_channels WHERE item_id = ?", {id}), 2);
  // Correcting a channel replaces its link and date; the page lists it.
  ASSERT_EQ(record(editor, "weibo", "https://weibo.com/1234/abcd", today).status, 303);
  HttpReply page = site_->get(editor, "/staff/items/" + sid);
  EXPECT_NE(page.body.find("https://weibo.com/1234/abcd"), std::string::npos);
  EXPECT_NE(page.body.find("政务微博"), std::string::npos);
  EXPECT_EQ(stat("items_weibo"), weibo_before + 1);
  EXPECT_EQ(stat("items_total"), total_before);  // one item however many channels
  // Removal: the reviewer may (item.publish), another body may not, the last channel stays.
  const std::string reviewer = site_->sign_in("reviewer");
  const std::string remove_weibo = "/staff/items/" + sid + "/channels/weibo/delete";
  const std::string healthrev = site_->sign_in("healthrev");
  EXPECT_EQ(site_->post(healthrev, remove_weibo, {{"csrf", site_->csrf_for(healthrev)}}).status, 404);
  EXPECT_EQ(site_->post(reviewer, remove_weibo, {}).status, 403);
  EXPECT_EQ(site_
                ->post(reviewer, "/staff/items/" + sid + "/channels/wechat/delete",
                       {{"csrf", site_->csrf_for(reviewer)}})
                .status,
            404);
  ASSERT_EQ(site_->post(reviewer, remove_weibo, {{"csrf", site_->csrf_for(reviewer)}}).status, 303);
  EXPECT_EQ(stat("items_weibo"), weibo_before);
  EXPECT_EQ(site_
                ->post(reviewer, "/staff/items/" + sid + "/channels/portal/delete",
                       {{"csrf", site_->csrf_for(reviewer)}})
                .status,
            409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM item_channels WHERE item_id = ?", {id}), 1);
  // Three changes, three audit entries (the refused ones left none).
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'item.channel%'"), audits_before + 3);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'item.channel_remove' AND entity_id = ?", {sid}),
      1);
}

TEST_P(StaffWorkspaceTest, AmendedDecisionMarksTheOriginalWithItsAmendment) {
  const int64_t original =
      id_of(post_draft("示例县教育局关于校车管理的规定", "normative", {{"written_date", "2020-03-01"}}));
  const int64_t amending = id_of(post_draft("示例县教育局关于修改校车管理规定的决定", "normative", {}));
  ASSERT_GT(original, 0);
  ASSERT_GT(amending, 0);
  publish(original);
  const std::string office = site_->sign_in("office");
  HttpReply created = site_->post(office, "/staff/cleanup",
                                  {{"csrf", site_->csrf_for(office)},
                                   {"body", "county"},
                                   {"name", "修改测试清理"},
                                   {"cutoff_date", "2099-12-31"},
                                   {"decided_on", "2099-12-31"}});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string campaign = created.headers["location"];
  const std::string decide = campaign + "/decide";
  auto amend = [&](const std::string& by) {
    return site_->post(office, decide,
                       {{"csrf", site_->csrf_for(office)},
                        {"item", std::to_string(original)},
                        {"decision", "amended"},
                        {"amended_by", by}});
  };
  const std::string amending_index =
      site_->connect()->query("SELECT index_number FROM items WHERE id = ?", {amending})->front().get_text(0);
  // Without the amending document, with an unknown one, or while it is still a draft: refused, nothing
  // recorded.
  EXPECT_EQ(amend("").status, 400);
  EXPECT_EQ(amend("示教规〔2099〕99号").status, 400);
  HttpReply draft = amend(amending_index);
  EXPECT_EQ(draft.status, 400);
  EXPECT_NE(draft.body.find("请先发布修改后的文件"), std::string::npos);
  EXPECT_EQ(amend(site_->connect()
                      ->query("SELECT index_number FROM items WHERE id = ?", {original})
                      ->front()
                      .get_text(0))
                .status,
            400);  // the document itself
  EXPECT_EQ(count("SELECT COUNT(*) FROM cleanup_decisions WHERE item_id = ?", {original}), 0);
  publish(amending);
  ASSERT_EQ(amend(amending_index).status, 303);
  Result<store::Rows> row =
      site_->connect()->query("SELECT validity, superseded_by FROM items WHERE id = ?", {original});
  ASSERT_TRUE(row.is_ok());
  EXPECT_EQ(row->front().get_text(0), "修订后有效");
  EXPECT_EQ(row->front().get_int(1), amending);
  EXPECT_EQ(count("SELECT COUNT(*) FROM validity_events WHERE item_id = ? AND to_validity = '修订后有效'",
                  {original}),
            1);
  // The original page says it was amended and links the amendment; the amendment lists what it amended.
  HttpReply page = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(original));
  EXPECT_NE(page.body.find("本文件已修订"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/items/" + std::to_string(amending) + "\""), std::string::npos);
  HttpReply amendment = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(amending));
  EXPECT_NE(amendment.body.find("href=\"/items/" + std::to_string(original) + "\""), std::string::npos);
  HttpReply summary = site_->get(office, campaign + "?show=all");
  EXPECT_NE(summary.body.find("<td id=\"sum-amended\">1</td>"), std::string::npos);
}

TEST_P(StaffWorkspaceTest, InterpretationDraftedInTheWorkspaceIsLinkedBothWays) {
  const int64_t doc =
      id_of(post_draft("示例县教育局关于学生资助的规定", "normative", {{"written_date", china_today()}}));
  ASSERT_GT(doc, 0);
  publish(doc);
  const std::string index =
      site_->connect()->query("SELECT index_number FROM items WHERE id = ?", {doc})->front().get_text(0);
  const int64_t media_before = stat("normative_with_media_interpretation");
  const int64_t items_before = count("SELECT COUNT(*) FROM items");
  HttpReply unknown =
      post_draft("解读：不存在的文件", "interpretation", {{"interprets", "000000000/2099-99999"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("id=\"e-interprets\""), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), items_before);
  const int64_t interp = id_of(post_draft(
      "图解：学生资助规定", "interpretation",
      {{"interprets", index}, {"interpretation_forms", "text"}, {"interpretation_forms", "video"}}));
  ASSERT_GT(interp, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interpretation_links WHERE interpretation_id = ? AND document_id = ?",
                  {interp, doc}),
            1);
  HttpReply edit = site_->get(site_->sign_in("editor"), "/staff/items/" + std::to_string(interp) + "/edit");
  EXPECT_NE(edit.body.find("value=\"" + index + "\""), std::string::npos);
  EXPECT_EQ(stat("normative_with_media_interpretation"), media_before);  // not yet published
  publish(interp);
  EXPECT_EQ(stat("normative_with_media_interpretation"), media_before + 1);
  HttpReply doc_page = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(doc));
  EXPECT_NE(doc_page.body.find("href=\"/items/" + std::to_string(interp) + "\""), std::string::npos);
  HttpReply interp_page = gongkai::testing::http_get(site_->port(), "/items/" + std::to_string(interp));
  EXPECT_NE(interp_page.body.find("href=\"/items/" + std::to_string(doc) + "\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffWorkspaceTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::web
