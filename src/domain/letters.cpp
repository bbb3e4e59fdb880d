// The letter table and the drafts generated from it.
#include "domain/letters.h"

#include "domain/outcomes.h"

namespace gongkai::domain {
namespace {

constexpr LetterKind kKinds[] = {
    {"receipt", "政府信息公开申请登记回执", "条例第三十一条"},
    {"correction", "政府信息公开申请补正告知书", "条例第三十条"},
    {"extension", "政府信息公开申请延期答复告知书", "条例第三十三条第二款"},
    {"consult_third_party", "政府信息公开征求意见书（第三方）", "条例第三十二条"},
    {"consult_co_producer", "政府信息公开征求意见书（共同制作机关）", "条例第三十四条"},
    {"fee", "政府信息公开信息处理费收费通知书", "条例第四十二条、国办函〔2020〕109号"},
    {"reply", "政府信息公开申请答复告知书", "条例第三十六条至第三十九条"},
};

// What each reply letter says about its outcome (the decision sentence), by ReplyLetter.
struct ReplyWording {
  ReplyLetter letter;
  std::string_view title;
  std::string_view sentence;
};
constexpr ReplyWording kReplies[] = {
    {ReplyLetter::kGranted, "政府信息予以公开告知书", "经审查，您申请的政府信息属于公开范围，本机关予以公开。"},
    {ReplyLetter::kPartial, "政府信息部分公开告知书",
     "经审查，您申请的政府信息中含有不应当公开的内容，但能够作区分处理，本机关对可以公开的部分予以公开。"},
    {ReplyLetter::kWithheld, "政府信息不予公开告知书", "经审查，您申请的政府信息依法不予公开。"},
    {ReplyLetter::kQueryMatter, "行政查询事项告知书",
     "经审查，您申请的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，请依照有关规定办理。"},
    {ReplyLetter::kNotHeld, "政府信息不存在或非本机关负责公开告知书",
     "经检索查找，本机关未制作或获取您申请的政府信息，或者该信息不由本机关负责公开。"},
    {ReplyLetter::kUnavailable, "无法提供告知书", "经审查，本机关无法提供您申请的政府信息。"},
    {ReplyLetter::kNotProcessed, "不予处理告知书", "经审查，您的申请不属于本机关应当作为政府信息公开申请处理的情形，本机关不予处理。"},
    {ReplyLetter::kTerminated, "终止处理告知书", "您未在规定期限内补正申请或缴纳信息处理费，视为放弃申请，本机关不再处理。"},
    {ReplyLetter::kOther, "政府信息公开申请处理告知书", "本机关对您的申请作如下处理："},
};

std::string or_blank(const std::string& s) { return s.empty() ? "＿＿＿＿" : s; }

std::string salutation(const LetterFacts& f) { return or_blank(f.applicant_name) + "："; }

std::string about(const LetterFacts& f) {
  return "本机关于" + or_blank(f.received_date) + "收到您提出的政府信息公开申请（申请编号：" + or_blank(f.number) +
         "），申请获取“" + or_blank(f.request) + "”。";
}

std::string signature(const LetterFacts& f) { return or_blank(f.body_name) + "\n" + or_blank(f.issued_on); }

}  // namespace

std::span<const LetterKind> letter_kinds() { return kKinds; }

const LetterKind* find_letter_kind(std::string_view code) {
  for (const LetterKind& k : kKinds) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

std::string rights_notice(std::string_view body_name) {
  const std::string body = body_name.empty() ? std::string("本机关") : std::string(body_name);
  return "如对本告知不服，可以自收到本告知书之日起六十日内，依法向" + body +
         "的上一级行政机关或者本级人民政府申请行政复议，也可以自收到本告知书之日起六个月内，依法向人民法院提起行政诉讼"
         "（《中华人民共和国政府信息公开条例》第五十一条）。";
}

std::optional<LetterDraft> draft_letter(std::string_view kind, const LetterFacts& f) {
  const LetterKind* k = find_letter_kind(kind);
  if (!k) return std::nullopt;
  LetterDraft d;
  d.title = std::string(k->title);
  const std::string head = salutation(f) + "\n\n" + about(f) + "\n\n";
  if (kind == "receipt") {
    d.body = head + "根据《中华人民共和国政府信息公开条例》第三十一条，本机关确认" + or_blank(f.received_date) +
             "为收到申请之日。本机关将依照第三十三条，自收到申请之日起20个工作日内予以答复（目前答复期限为" +
             or_blank(f.due_date) + "）；需要延长答复期限的，将另行告知。\n\n" + signature(f);
  } else if (kind == "correction") {
    d.body = head + "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条，请您对以下事项作出补正：\n" +
             or_blank(f.detail) +
             "\n\n答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n" +
             signature(f);
  } else if (kind == "extension") {
    d.body = head + "因" + or_blank(f.detail) +
             "，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款，经本机关政府信息公开工作机构负责人同意，答复期限延长" +
             (f.extension_days > 0 ? std::to_string(f.extension_days) : std::string("＿＿")) +
             "个工作日，本机关将于" + or_blank(f.due_date) + "前作出答复。\n\n" + signature(f);
  } else if (kind == "consult_third_party" || kind == "consult_co_producer") {
    const bool third = kind == "consult_third_party";
    d.body = or_blank(f.detail) + "：\n\n本机关收到政府信息公开申请（申请编号：" + or_blank(f.number) + "），申请获取“" +
             or_blank(f.request) + "”。" +
             (third ? "该信息公开后可能损害贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条，现书面征求贵方意见。"
                    : "该信息由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条，现征求贵机关意见。") +
             "请自收到本征求意见书之日起15个工作日内提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n\n" +
             signature(f);
  } else if (kind == "fee") {
    d.body = head + "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），您的申请需缴纳信息处理费：" +
             or_blank(f.detail) +
             "。\n\n请自收到本通知之日的次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理。\n\n" + signature(f);
  } else {
    const Outcome* o = find_outcome(f.outcome);
    if (!o) return std::nullopt;
    const ReplyWording* w = nullptr;
    for (const ReplyWording& r : kReplies) {
      if (r.letter == o->letter) w = &r;
    }
    if (!w) return std::nullopt;
    d.title = std::string(w->title);
    std::string basis = o->article.empty() ? std::string() : "根据" + std::string(o->article) + "，";
    d.body = head + std::string(w->sentence) + "\n\n" + basis + or_blank(f.detail) + "（" +
             std::string(o->group) + (o->group.empty() ? "" : " ") + std::string(o->label) + "）\n\n" +
             rights_notice(f.body_name) + "\n\n" + signature(f);
  }
  return d;
}

}  // namespace gongkai::domain
