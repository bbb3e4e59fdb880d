// Validity changes: domain rule, then store.
#include "services/validity.h"

#include "common/clock.h"
#include "domain/validity.h"
#include "store/cleanup.h"
#include "store/items.h"

namespace gongkai::services {

Status change_validity(store::Connection& conn, const ValidityUpdate& u) {
  Result<std::optional<store::ItemValidity>> current = store::find_item_validity(conn, u.item_id);
  if (!current) return current.status();
  if (!*current) return Status::not_found("no item with id " + std::to_string(u.item_id));
  std::optional<domain::Date> effective = domain::Date::parse(u.effective_on);
  if (!effective) return Status::invalid("'" + u.effective_on + "' is not a valid date (YYYY-MM-DD)");
  std::optional<domain::Date> published = domain::Date::parse((*current)->publish_date);
  if (!published) return Status::internal("item " + std::to_string(u.item_id) + " has a bad publish_date");
  domain::ValidityChange change{(*current)->validity, u.to, *effective, *published, u.superseded_by.has_value()};
  GK_RETURN_IF_ERROR(domain::check_validity_change(change));
  GK_RETURN_IF_ERROR(store::update_item_validity(conn, u.item_id, u.to, u.effective_on, u.superseded_by));
  return store::insert_validity_event(conn, u.item_id, (*current)->validity, u.to, u.effective_on, u.superseded_by,
                                      u.reason, utc_now_iso());
}

}  // namespace gongkai::services
