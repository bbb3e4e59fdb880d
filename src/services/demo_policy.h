// The demo county's policy library and consultations: filing records for 19 of the 20 normative documents of 2020
// (seed 一（二）: 19 filed), filings for current-year documents, and comment periods, comments and published
// feedback for the consultations — all 37 of 2020 with feedback (seed: 37 / 37), current-year ones open or
// answered.
#pragma once

#include "domain/date.h"
#include "store/database.h"

namespace gongkai::services {

// Writes the records on `conn`, which must be inside the demo's write transaction, after its items. Deterministic.
Status add_demo_policy(store::Connection& conn, domain::Date today);

}  // namespace gongkai::services
