// Tests of item validation: each rule with a failing and a passing example.
#include "domain/item.h"

#include <gtest/gtest.h>

#include "domain/vocabulary.h"

namespace gongkai::domain {
namespace {

ItemRecord good() {
  ItemRecord r;
  r.title = "关于做好2020年春季开学工作的通知";
  r.body = "demo-jyj";
  r.publish_date = "2020-02-10";
  r.kind = "notice";
  return r;
}

TEST(ItemTest, AGoodRecordHasNoErrors) { EXPECT_TRUE(validate_item(good()).empty()); }

TEST(ItemTest, EachRuleNamesItsField) {
  struct Case {
    const char* name;
    void (*mutate)(ItemRecord&);
    const char* field;
  };
  const Case cases[] = {
      {"missing title", [](ItemRecord& r) { r.title.clear(); }, "title"},
      {"newline in title", [](ItemRecord& r) { r.title = "a\nb"; }, "title"},
      {"huge title", [](ItemRecord& r) { r.title = std::string(2000, 'x'); }, "title"},
      {"missing body", [](ItemRecord& r) { r.body.clear(); }, "body"},
      {"impossible date", [](ItemRecord& r) { r.publish_date = "2021-02-30"; }, "publish_date"},
      {"slash date", [](ItemRecord& r) { r.publish_date = "2021/02/03"; }, "publish_date"},
      {"bad written date", [](ItemRecord& r) { r.written_date = "2020-13-01"; }, "written_date"},
      {"written after published", [](ItemRecord& r) { r.written_date = "2020-03-01"; }, "written_date"},
      {"unknown kind", [](ItemRecord& r) { r.kind = "blog"; }, "kind"},
      {"unknown validity", [](ItemRecord& r) { r.validity = "作废"; }, "validity"},
      {"amended without successor", [](ItemRecord& r) { r.validity = "修订后有效"; }, "superseded_by"},
      {"validity date without validity", [](ItemRecord& r) { r.validity_date = "2020-03-01"; }, "validity_date"},
      {"validity date before publication",
       [](ItemRecord& r) {
         r.validity = "废止";
         r.validity_date = "2020-01-01";
       },
       "validity_date"},
      {"unknown channel", [](ItemRecord& r) { r.channels = {"tiktok"}; }, "channels"},
      {"channel twice", [](ItemRecord& r) { r.channels = {"portal", "portal"}; }, "channels"},
      {"content too large", [](ItemRecord& r) { r.content = std::string(kMaxContentBytes + 1, 'x'); }, "content"},
      {"attachment escapes", [](ItemRecord& r) { r.attachments = {"../etc/passwd"}; }, "attachments"},
      {"absolute attachment", [](ItemRecord& r) { r.attachments = {"/etc/passwd"}; }, "attachments"},
      {"empty index number", [](ItemRecord& r) { r.index_number = ""; }, "index_number"},
      {"interprets on a news item", [](ItemRecord& r) { r.interprets = "b/2020-00001"; }, "interprets"},
      {"forms on a news item", [](ItemRecord& r) { r.interpretation_forms = {"text"}; }, "interpretation_forms"},
      {"unknown form",
       [](ItemRecord& r) {
         r.kind = "interpretation";
         r.interpretation_forms = {"text", "hologram"};
       },
       "interpretation_forms"},
      {"form twice",
       [](ItemRecord& r) {
         r.kind = "interpretation";
         r.interpretation_forms = {"video", "video"};
       },
       "interpretation_forms"},
      {"interprets itself",
       [](ItemRecord& r) {
         r.kind = "interpretation";
         r.index_number = "b/2020-00001";
         r.interprets = "b/2020-00001";
       },
       "interprets"},
  };
  for (const Case& c : cases) {
    ItemRecord r = good();
    c.mutate(r);
    std::vector<FieldError> errors = validate_item(r);
    ASSERT_FALSE(errors.empty()) << c.name;
    EXPECT_EQ(errors.front().field, c.field) << c.name << ": " << errors.front().message;
  }
}

TEST(ItemTest, ScriptInTitleIsDataNotAnError) {
  ItemRecord r = good();
  r.title = "<script>alert(1)</script>";
  EXPECT_TRUE(validate_item(r).empty());
}

TEST(ItemTest, DefaultChannelIsThePortal) {
  ItemRecord r = good();
  EXPECT_EQ(effective_channels(r), std::vector<std::string>{"portal"});
  r.channels = {"wechat", "weibo"};
  EXPECT_EQ(effective_channels(r), (std::vector<std::string>{"wechat", "weibo"}));
}

}  // namespace
TEST(ItemTest, MediaInterpretationIsTextOrGraphicPlusAudioOrVideo) {
  struct Case {
    std::vector<std::string> forms;
    bool media;
  };
  const Case cases[] = {
      {{"text", "video"}, true},   {{"text", "audio"}, true},  {{"graphic", "video"}, true},
      {{"text"}, false},           {{"video"}, false},         {{"text", "graphic"}, false},
      {{"media", "audio"}, false}, {{}, false},
  };
  for (const Case& c : cases) {
    std::string shown;
    for (const std::string& f : c.forms) shown += f + " ";
    EXPECT_EQ(is_media_interpretation(c.forms), c.media) << shown;
  }
}

}  // namespace gongkai::domain
