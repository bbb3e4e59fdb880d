// Demo cases: plain tables of cases, replayed through the same CaseDesk staff and imports use.
#include "services/demo_cases.h"

#include <string_view>
#include <vector>

#include "domain/id_numbers.h"
#include "services/applications.h"
#include "services/id_vault.h"

namespace gongkai::services {
namespace {

// One 2020 case (spec/seed-figures.md): answered `reply_after` working days after receipt. `steps` lists the
// acts between handling and decision (consult = third-party consultation answered after 10 working days,
// extend = a 20-day extension).
struct SeedCase {
  std::string_view body;
  std::string_view channel;
  std::string_view applicant_type;
  std::string_view name;
  int month, day;
  std::string_view request;
  std::string_view outcome;
  int reply_after;
  std::string_view step;  // "", "consult" or "extend"
};

// 23 cases: 11 online, 8 in person, 4 mail; 3 to demo-county / demo-office. Outcomes (table 三, 2019 format):
// 予以公开 12, 部分公开 3, 不予公开 2 (third party 1, process info 1), 无法提供 4 (not held 3, compilation 1),
// 不予处理 2 (petition 1, duplicate 1). Applicants: 自然人 18, 商业企业 3, 法律服务机构 1, 其他 1.
constexpr SeedCase kSeedCases[] = {
    {"demo-county", "online", "natural_person", "陈建国", 1, 13, "申请公开2019年示例县城区旧城改造项目征收范围及补偿安置方案", "granted", 9, ""},
    {"demo-zrzyj", "in_person", "natural_person", "刘桂芳", 2, 24, "申请公开东坪镇某村2018年农用地转用审批文件", "granted", 12, ""},
    {"demo-jyj", "online", "natural_person", "王磊", 3, 9, "申请公开2020年县城义务教育阶段学校招生划片范围", "granted", 5, ""},
    {"demo-zjj", "mail", "natural_person", "赵秀英", 3, 30, "申请公开城关镇某小区房屋征收决定及评估报告", "partial", 18, "consult"},
    {"demo-rsj", "online", "natural_person", "孙海涛", 4, 14, "申请公开2019年度县级机关事业单位公开招聘考试成绩及录用名单", "granted", 7, ""},
    {"demo-chengguan", "in_person", "natural_person", "周玉兰", 4, 28, "申请公开本村2019年度低保评审会议记录及评审结果", "withheld.process_info", 14, ""},
    {"demo-scjgj", "online", "business", "示例县某食品有限公司", 5, 12, "申请公开对本公司作出的行政处罚决定书所依据的抽检报告", "granted", 10, ""},
    {"demo-office", "mail", "legal_service", "某律师事务所", 5, 26, "申请公开县政府2019年第5号常务会议纪要中关于某工业园区的内容", "partial", 16, ""},
    {"demo-gaj", "in_person", "natural_person", "吴志强", 6, 8, "申请公开本人户籍迁移审批材料", "withheld.third_party", 30, "extend"},
    {"demo-mzj", "online", "natural_person", "郑丽华", 6, 22, "申请公开2020年城乡居民最低生活保障标准调整文件", "granted", 3, ""},
    {"demo-nyj", "online", "other_org", "某农民专业合作社", 7, 6, "申请公开2020年农业产业化项目扶持资金分配明细", "granted", 11, ""},
    {"demo-dongping", "in_person", "natural_person", "黄永明", 7, 20, "申请公开本镇某村道路硬化工程的招标文件及中标结果", "granted", 13, ""},
    {"demo-jtj", "online", "natural_person", "林晓燕", 8, 3, "申请公开县城至西溪镇公路改建工程的环评批复", "unavailable.not_held", 8, ""},
    {"demo-wjj", "online", "natural_person", "何建华", 8, 17, "申请公开2020年新冠肺炎疫情防控专项资金使用情况", "granted", 15, ""},
    {"demo-county", "in_person", "natural_person", "罗美玲", 8, 31, "申请公开县政府关于某商住项目土地出让的批复", "unavailable.not_held", 6, ""},
    {"demo-xixi", "mail", "natural_person", "梁德才", 9, 14, "反映本村干部侵占集体资金问题，要求查处并公开处理结果", "not_processed.petition", 9, ""},
    {"demo-czj", "online", "business", "示例县某建筑工程有限公司", 9, 24, "申请公开2019年县级政府采购项目资金支付情况", "unavailable.needs_compilation", 19, ""},
    {"demo-slj", "in_person", "natural_person", "宋春花", 10, 12, "申请公开青石镇河道整治工程征用土地的补偿标准", "granted", 10, ""},
    {"demo-nanling", "online", "natural_person", "谢国平", 10, 26, "申请公开本镇2020年危房改造补助对象名单", "partial", 12, ""},
    {"demo-ybj", "in_person", "natural_person", "韩淑珍", 11, 9, "申请公开2020年城乡居民医疗保险缴费标准文件", "granted", 4, ""},
    {"demo-zjj", "online", "natural_person", "唐振华", 11, 16, "申请公开城关镇某小区房屋征收决定及评估报告", "not_processed.duplicate", 5, ""},
    {"demo-fgj", "mail", "business", "某新能源科技有限公司", 11, 30, "申请公开示例县光伏发电项目核准文件", "granted", 8, ""},
    {"demo-beishan", "in_person", "natural_person", "冯桂英", 12, 7, "申请公开本村土地承包经营权确权登记结果", "unavailable.not_held", 10, ""},
};

// Current-year open cases, one per stage and two near their limit: received `received_back` working days before today.
struct OpenCase {
  std::string_view body;
  std::string_view channel;
  std::string_view applicant_type;
  std::string_view name;
  int received_back;
  std::string_view request;
  std::string_view stage;  // what the acts lead to
};

constexpr OpenCase kOpenCases[] = {
    {"demo-jyj", "in_person", "natural_person", "马文军", 1, "申请公开本学年县城学校教师招聘计划及岗位表", "registered"},
    {"demo-zrzyj", "online", "natural_person", "许红梅", 4, "申请公开某村集体土地征收的社会稳定风险评估报告", "in_handling"},
    {"demo-mzj", "mail", "natural_person", "邓志刚", 6, "申请公开有关文件", "correction_requested"},
    {"demo-zjj", "online", "business", "示例县某房地产开发有限公司", 9, "申请公开某地块规划条件论证材料及相关企业提交的技术资料", "consulting"},
    {"demo-county", "in_person", "natural_person", "曹丽娟", 16, "申请公开近三年全县城镇老旧小区改造项目的立项、资金及验收文件", "extended"},
    {"demo-wjj", "online", "natural_person", "彭建军", 12, "申请公开县人民医院新院区建设项目的可行性研究报告批复", "decided"},
    {"demo-chengguan", "online", "natural_person", "蒋秀兰", 0, "申请公开本社区2025年度居民医保参保补助名单", "submitted"},
    // Two near their statutory limit, so the dashboard's and the digest's yellow and red marks have something to
    // show (services/case_work.h: red within 3 working days, yellow within 7).
    {"demo-rsj", "online", "natural_person", "孙立新", 14, "申请公开本年度县属事业单位公开招聘笔试成绩及进入面试人员名单", "in_handling"},
    {"demo-scjgj", "mail", "natural_person", "钟永福", 18, "申请公开某食品生产企业近两年的监督抽检结果及处理情况", "in_handling"},
};

// A resident ID of the fictional region 339999 with a real check character (domain/id_numbers decides which).
std::string demo_resident_id(int birth_year, int serial, domain::Date today) {
  char base[32];
  std::snprintf(base, sizeof base, "339999%04d%02d%02d%03d", birth_year, 1 + serial % 12, 1 + serial % 28, serial % 1000);
  for (char check : std::string_view("0123456789X")) {
    const std::string id = std::string(base) + check;
    if (domain::check_resident_id(id, today)) return id;
  }
  return "";
}

// A 统一社会信用代码 of a company (91) in the fictional region, with a real check character.
std::string demo_credit_code(int serial) {
  char base[32];
  std::snprintf(base, sizeof base, "91339999MA%07d", 2000000 + serial);
  for (char check : std::string_view("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    const std::string code = std::string(base) + check;
    if (domain::check_credit_code(code)) return code;
  }
  return "";
}

// The `n`-th working day after `from` (n > 0) or before it (n < 0); n = 0 is `from` itself.
domain::Date working_days_from(const domain::WorkCalendar& calendar, domain::Date from, int n) {
  domain::Date d = from;
  const int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    d = d.plus_days(step);
    if (calendar.is_working_day(d)) --left;
  }
  return d;
}

NewApplication base_application(std::string_view body, std::string_view channel, std::string_view type,
                                std::string_view name, std::string_view request, int serial, domain::Date today) {
  NewApplication a;
  a.body_code = std::string(body);
  a.channel = std::string(channel);
  a.applicant_type = std::string(type);
  a.applicant_name = std::string(name);
  a.request = std::string(request);
  a.form_wanted = "电子文档";
  a.delivery_wanted = channel == "mail" ? "邮寄" : (channel == "online" ? "电子邮件" : "自行领取");
  a.mail_signed_for = serial % 2 == 0;
  if (type == "natural_person") {
    a.id_number = demo_resident_id(1950 + serial * 7 % 50, serial, today);
    a.phone = "1390000" + std::to_string(1000 + serial);
    a.address = "示例县城关镇人民路" + std::to_string(10 + serial) + "号";
  } else if (type == "business") {
    a.id_number = demo_credit_code(serial);
    a.phone = "0000-8765" + std::to_string(1000 + serial);
  }
  a.actor = "demo";
  return a;
}

struct Act {
  Act(const char* kind_code, domain::Date date, int extension_days = 0, std::string outcome_code = {})
      : kind(kind_code), on(date), days(extension_days), outcome(std::move(outcome_code)) {}
  const char* kind;
  domain::Date on;
  int days;
  std::string outcome;
};

Status apply_all(CaseDesk& desk, const std::string& number, const std::vector<Act>& acts) {
  for (const Act& act : acts) {
    CaseAct a;
    a.kind = act.kind;
    a.on_date = act.on.to_string();
    a.days = act.days;
    a.outcome = act.outcome;
    a.actor = "demo";
    Result<store::ApplicationRow> done = desk.apply(number, a);
    if (!done) return done.status().with_context("demo case " + number);
  }
  return Status::ok();
}

}  // namespace

Result<DemoCaseReport> add_demo_cases(store::Connection& conn, const std::string& data_dir,
                                      const domain::WorkCalendar& calendar, domain::Date today) {
  Result<IdVault> vault = open_id_vault(data_dir, conn);
  if (!vault) return vault.status();
  CaseDesk desk(conn, *vault, calendar, today);
  DemoCaseReport report;
  int serial = 0;
  for (const SeedCase& c : kSeedCases) {
    NewApplication a = base_application(c.body, c.channel, c.applicant_type, c.name, c.request, ++serial, today);
    domain::Date received = domain::Date::from_ymd(2020, c.month, c.day);
    if (!calendar.is_working_day(received)) received = working_days_from(calendar, received, 1);
    a.received_date = received.to_string();
    Result<Registered> r = desk.register_case(a);
    if (!r) return r.status().with_context("demo case " + std::string(c.request));
    const domain::Date reply = working_days_from(calendar, received, c.reply_after);
    std::vector<Act> acts = {{"start_handling", working_days_from(calendar, received, 1)}};
    if (c.step == "consult") {
      acts.push_back({"consult_third_party", working_days_from(calendar, received, 2)});
      acts.push_back({"consultation_answered", working_days_from(calendar, received, 12)});
    }
    if (c.step == "extend") acts.push_back({"extend", working_days_from(calendar, received, 18), 20});
    acts.push_back({"decide", reply, 0, std::string(c.outcome)});
    acts.push_back({"reply", reply});
    acts.push_back({"deliver", working_days_from(calendar, reply, 1)});
    acts.push_back({"archive", working_days_from(calendar, reply, 3)});
    GK_RETURN_IF_ERROR(apply_all(desk, r->number, acts));
    ++report.cases_2020;
  }
  if (today.year() <= 2020) return report;

  for (const OpenCase& c : kOpenCases) {
    NewApplication a = base_application(c.body, c.channel, c.applicant_type, c.name, c.request, ++serial, today);
    const domain::Date received = working_days_from(calendar, today, -c.received_back);
    if (c.stage != "submitted") a.received_date = received.to_string();
    Result<Registered> r = desk.register_case(a);
    if (!r) return r.status().with_context("demo case " + std::string(c.request));
    auto after = [&](int n) {
      const domain::Date d = working_days_from(calendar, received, n);
      return d > today ? today : d;
    };
    std::vector<Act> acts;
    if (c.stage == "in_handling") acts = {{"start_handling", after(1)}};
    if (c.stage == "correction_requested") acts = {{"request_correction", after(3)}};
    if (c.stage == "consulting") acts = {{"start_handling", after(1)}, {"consult_third_party", after(3)}};
    if (c.stage == "extended") acts = {{"start_handling", after(1)}, {"extend", after(15), 20}};
    if (c.stage == "decided") acts = {{"start_handling", after(1)}, {"decide", after(10), 0, "granted"}};
    GK_RETURN_IF_ERROR(apply_all(desk, r->number, acts));
    ++report.cases_current;
  }
  return report;
}

}  // namespace gongkai::services
