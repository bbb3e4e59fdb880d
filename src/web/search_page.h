// Search on the portal: the /search page (facets, sorting, paging, suggestions) and GET /api/v1/search
// (the contract JSON of spec/contracts.md). Each worker thread keeps its own index reader and refreshes it
// every few seconds, so queries never reopen the index.
#pragma once

#include "http/http.h"
#include "services/installation.h"
#include "web/portal.h"

namespace gongkai::web {

// Adds GET /search and GET /api/v1/search to `router`. `portal` (for the page chrome) and `inst` must outlive
// the router's use.
void register_search_routes(http::Router& router, Portal& portal, services::Installation& inst);

}  // namespace gongkai::web
