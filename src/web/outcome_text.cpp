// Outcome labels (see outcome_text.h).
#include "web/outcome_text.h"

#include "domain/outcomes.h"

namespace gongkai::web {

std::string outcome_text(const std::string& code) {
  const domain::Outcome* o = domain::find_outcome(code);
  if (!o) return code;
  return std::string(o->group) + (o->group.empty() ? "" : " ") + std::string(o->label);
}

}  // namespace gongkai::web
