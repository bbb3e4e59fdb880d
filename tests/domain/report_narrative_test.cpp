// Tests of the section 一 draft: figures filled in, absent figures a visible placeholder (never 0).
#include "domain/report_narrative.h"

#include <gtest/gtest.h>

namespace gongkai::domain {
namespace {

TEST(ReportNarrative, FillsFiguresAndMarksTheAbsentOnes) {
  NarrativeInput in;
  in.year = 2020;
  in.figures = {{"items_total", 45543}, {"items_portal", 36102}, {"applications_received", 23},
                {"rectification_circulars", 0}};
  in.received = 3;
  in.handled = 3;
  const std::string text = draft_overview(in);
  EXPECT_NE(text.find("2020年全年主动公开政府信息45543条，其中政府门户网站36102条"), std::string::npos) << text;
  EXPECT_NE(text.find("全年登记依申请公开备案23件"), std::string::npos);
  EXPECT_NE(text.find("本机关本年新收政府信息公开申请3件，上年结转0件，本年办结申请3件"), std::string::npos);
  EXPECT_NE(text.find("全年发布整改通报0次"), std::string::npos);  // recorded 0 is 0
  EXPECT_NE(text.find("政务微博" + narrative_placeholder("政务微博信息数") + "条"), std::string::npos);
  EXPECT_EQ(text.find("政务微博0条"), std::string::npos);
  EXPECT_GT(count_placeholders(text), 10);
  EXPECT_EQ(count_placeholders("没有占位"), 0);
}

}  // namespace
}  // namespace gongkai::domain
