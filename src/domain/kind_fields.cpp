// The field table of the decision-making openness kinds and its validation.
#include "domain/kind_fields.h"

#include <charconv>

#include "domain/date.h"

namespace gongkai::domain {
namespace {

// 调查方式.
constexpr Term kSurveyMethods[] = {
    {"online", "网上问卷"}, {"phone", "电话调查"}, {"visit", "入户走访"},
    {"forum", "座谈会"},    {"other", "其他"},
};
// 办理结果类别 of NPC suggestions and CPPCC proposals (the A/B/C classes of the handling rules).
constexpr Term kResultCategories[] = {
    {"A", "A类（所提问题已经解决或采纳）"},
    {"B", "B类（正在解决或列入计划解决）"},
    {"C", "C类（因条件限制或其他原因留作参考）"},
};

constexpr FactField kSurveyFields[] = {
    {"topic", "调查主题", FactType::kText, true, "如“城区公交线路优化民意调查”。"},
    {"starts_on", "调查开始日期", FactType::kDate, true, "格式：年-月-日。"},
    {"ends_on", "调查截止日期", FactType::kDate, true, "格式：年-月-日，不得早于开始日期。"},
    {"method", "调查方式", FactType::kChoice, false, "", kSurveyMethods},
    {"responses", "收到答卷（份）", FactType::kCount, false, "调查结束后填写收到的有效答卷或意见数。"},
    {"findings", "调查结果", FactType::kLongText, false, "结果摘要及采纳情况。"},
};
constexpr FactField kExecMeetingFields[] = {
    {"session", "会议名称", FactType::kText, true, "如“县人民政府第12次常务会议”。"},
    {"held_on", "会议日期", FactType::kDate, true, "格式：年-月-日。"},
    {"chaired_by", "主持人", FactType::kText, false, ""},
    {"topics", "研究审议事项", FactType::kLongText, false, "每行一项。"},
};
constexpr FactField kNpcFields[] = {
    {"number", "建议编号", FactType::kText, true, "如“第15号”。"},
    {"proposer", "领衔代表", FactType::kText, false, ""},
    {"handling_unit", "承办单位", FactType::kText, true, "主办单位，会办单位可写在正文中。"},
    {"result_category", "办理结果类别", FactType::kChoice, true, "", kResultCategories},
    {"replied_on", "答复日期", FactType::kDate, false, "格式：年-月-日。"},
};
constexpr FactField kCppccFields[] = {
    {"number", "提案编号", FactType::kText, true, "如“第8号”。"},
    {"proposer", "领衔委员", FactType::kText, false, ""},
    {"handling_unit", "承办单位", FactType::kText, true, "主办单位，会办单位可写在正文中。"},
    {"result_category", "办理结果类别", FactType::kChoice, true, "", kResultCategories},
    {"replied_on", "答复日期", FactType::kDate, false, "格式：年-月-日。"},
};
constexpr FactField kPressConferenceFields[] = {
    {"held_on", "发布会日期", FactType::kDate, true, "格式：年-月-日。"},
    {"speakers", "发布人", FactType::kText, true, "姓名和职务，多人用顿号分隔。"},
    {"venue", "地点", FactType::kText, false, ""},
    {"topic", "发布主题", FactType::kText, false, ""},
};
constexpr FactField kInterviewFields[] = {
    {"held_on", "访谈日期", FactType::kDate, true, "格式：年-月-日。"},
    {"guests", "访谈嘉宾", FactType::kText, true, "姓名和职务，多人用顿号分隔。"},
    {"topic", "访谈主题", FactType::kText, false, ""},
    {"questions", "网民提问（条）", FactType::kCount, false, "访谈中回答的网民提问数。"},
};

struct KindFields {
  std::string_view kind;
  std::span<const FactField> fields;
};
constexpr KindFields kKindFields[] = {
    {"survey", kSurveyFields},
    {"exec_meeting", kExecMeetingFields},
    {"npc_result", kNpcFields},
    {"cppcc_result", kCppccFields},
    {"press_conference", kPressConferenceFields},
    {"interview", kInterviewFields},
};

// Pairs of (earlier, later) date fields of one kind.
constexpr std::pair<std::string_view, std::string_view> kDateOrder[] = {{"starts_on", "ends_on"}};

bool has_control_char(const std::string& s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string type_problem(const FactField& f, const std::string& value) {
  const std::string label(f.label);
  switch (f.type) {
    case FactType::kText:
      if (value.size() > kMaxShortFieldBytes)
        return label + "过长（不超过" + std::to_string(kMaxShortFieldBytes) + "字节）。";
      if (has_control_char(value, false)) return label + "不能包含换行或控制字符。";
      return "";
    case FactType::kLongText:
      if (value.size() > kMaxFactTextBytes)
        return label + "过长（不超过" + std::to_string(kMaxFactTextBytes) + "字节）。";
      if (has_control_char(value, true)) return label + "不能包含控制字符。";
      return "";
    case FactType::kDate:
      if (!Date::parse(value)) return label + "请按“年-月-日”填写有效日期，如 2026-03-01。";
      return "";
    case FactType::kCount: {
      int64_t n = -1;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size() || n < 0 || n > 10000000) {
        return label + "请填写0到10000000之间的整数。";
      }
      return "";
    }
    case FactType::kChoice:
      if (!find_term(f.choices, value)) return label + "请从列出的选项中选择。";
      return "";
  }
  return "";
}

}  // namespace

std::span<const FactField> kind_fields(std::string_view kind) {
  for (const KindFields& k : kKindFields) {
    if (k.kind == kind) return k.fields;
  }
  return {};
}

const FactField* find_kind_field(std::string_view kind, std::string_view code) {
  for (const FactField& f : kind_fields(kind)) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

bool is_fact_code(std::string_view code) {
  for (const KindFields& k : kKindFields) {
    for (const FactField& f : k.fields) {
      if (f.code == code) return true;
    }
  }
  return false;
}

std::string fact_display(const FactField& field, const std::string& value) {
  if (field.type != FactType::kChoice) return value;
  const Term* t = find_term(field.choices, value);
  return t ? std::string(t->label) : value;
}

std::vector<FieldError> validate_facts(std::string_view kind, const std::map<std::string, std::string>& facts,
                                       bool require_all) {
  std::vector<FieldError> errors;
  for (const auto& [code, value] : facts) {
    if (value.empty()) continue;
    const FactField* f = find_kind_field(kind, code);
    if (!f) {
      errors.push_back({"fact." + code, "“" + code + "”不是该信息类别的字段。"});
      continue;
    }
    if (std::string problem = type_problem(*f, value); !problem.empty())
      errors.push_back({"fact." + code, problem});
  }
  if (require_all) {
    for (const FactField& f : kind_fields(kind)) {
      auto it = facts.find(std::string(f.code));
      if (f.required && (it == facts.end() || it->second.empty())) {
        errors.push_back({"fact." + std::string(f.code), "请填写" + std::string(f.label) + "。"});
      }
    }
  }
  for (const auto& [earlier, later] : kDateOrder) {
    auto a = facts.find(std::string(earlier));
    auto b = facts.find(std::string(later));
    if (a == facts.end() || b == facts.end() || !find_kind_field(kind, later)) continue;
    std::optional<Date> from = Date::parse(a->second);
    std::optional<Date> to = Date::parse(b->second);
    if (from && to && *to < *from) {
      const FactField* f = find_kind_field(kind, later);
      errors.push_back({"fact." + b->first, std::string(f->label) + "不得早于" +
                                                std::string(find_kind_field(kind, earlier)->label) + "。"});
    }
  }
  return errors;
}

}  // namespace gongkai::domain
