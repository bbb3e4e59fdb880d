// The installation-wide secret that signs the challenge tokens of public forms (web/abuse_guard). Kept in the
// database's settings, so every node of a multi-node installation checks every other node's tokens.
#pragma once

#include <string>

#include "services/installation.h"

namespace gongkai::services {

// The 32-byte challenge key (as 64 hex characters), created at random on first use in its own transaction.
// Fails with the store's status when the database cannot be read or written.
Result<std::string> form_challenge_key(Installation& inst);

}  // namespace gongkai::services
