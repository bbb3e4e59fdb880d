// Kind-specific item fields on the staff form and the item pages.
#include "web/kind_fields_view.h"

#include "domain/kind_fields.h"
#include "domain/vocabulary.h"
#include "web/form_values.h"

namespace gongkai::web {
namespace {

std::string kind_label(const std::string& kind) {
  const domain::Term* t = domain::find_term(domain::item_kinds(), kind);
  return t ? std::string(t->label) : kind;
}

}  // namespace

std::string fact_field_name(std::string_view code) {
  return "fact." + std::string(code);
}

void read_facts(const FormPairs& form, domain::ItemRecord& record) {
  record.facts.clear();
  for (const domain::FactField& f : domain::kind_fields(record.kind)) {
    std::string value = trimmed_field(form, fact_field_name(f.code));
    if (!value.empty()) record.facts[std::string(f.code)] = std::move(value);
  }
}

std::string facts_fieldset(const domain::ItemRecord& record, const std::vector<domain::FieldError>& errors) {
  const auto fields = domain::kind_fields(record.kind);
  if (fields.empty()) return "";
  Data d;
  d.set("legend", kind_label(record.kind) + "信息");
  Data rows = list();
  for (const domain::FactField& f : fields) {
    const std::string code(f.code);
    auto it = record.facts.find(code);
    const std::string value = it == record.facts.end() ? "" : it->second;
    Data fd;
    fd.set("code", code);
    fd.set("name", fact_field_name(f.code));
    fd.set("label", std::string(f.label));
    fd.set("value", value);
    fd.set("required", f.required);
    if (!f.hint.empty()) fd.set("hint", std::string(f.hint));
    fd.set("is_text", f.type == domain::FactType::kText);
    fd.set("is_long", f.type == domain::FactType::kLongText);
    fd.set("is_date", f.type == domain::FactType::kDate);
    fd.set("is_count", f.type == domain::FactType::kCount);
    fd.set("is_choice", f.type == domain::FactType::kChoice);
    Data choices = list();
    for (const domain::Term& t : f.choices) {
      Data cd;
      cd.set("code", std::string(t.code));
      cd.set("label", std::string(t.label));
      cd.set("selected", t.code == value);
      choices.push_back(cd);
    }
    fd.set("choices", choices);
    fd.set("none_selected", value.empty());
    for (const domain::FieldError& e : errors) {
      if (e.field == fact_field_name(f.code)) fd.set("error", e.message);
    }
    rows.push_back(fd);
  }
  d.set("fields", rows);
  return render("staff_item_facts", d);
}

void set_fact_rows(Data& data, const std::string& kind, const std::map<std::string, std::string>& facts) {
  Data rows = list();
  for (const domain::FactField& f : domain::kind_fields(kind)) {
    auto it = facts.find(std::string(f.code));
    if (it == facts.end() || it->second.empty()) continue;
    Data rd;
    rd.set("label", std::string(f.label));
    rd.set("value", domain::fact_display(f, it->second));
    rows.push_back(rd);
  }
  set_list(data, "facts", rows);
  data.set("facts_heading", kind_label(kind) + "信息");
}

}  // namespace gongkai::web
