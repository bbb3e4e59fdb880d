// Vocabulary tables. Sources: spec/contracts.md (codes), spec/publishing-and-monitoring.md (labels).
#include "domain/vocabulary.h"

namespace gongkai::domain {
namespace {

constexpr Term kBodyTypes[] = {
    {"government", "人民政府"},
    {"office", "政府办公室"},
    {"department", "政府工作部门"},
    {"township", "乡镇（街道）"},
};

constexpr Term kItemKinds[] = {
    {"news", "工作动态"},
    {"notice", "通知公告"},
    {"document", "政府文件"},
    {"normative", "行政规范性文件"},
    {"interpretation", "政策解读"},
    {"exec_meeting", "常务会议"},
    {"consultation", "意见征集"},
    {"survey", "民意调查"},
    {"npc_result", "人大代表建议办理结果"},
    {"cppcc_result", "政协委员提案办理结果"},
    {"press_conference", "新闻发布会"},
    {"interview", "在线访谈"},
    {"annual_report", "政府信息公开工作年度报告"},
    {"plan", "规划计划"},
    {"statistics", "统计信息"},
    {"budget", "财政预决算"},
    {"personnel", "人事信息"},
    {"procurement", "政府采购"},
    {"licensing", "行政许可"},
    {"penalty", "行政处罚"},
    {"guide", "政府信息公开指南"},
    {"rules", "政府信息公开制度"},
    {"other", "其他"},
};

constexpr Term kChannels[] = {
    {"portal", "政府门户网站"},
    {"disclosure_site", "政府信息公开网"},
    {"weibo", "政务微博"},
    {"wechat", "政务微信"},
};

constexpr Term kValidities[] = {
    {"有效", "valid"},
    {"修订后有效", "amended"},
    {"失效", "expired"},
    {"废止", "repealed"},
};

constexpr Term kColumnTypes[] = {
    {"news", "动态要闻"},
    {"notice", "通知公告"},
    {"policy", "政策文件"},
    {"interpretation", "政策解读"},
    {"interaction", "互动交流"},
    {"disclosure", "政府信息公开"},
    {"guide", "政府信息公开指南"},
    {"rules", "政府信息公开制度"},
    {"statutory", "法定主动公开内容"},
    {"annual_report", "政府信息公开年报"},
    {"static", "静态页面"},
};

constexpr Term kInterpretationForms[] = {
    {"text", "图文"},
    {"audio", "音频"},
    {"video", "视频"},
    {"graphic", "图解"},
    {"media", "媒体解读"},
};

}  // namespace

std::span<const Term> body_types() { return kBodyTypes; }
std::span<const Term> item_kinds() { return kItemKinds; }
std::span<const Term> channels() { return kChannels; }
std::span<const Term> validities() { return kValidities; }
std::span<const Term> column_types() { return kColumnTypes; }
std::span<const Term> interpretation_forms() { return kInterpretationForms; }

bool is_media_interpretation(std::span<const std::string> forms) {
  bool text = false, media = false;
  for (const std::string& f : forms) {
    text = text || f == "text" || f == "graphic";
    media = media || f == "audio" || f == "video";
  }
  return text && media;
}

const Term* find_term(std::span<const Term> terms, std::string_view code) {
  for (const Term& t : terms) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::string list_codes(std::span<const Term> terms) {
  std::string out;
  for (const Term& t : terms) {
    if (!out.empty()) out += ", ";
    out += t.code;
  }
  return out;
}

}  // namespace gongkai::domain
