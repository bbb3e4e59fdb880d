// Repository of installation settings (the key/value `settings` table of migration 001). Only SQL lives here.
#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace gongkai::store {

// The value of setting `key`, or nullopt when it is not set.
Result<std::optional<std::string>> get_setting(Connection& conn, const std::string& key);

// Stores `key` = `value` unless the key is already set, and returns the value that is stored afterwards (the
// existing one when another node or process was first). Safe under concurrency on both dialects.
Result<std::string> setting_or_insert(Connection& conn, const std::string& key, const std::string& value);

}  // namespace gongkai::store
