// The demo county's yearly table 二 figures (行政许可, 处罚, 强制, 收费, 采购) for 2020, entered through the same
// validated path as `gongkai report figures set|import`.
#pragma once

#include "common/status.h"
#include "store/database.h"

namespace gongkai::services {

// Writes the figures on `conn`, which must be in a write transaction; the demo bodies must exist.
Status add_demo_report_figures(store::Connection& conn);

}  // namespace gongkai::services
