// What an application for disclosure must contain (条例 Art. 29) as the public form asks it, and the checks of a
// submitted form with field-level messages in Chinese: the applicant's name or organisation name, the identity
// document (resident ID per GB 11643-1999 for a natural person, 统一社会信用代码 per GB 32100-2015 for an
// organisation), contact, the information sought (name, 文号 or description) and the form and delivery wanted.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/item.h"

namespace gongkai::domain {

// One field of the form, in the order of Art. 29.
struct FormField {
  std::string_view name;     // the form field's name ("applicant_name")
  std::string_view label;    // what the page shows ("姓名或名称")
  std::string_view clause;   // "条例第二十九条第（一）项"
  bool required;
};
std::span<const FormField> application_form_fields();

// A choice of 获取信息的方式 / 途径 (Art. 29（三）).
struct FormChoice {
  std::string_view code;
  std::string_view label;
};
std::span<const FormChoice> form_wanted_choices();      // paper, electronic
std::span<const FormChoice> delivery_wanted_choices();  // post, email, pickup, online
const FormChoice* find_choice(std::span<const FormChoice> choices, std::string_view code);

// A submitted public form (values as typed; trimming is check_application_form's business).
struct ApplicationForm {
  std::string body_code;
  std::string applicant_type;  // domain/outcomes applicant type code
  std::string applicant_name;
  std::string id_number;       // resident ID or credit code, by applicant type
  std::string phone;
  std::string address;         // postal address or e-mail address, as the delivery needs
  std::string request;         // description of the information sought
  std::string doc_number;      // 文号, optional
  std::string form_wanted;     // a form_wanted_choices() code
  std::string delivery_wanted; // a delivery_wanted_choices() code
};

// Every problem of `form`, one per field at most, with messages in Chinese saying what is wrong and how to fix it;
// empty when the form is complete. `today` bounds the birth date of a resident ID.
std::vector<FieldError> check_application_form(const ApplicationForm& form, Date today);

// The 身份证明 problem of `id_number` for `applicant_type` in Chinese ("" when it is valid).
std::string id_number_problem(std::string_view applicant_type, std::string_view id_number, Date today);

}  // namespace gongkai::domain
