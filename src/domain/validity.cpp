// Validity transitions as a table.
#include "domain/validity.h"

#include "domain/vocabulary.h"

namespace gongkai::domain {
namespace {

struct Transition {
  std::string_view from;  // "" = no validity yet
  std::string_view to;
  bool needs_successor;
};

constexpr Transition kTransitions[] = {
    {"", "有效", false},
    {"", "修订后有效", true},
    {"", "失效", false},
    {"", "废止", false},
    {"有效", "修订后有效", true},
    {"有效", "失效", false},
    {"有效", "废止", false},
    {"修订后有效", "修订后有效", true},
    {"修订后有效", "失效", false},
    {"修订后有效", "废止", false},
};

}  // namespace

bool is_validity(std::string_view value) { return find_term(validities(), value) != nullptr; }

Status check_validity_change(const ValidityChange& change) {
  if (!is_validity(change.to)) {
    return Status::invalid("unknown validity '" + change.to + "' (expected one of " + list_codes(validities()) + ")");
  }
  const std::string from = change.from.value_or("");
  const Transition* rule = nullptr;
  for (const Transition& t : kTransitions) {
    if (t.from == from && t.to == change.to) rule = &t;
  }
  if (!rule) {
    if (from == "失效" || from == "废止") {
      return Status::invalid("document is already " + from + "; a " + from + " document cannot change validity");
    }
    return Status::invalid("validity cannot change from " + (from.empty() ? std::string("(none)") : from) + " to " +
                           change.to);
  }
  if (rule->needs_successor && !change.has_successor) {
    return Status::invalid("修订后有效 needs the amending document to be linked");
  }
  if (change.effective_on < change.published_on) {
    return Status::invalid("validity change date " + change.effective_on.to_string() +
                           " is before the document was published (" + change.published_on.to_string() + ")");
  }
  return Status::ok();
}

}  // namespace gongkai::domain
