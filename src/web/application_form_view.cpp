// Template data of the application forms.
#include "web/application_form_view.h"

#include "domain/outcomes.h"

namespace gongkai::web {
namespace {

Data choices(std::span<const domain::FormChoice> all, const std::string& chosen) {
  Data l = list();
  for (const domain::FormChoice& c : all) {
    Data d;
    d.set("code", std::string(c.code));
    d.set("label", std::string(c.label));
    d.set("checked", c.code == chosen);
    l.push_back(d);
  }
  return l;
}

}  // namespace

domain::ApplicationForm application_form_values(const FormPairs& fields) {
  domain::ApplicationForm a;
  a.body_code = field_value(fields, "body_code");
  a.applicant_type = field_value(fields, "applicant_type");
  a.applicant_name = field_value(fields, "applicant_name");
  a.id_number = field_value(fields, "id_number");
  a.phone = field_value(fields, "phone");
  a.address = field_value(fields, "address");
  a.request = field_value(fields, "request");
  a.doc_number = field_value(fields, "doc_number");
  a.form_wanted = field_value(fields, "form_wanted");
  a.delivery_wanted = field_value(fields, "delivery_wanted");
  return a;
}

std::string application_field_label(const std::string& field) {
  if (field == "challenge") return "验证";
  if (field == "channel") return "申请方式";
  if (field == "received_date") return "收到申请日期";
  if (field == "attachments") return "附件";
  for (const domain::FormField& f : domain::application_form_fields()) {
    if (f.name == field) return std::string(f.label);
  }
  return field;
}

Data application_form_data(const domain::ApplicationForm& values, const std::vector<store::BodyRow>& bodies,
                           const std::vector<domain::FieldError>& errors) {
  Data d;
  Data body_list = list();
  for (const store::BodyRow& b : bodies) {
    Data bd;
    bd.set("code", b.code);
    bd.set("name", b.name);
    bd.set("selected", b.code == values.body_code);
    body_list.push_back(bd);
  }
  d.set("bodies", body_list);
  Data types = list();
  for (const domain::ApplicantType& t : domain::applicant_types()) {
    Data td;
    td.set("code", std::string(t.code));
    td.set("label", t.organisation ? "法人或其他组织：" + std::string(t.label) : std::string(t.label));
    td.set("checked", t.code == values.applicant_type);
    types.push_back(td);
  }
  d.set("types", types);
  set_list(d, "forms", choices(domain::form_wanted_choices(), values.form_wanted));
  set_list(d, "deliveries", choices(domain::delivery_wanted_choices(), values.delivery_wanted));
  d.set("applicant_name", values.applicant_name);
  d.set("id_number", values.id_number);
  d.set("phone", values.phone);
  d.set("address", values.address);
  d.set("request", values.request);
  d.set("doc_number", values.doc_number);
  Data error_list = list();
  for (const domain::FieldError& e : errors) {
    Data ed;
    ed.set("field", e.field);
    ed.set("label", application_field_label(e.field));
    ed.set("message", e.message);
    error_list.push_back(ed);
    d.set("err_" + e.field, e.message);
  }
  set_list(d, "errors", error_list);
  return d;
}

}  // namespace gongkai::web
