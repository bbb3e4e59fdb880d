// Who runs a command, for the audit log: the command line is the operator's tool, trusted like `gongkai user`
// (whoever runs gongkai can write its database anyway), and every change it makes is recorded as "cli:<os
// user>".
#pragma once

#include <string>

namespace gongkai::cli {

// The operator's OS account name (from the effective uid; "uid<N>" when it has no name).
std::string os_user();

// The audit label of the operator: "cli:<os user>".
inline std::string operator_label() {
  return "cli:" + os_user();
}

}  // namespace gongkai::cli
