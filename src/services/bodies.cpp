// Body validation and creation.
#include "services/bodies.h"

#include "domain/index_number.h"
#include "domain/vocabulary.h"

namespace gongkai::services {

Result<int64_t> add_body(store::Connection& conn, const BodySpec& spec) {
  if (spec.code.empty() || spec.code.size() > 64) return Status::invalid("body code must be 1-64 characters");
  for (char c : spec.code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return Status::invalid("body code '" + spec.code + "' may only hold letters, digits, '-', '_' and '.'");
  }
  if (spec.name.empty()) return Status::invalid("body name is required");
  if (!domain::find_term(domain::body_types(), spec.type)) {
    return Status::invalid("body type '" + spec.type + "' is not one of " + domain::list_codes(domain::body_types()));
  }
  store::NewBody body;
  body.code = spec.code;
  body.name = spec.name;
  body.type = spec.type;
  body.index_prefix = spec.index_prefix.empty() ? spec.code : spec.index_prefix;
  body.index_pattern = spec.index_pattern.empty() ? std::string(domain::kDefaultIndexPattern) : spec.index_pattern;
  GK_RETURN_IF_ERROR(domain::validate_index_pattern(body.index_pattern));
  body.address = spec.address;
  body.phone = spec.phone;
  body.postcode = spec.postcode;
  body.sort_order = spec.sort_order;
  if (!spec.parent_code.empty()) {
    Result<std::optional<store::BodyRow>> parent = store::find_body(conn, spec.parent_code);
    if (!parent) return parent.status();
    if (!*parent) return Status::invalid("parent body '" + spec.parent_code + "' does not exist");
    body.parent_id = (*parent)->id;
  }
  return store::insert_body(conn, body);
}

}  // namespace gongkai::services
