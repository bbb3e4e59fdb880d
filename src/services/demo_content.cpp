// Demo county text material. Templates are modelled on the item types of real county portals (工作动态, 通知公告,
// 政策文件, 人大建议办理结果 …); every name in them is fictional (示例县).
#include "services/demo_content.h"

#include <cstdio>
#include <optional>

#include "domain/date.h"

namespace gongkai::services::demo {
namespace {

using Strings = std::vector<std::string>;

// Replaces every "{key}" in `tpl` with the value.
std::string fill(std::string tpl, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  for (auto [key, value] : values) {
    const std::string token = "{" + std::string(key) + "}";
    for (size_t pos = tpl.find(token); pos != std::string::npos; pos = tpl.find(token, pos + value.size())) {
      tpl.replace(pos, token.size(), value);
    }
  }
  return tpl;
}

std::string num(uint64_t n) { return std::to_string(n); }

const Strings kNewsTopics = {
    "安全生产大检查", "森林防火", "防汛防台", "乡村振兴", "美丽乡村建设", "营商环境优化", "“最多跑一次”改革",
    "垃圾分类", "河长制", "消防安全", "食品安全", "疫情防控", "复工复产", "农村人居环境整治", "文明城市创建",
    "扫黑除恶专项斗争", "全民健身", "义务教育均衡发展", "防范非法集资宣传", "招商引资", "项目建设", "村级集体经济发展",
    "困难群众走访慰问", "退役军人服务保障", "平安建设", "生态环境保护", "耕地保护", "冬春季农田水利建设",
    "学校周边环境整治", "道路交通安全"};
const Strings kNewsTitles = {
    "{place}召开{topic}工作推进会",
    "{place}部署开展{topic}工作",
    "{place}扎实推进{topic}",
    "{place}全面启动{topic}专项行动",
    "县领导到{place}调研{topic}工作",
    "{place}举办{topic}专题培训班",
    "{place}{topic}工作取得阶段性成效",
    "{place}开展{topic}督查",
    "{place}多措并举抓好{topic}",
    "{place}召开{topic}工作动员大会",
    "{place}组织开展{topic}宣传活动",
    "{place}推进{topic}再上新台阶",
};
const Strings kNewsLead = {
    "{date}，{place}召开专题会议，传达学习上级有关文件精神，研究部署{topic}工作。",
    "近日，{place}组织相关科室和单位负责人，就{topic}工作进行专题研究。",
    "为进一步做好{topic}工作，{date}，{place}组织开展了专项检查。",
    "{date}上午，县政府分管领导带队赴{place}，实地调研{topic}工作推进情况。",
};
const Strings kNewsBody = {
    "会议指出，做好{topic}工作事关人民群众切身利益，各单位要提高政治站位，压紧压实责任，确保各项措施落到实处。",
    "活动共检查点位{n}个，发现问题{m}处，均已现场反馈并明确整改时限。",
    "下一步，{place}将坚持问题导向，建立工作台账，实行清单化管理、销号式推进。",
    "截至目前，已累计投入资金{n}万元，惠及群众{m}余人次。",
    "会上，各责任单位汇报了工作进展情况，并就存在的困难和问题进行了交流。",
    "会议要求，要强化部门协作，形成工作合力，切实把{topic}各项任务抓实抓细。",
};

const Strings kNoticeTitles = {
    "{place}关于{topic}有关事项的通知",
    "{place}关于开展{topic}工作的通告",
    "{place}关于公布{year}年{topic}名单的公告",
    "{place}关于做好{topic}工作的通知",
    "{place}关于{topic}公开招聘工作人员的公告",
    "{place}关于{topic}的公示",
};
const Strings kNoticeTopics = {
    "城乡居民基本医疗保险参保缴费",  "春季学期开学",   "农村建房审批",       "高温天气安全防范",
    "冬季供暖",                      "农业补贴发放",   "困难家庭认定",       "公益性岗位招聘",
    "道路施工临时交通管制",          "汛期安全",       "建设工程竣工验收",   "个体工商户年报",
    "老年人优待证办理",              "义务兵征集",     "残疾人两项补贴",     "农村低保对象复核",
    "政务服务中个人信息和隐私保护",
};
const Strings kNoticeBody = {
    "根据有关法律法规和上级部门要求，结合我县实际，现将{topic}有关事项通知如下：",
    "一、时间安排：自{date}起至本年度工作结束。二、工作要求：各单位要高度重视，明确专人负责，确保按时完成。",
    "三、联系方式：咨询电话0000-{n}。请相关单位和群众相互转告。",
    "对公示内容如有异议，请在公示期内以书面形式向{place}反映。",
};

const Strings kKeyAreaTitles = {
    "{place}{year}年第{n}批保障性住房分配结果公示",
    "{place}{year}年{m}月城乡最低生活保障金发放情况",
    "{place}关于{project}项目征地补偿安置方案的公告",
    "{place}{project}项目建设进展情况",
    "{place}{year}年扶贫项目资金使用情况公告",
    "{place}{year}年义务教育阶段学校招生工作方案",
    "{place}{year}年{m}月医疗救助资金发放明细",
    "{place}{year}年公益性岗位开发及就业援助情况",
    "{place}{year}年临时救助资金发放情况公示",
    "{place}{project}工程招标结果公示",
};
const Strings kProjects = {"城东污水处理厂扩建", "县城北二环路", "示例河综合治理", "县人民医院新院区", "城南安置小区",
                           "农村公路提档升级", "县第二实验学校", "工业园区标准厂房", "东溪水库除险加固",
                           "城乡供水一体化"};
const Strings kEmergencyTitles = {
    "{place}关于做好新冠肺炎疫情防控工作的通告",
    "{place}启动防汛Ⅳ级应急响应",
    "{place}关于{date}道路交通事故的情况通报",
    "{place}地质灾害气象风险预警",
    "{place}关于发布暴雨橙色预警信号的紧急通知",
    "{place}森林火险高火险等级预警",
    "{place}关于进一步加强疫情防控常态化工作的通知",
    "{place}台风防御工作紧急部署",
};

const Strings kShortPosts = {
    "【{place}】{topic}，这些事项请注意！",
    "#{place}# {date}，{topic}工作有序推进",
    "【提醒】{topic}相关事项，转给身边的人",
    "【关注】{place}{topic}最新进展",
    "【便民】{topic}办理指南来了",
};

const Strings kDocTopics = {"加快推进农业农村现代化",     "进一步优化营商环境",   "加强农村集体资产管理",
                            "推进城乡居民基本养老保险",   "加强安全生产工作",     "促进就业创业",
                            "加强生态环境保护",           "推进全域旅游发展",     "规范政府投资项目管理",
                            "加强城市管理",               "进一步做好稳就业工作", "支持中小微企业发展",
                            "加强耕地保护和节约集约用地", "推进数字政府建设",     "加强政务公开工作",
                            "做好困难群众基本生活保障",   "推动工业经济高质量发展", "加强住房公积金管理",
                            "规范农村宅基地审批管理",     "加快发展养老服务业"};
const Strings kDocForms = {"关于{topic}的实施意见", "关于{topic}的若干意见", "关于印发{topic}工作方案的通知",
                           "关于{topic}的通知", "关于印发{topic}实施办法的通知", "关于{topic}的决定"};
const Strings kNormativeForms = {"关于印发《示例县{topic}管理办法》的通知", "关于{topic}的实施意见",
                                 "关于印发《示例县{topic}实施细则》的通知", "关于{topic}的若干规定"};

}  // namespace

uint64_t Rng::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

const std::vector<BodyDef>& bodies() {
  static const std::vector<BodyDef> kBodies = {
      {"demo-county", "示例县人民政府", "县政府", "government", "339999", 40},
      {"demo-office", "示例县人民政府办公室", "县政府办公室", "office", "33999901", 30},
      {"demo-fgj", "示例县发展和改革局", "县发改局", "department", "33999902", 12},
      {"demo-jyj", "示例县教育局", "县教育局", "department", "33999903", 16},
      {"demo-gaj", "示例县公安局", "县公安局", "department", "33999904", 14},
      {"demo-mzj", "示例县民政局", "县民政局", "department", "33999905", 12},
      {"demo-sfj", "示例县司法局", "县司法局", "department", "33999906", 8},
      {"demo-czj", "示例县财政局", "县财政局", "department", "33999907", 12},
      {"demo-rsj", "示例县人力资源和社会保障局", "县人社局", "department", "33999908", 14},
      {"demo-zrzyj", "示例县自然资源和规划局", "县自然资源和规划局", "department", "33999909", 12},
      {"demo-zjj", "示例县住房和城乡建设局", "县住建局", "department", "33999910", 12},
      {"demo-jtj", "示例县交通运输局", "县交通运输局", "department", "33999911", 9},
      {"demo-nyj", "示例县农业农村局", "县农业农村局", "department", "33999912", 13},
      {"demo-slj", "示例县水利局", "县水利局", "department", "33999913", 8},
      {"demo-wglj", "示例县文化和广电旅游体育局", "县文广旅体局", "department", "33999914", 10},
      {"demo-wjj", "示例县卫生健康局", "县卫健局", "department", "33999915", 15},
      {"demo-yjj", "示例县应急管理局", "县应急管理局", "department", "33999916", 10},
      {"demo-scjgj", "示例县市场监督管理局", "县市场监管局", "department", "33999917", 12},
      {"demo-ybj", "示例县医疗保障局", "县医保局", "department", "33999918", 8},
      {"demo-chengguan", "示例县城关镇人民政府", "城关镇", "township", "33999920", 6},
      {"demo-dongping", "示例县东坪镇人民政府", "东坪镇", "township", "33999921", 5},
      {"demo-xixi", "示例县西溪镇人民政府", "西溪镇", "township", "33999922", 5},
      {"demo-nanling", "示例县南岭镇人民政府", "南岭镇", "township", "33999923", 5},
      {"demo-beishan", "示例县北山镇人民政府", "北山镇", "township", "33999924", 4},
      {"demo-qingshi", "示例县青石镇人民政府", "青石镇", "township", "33999925", 4},
      {"demo-baiyun", "示例县白云镇人民政府", "白云镇", "township", "33999926", 4},
      {"demo-taoyuan", "示例县桃源镇人民政府", "桃源镇", "township", "33999927", 4},
      {"demo-liuhe", "示例县柳河镇人民政府", "柳河镇", "township", "33999928", 4},
      {"demo-qingshui", "示例县清水镇人民政府", "清水镇", "township", "33999929", 4},
      {"demo-daan", "示例县大安乡人民政府", "大安乡", "township", "33999930", 3},
      {"demo-fengling", "示例县凤岭乡人民政府", "凤岭乡", "township", "33999931", 3},
      {"demo-shimen", "示例县石门乡人民政府", "石门乡", "township", "33999932", 3},
      {"demo-longtan", "示例县龙潭乡人民政府", "龙潭乡", "township", "33999933", 3},
      {"demo-songping", "示例县松坪乡人民政府", "松坪乡", "township", "33999934", 3},
      {"demo-meixi", "示例县梅溪乡人民政府", "梅溪乡", "township", "33999935", 3},
      {"demo-zhuyuan", "示例县竹园乡人民政府", "竹园乡", "township", "33999936", 3},
      {"demo-huangyan", "示例县黄岩乡人民政府", "黄岩乡", "township", "33999937", 3},
      {"demo-shuanghe", "示例县双河乡人民政府", "双河乡", "township", "33999938", 3},
  };
  return kBodies;
}

std::string chinese_date(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  int y = std::atoi(std::string(iso.substr(0, 4)).c_str());
  int m = std::atoi(std::string(iso.substr(5, 2)).c_str());
  int d = std::atoi(std::string(iso.substr(8, 2)).c_str());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
  return buf;
}

namespace {

std::string paragraphs(Rng& rng, const Strings& lead, const Strings& body, int count,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  const std::string n = num(10 + rng.below(490));
  const std::string m = num(2 + rng.below(60));
  std::string out = "<p>" + fill(rng.pick(lead), values) + "</p>";
  for (int para_idx = 0; para_idx < count; ++para_idx) {
    std::string p = fill(rng.pick(body), values);
    p = fill(p, {{"n", n}, {"m", m}});
    out += "<p>" + p + "</p>";
  }
  return out;
}

}  // namespace

Text news(Rng& rng, std::string_view place, std::string_view date_cn) {
  const std::string& topic = rng.pick(kNewsTopics);
  Text t;
  t.title = fill(rng.pick(kNewsTitles), {{"place", place}, {"topic", topic}});
  t.content = paragraphs(rng, kNewsLead, kNewsBody, 3, {{"place", place}, {"topic", topic}, {"date", date_cn}});
  t.subject = "综合政务/工作动态";
  return t;
}

Text notice(Rng& rng, std::string_view place, std::string_view date_cn) {
  const std::string& topic = rng.pick(kNoticeTopics);
  const std::string year = std::string(date_cn.substr(0, 4));
  Text t;
  t.title = fill(rng.pick(kNoticeTitles), {{"place", place}, {"topic", topic}, {"year", year}});
  t.content = paragraphs(rng, kNoticeBody, kNoticeBody, 2, {{"place", place}, {"topic", topic}, {"date", date_cn}});
  t.content += "<p style=\"text-align:right\">" + std::string(place) + "<br>" + std::string(date_cn) + "</p>";
  t.subject = "综合政务/通知公告";
  return t;
}

Text key_area(Rng& rng, std::string_view place, std::string_view date_cn) {
  const std::string year = std::string(date_cn.substr(0, 4));
  const std::string& project = rng.pick(kProjects);
  Text t;
  t.title = fill(rng.pick(kKeyAreaTitles), {{"place", place},
                                             {"year", year},
                                             {"project", project},
                                             {"n", num(1 + rng.below(6))},
                                             {"m", num(1 + rng.below(12))}});
  t.content = "<p>根据《示例县重点领域信息公开工作方案》要求，现将" + t.title + "有关情况公开如下。</p><p>本期共涉及" +
              num(10 + rng.below(300)) + "户（人），资金" + num(5 + rng.below(500)) +
              "万元。公开期间如有异议，请与" + std::string(place) + "联系。</p>";
  t.subject = "重点领域信息公开";
  return t;
}

Text emergency(Rng& rng, std::string_view place, std::string_view date_cn) {
  Text t;
  t.title = fill(rng.pick(kEmergencyTitles), {{"place", place}, {"date", date_cn}});
  t.content = "<p>" + std::string(date_cn) + "，" + std::string(place) +
              "根据气象、卫生健康等部门会商研判结果，发布本信息。请广大群众密切关注官方发布的信息，做好自我防护，"
              "如遇紧急情况请拨打110、119、120。</p><p>各乡镇、各部门要严格落实24小时值班和领导带班制度，"
              "确保信息畅通、处置及时。</p>";
  t.subject = "公共安全/应急管理";
  return t;
}

Text statutory(Rng& rng, std::string_view place, std::string_view date_cn, std::string_view kind, int year) {
  Text t;
  const std::string y = num(year);
  if (kind == "plan") {
    t.title = std::string(place) + y + "年工作要点";
    t.subject = "规划计划";
  } else if (kind == "statistics") {
    t.title = std::string(place) + y + "年" + num(1 + rng.below(12)) + "月主要统计数据";
    t.subject = "统计信息";
  } else if (kind == "budget") {
    t.title = std::string(place) + y + "年部门" + (rng.below(2) ? "预算" : "决算") + "公开";
    t.subject = "财政资金/预决算";
  } else if (kind == "personnel") {
    t.title = std::string(place) + "关于" + (rng.below(2) ? "干部任前公示" : "人员招聘拟聘用人员") + "的公告";
    t.subject = "人事信息";
  } else if (kind == "procurement") {
    t.title = std::string(place) + rng.pick(kProjects) + "政府采购" + (rng.below(2) ? "中标" : "成交") + "结果公告";
    t.subject = "财政资金/政府采购";
  } else if (kind == "licensing") {
    t.title = std::string(place) + "行政许可决定公示（" + y + "年第" + num(1 + rng.below(52)) + "期）";
    t.subject = "行政许可";
  } else {
    t.title = std::string(place) + "行政处罚决定信息公示（" + y + "年第" + num(1 + rng.below(52)) + "期）";
    t.subject = "行政处罚";
  }
  t.content = "<p>根据《中华人民共和国政府信息公开条例》第二十条规定，现将" + t.title + "予以公开。</p><p>发布日期：" +
              std::string(date_cn) + "。</p>";
  return t;
}

Text short_post(Rng& rng, std::string_view place, std::string_view date_cn) {
  const std::string& topic = rng.pick(kNewsTopics);
  Text t;
  t.title = fill(rng.pick(kShortPosts), {{"place", place}, {"topic", topic}, {"date", date_cn}});
  t.content = "<p>" + std::string(date_cn) + "，" + std::string(place) + "围绕" + topic +
              "开展工作。详情请关注“示例县发布”。</p>";
  t.subject = "综合政务/新媒体";
  return t;
}

Text document(Rng& rng, std::string_view issuer, int year, bool normative) {
  const std::string& topic = rng.pick(kDocTopics);
  Text t;
  t.title = std::string(issuer) + fill(rng.pick(normative ? kNormativeForms : kDocForms), {{"topic", topic}});
  t.content = "<p>各乡镇人民政府，县政府直属各单位：</p><p>为" + topic +
              "，根据有关法律法规和上级文件精神，结合我县实际，现提出如下意见。</p><p>一、总体要求。坚持以人民为中心的"
              "发展思想，统筹推进各项工作。</p><p>二、主要任务。（一）健全工作机制；（二）强化要素保障；（三）加强督查考核。"
              "</p><p>三、保障措施。各地各部门要切实加强组织领导，明确责任分工，确保各项任务落到实处。</p>";
  if (normative) t.content += "<p>本文件自" + num(year) + "年" + num(1 + rng.below(12)) + "月1日起施行，有效期5年。</p>";
  t.subject = normative ? "政策文件/行政规范性文件" : "政策文件/政府文件";
  return t;
}

Text interpretation(std::string_view document_title, std::string_view doc_number) {
  Text t;
  t.title = "图解：" + std::string(document_title).substr(0, 200) + "政策解读";
  t.content = "<p>一、文件出台背景。为贯彻落实上级决策部署，县政府印发了" + std::string(document_title) + "（" +
              std::string(doc_number) +
              "）。</p><p>二、主要内容。文件从总体要求、主要任务、保障措施三个方面作出规定。</p><p>三、政策亮点。"
              "简化办事流程，明确办理时限，加大政策支持力度。</p><p>（本解读配有图解和音频，与原文件同步发布。）</p>";
  t.subject = "政策解读";
  return t;
}

Text exec_meeting(int year, int session, std::string_view date_cn, Rng& rng) {
  Text t;
  t.title = "示例县人民政府召开" + num(year) + "年第" + num(session) + "次常务会议";
  t.content = "<p>" + std::string(date_cn) + "，县长主持召开县政府常务会议，研究" + rng.pick(kDocTopics) + "、" +
              rng.pick(kNewsTopics) + "等事项。</p><p>会议审议并原则通过了有关文件，要求各责任单位抓好落实。</p>";
  t.subject = "综合政务/常务会议";
  return t;
}

Text consultation(Rng& rng, std::string_view place, int year) {
  const std::string& topic = rng.pick(kDocTopics);
  Text t;
  t.title = std::string(place) + "关于公开征求《示例县" + topic + "实施办法（征求意见稿）》意见的公告";
  t.content = "<p>为提高决策的科学性和透明度，现将征求意见稿全文公布，征求社会各界意见。征求意见时间：" + num(year) +
              "年，为期30日。</p><p>意见可通过电子邮件、信函或本网站留言提交。</p>";
  t.subject = "政策文件/意见征集";
  return t;
}

Text survey(Rng& rng, int year) {
  Text t;
  t.title = "示例县" + num(year) + "年" + rng.pick(kNewsTopics) + "群众满意度调查";
  t.content = "<p>为了解群众意见和建议，现开展网上问卷调查，欢迎广大群众积极参与。</p>";
  t.subject = "互动交流/民意调查";
  return t;
}

Text npc_result(Rng& rng, std::string_view place, int year, int serial, bool cppcc) {
  Text t;
  const std::string& topic = rng.pick(kNewsTopics);
  t.title = std::string(place) + "关于县" + (cppcc ? "政协" : "人大") + "十届" + num(year - 2016) + "次会议第" +
            num(serial) + "号" + (cppcc ? "提案" : "建议") + "的答复";
  t.content = "<p>您提出的关于加强" + topic + "的" + (cppcc ? "提案" : "建议") +
              "收悉，现答复如下：</p><p>一、基本情况……二、下一步工作打算……</p><p>感谢您对我县工作的关心和支持。</p>";
  t.subject = cppcc ? "建议提案/政协提案" : "建议提案/人大建议";
  return t;
}

Text press_conference(Rng& rng, int year, int serial) {
  Text t;
  t.title = "示例县" + num(year) + "年第" + num(serial) + "场新闻发布会：" + rng.pick(kNewsTopics) + "有关情况";
  t.content = "<p>发布人：县政府新闻办及相关部门负责人。</p><p>主要内容：介绍有关工作进展并回答记者提问。</p>";
  t.subject = "政务公开/新闻发布";
  return t;
}

Text interview(Rng& rng, std::string_view place, int year) {
  Text t;
  t.title = num(year) + "年“在线访谈”：" + std::string(place) + "负责人谈" + rng.pick(kNewsTopics);
  t.content = "<p>访谈嘉宾就网民关心的问题进行了在线交流，共回答网民提问" + num(10 + rng.below(40)) + "个。</p>";
  t.subject = "互动交流/在线访谈";
  return t;
}

Text annual_report(std::string_view body_name, int report_year) {
  Text t;
  t.title = std::string(body_name) + num(report_year) + "年政府信息公开工作年度报告";
  t.content = "<p>本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
              "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分内容组成。</p>";
  t.subject = "政务公开/年度报告";
  return t;
}

std::map<std::string, std::string> kind_facts(std::string_view kind, const std::string& date, int serial,
                                              std::string_view body_name, const std::string& title) {
  const std::optional<domain::Date> day = domain::Date::parse(date);
  if (!day) return {};
  const std::string number = "第" + num(serial) + "号";
  if (kind == "survey") {
    return {{"topic", title},
            {"starts_on", date},
            {"ends_on", day->plus_days(14).to_string()},
            {"method", "online"},
            {"responses", num(300 + serial * 37 % 900)}};
  }
  if (kind == "exec_meeting") {
    return {{"session", "示例县人民政府" + num(day->year()) + "年第" + num(serial) + "次常务会议"},
            {"held_on", day->plus_days(-1).to_string()},
            {"chaired_by", "县长"}};
  }
  if (kind == "npc_result" || kind == "cppcc_result") {
    // Most results are of class A, some B, few C, as handling reports usually show.
    const char* category = serial % 10 < 7 ? "A" : serial % 10 < 9 ? "B" : "C";
    return {{"number", number},
            {"handling_unit", std::string(body_name)},
            {"result_category", category},
            {"replied_on", date}};
  }
  if (kind == "press_conference") {
    return {
        {"held_on", date}, {"speakers", "县政府新闻办负责人、有关部门负责人"}, {"venue", "县政府新闻发布厅"}};
  }
  if (kind == "interview") return {{"held_on", date}, {"guests", std::string(body_name) + "负责人"}};
  return {};
}

}  // namespace gongkai::services::demo
