// The kind-specific fields of the decision-making openness kinds (domain/kind_fields.h) on the web: reading
// them from the staff item form, the form's fieldset, and the rows the staff and public item pages show.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/item.h"
#include "web/templates.h"

namespace gongkai::web {

// The form field name of fact `code` ("fact.topic"), and the id of its input ("f-fact-topic").
std::string fact_field_name(std::string_view code);

// Sets record.facts from the submitted form: the "fact.<code>" fields of record.kind's fields only (facts of
// another kind, left over after the kind was changed, are dropped), trimmed.
void read_facts(const std::vector<std::pair<std::string, std::string>>& form, domain::ItemRecord& record);

// The fieldset of record.kind's fields for templates/staff_item_form.mustache (rendered HTML; "" for a kind
// without fields), with the messages of `errors` whose field is "fact.<code>" beside their inputs.
std::string facts_fieldset(const domain::ItemRecord& record, const std::vector<domain::FieldError>& errors);

// The facts of an item as rows {label, value} in form order (choice codes shown by their labels), and the
// flag has_facts, set on `data` under "facts" / "has_facts"; also "facts_heading" ("民意调查信息").
void set_fact_rows(Data& data, const std::string& kind, const std::map<std::string, std::string>& facts);

}  // namespace gongkai::web
