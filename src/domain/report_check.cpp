// The rules of a valid annual report (see report_check.h; sources in spec/annual-report.md "Identities").
#include "domain/report_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

#include "domain/report_label.h"

namespace gongkai::domain {
namespace {

constexpr RuleInfo kRules[] = {
    {"tables.missing", Severity::kError, "表二、表三、表四 must all be present"},
    {"tables.row_missing", Severity::kError, "every row of the format's table 三 must be present"},
    {"format.mismatch", Severity::kError, "the table 三 （六） rows match the format of the report year"},
    {"cell.value_type", Severity::kError, "identity 7: counts are non-negative integers; signed/decimal/money cells"},
    {"t3.column_balance", Severity::kError, "identity 1: 一 + 二 = （七）总计 + 四, every column"},
    {"t3.row_sum", Severity::kError, "identity 2: 总计 = the six applicant columns, every row"},
    {"t3.result_sum", Severity::kError, "identity 3: （七）总计 = the sum of the outcome rows"},
    {"t3.subtotal", Severity::kError, "identity 4: a printed group subtotal = the sum of its sub-rows"},
    {"t3.carry_over", Severity::kError, "identity 5: 二 (year N) = 四 (year N-1), every column"},
    {"t4.group_total", Severity::kError, "identity 6: 总计 = 维持 + 纠正 + 其他 + 尚未审结, each group"},
    {"t2.stock", Severity::kWarning, "identity 8: 现行有效(N) = 现行有效(N-1) + 制发 - 废止"},
    {"sections.missing", Severity::kError, "条例 Art. 50: sections 一 … 六 all present"},
    {"sections.empty_5", Severity::kError, "条例 Art. 50（四）: section 五 has content"},
    {"art50.four", Severity::kWarning, "条例 Art. 50（四）: a government's report covers 考核, 社会评议, 责任追究"},
    {"narrative.number", Severity::kError, "figures in the narrative equal the tables"},
    {"narrative.year", Severity::kWarning, "years named in section 一 are the report year"},
    {"fees.mismatch", Severity::kWarning, "fees in section 六 agree with table 三"},
};

Severity severity_of(std::string_view rule) {
  for (const RuleInfo& r : kRules)
    if (r.id == rule) return r.severity;
  return Severity::kError;
}

std::string number_text(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
  } else {
    std::snprintf(buf, sizeof buf, "%.6g", v);
  }
  return buf;
}

bool same(double a, double b) { return std::fabs(a - b) < 1e-6; }

class Checker {
 public:
  Checker(const AnnualReport& report, const ReportFormats& formats, const ReportFormat& format,
          const AnnualReport* previous)
      : report_(report), formats_(formats), format_(format), previous_(previous) {}

  std::vector<Violation> run() {
    check_tables_present();
    check_format();
    check_value_types();
    if (report_.table3) {
      check_rows_present();
      check_column_balance();
      check_row_sums();
      check_result_sums();
      check_subtotals();
      check_carry_over();
    }
    if (report_.table4) check_table4();
    check_stock();
    check_sections();
    check_art50();
    check_narrative_numbers();
    check_narrative_years();
    check_fees();
    return std::move(out_);
  }

 private:
  void add(std::string rule, ViolationWhere where, std::string expected, std::string found, std::string message) {
    Severity s = severity_of(rule);
    out_.push_back({std::move(rule), s, std::move(where), std::move(expected), std::move(found), std::move(message)});
  }

  // The cell value counted in sums: a blank or non-numeric cell counts 0.
  static double value(const std::optional<ReportTable>& table, const std::string& row, const std::string& column) {
    if (!table) return 0;
    auto r = table->find(row);
    if (r == table->end()) return 0;
    auto c = r->second.find(column);
    if (c == r->second.end() || !c->second.value) return 0;
    return *c->second.value;
  }
  static bool row_printed(const std::optional<ReportTable>& table, const std::string& row) {
    if (!table) return false;
    auto r = table->find(row);
    if (r == table->end()) return false;
    for (const auto& [column, cell] : r->second)
      if (!cell.blank()) return true;
    return false;
  }
  static bool has_row(const std::optional<ReportTable>& table, const std::string& row) {
    return table && table->count(row) > 0;
  }

  std::vector<std::string> t3_columns() const {
    std::vector<std::string> out;
    for (const FormatEntry* e : format_.select("table3", "column")) out.push_back(e->code);
    return out;
  }
  std::vector<std::string> t3_children(const std::string& group) const {
    std::vector<std::string> out;
    for (const FormatEntry* e : format_.select("table3", "row", group)) out.push_back(e->code);
    return out;
  }
  // The outcome groups with sub-rows (（三） （四） （五）, 2021 （六）) in format order.
  std::vector<const FormatEntry*> t3_groups() const {
    std::vector<const FormatEntry*> out;
    for (const FormatEntry* e : format_.select("table3", "group", "results")) out.push_back(e);
    return out;
  }
  // A group's value in one column: the sum of its sub-rows, or its printed subtotal when no sub-row is printed.
  double group_value(const FormatEntry& group, const std::string& column) const {
    double sum = 0;
    bool any_child = false;
    for (const std::string& child : t3_children(group.code)) {
      sum += value(report_.table3, child, column);
      if (row_printed(report_.table3, child)) any_child = true;
    }
    if (!any_child && row_printed(report_.table3, group.code)) return value(report_.table3, group.code, column);
    return sum;
  }

  void check_tables_present() {
    const std::pair<const std::optional<ReportTable>*, const char*> tables[] = {
        {&report_.table2, "table2"}, {&report_.table3, "table3"}, {&report_.table4, "table4"}};
    const char* names[] = {"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                           "四、政府信息公开行政复议、行政诉讼情况"};
    for (int idx = 0; idx < 3; ++idx) {
      if (*tables[idx].first) continue;
      add("tables.missing", {tables[idx].second, "", "", "", ""}, "present", "absent",
          std::string("未找到表格“") + names[idx] + "”");
    }
  }

  void check_format() {
    if (!report_.year || !report_.has_other_subrows) return;
    const ReportFormatVersion by_year = format_for_year(*report_.year);
    const ReportFormatVersion by_rows =
        *report_.has_other_subrows ? ReportFormatVersion::k2021 : ReportFormatVersion::k2019;
    if (by_year == by_rows) return;
    add("format.mismatch", {"table3", "other", "", "", ""}, std::string(format_name(by_year)),
        std::string(format_name(by_rows)),
        std::to_string(*report_.year) + "年度报告应使用" + std::string(format_name(by_year)) + "年版格式，表三“（六）其他处理”却是" +
            std::string(format_name(by_rows)) + "年版的行");
  }

  void check_cell(const char* table, const std::string& row, const std::string& column, const ReportCell& cell,
                  ValueType type) {
    if (cell.blank()) return;
    const char* want = type == ValueType::kSigned    ? "整数"
                       : type == ValueType::kDecimal ? "非负数（万元）"
                       : type == ValueType::kMoney   ? "非负金额"
                                                     : "非负整数";
    bool ok = cell.value.has_value();
    if (ok) {
      const double v = *cell.value;
      const bool integral = same(v, std::round(v));
      if (type == ValueType::kCount) ok = integral && v >= 0;
      if (type == ValueType::kSigned) ok = integral;
      if (type == ValueType::kDecimal || type == ValueType::kMoney) ok = v >= 0;
    }
    if (ok) return;
    add("cell.value_type", {table, row, column, "", ""}, want, cell.text,
        std::string("单元格应为") + want + "，实为“" + cell.text + "”");
  }

  void check_value_types() {
    if (report_.table2) {
      const ReportFormat& t2_format = report_.table2_format ? formats_.get(*report_.table2_format) : format_;
      for (const auto& [row, cells] : *report_.table2) {
        const FormatEntry* r = t2_format.find("table2", "row", row);
        for (const auto& [column, cell] : cells) {
          const FormatEntry* c = r ? t2_format.find("table2", "column", column, r->parent) : nullptr;
          check_cell("table2", row, column, cell, c ? c->type : ValueType::kCount);
        }
      }
    }
    for (const auto& [table, name] : {std::pair{&report_.table3, "table3"}, std::pair{&report_.table4, "table4"}}) {
      if (!*table) continue;
      for (const auto& [row, cells] : **table)
        for (const auto& [column, cell] : cells) check_cell(name, row, column, cell, ValueType::kCount);
    }
  }

  void check_rows_present() {
    for (const FormatEntry* e : format_.select("table3", "row")) {
      if (has_row(report_.table3, e->code)) continue;
      add("tables.row_missing", {"table3", e->code, "", "", ""}, e->label, "absent",
          "表三缺少“" + e->label + "”行");
    }
  }

  void check_column_balance() {
    for (const std::string& c : t3_columns()) {
      const double left = value(report_.table3, "new", c) + value(report_.table3, "carried_over", c);
      const double right = value(report_.table3, "total", c) + value(report_.table3, "carry_forward", c);
      if (same(left, right)) continue;
      add("t3.column_balance", {"table3", "", c, "", ""}, number_text(left), number_text(right),
          "表三勾稽关系不成立：本年新收+上年结转=" + number_text(left) + "，办理结果总计+结转下年度=" +
              number_text(right));
    }
  }

  void check_row_sums() {
    const std::vector<std::string> columns = t3_columns();
    for (const auto& [row, cells] : *report_.table3) {
      if (!row_printed(report_.table3, row)) continue;
      double sum = 0;
      for (const std::string& c : columns)
        if (c != "total") sum += value(report_.table3, row, c);
      const double total = value(report_.table3, row, "total");
      if (same(sum, total)) continue;
      add("t3.row_sum", {"table3", row, "total", "", ""}, number_text(sum), number_text(total),
          "表三“" + row_label(row) + "”行：总计应为各类申请人之和" + number_text(sum) + "，实为" + number_text(total));
    }
  }

  std::string row_label(const std::string& row) const {
    const FormatEntry* e = format_.find("table3", "row", row);
    if (!e) e = format_.find("table3", "group", row);
    return e ? e->label : row;
  }

  void check_result_sums() {
    for (const std::string& c : t3_columns()) {
      double sum = value(report_.table3, "granted", c) + value(report_.table3, "partial", c);
      for (const FormatEntry* g : t3_groups()) sum += group_value(*g, c);
      if (format_.find("table3", "row", "other")) sum += value(report_.table3, "other", c);
      const double total = value(report_.table3, "total", c);
      if (same(sum, total)) continue;
      add("t3.result_sum", {"table3", "total", c, "", ""}, number_text(sum), number_text(total),
          "表三“（七）总计”应为各办理结果之和" + number_text(sum) + "，实为" + number_text(total));
    }
  }

  void check_subtotals() {
    for (const FormatEntry* g : t3_groups()) {
      if (!row_printed(report_.table3, g->code)) continue;
      for (const std::string& c : t3_columns()) {
        double sum = 0;
        for (const std::string& child : t3_children(g->code)) sum += value(report_.table3, child, c);
        const double printed = value(report_.table3, g->code, c);
        if (same(sum, printed)) continue;
        add("t3.subtotal", {"table3", g->code, c, "", ""}, number_text(sum), number_text(printed),
            "表三“" + g->label + "”小计应为其分项之和" + number_text(sum) + "，实为" + number_text(printed));
      }
    }
  }

  void check_carry_over() {
    if (!previous_ || !previous_->table3) return;
    for (const std::string& c : t3_columns()) {
      const double last = value(previous_->table3, "carry_forward", c);
      const double now = value(report_.table3, "carried_over", c);
      if (same(last, now)) continue;
      add("t3.carry_over", {"table3", "carried_over", c, "", ""}, number_text(last), number_text(now),
          "本年“上年结转”" + number_text(now) + "与上年报告“结转下年度继续办理”" + number_text(last) + "不一致");
    }
  }

  void check_table4() {
    for (const FormatEntry* g : format_.select("table4", "colgroup")) {
      if (g->code == "litigation") continue;
      double sum = 0;
      for (const char* c : {"upheld", "corrected", "other", "pending"}) sum += value(report_.table4, g->code, c);
      const double total = value(report_.table4, g->code, "total");
      if (same(sum, total)) continue;
      add("t4.group_total", {"table4", g->code, "total", "", ""}, number_text(sum), number_text(total),
          "表四“" + g->label + "”总计应为各结果之和" + number_text(sum) + "，实为" + number_text(total));
    }
  }

  void check_stock() {
    if (!previous_ || !report_.table2 || !previous_->table2) return;
    if (report_.table2_format != ReportFormatVersion::k2021) return;
    if (previous_->table2_format != ReportFormatVersion::k2021) return;
    for (const char* row : {"regulations", "normative"}) {
      if (!row_printed(report_.table2, row) || !row_printed(previous_->table2, row)) continue;
      const double expected = value(previous_->table2, row, "valid") + value(report_.table2, row, "made") -
                              value(report_.table2, row, "repealed");
      const double found = value(report_.table2, row, "valid");
      if (same(expected, found)) continue;
      add("t2.stock", {"table2", row, "valid", "", ""}, number_text(expected), number_text(found),
          std::string("现行有效件数与上年现行有效件数加本年制发减本年废止（") + number_text(expected) + "）不一致，请核实");
    }
  }

  void check_sections() {
    const char* headings[] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                              "六、其他需要报告的事项"};
    for (int idx = 0; idx < 6; ++idx) {
      const std::string code = std::to_string(idx + 1);
      if (report_.section(code)) continue;
      add("sections.missing", {"", "", "", code, ""}, headings[idx], "absent",
          std::string("缺少“") + headings[idx] + "”部分");
    }
    const ReportSection* five = report_.section("5");
    if (!five) return;
    const std::string text = normalize_label(five->text);
    if (text.size() >= 12 && text != "无") return;  // 12 bytes: at least four Chinese characters
    add("sections.empty_5", {"", "", "", "5", ""}, "content", text.empty() ? "empty" : text,
        "第五部分“存在的主要问题及改进情况”没有内容");
  }

  void check_art50() {
    if (!report_.body || !is_government_body(*report_.body)) return;
    std::string all;
    for (const ReportSection& s : report_.sections) all += s.text;
    struct Topic {
      const char* name;
      const char* alternatives[2];
    };
    const Topic topics[] = {{"考核", {"考核", "考评"}}, {"社会评议", {"社会评议", "评议"}}, {"责任追究", {"责任追究", "追责"}}};
    std::string missing;
    for (const Topic& t : topics) {
      bool found = false;
      for (const char* alt : t.alternatives)
        if (all.find(alt) != std::string::npos) found = true;
      if (found) continue;
      if (!missing.empty()) missing += "、";
      missing += t.name;
    }
    if (missing.empty()) return;
    add("art50.four", {"", "", "", "5", ""}, "考核、社会评议、责任追究", missing + " absent",
        "人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项），未见：" + missing);
  }

  // Sentences of the narrative sections (preamble, 一, 三, 四), split at 。 ； ! ? and line ends.
  std::vector<std::pair<std::string, std::string>> sentences(std::initializer_list<const char*> codes) const {
    std::vector<std::pair<std::string, std::string>> out;
    auto split = [&out](const std::string& code, const std::string& text) {
      size_t start = 0;
      while (start < text.size()) {
        size_t best = std::string::npos, len = 0;
        for (std::string_view sep : {std::string_view("。"), std::string_view("；"), std::string_view(";"),
                                     std::string_view("\n"), std::string_view("!"), std::string_view("?")}) {
          const size_t at = text.find(sep, start);
          if (at < best) {
            best = at;
            len = sep.size();
          }
        }
        const size_t end = best == std::string::npos ? text.size() : best;
        // A sentence longer than 1000 characters is not prose; its head is enough for the figures.
        size_t length = std::min<size_t>(end - start, 3000);
        while (length < end - start && length > 0 && (static_cast<unsigned char>(text[start + length]) & 0xC0) == 0x80)
          --length;  // cut at a character boundary
        if (end > start) out.emplace_back(code, text.substr(start, length));
        start = best == std::string::npos ? text.size() : end + len;
      }
    };
    for (const char* code : codes) {
      if (std::string_view(code) == "0") {
        split("0", report_.preamble);
        continue;
      }
      if (const ReportSection* s = report_.section(code)) split(code, s->text);
    }
    return out;
  }

  struct Figure {
    const char* what;           // Chinese name of the figure
    const char* pattern;        // ECMAScript regex on normalized text; group 1 is the number
    const char* needs;          // the sentence must contain this ("" for none)
    const char* table;
    std::vector<std::pair<const char*, const char*>> cells;  // summed (row, column)
  };

  void check_narrative_numbers() {
    // [^\d] keeps a match from skipping over another number; each CJK character is three bytes.
    static const std::vector<Figure> kFigures = {
        {"本年新收申请", "(?:收到|新收|受理)[^\\d]{0,60}?申请[^\\d]{0,45}?(\\d+)件", "", "table3", {{"new", "total"}}},
        {"上年结转申请", "上年结转[^\\d]{0,45}?(\\d+)件", "", "table3", {{"carried_over", "total"}}},
        {"办结申请", "(?:办结|办理完毕|已办理|答复完毕)[^\\d]{0,45}?(\\d+)件", "申请", "table3", {{"total", "total"}}},
        {"结转下年度申请", "结转(?:至)?下(?:一)?年(?:度)?[^\\d]{0,30}?(\\d+)件", "", "table3", {{"carry_forward", "total"}}},
        {"行政复议", "行政复议[^\\d]{0,30}?(\\d+)(?:件|起)", "", "table4", {{"reconsideration", "total"}}},
        {"行政诉讼", "行政诉讼[^\\d]{0,30}?(\\d+)(?:件|起)", "", "table4",
         {{"litigation_direct", "total"}, {"litigation_after_review", "total"}}},
    };
    const auto narrative = sentences({"0", "1", "3", "4"});
    for (const Figure& f : kFigures) {
      const std::optional<ReportTable>& table = std::string_view(f.table) == "table3" ? report_.table3 : report_.table4;
      if (!table) continue;
      bool printed = false;
      double expected = 0;
      for (const auto& [row, column] : f.cells) {
        expected += value(table, row, column);
        auto r = table->find(row);
        if (r != table->end() && r->second.count(column) && !r->second.at(column).blank()) printed = true;
      }
      if (!printed) continue;
      const std::regex re(f.pattern);
      for (const auto& [section, sentence] : narrative) {
        if (*f.needs && sentence.find(f.needs) == std::string::npos) continue;
        std::smatch m;
        if (!std::regex_search(sentence, m, re)) continue;
        const double found = std::stod(m[1].str());
        if (same(found, expected)) continue;
        add("narrative.number", {f.table, f.cells[0].first, f.cells[0].second, section, sentence},
            number_text(expected), number_text(found),
            std::string("正文所述") + f.what + "数" + number_text(found) + "与表格" + number_text(expected) + "不一致");
      }
    }
  }

  void check_narrative_years() {
    if (!report_.year) return;
    static const std::regex kYearOfReport("(\\d{4})年度");
    static const std::regex kReportTitle("(\\d{4})年(?:度)?政府信息公开工作年度报告");
    for (const auto& [section, sentence] : sentences({"0", "1"})) {
      for (const std::regex* re : {&kYearOfReport, &kReportTitle}) {
        for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), *re); it != std::sregex_iterator();
             ++it) {
          const int year = std::stoi((*it)[1].str());
          if (year == *report_.year) continue;
          add("narrative.year", {"", "", "", section, sentence}, std::to_string(*report_.year), std::to_string(year),
              "正文提到“" + (*it)[0].str() + "”，而报告年度为" + std::to_string(*report_.year) + "年，请核实是否沿用了往年文字");
          break;
        }
      }
    }
  }

  void check_fees() {
    const ReportSection* six = report_.section("6");
    if (!six || !report_.table3) return;
    static const std::regex kFee("(?:信息处理费|处理费)[^\\d]{0,30}?(\\d+(?:\\.\\d+)?)(万)?元");
    std::smatch m;
    const bool mentions_fee = six->text.find("费") != std::string::npos;
    std::optional<double> amount;
    if (std::regex_search(six->text, m, kFee)) amount = std::stod(m[1].str()) * (m[2].matched ? 10000 : 1);
    const double applications = value(report_.table3, "new", "total") + value(report_.table3, "carried_over", "total");
    if (amount && *amount > 0 && same(applications, 0)) {
      add("fees.mismatch", {"", "", "", "6", m[0].str()}, "0", number_text(*amount),
          "第六部分报告收取信息处理费" + number_text(*amount) + "元，但表三无任何申请");
    }
    const double no_fee = value(report_.table3, "other.no_fee", "total");
    if (no_fee > 0 && !mentions_fee) {
      add("fees.mismatch", {"table3", "other.no_fee", "total", "6", ""}, "信息处理费情况", "not mentioned",
          "表三有" + number_text(no_fee) + "件申请因逾期未缴费不再处理，第六部分却未说明信息处理费收取情况");
    }
  }

  const AnnualReport& report_;
  const ReportFormats& formats_;
  const ReportFormat& format_;
  const AnnualReport* previous_;
  std::vector<Violation> out_;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view severity_name(Severity severity) { return severity == Severity::kError ? "error" : "warning"; }

std::span<const RuleInfo> report_rules() { return kRules; }

bool is_government_body(std::string_view body) {
  if (ends_with(body, "人民政府")) return true;
  if (body.size() > 8 * 3) return false;  // a place name is short; departments are long
  for (std::string_view dept : {"局", "委", "办", "厅", "院", "中心", "所", "站", "公司", "会"})
    if (body.find(dept) != std::string_view::npos) return false;
  for (std::string_view place : {"省", "市", "县", "区", "旗", "镇", "乡", "自治州", "自治区", "街道"})
    if (ends_with(body, place)) return true;
  return false;
}

std::vector<Violation> check_report(const AnnualReport& report, const ReportFormats& formats,
                                    const AnnualReport* previous) {
  ReportFormatVersion version = ReportFormatVersion::k2019;
  if (report.format) {
    version = *report.format;
  } else if (report.year) {
    version = format_for_year(*report.year);
  }
  return Checker(report, formats, formats.get(version), previous).run();
}

bool is_blank_cell_text(std::string_view t) {
  for (std::string_view blank : {"", "-", "—", "——", "/", "无", "－", "--", "―", "─"})
    if (t == blank) return true;
  return false;
}

std::optional<double> parse_report_number(std::string_view t) {
  for (std::string_view unit : {"万元", "元", "件", "个", "项"}) {
    if (ends_with(t, unit)) {
      t.remove_suffix(unit.size());
      break;
    }
  }
  if (t.empty()) return std::nullopt;
  std::string digits;
  size_t pos = 0;
  if (t[0] == '-' || t[0] == '+') digits += t[pos++];
  bool any_digit = false, point = false;
  for (; pos < t.size(); ++pos) {
    const char ch = t[pos];
    if (ch >= '0' && ch <= '9') {
      digits += ch;
      any_digit = true;
      continue;
    }
    if (ch == '.' && !point && any_digit) {
      point = true;
      digits += ch;
      continue;
    }
    // A thousands separator sits between digits, before a group of three.
    if (ch == ',' && any_digit && !point) {
      bool three = true;
      for (size_t k = 1; k <= 3 && three; ++k) three = pos + k < t.size() && t[pos + k] >= '0' && t[pos + k] <= '9';
      if (three) continue;
    }
    return std::nullopt;
  }
  if (!any_digit || digits.back() == '.') return std::nullopt;
  if (digits.size() > 18) return std::nullopt;
  return std::stod(digits);
}

}  // namespace gongkai::domain
