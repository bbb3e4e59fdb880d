// The section 一 draft: one table of sentence templates, figures substituted by key.
#include "domain/report_narrative.h"

namespace gongkai::domain {
namespace {

// A paragraph heading and its sentence templates. "{key}" is a stats figure, "{key|what}" names the placeholder
// shown when the figure is absent; "{year}" and the table figures "{t:…}" are always known.
struct Paragraph {
  std::string_view heading;
  std::initializer_list<std::string_view> sentences;
};

const Paragraph kParagraphs[] = {
    {"（一）主动公开",
     {"{year}年全年主动公开政府信息{items_total|主动公开信息总数}条，其中政府门户网站{items_portal|政府门户网站信息数}条，"
      "政府信息公开网{items_disclosure_site|政府信息公开网信息数}条，政务微博{items_weibo|政务微博信息数}条，"
      "政务微信{items_wechat|政务微信信息数}条。"}},
    {"（二）依申请公开",
     {"全年登记依申请公开备案{applications_received|依申请公开备案数}件，从申请渠道看，网上申请{applications_online|网上申请数}件，"
      "当面申请{applications_in_person|当面申请数}件，邮寄申请{applications_mail|邮寄申请数}件。",
      "本机关本年新收政府信息公开申请{t:received}件，上年结转{t:carried_over}件，本年办结申请{t:handled}件，"
      "结转下年度继续办理{t:carry_forward}件。",
      "本机关被申请行政复议{t:reconsiderations}件，被提起行政诉讼{t:lawsuits}件。"}},
    {"（三）决策和管理公开",
     {"全年发布常务会议新闻通稿{exec_meeting_releases|常务会议新闻通稿数}篇；发布意见征求{consultations|意见征求次数}次，"
      "发布反馈意见{consultation_feedbacks|反馈意见次数}次；开展民意调查征集{surveys|民意调查征集次数}次。",
      "发布重点领域信息{key_area_items|重点领域信息数}条，突发事件信息{emergency_items|突发事件信息数}条。",
      "主动公开政府文件{documents_published|政府文件数}件；行政规范性文件备案{normative_filed|规范性文件备案数}件；"
      "开展行政规范性文件清理共计{cleanup_total|清理文件数}件，其中继续有效{cleanup_valid|继续有效数}件，"
      "修改后继续有效{cleanup_amended|修改后继续有效数}件，失效、废止{cleanup_repealed|失效废止数}件。",
      "公开人大代表建议办理结果{npc_suggestions|人大建议办理结果数}件、政协提案办理结果{cppcc_proposals|政协提案办理结果数}件；"
      "举办新闻发布会{press_conferences|新闻发布会场次}场，在线访谈{online_interviews|在线访谈场次}场。"}},
    {"（四）政策解读",
     {"全年发布行政规范性文件{normative_issued|规范性文件发布数}件，同步发布“图文+音频或视频”解读材料"
      "{normative_with_media_interpretation|图文加音视频解读数}篇。"}},
    {"（五）政务新媒体",
     {"{newmedia_departments|开设政务新媒体的部门数}个部门开设政务新媒体账号{newmedia_accounts_departments|部门政务新媒体账号数}个，"
      "{newmedia_townships|开设政务新媒体的乡镇数}个乡镇开设政务新媒体账号{newmedia_accounts_townships|乡镇政务新媒体账号数}个。"}},
    {"（六）监督保障", {"全年发布整改通报{rectification_circulars|整改通报次数}次。"}},
};

constexpr std::string_view kPlaceholderOpen = "【待补充：";

}  // namespace

std::string narrative_placeholder(std::string_view what) {
  return std::string(kPlaceholderOpen) + std::string(what) + "】";
}

int count_placeholders(std::string_view text) {
  int n = 0;
  for (size_t at = text.find(kPlaceholderOpen); at != std::string_view::npos;
       at = text.find(kPlaceholderOpen, at + kPlaceholderOpen.size()))
    ++n;
  return n;
}

std::string draft_overview(const NarrativeInput& in) {
  const std::map<std::string_view, int64_t> table_figures = {
      {"received", in.received},           {"carried_over", in.carried_over},
      {"handled", in.handled},             {"carry_forward", in.carry_forward},
      {"reconsiderations", in.reconsiderations}, {"lawsuits", in.lawsuits}};
  auto fill = [&](std::string_view field) -> std::string {
    if (field == "year") return std::to_string(in.year);
    if (field.substr(0, 2) == "t:") return std::to_string(table_figures.at(field.substr(2)));
    const size_t bar = field.find('|');
    const std::string key(field.substr(0, bar));
    auto it = in.figures.find(key);
    if (it != in.figures.end()) return std::to_string(it->second);
    return narrative_placeholder(bar == std::string_view::npos ? field : field.substr(bar + 1));
  };
  std::string out;
  for (const Paragraph& p : kParagraphs) {
    if (!out.empty()) out += "\n";
    out += p.heading;
    for (std::string_view sentence : p.sentences) {
      for (size_t pos = 0; pos < sentence.size();) {
        const size_t open = sentence.find('{', pos);
        if (open == std::string_view::npos) {
          out += sentence.substr(pos);
          break;
        }
        const size_t close = sentence.find('}', open);
        out += sentence.substr(pos, open - pos);
        out += fill(sentence.substr(open + 1, close - open - 1));
        pos = close + 1;
      }
    }
  }
  return out;
}

}  // namespace gongkai::domain
