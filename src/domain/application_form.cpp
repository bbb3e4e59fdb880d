// Art. 29 as a table of fields, and the checks of the public form.
#include "domain/application_form.h"

#include "domain/id_numbers.h"
#include "domain/outcomes.h"

namespace gongkai::domain {
namespace {

constexpr FormField kFields[] = {
    {"applicant_type", "申请人类型", "条例第二十九条第（一）项", true},
    {"applicant_name", "姓名或名称", "条例第二十九条第（一）项", true},
    {"id_number", "身份证明", "条例第二十九条第（一）项", true},
    {"phone", "联系电话", "条例第二十九条第（一）项", true},
    {"address", "通信地址或电子邮箱", "条例第二十九条第（一）项", false},
    {"body_code", "申请公开的机关", "条例第二十七条", true},
    {"request", "所需信息的名称或特征性描述", "条例第二十九条第（二）项", true},
    {"doc_number", "文号", "条例第二十九条第（二）项", false},
    {"form_wanted", "信息的提供形式", "条例第二十九条第（三）项", true},
    {"delivery_wanted", "获取信息的途径", "条例第二十九条第（三）项", true},
};

constexpr FormChoice kForms[] = {{"paper", "纸质文本"}, {"electronic", "电子文档"}};
constexpr FormChoice kDeliveries[] = {
    {"post", "邮寄"}, {"email", "电子邮件"}, {"pickup", "当面领取"}, {"online", "网上获取"}};

std::string trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The number after `marker` in `message` ("found 17" → "17"), or "".
std::string number_after(const std::string& message, std::string_view marker) {
  const size_t at = message.find(marker);
  if (at == std::string::npos) return "";
  size_t pos = at + marker.size();
  std::string digits;
  while (pos < message.size() && message[pos] >= '0' && message[pos] <= '9') digits += message[pos++];
  return digits;
}

// domain/id_numbers messages (English, for logs and imports) in the words of the form.
std::string in_chinese(const std::string& message, std::string_view what) {
  const std::string w(what);
  if (message.find("full-width") != std::string::npos) return w + "请使用半角数字和字母（不要使用全角字符）。";
  if (message.find("must be 18 characters") != std::string::npos) {
    return w + "应为18位，您填写了" + number_after(message, "found ") + "位。";
  }
  if (message.find("birth date") != std::string::npos) {
    if (message.find("future") != std::string::npos) return w + "中的出生日期（第7至14位）晚于今天，请核对。";
    return w + "中的出生日期（第7至14位）不是有效日期，请核对。";
  }
  if (message.find("checksum") != std::string::npos) return w + "校验位（第18位）不正确，请逐位核对号码。";
  if (message.find("character ") != std::string::npos) {
    return w + "第" + number_after(message, "character ") + "位字符不正确，请核对。";
  }
  return w + "格式不正确，请核对。";
}

}  // namespace

std::span<const FormField> application_form_fields() { return kFields; }
std::span<const FormChoice> form_wanted_choices() { return kForms; }
std::span<const FormChoice> delivery_wanted_choices() { return kDeliveries; }

const FormChoice* find_choice(std::span<const FormChoice> choices, std::string_view code) {
  for (const FormChoice& c : choices) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::string id_number_problem(std::string_view applicant_type, std::string_view id_number, Date today) {
  const ApplicantType* type = find_applicant_type(applicant_type);
  if (!type) return "";
  if (type->organisation) {
    Status s = check_credit_code(id_number);
    return s ? "" : in_chinese(s.message(), "统一社会信用代码");
  }
  Status s = check_resident_id(id_number, today);
  return s ? "" : in_chinese(s.message(), "居民身份证号码");
}

std::vector<FieldError> check_application_form(const ApplicationForm& form, Date today) {
  std::vector<FieldError> errors;
  auto problem = [&](std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); };
  const ApplicantType* type = find_applicant_type(form.applicant_type);
  if (!type) problem("applicant_type", "请选择申请人类型：自然人，或法人或其他组织的类别。");
  const std::string name = trim(form.applicant_name);
  if (name.empty()) {
    problem("applicant_name", type && type->organisation ? "请填写法人或其他组织的名称。" : "请填写申请人姓名。");
  } else if (name.size() > 300) {
    problem("applicant_name", "姓名或名称过长（不超过100个汉字）。");
  }
  const std::string id = trim(form.id_number);
  if (id.empty()) {
    problem("id_number", type && type->organisation ? "请填写统一社会信用代码（条例第二十九条：身份证明）。"
                                                    : "请填写居民身份证号码（条例第二十九条：身份证明）。");
  } else if (type) {
    if (std::string p = id_number_problem(form.applicant_type, id, today); !p.empty()) problem("id_number", p);
  }
  const std::string phone = trim(form.phone);
  if (phone.empty()) {
    problem("phone", "请填写联系电话，以便机关与您确认申请。");
  } else if (phone.size() < 5 || phone.size() > 40 || phone.find_first_not_of("0123456789-+() ") != std::string::npos) {
    problem("phone", "联系电话只能包含数字、空格和“-”“+”“（）”，请核对。");
  }
  const std::string address = trim(form.address);
  if (address.size() > 600) problem("address", "地址过长（不超过200个汉字）。");
  if (trim(form.body_code).empty()) problem("body_code", "请选择向哪个机关申请。");
  const std::string request = trim(form.request);
  if (request.empty()) {
    problem("request", "请写明所需政府信息的名称、文号或便于查询的其他特征性描述（条例第二十九条第（二）项）。");
  } else if (request.size() > 6000) {
    problem("request", "描述过长（不超过2000个汉字）；内容较多时请分别申请（一事一申请）。");
  }
  if (trim(form.doc_number).size() > 200) problem("doc_number", "文号过长。");
  if (!find_choice(kForms, form.form_wanted)) problem("form_wanted", "请选择信息的提供形式（纸质或电子）。");
  const FormChoice* delivery = find_choice(kDeliveries, form.delivery_wanted);
  if (!delivery) {
    problem("delivery_wanted", "请选择获取信息的途径。");
  } else if (delivery->code == std::string_view("post") && address.empty()) {
    problem("address", "选择邮寄时请填写通信地址。");
  } else if (delivery->code == std::string_view("email") && address.find('@') == std::string::npos) {
    problem("address", "选择电子邮件时请在此填写电子邮箱地址。");
  }
  return errors;
}

}  // namespace gongkai::domain
