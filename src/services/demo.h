// `gongkai demo`: the fictional 示例县 with its government, office, 17 departments and 19 townships, their columns,
// and items reproducing every 2020 figure of spec/seed-figures.md that the records hold, plus the current year.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/installation.h"

namespace gongkai::services {

struct DemoOptions {
  bool force = false;      // replace an existing installation
  int scale = 1;           // multiplies item volume (benchmarks); the seed figures hold for scale 1
  uint64_t seed = 20201231;
  std::string today;       // YYYY-MM-DD, default china_today(): the current year runs up to it
  bool progress = true;
};

// A staff account of the demo county. The passwords are fixed (the demo is deterministic and public): never
// use a demo installation with real data.
struct DemoLogin {
  std::string login, password, role_label, body_name;
};
// The demo staff accounts: an editor and a reviewer of the education bureau, a clerk of the county disclosure
// office, and the platform administrator.
const std::vector<DemoLogin>& demo_logins();

struct DemoReport {
  std::vector<DemoLogin> logins;
  int bodies = 0;
  int64_t items = 0;
  int64_t items_2020 = 0;
  double seconds = 0;
};

// Creates the demo installation. kConflict if the installation already has bodies and !force.
Result<DemoReport> create_demo(const InstallationOptions& where, const DemoOptions& options);

}  // namespace gongkai::services
