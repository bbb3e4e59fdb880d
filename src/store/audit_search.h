// Searching the audit log (audit_log, migration 002) for the staff audit pages: by who, what, when and target,
// within a set of bodies, newest first, paged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/audit.h"
#include "store/database.h"

namespace gongkai::store {

struct AuditFilter {
  // Entries of these bodies; with include_unscoped also entries with no body (installation-wide changes).
  std::vector<int64_t> body_ids;
  bool include_unscoped = false;
  std::optional<std::string> actor;        // a part of the actor's label (login), case-sensitive
  std::optional<std::string> action;       // an action or its prefix: "item" matches "item.update"
  std::optional<std::string> entity_type;  // exact
  std::optional<std::string> entity_id;    // exact
  std::optional<std::string> from_date;    // YYYY-MM-DD, UTC, inclusive
  std::optional<std::string> to_date;      // YYYY-MM-DD, UTC, inclusive
  int64_t offset = 0;
  int64_t limit = 50;
};

struct AuditPage {
  std::vector<AuditRow> rows;  // newest first
  int64_t total = 0;
};

Result<AuditPage> search_audit(Connection& conn, const AuditFilter& filter);

}  // namespace gongkai::store
