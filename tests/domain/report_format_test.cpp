// Tests of the annual-report format file (domain/report_format.h) and the label normal form (domain/report_label.h).
#include <gtest/gtest.h>

#include "common/embedded.h"
#include "domain/report_format.h"
#include "domain/report_label.h"

namespace gongkai::domain {
namespace {

TEST(ReportFormat, EmbeddedFileParsesWithBothFormats) {
  Result<ReportFormats> formats = parse_report_formats(embedded::report_formats(), "report-formats.tsv");
  ASSERT_TRUE(formats) << formats.status().message();
  const ReportFormat& f2019 = formats->get(ReportFormatVersion::k2019);
  const ReportFormat& f2021 = formats->get(ReportFormatVersion::k2021);
  // 2019: one （六） row; 2021: a （六） group over three sub-rows (spec/annual-report.md).
  EXPECT_NE(f2019.find("table3", "row", "other"), nullptr);
  EXPECT_EQ(f2019.find("table3", "row", "other.no_fee"), nullptr);
  EXPECT_NE(f2021.find("table3", "group", "other"), nullptr);
  EXPECT_EQ(f2021.select("table3", "row", "other").size(), 3u);
  EXPECT_EQ(f2019.select("table3", "row").size(), 23u);  // 一 二 (一)(二) 8+3+5 (六) (七) 四
  EXPECT_EQ(f2021.select("table3", "row").size(), 25u);
  EXPECT_EQ(f2019.select("table3", "column").size(), 7u);
  EXPECT_EQ(f2019.select("table4", "column").size(), 5u);
  // Value types: 2019 本年增/减 signed, 采购总金额 money; 2021 收费金额 decimal.
  EXPECT_EQ(f2019.find("table2", "column", "change", "art20_5")->type, ValueType::kSigned);
  EXPECT_EQ(f2019.find("table2", "column", "procurement_amount", "art20_9")->type, ValueType::kMoney);
  EXPECT_EQ(f2021.find("table2", "column", "amount_wan_yuan", "art20_8")->type, ValueType::kDecimal);
  EXPECT_EQ(f2021.find("table2", "row", "normative")->label, "行政规范性文件");
  EXPECT_EQ(f2019.find("table2", "row", "normative")->label, "规范性文件");
  EXPECT_EQ(f2019.find("table3", "row", "withheld.security_stability")->label, "3.危及“三安全一稳定”");
  // Both section-五 headings are accepted.
  int fives = 0;
  for (const FormatEntry* e : f2019.select("sections", "section"))
    if (e->code == "5") ++fives;
  EXPECT_EQ(fives, 2);
}

TEST(ReportFormat, FormatOfYear) {
  EXPECT_EQ(format_for_year(2019), ReportFormatVersion::k2019);
  EXPECT_EQ(format_for_year(2020), ReportFormatVersion::k2019);
  EXPECT_EQ(format_for_year(2021), ReportFormatVersion::k2021);
  EXPECT_EQ(format_name(ReportFormatVersion::k2021), "2021");
}

TEST(ReportFormat, MalformedFilesAreRefusedWithLineAndField) {
  const std::string ok_t2 = "*\ttable2\trow\tx\t-\tcount\tX\n*\ttable3\trow\ty\t-\tcount\tY\n*\ttable4\tcolumn\tz\t-\tcount\tZ\n";
  struct Case {
    std::string text;
    std::string message;  // a part of the error
  } cases[] = {
      {"2019\ttable3\trow\tnew\t-\tcount\n", "f.tsv:1: expected 7 tab-separated fields, found 6"},
      {"2018\ttable3\trow\tnew\t-\tcount\tL\n", "f.tsv:1: format"},
      {"*\ttable9\trow\tnew\t-\tcount\tL\n", "table: unknown"},
      {"*\ttable3\tcell\tnew\t-\tcount\tL\n", "kind: unknown"},
      {"*\ttable3\trow\tnew\t-\tint\tL\n", "type: unknown"},
      {"*\ttable3\trow\t\t-\tcount\tL\n", "code: empty"},
      {"*\ttable3\trow\tnew\t-\tcount\t\n", "label: empty"},
      {"# comment\n*\ttable3\trow\tnew\tresults\tcount\tL\n", "f.tsv:2: parent: \"results\" is not defined above"},
      {"*\ttable3\trow\tnew\t-\tcount\tL\n*\ttable3\trow\tnew\t-\tcount\tM\n", "f.tsv:2: code: \"new\" defined twice"},
      {"*\ttable3\trow\tnew\t-\tcount\tL\n", "has no table2"},
  };
  for (const Case& c : cases) {
    Result<ReportFormats> r = parse_report_formats(c.text, "f.tsv");
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(parse_report_formats(ok_t2, "f.tsv"));
}

TEST(ReportLabel, NormalFormsMatchPrintedVariants) {
  struct Case {
    std::string printed, official;
  } cases[] = {
      {"（二）部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
      {"(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
      {"3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"},
      {"3、危及‘三安全一稳定’", "3.危及“三安全一稳定”"},
      {"1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
       "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
      {"自 然 人", "自然人"},
      {"商业\n企业", "商业企业"},
      {"一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"},
      {"第二十条第(一)项", "第二十条第（一）项"},
      {"本年收费金额(万元)", "本年收费金额（单位：万元）"},
      {"本年增／减", "本年增/减"},
      {"(七)总计", "（七）总计"},
      {"\xE3\x80\x80总计\xC2\xA0", "总计"},
  };
  for (const Case& c : cases) EXPECT_EQ(label_core(c.printed), label_core(c.official)) << c.printed;
  EXPECT_NE(label_core("3.其他"), label_core("2.其他法律行政法规禁止公开"));
  EXPECT_NE(label_core("（六）其他处理"), label_core("3.其他"));
  EXPECT_EQ(normalize_label("ＡＢ１２　（三）"), "AB12(三)");
  EXPECT_EQ(normalize_label("a\xFF" "b"), "ab");  // invalid bytes dropped
}

}  // namespace
}  // namespace gongkai::domain
