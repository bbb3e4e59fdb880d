// JSON and CSV mapping of ItemRecord.
#include "services/item_format.h"

#include <algorithm>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/kind_fields.h"

namespace gongkai::services {
namespace {

using domain::FieldError;
using domain::ItemRecord;
using nlohmann::json;

enum class FieldType { kText, kOptText, kBool, kList };

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required;
};

constexpr FieldSpec kFields[] = {
    {"index_number", FieldType::kOptText, false}, {"body", FieldType::kText, true},
    {"title", FieldType::kText, true},            {"publish_date", FieldType::kText, true},
    {"written_date", FieldType::kOptText, false}, {"doc_number", FieldType::kOptText, false},
    {"kind", FieldType::kText, false},            {"column", FieldType::kOptText, false},
    {"subject", FieldType::kOptText, false},      {"validity", FieldType::kOptText, false},
    {"validity_date", FieldType::kOptText, false}, {"superseded_by", FieldType::kOptText, false},
    {"channels", FieldType::kList, false},        {"key_area", FieldType::kBool, false},
    {"emergency", FieldType::kBool, false},       {"source_url", FieldType::kOptText, false},
    {"attachments", FieldType::kList, false},     {"interprets", FieldType::kOptText, false},
    {"interpretation_forms", FieldType::kList, false}, {"content", FieldType::kText, false},
};

// The JSON member with the kind's own fields (not a CSV column: one object per item).
constexpr const char* kFactsField = "facts";

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

// Pointers to the members of ItemRecord by field name.
std::string* text_member(ItemRecord& r, std::string_view name) {
  if (name == "body") return &r.body;
  if (name == "title") return &r.title;
  if (name == "publish_date") return &r.publish_date;
  if (name == "kind") return &r.kind;
  if (name == "content") return &r.content;
  return nullptr;
}
std::optional<std::string>* opt_member(ItemRecord& r, std::string_view name) {
  if (name == "index_number") return &r.index_number;
  if (name == "written_date") return &r.written_date;
  if (name == "doc_number") return &r.doc_number;
  if (name == "column") return &r.column;
  if (name == "subject") return &r.subject;
  if (name == "validity") return &r.validity;
  if (name == "validity_date") return &r.validity_date;
  if (name == "superseded_by") return &r.superseded_by;
  if (name == "source_url") return &r.source_url;
  if (name == "interprets") return &r.interprets;
  return nullptr;
}
bool* bool_member(ItemRecord& r, std::string_view name) {
  if (name == "key_area") return &r.key_area;
  if (name == "emergency") return &r.emergency;
  return nullptr;
}
std::vector<std::string>* list_member(ItemRecord& r, std::string_view name) {
  if (name == "channels") return &r.channels;
  if (name == "attachments") return &r.attachments;
  if (name == "interpretation_forms") return &r.interpretation_forms;
  return nullptr;
}

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

std::optional<bool> parse_bool(const std::string& s) {
  static const std::pair<const char*, bool> kWords[] = {
      {"true", true}, {"1", true}, {"yes", true}, {"是", true}, {"TRUE", true}, {"True", true},
      {"false", false}, {"0", false}, {"no", false}, {"否", false}, {"FALSE", false}, {"False", false},
  };
  for (auto [word, value] : kWords) {
    if (s == word) return value;
  }
  return std::nullopt;
}

std::vector<std::string> split_list(const std::string& s, std::string_view separators = ";,|") {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&]() {
    std::string t = trim(current);
    if (!t.empty()) out.push_back(t);
    current.clear();
  };
  for (size_t pos = 0; pos < s.size();) {
    if (separators.find(s[pos]) != std::string_view::npos) {
      flush();
      ++pos;
    } else if (separators.size() > 1 && s.compare(pos, 3, "、") == 0) {
      flush();
      pos += 3;
    } else {
      current += s[pos++];
    }
  }
  flush();
  return out;
}

std::string known_fields() {
  std::string s;
  for (const FieldSpec& f : kFields) s += (s.empty() ? "" : ", ") + std::string(f.name);
  return s;
}

// The kind's own fields (domain/kind_fields.h): an object of codes to strings, a JSON field or a CSV cell.
void read_facts(const json& object, ItemRecord& r, std::vector<FieldError>& errors) {
  if (!object.is_object()) {
    errors.push_back({kFactsField, "must be an object of field codes to strings"});
    return;
  }
  for (auto fact = object.begin(); fact != object.end(); ++fact) {
    if (!fact.value().is_string()) {
      errors.push_back({"fact." + fact.key(), "must be a string"});
      continue;
    }
    r.facts[fact.key()] = fact.value().get<std::string>();
  }
}

// A CSV column "fact.<code>": one of the kind's own fields, for spreadsheets (import only).
constexpr std::string_view kFactColumnPrefix = "fact.";
std::optional<std::string> fact_column(const std::string& name) {
  if (!name.starts_with(kFactColumnPrefix)) return std::nullopt;
  return name.substr(kFactColumnPrefix.size());
}

}  // namespace

const std::vector<std::string>& item_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c;
    for (const FieldSpec& f : kFields) c.emplace_back(f.name);
    c.emplace_back(kFactsField);
    return c;
  }();
  return columns;
}

ItemRecord item_from_json(const json& object, std::vector<FieldError>& errors) {
  ItemRecord r;
  if (!object.is_object()) {
    errors.push_back({"(line)", "is not a JSON object"});
    return r;
  }
  for (const FieldSpec& f : kFields) {
    if (f.required && !object.contains(f.name)) errors.push_back({f.name, "is required"});
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    if (key == kFactsField) {
      read_facts(it.value(), r, errors);
      continue;
    }
    const FieldSpec* spec = find_field(key);
    if (!spec) {
      errors.push_back({key, "is not a known field (known: " + known_fields() + ", " + kFactsField + ")"});
      continue;
    }
    const json& v = it.value();
    if (v.is_null()) continue;
    switch (spec->type) {
      case FieldType::kText:
      case FieldType::kOptText:
        if (!v.is_string()) {
          errors.push_back({key, "must be a string"});
        } else if (spec->type == FieldType::kText) {
          *text_member(r, key) = v.get<std::string>();
        } else {
          *opt_member(r, key) = v.get<std::string>();
        }
        break;
      case FieldType::kBool:
        if (v.is_boolean()) {
          *bool_member(r, key) = v.get<bool>();
        } else if (v.is_number_integer() && (v.get<int64_t>() == 0 || v.get<int64_t>() == 1)) {
          *bool_member(r, key) = v.get<int64_t>() == 1;
        } else {
          errors.push_back({key, "must be true or false"});
        }
        break;
      case FieldType::kList:
        if (!v.is_array()) {
          errors.push_back({key, "must be a list of strings"});
          break;
        }
        for (const json& e : v) {
          if (!e.is_string()) {
            errors.push_back({key, "must be a list of strings"});
            break;
          }
          list_member(r, key)->push_back(e.get<std::string>());
        }
        break;
    }
  }
  return r;
}

nlohmann::ordered_json item_to_json(const ItemRecord& r) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  ItemRecord& m = const_cast<ItemRecord&>(r);  // member lookup only; nothing is written
  for (const FieldSpec& f : kFields) {
    switch (f.type) {
      case FieldType::kText:
        if (f.required || !text_member(m, f.name)->empty()) j[f.name] = *text_member(m, f.name);
        break;
      case FieldType::kOptText:
        if (auto* o = opt_member(m, f.name); o->has_value()) j[f.name] = **o;
        break;
      case FieldType::kBool:
        j[f.name] = *bool_member(m, f.name);
        break;
      case FieldType::kList:
        if (auto* l = list_member(m, f.name); !l->empty()) j[f.name] = *l;
        break;
    }
  }
  if (!r.facts.empty()) j[kFactsField] = r.facts;
  return j;
}

std::vector<FieldError> check_csv_header(const std::vector<std::string>& header) {
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (const std::string& raw : header) {
    std::string name = trim(raw);
    const std::optional<std::string> fact = fact_column(name);
    if (fact && !domain::is_fact_code(*fact)) {
      errors.push_back({name, "names no field of any kind (see docs/policy.md: topic, starts_on, meeting, …)"});
    } else if (!fact && !find_field(name) && name != kFactsField) {
      errors.push_back({name.empty() ? "(empty)" : name,
                        "is not a known column (known: " + known_fields() + ", " + kFactsField + ", fact.<code>)"});
    } else if (!seen.insert(name).second) {
      errors.push_back({name, "appears twice in the header"});
    }
  }
  for (const FieldSpec& f : kFields) {
    if (f.required && !seen.count(f.name)) errors.push_back({f.name, "column is required"});
  }
  return errors;
}

ItemRecord item_from_csv(const std::vector<std::string>& header, const std::vector<std::string>& fields,
                         std::vector<FieldError>& errors) {
  ItemRecord r;
  if (fields.size() != header.size()) {
    errors.push_back({"(line)", "has " + std::to_string(fields.size()) + " fields, the header has " +
                                    std::to_string(header.size())});
    return r;
  }
  for (size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const std::string name = trim(header[column_idx]);
    const std::string& value = fields[column_idx];
    if (name == kFactsField && !value.empty()) {  // a JSON object, as export writes it
      read_facts(nlohmann::json::parse(value, nullptr, false), r, errors);
      continue;
    }
    if (const std::optional<std::string> fact = fact_column(name)) {
      if (!value.empty()) r.facts[*fact] = value;
      continue;
    }
    const FieldSpec* spec = find_field(name);
    if (!spec) continue;  // reported by check_csv_header
    if (value.empty()) {
      if (spec->required) errors.push_back({name, "is required"});
      continue;
    }
    switch (spec->type) {
      case FieldType::kText:
        *text_member(r, name) = value;
        break;
      case FieldType::kOptText:
        *opt_member(r, name) = value;
        break;
      case FieldType::kBool: {
        std::optional<bool> b = parse_bool(trim(value));
        if (!b) {
          errors.push_back({name, "'" + value + "' is not true/false (also 1/0, yes/no, 是/否)"});
        } else {
          *bool_member(r, name) = *b;
        }
        break;
      }
      case FieldType::kList: {
        // A cell starting with '[' is a JSON array of strings (how export writes names holding ';').
        if (value.front() == '[') {
          nlohmann::json array = nlohmann::json::parse(value, nullptr, false);
          bool ok = array.is_array();
          for (const auto& e : array) ok = ok && e.is_string();
          if (!ok) {
            errors.push_back({name, "starts with '[' but is not a JSON list of strings"});
            break;
          }
          for (const auto& e : array) list_member(r, name)->push_back(e.get<std::string>());
          break;
        }
        // Channels and forms are codes: any common separator. File names may hold ',' '|' '、': only ';' separates them.
        *list_member(r, name) =
            name == "channels" || name == "interpretation_forms" ? split_list(value) : split_list(value, ";");
        break;
      }
    }
  }
  return r;
}

std::vector<std::string> item_to_csv(const ItemRecord& r) {
  std::vector<std::string> out;
  ItemRecord& m = const_cast<ItemRecord&>(r);  // member lookup only; nothing is written
  for (const FieldSpec& f : kFields) {
    switch (f.type) {
      case FieldType::kText:
        out.push_back(*text_member(m, f.name));
        break;
      case FieldType::kOptText:
        out.push_back(opt_member(m, f.name)->value_or(""));
        break;
      case FieldType::kBool:
        out.push_back(*bool_member(m, f.name) ? "true" : "false");
        break;
      case FieldType::kList: {
        const std::vector<std::string>& list = *list_member(m, f.name);
        bool plain = true;
        for (const std::string& e : list) plain = plain && e.find(';') == std::string::npos && !e.starts_with('[');
        if (!plain) {
          out.push_back(nlohmann::json(list).dump());
          break;
        }
        std::string joined;
        for (const std::string& e : list) joined += (joined.empty() ? "" : ";") + e;
        out.push_back(joined);
        break;
      }
    }
  }
  out.push_back(r.facts.empty() ? std::string() : nlohmann::json(r.facts).dump());
  return out;
}

}  // namespace gongkai::services
