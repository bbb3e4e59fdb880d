// The template data of an application form (条例 Art. 29) shared by the public form (/apply) and the staff
// registration form (/staff/cases/new): the bodies to choose from, applicant types, form and delivery choices,
// the values typed and the field-level errors.
#pragma once

#include <vector>

#include "domain/application_form.h"
#include "store/bodies.h"
#include "web/form_values.h"
#include "web/templates.h"

namespace gongkai::web {

// The values typed into an application form's fields (body_code, applicant_type, … delivery_wanted), untrimmed.
domain::ApplicationForm application_form_values(const FormPairs& fields);

// Sets bodies, types, forms, deliveries, the typed values, errors / has_errors and err_<field> in a new Data.
Data application_form_data(const domain::ApplicationForm& values, const std::vector<store::BodyRow>& bodies,
                           const std::vector<domain::FieldError>& errors);

// The label of a form field for the error summary ("身份证明"); "验证" for the challenge.
std::string application_field_label(const std::string& field);

}  // namespace gongkai::web
