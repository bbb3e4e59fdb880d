// Weekly circular rendering.
#include "web/monitor_weekly.h"

#include <map>

#include "render/pdf_document.h"
#include "web/templates.h"

namespace gongkai::web {

namespace {

Data finding_data(const store::FindingRow& f) {
  Data d;
  const domain::MonitorRule* r = services::monitor_rules().find(f.rule_id);
  d.set("unit", f.body_name);
  d.set("rule", r ? r->label : f.rule_id);
  d.set("rule_id", f.rule_id);
  d.set("red", f.grade == "red");
  d.set("grade", grade_label(f.grade));
  d.set("subject", f.subject);
  d.set("found_on", f.found_on);
  d.set("excerpt", f.excerpt);
  d.set("first_seen", f.first_seen_on);
  d.set("state", f.state == "open" ? "未整改" : "已整改");
  return d;
}

std::string platform_name(const std::string& platform) {
  return platform == "weibo" ? "政务微博" : platform == "wechat" ? "政务微信" : platform;
}

Data circular_data(const store::CircularRow& c) {
  Data d;
  d.set("number", c.number);
  d.set("unit", c.body_name);
  d.set("issued_on", c.issued_on);
  d.set("deadline", c.deadline);
  d.set("state", circular_state_label(c.state));
  d.set("findings", std::to_string(c.findings));
  d.set("open_findings", std::to_string(c.open_findings));
  return d;
}

using render::PdfBlock;
using render::PdfCell;
using render::PdfRow;
using render::PdfTable;

PdfTable findings_table(const std::string& caption, const std::vector<store::FindingRow>& findings) {
  PdfTable t;
  t.caption = caption;
  t.column_widths = {2, 1, 2.2, 3.6, 1.4, 1.2};
  t.header_rows = {{{"单位"}, {"等级"}, {"问题"}, {"地址和证据"}, {"发现日期"}, {"状态"}}};
  for (const store::FindingRow& f : findings) {
    const domain::MonitorRule* r = services::monitor_rules().find(f.rule_id);
    std::string evidence = f.subject;
    if (!f.found_on.empty()) evidence += "\n所在页面：" + f.found_on;
    if (!f.excerpt.empty()) evidence += "\n" + f.excerpt;
    t.body_rows.push_back({{f.body_name},
                           {grade_label(f.grade)},
                           {r ? r->label : f.rule_id},
                           {evidence},
                           {f.first_seen_on},
                           {f.state == "open" ? "未整改" : "已整改"}});
  }
  return t;
}

PdfTable circulars_table(const std::string& caption, const std::vector<store::CircularRow>& circulars) {
  PdfTable t;
  t.caption = caption;
  t.column_widths = {2.4, 2, 1.3, 1.3, 1.2, 1, 1};
  t.header_rows = {{{"通报编号"}, {"单位"}, {"下发日期"}, {"整改期限"}, {"状态"}, {"问题数"}, {"未整改"}}};
  for (const store::CircularRow& c : circulars) {
    t.body_rows.push_back({{c.number},
                           {c.body_name},
                           {c.issued_on},
                           {c.deadline},
                           {circular_state_label(c.state)},
                           PdfCell::number(std::to_string(c.findings)),
                           PdfCell::number(std::to_string(c.open_findings))});
  }
  return t;
}

}  // namespace

std::string grade_label(const std::string& grade) {
  return grade == "red" ? "红色" : "黄色";
}

std::string circular_state_label(const std::string& state) {
  static const std::map<std::string, std::string> kStates = {
      {"issued", "已下发"}, {"answered", "已反馈"}, {"closed", "已办结"}, {"escalated", "逾期未整改"}};
  auto it = kStates.find(state);
  return it == kStates.end() ? state : it->second;
}

Result<std::string> render_weekly_circular_pdf(const services::WeeklyReport& report,
                                               const std::string& issuer) {
  render::PdfDocument doc;
  doc.title = "政府网站和政务新媒体监测一周通报（" + report.week + "）";
  doc.author = issuer;
  doc.blocks.push_back(PdfBlock::title("政府网站和政务新媒体监测一周通报"));
  doc.blocks.push_back(PdfBlock::paragraph(report.week + "（" + report.from + " 至 " + report.to + "）",
                                           render::PdfTextStyle{false, render::PdfAlign::kCenter, false}));
  int red = 0;
  for (const store::FindingRow& f : report.new_findings) red += f.grade == "red" ? 1 : 0;
  doc.blocks.push_back(PdfBlock::paragraph(
      "本周监测发现新问题" + std::to_string(report.new_findings.size()) + "个，其中红色预警" +
      std::to_string(red) + "个、黄色预警" +
      std::to_string(report.new_findings.size() - static_cast<size_t>(red)) + "个；周末仍未整改" +
      std::to_string(report.open_findings.size()) + "个；本周下发整改通报" +
      std::to_string(report.circulars.size()) + "份，逾期未整改通报" + std::to_string(report.overdue.size()) +
      "份。红色预警次日复查，黄色预警下周复查。"));
  doc.blocks.push_back(PdfBlock::heading("一、本周新发现的问题"));
  if (report.new_findings.empty())
    doc.blocks.push_back(PdfBlock::paragraph("无。"));
  else
    doc.blocks.push_back(PdfBlock::table_block(findings_table("本周新发现的问题", report.new_findings)));
  doc.blocks.push_back(PdfBlock::heading("二、尚未整改的问题"));
  if (report.open_findings.empty())
    doc.blocks.push_back(PdfBlock::paragraph("无。"));
  else
    doc.blocks.push_back(PdfBlock::table_block(findings_table("尚未整改的问题", report.open_findings)));
  doc.blocks.push_back(PdfBlock::heading("三、本周下发的整改通报"));
  if (report.circulars.empty())
    doc.blocks.push_back(PdfBlock::paragraph("无。"));
  else
    doc.blocks.push_back(PdfBlock::table_block(circulars_table("本周下发的整改通报", report.circulars)));
  doc.blocks.push_back(PdfBlock::heading("四、逾期未整改的通报"));
  if (report.overdue.empty())
    doc.blocks.push_back(PdfBlock::paragraph("无。"));
  else
    doc.blocks.push_back(PdfBlock::table_block(circulars_table("逾期未整改的通报", report.overdue)));
  doc.blocks.push_back(PdfBlock::heading("五、一周以上未更新的政务新媒体"));
  if (report.quiet_accounts.empty()) {
    doc.blocks.push_back(PdfBlock::paragraph("无。"));
  } else {
    PdfTable t;
    t.caption = "一周以上未更新的政务新媒体";
    t.column_widths = {2, 1.2, 2.4, 1.4};
    t.header_rows = {{{"单位"}, {"平台"}, {"账号"}, {"最近更新"}}};
    for (const store::NewMediaAccountRow& a : report.quiet_accounts) {
      t.body_rows.push_back(
          {{a.body_name}, {platform_name(a.platform)}, {a.name}, {a.last_update.value_or("无")}});
    }
    doc.blocks.push_back(PdfBlock::table_block(std::move(t)));
  }
  if (!issuer.empty()) doc.blocks.push_back(PdfBlock::paragraph(issuer, render::PdfTextStyle::right()));
  return render::render_pdf(doc);
}

std::string render_weekly_circular(const services::WeeklyReport& report, const std::string& issuer) {
  Data d;
  d.set("week", report.week);
  d.set("from", report.from);
  d.set("to", report.to);
  d.set("issuer", issuer);
  Data fresh = list(), open = list(), circulars = list(), overdue = list(), quiet = list();
  int red = 0, yellow = 0;
  for (const store::FindingRow& f : report.new_findings) {
    fresh.push_back(finding_data(f));
    (f.grade == "red" ? red : yellow)++;
  }
  for (const store::FindingRow& f : report.open_findings) open.push_back(finding_data(f));
  for (const store::CircularRow& c : report.circulars) circulars.push_back(circular_data(c));
  for (const store::CircularRow& c : report.overdue) overdue.push_back(circular_data(c));
  for (const store::NewMediaAccountRow& a : report.quiet_accounts) {
    Data x;
    x.set("unit", a.body_name);
    x.set("platform", platform_name(a.platform));
    x.set("name", a.name);
    x.set("last_update", a.last_update.value_or("无"));
    quiet.push_back(x);
  }
  d.set("red_count", std::to_string(red));
  d.set("yellow_count", std::to_string(yellow));
  set_list(d, "new_findings", fresh);
  set_list(d, "open_findings", open);
  set_list(d, "circulars", circulars);
  set_list(d, "overdue", overdue);
  set_list(d, "quiet_accounts", quiet);
  return render("monitor_weekly", d);
}

}  // namespace gongkai::web
