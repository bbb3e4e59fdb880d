// `gongkai demo`: the fictional 示例县 with its government, office, 17 departments and 19 townships, their columns,
// and items reproducing every 2020 figure of spec/seed-figures.md that the records hold, plus the current year.
#pragma once

#include <cstdint>
#include <string>

#include "services/installation.h"

namespace gongkai::services {

struct DemoOptions {
  bool force = false;      // replace an existing installation
  int scale = 1;           // multiplies item volume (benchmarks); the seed figures hold for scale 1
  uint64_t seed = 20201231;
  std::string today;       // YYYY-MM-DD, default china_today(): the current year runs up to it
  bool progress = true;
};

struct DemoReport {
  int bodies = 0;
  int64_t items = 0;
  int64_t items_2020 = 0;
  double seconds = 0;
};

// Creates the demo installation. kConflict if the installation already has bodies and !force.
Result<DemoReport> create_demo(const InstallationOptions& where, const DemoOptions& options);

}  // namespace gongkai::services
