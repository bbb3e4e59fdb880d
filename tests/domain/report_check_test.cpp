// Table-driven tests of the annual-report rules (domain/report_check.h): every rule ID has a case that fails it and
// one that passes it, on a hand-built report whose identities hold (Shanghai's worked example: 859 + 18 = 805 + 72).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <functional>
#include <set>

#include "domain/report_check.h"
#include "report/report_formats.h"

namespace gongkai::domain {
namespace {

using Rows = std::vector<std::pair<std::string, std::array<int, 6>>>;
constexpr const char* kColumns[] = {"natural_person", "business", "research", "social_welfare", "legal_service",
                                    "other_org"};

const Rows k2019Rows = {
    {"new", {800, 40, 2, 3, 10, 4}},
    {"carried_over", {16, 2, 0, 0, 0, 0}},
    {"carry_forward", {66, 4, 0, 0, 2, 0}},
    {"granted", {300, 15, 1, 1, 3, 2}},
    {"partial", {50, 3, 0, 0, 1, 0}},
    {"withheld.state_secret", {2, 0, 0, 0, 0, 0}},
    {"withheld.prohibited_by_law", {3, 0, 0, 0, 0, 0}},
    {"withheld.security_stability", {1, 0, 0, 0, 0, 0}},
    {"withheld.third_party", {10, 2, 0, 0, 0, 0}},
    {"withheld.internal_affairs", {5, 0, 0, 0, 0, 0}},
    {"withheld.process_info", {20, 1, 0, 0, 0, 0}},
    {"withheld.enforcement_file", {4, 0, 0, 0, 1, 0}},
    {"withheld.query_matter", {6, 0, 0, 0, 0, 0}},
    {"unavailable.not_held", {200, 10, 1, 1, 2, 1}},
    {"unavailable.needs_compilation", {30, 2, 0, 0, 0, 0}},
    {"unavailable.still_unclear", {15, 1, 0, 0, 0, 0}},
    {"not_processed.petition", {40, 1, 0, 1, 0, 1}},
    {"not_processed.duplicate", {25, 1, 0, 0, 1, 0}},
    {"not_processed.publication", {3, 0, 0, 0, 0, 0}},
    {"not_processed.excessive", {8, 0, 0, 0, 0, 0}},
    {"not_processed.reconfirm", {2, 0, 0, 0, 0, 0}},
    {"other", {26, 2, 0, 0, 0, 0}},
    {"total", {750, 38, 2, 3, 8, 4}},
};

const ReportFormats& formats() {
  static const ReportFormats* f = *report::builtin_report_formats();
  return *f;
}

ReportCell cell(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return {buf, v};
}

ReportTable table3_of(const Rows& rows) {
  ReportTable t;
  for (const auto& [row, values] : rows) {
    int sum = 0;
    for (size_t idx = 0; idx < 6; ++idx) {
      t[row][kColumns[idx]] = cell(values[idx]);
      sum += values[idx];
    }
    t[row]["total"] = cell(sum);
  }
  return t;
}

void set_section(AnnualReport& r, const std::string& code, const std::string& text) {
  for (ReportSection& s : r.sections)
    if (s.code == code) s.text = text;
}

// The 2019-format report of a county government that passes every rule.
AnnualReport report_2019() {
  AnnualReport r;
  r.year = 2019;
  r.format = ReportFormatVersion::k2019;
  r.table2_format = ReportFormatVersion::k2019;
  r.has_other_subrows = false;
  r.body = "示例县";
  r.sections = {
      {"1", "一、总体情况",
       "2019年度全年主动公开政府信息4521条。全年共收到政府信息公开申请859件,上年结转18件,办结805件,"
       "结转下年度继续办理72件。将政务公开纳入年度绩效考核,开展社会评议,落实责任追究制度。"},
      {"2", "二、主动公开政府信息情况", "见下表。"},
      {"3", "三、收到和处理政府信息公开申请情况", "见下表。"},
      {"4", "四、政府信息公开行政复议、行政诉讼情况", "本年度被申请行政复议14件,提起行政诉讼12件。"},
      {"5", "五、存在的主要问题及改进情况", "政策解读形式还不够丰富,下一步将完善解读机制。"},
      {"6", "六、其他需要报告的事项", "本年度未收取信息处理费。"},
  };
  r.table2 = ReportTable{{"licensing", {{"prev_items", cell(200)}, {"change", cell(-8)}, {"decisions", cell(15000)}}},
                         {"procurement", {{"procurement_items", cell(300)}, {"procurement_amount", cell(12345.67)}}}};
  r.table3 = table3_of(k2019Rows);
  r.table4 = ReportTable{};
  const int groups[3][4] = {{10, 2, 1, 1}, {5, 1, 0, 2}, {3, 0, 0, 1}};
  const char* names[] = {"reconsideration", "litigation_direct", "litigation_after_review"};
  const char* cols[] = {"upheld", "corrected", "other", "pending"};
  for (int g = 0; g < 3; ++g) {
    int sum = 0;
    for (int c = 0; c < 4; ++c) {
      (*r.table4)[names[g]][cols[c]] = cell(groups[g][c]);
      sum += groups[g][c];
    }
    (*r.table4)[names[g]]["total"] = cell(sum);
  }
  return r;
}

// The same figures in the 2021 format: （六） split into its three sub-rows (26 = 3 + 2 + 21 natural persons).
AnnualReport report_2021() {
  AnnualReport r = report_2019();
  r.year = 2021;
  r.format = ReportFormatVersion::k2021;
  r.table2_format = ReportFormatVersion::k2021;
  r.has_other_subrows = true;
  set_section(r, "1",
              "2021年度全年共收到政府信息公开申请859件。将政务公开纳入年度绩效考核,开展社会评议,落实责任追究制度。");
  ReportTable& t = *r.table3;
  ReportRowCells other = t["other"];
  t.erase("other");
  t["other.no_correction"] = table3_of({{"x", {3, 0, 0, 0, 0, 0}}})["x"];
  t["other.no_fee"] = table3_of({{"x", {2, 0, 0, 0, 0, 0}}})["x"];
  t["other.other"] = table3_of({{"x", {21, 2, 0, 0, 0, 0}}})["x"];
  r.table2 = ReportTable{{"normative", {{"made", cell(12)}, {"repealed", cell(3)}, {"valid", cell(86)}}},
                         {"fees", {{"amount_wan_yuan", cell(123.45)}}}};
  return r;
}

void add(AnnualReport& r, const std::string& row, const std::string& column, double delta) {
  ReportCell& c = (*r.table3)[row][column];
  c = cell(c.value.value_or(0) + delta);
}

struct Case {
  const char* name;
  const char* rule;  // the rule under test
  bool fails;        // whether the rule must report this case
  std::function<AnnualReport()> report;
  std::function<std::optional<AnnualReport>()> previous = [] { return std::nullopt; };
};

std::vector<Case> cases() {
  return {
      {"all tables present", "tables.missing", false, report_2019},
      {"table 四 missing", "tables.missing", true, [] { auto r = report_2019(); r.table4.reset(); return r; }},
      {"all table 三 rows present", "tables.row_missing", false, report_2019},
      {"（二） row missing", "tables.row_missing", true, [] { auto r = report_2019(); r.table3->erase("partial"); return r; }},
      {"2021 report with sub-rows", "format.mismatch", false, report_2021},
      {"2021 report in the 2019 layout", "format.mismatch", true, [] { auto r = report_2019(); r.year = 2021; return r; }},
      {"signed change and money are fine", "cell.value_type", false, report_2019},
      {"2021 decimal fee is fine", "cell.value_type", false, report_2021},
      {"fraction in a count", "cell.value_type", true, [] { auto r = report_2019(); (*r.table3)["granted"]["research"] = {"1.5", 1.5}; return r; }},
      {"negative count", "cell.value_type", true, [] { auto r = report_2019(); (*r.table4)["reconsideration"]["other"] = {"-1", -1}; return r; }},
      {"text in a count", "cell.value_type", true, [] { auto r = report_2019(); (*r.table3)["granted"]["research"] = {"若干", std::nullopt}; return r; }},
      {"negative money", "cell.value_type", true, [] { auto r = report_2019(); (*r.table2)["procurement"]["procurement_amount"] = {"-5", -5}; return r; }},
      {"balanced columns", "t3.column_balance", false, report_2019},
      {"一 one too high", "t3.column_balance", true, [] { auto r = report_2019(); add(r, "new", "business", 1); add(r, "new", "total", 1); return r; }},
      {"rows sum", "t3.row_sum", false, report_2019},
      {"wrong 总计 of a row", "t3.row_sum", true, [] { auto r = report_2019(); add(r, "partial", "total", 1); return r; }},
      {"results sum", "t3.result_sum", false, report_2019},
      {"one outcome moved out", "t3.result_sum", true, [] { auto r = report_2019(); add(r, "granted", "natural_person", -1); add(r, "granted", "total", -1); return r; }},
      {"2021 printed （六） subtotal right", "t3.subtotal", false, [] { auto r = report_2021(); (*r.table3)["other"] = table3_of({{"x", {26, 2, 0, 0, 0, 0}}})["x"]; return r; }},
      {"2021 printed （六） subtotal wrong", "t3.subtotal", true, [] { auto r = report_2021(); (*r.table3)["other"] = table3_of({{"x", {25, 2, 0, 0, 0, 0}}})["x"]; return r; }},
      {"2021 result sum with only a subtotal printed", "t3.result_sum", false, [] {
         auto r = report_2021();
         for (const char* row : {"other.no_correction", "other.no_fee", "other.other"})
           for (auto& [column, c] : (*r.table3)[row]) c = {};
         (*r.table3)["other"] = table3_of({{"x", {26, 2, 0, 0, 0, 0}}})["x"];
         return r; }},
      {"carry-over matches last year", "t3.carry_over", false,
       [] { auto r = report_2019(); r.year = 2020; (*r.table3)["carried_over"] = (*report_2019().table3)["carry_forward"];
            return r; },
       [] { return std::optional<AnnualReport>(report_2019()); }},
      {"carry-over differs from last year", "t3.carry_over", true, [] { auto r = report_2019(); r.year = 2020; return r; },
       [] { return std::optional<AnnualReport>(report_2019()); }},
      {"table 四 totals", "t4.group_total", false, report_2019},
      {"table 四 总计 wrong", "t4.group_total", true, [] { auto r = report_2019(); (*r.table4)["litigation_direct"]["total"] = cell(9); return r; }},
      {"stock carried", "t2.stock", false, report_2021,
       [] { auto p = report_2021(); p.year = 2020; (*p.table2)["normative"]["valid"] = cell(77); return std::optional(p); }},
      {"stock jumps", "t2.stock", true, report_2021,
       [] { auto p = report_2021(); p.year = 2020; (*p.table2)["normative"]["valid"] = cell(70); return std::optional(p); }},
      {"six sections", "sections.missing", false, report_2019},
      {"section 五 missing", "sections.missing", true, [] { auto r = report_2019(); r.sections.erase(r.sections.begin() + 4); return r; }},
      {"section 五 written", "sections.empty_5", false, report_2019},
      {"section 五 says 无", "sections.empty_5", true, [] { auto r = report_2019(); set_section(r, "5", "无"); return r; }},
      {"government covers Art. 50（四）", "art50.four", false, report_2019},
      {"department need not", "art50.four", false, [] { auto r = report_2019(); r.body = "示例县教育局"; set_section(r, "1", "全年共收到政府信息公开申请859件。"); return r; }},
      {"government omits 社会评议", "art50.four", true, [] { auto r = report_2019(); set_section(r, "1", "全年共收到政府信息公开申请859件。落实考核和责任追究。"); return r; }},
      {"narrative agrees", "narrative.number", false, report_2019},
      {"narrative 新收 differs", "narrative.number", true, [] { auto r = report_2019(); set_section(r, "1", "全年共收到政府信息公开申请857件。考核、社会评议、责任追究。"); return r; }},
      {"narrative 诉讼 differs", "narrative.number", true, [] { auto r = report_2019(); set_section(r, "4", "提起行政诉讼3件。"); return r; }},
      {"narrative year is the report year", "narrative.year", false, report_2019},
      {"narrative says last year", "narrative.year", true, [] { auto r = report_2019(); r.year = 2020; return r; }},
      {"fees: no-fee outcomes and 六 reports fees", "fees.mismatch", false, report_2021},
      {"fees: no-fee outcomes, 六 silent", "fees.mismatch", true, [] { auto r = report_2021(); set_section(r, "6", "人大代表建议办理结果均已公开。"); return r; }},
      {"fees: fee collected without applications", "fees.mismatch", true, [] {
         auto r = report_2019();
         set_section(r, "6", "本年度收取信息处理费200元。");
         for (auto& [row, cells] : *r.table3) for (auto& [column, c] : cells) c = cell(0);
         set_section(r, "1", "考核、社会评议、责任追究。");
         set_section(r, "4", "");
         return r; }},
  };
}

TEST(ReportCheck, BaseReportsPassEveryRule) {
  for (const AnnualReport& r : {report_2019(), report_2021()}) {
    const std::vector<Violation> v = check_report(r, formats());
    for (const Violation& x : v) ADD_FAILURE() << *r.year << ": " << x.rule << " " << x.message;
  }
}

TEST(ReportCheck, EveryRuleFailsAndPasses) {
  std::set<std::string> failed, passed;
  for (const Case& c : cases()) {
    const AnnualReport report = c.report();
    const std::optional<AnnualReport> previous = c.previous();
    const std::vector<Violation> violations = check_report(report, formats(), previous ? &*previous : nullptr);
    bool reported = false;
    for (const Violation& v : violations) {
      if (v.rule != c.rule) continue;
      reported = true;
      EXPECT_FALSE(v.message.empty()) << c.name;
      EXPECT_EQ(v.severity, [&] {
        for (const RuleInfo& r : report_rules())
          if (r.id == v.rule) return r.severity;
        return Severity::kError;
      }()) << c.name;
    }
    EXPECT_EQ(reported, c.fails) << c.name << " (" << c.rule << ")";
    (c.fails ? failed : passed).insert(c.rule);
  }
  for (const RuleInfo& r : report_rules()) {
    EXPECT_TRUE(failed.count(std::string(r.id))) << r.id << " has no failing case";
    EXPECT_TRUE(passed.count(std::string(r.id))) << r.id << " has no passing case";
  }
}

TEST(ReportCheck, FindingsSayWhereWhatAndHowMuch) {
  AnnualReport r = report_2019();
  add(r, "new", "business", 1);
  add(r, "new", "total", 1);
  std::vector<Violation> v = check_report(r, formats());
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].rule, "t3.column_balance");
  EXPECT_EQ(v[0].where.table, "table3");
  EXPECT_EQ(v[0].where.column, "business");
  EXPECT_EQ(v[0].expected, "43");
  EXPECT_EQ(v[0].found, "42");
  EXPECT_EQ(v[0].severity, Severity::kError);
}

TEST(ReportCheck, BlankCellsCountAsZeroInIdentities) {
  AnnualReport r = report_2019();
  (*r.table3)["withheld.state_secret"]["research"] = {};  // was 0
  EXPECT_TRUE(check_report(r, formats()).empty());
}

TEST(ReportCheck, NumbersAsPrinted) {
  struct Case {
    const char* text;
    std::optional<double> value;
  } cases[] = {{"859", 859},       {"-8", -8},          {"+4", 4},           {"12345.67", 12345.67},
               {"1,234", 1234},    {"123.45万元", 123.45}, {"5件", 5},          {"1.2.3", std::nullopt},
               {"", std::nullopt}, {"若干", std::nullopt}, {"12,34", std::nullopt}, {"3.", std::nullopt}};
  for (const Case& c : cases) EXPECT_EQ(parse_report_number(c.text), c.value) << c.text;
  for (const char* blank : {"", "-", "—", "——", "/", "无"}) EXPECT_TRUE(is_blank_cell_text(blank)) << blank;
  EXPECT_FALSE(is_blank_cell_text("0"));
}

TEST(ReportCheck, GovernmentBodies) {
  struct Case {
    const char* body;
    bool government;
  } cases[] = {{"泰顺县", true},          {"泰顺县人民政府", true}, {"上海市人民政府", true},
               {"上海市人民政府办公厅", false}, {"示例县教育局", false},   {"罗阳镇", true},
               {"示例县发展和改革委员会", false}};
  for (const Case& c : cases) EXPECT_EQ(is_government_body(c.body), c.government) << c.body;
}

}  // namespace
}  // namespace gongkai::domain
