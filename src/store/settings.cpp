// Settings: SQL.
#include "store/settings.h"

namespace gongkai::store {

Result<std::optional<std::string>> get_setting(Connection& conn, const std::string& key) {
  Result<Rows> rows = conn.query("SELECT value FROM settings WHERE key = ?", {key});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().get_text(0));
}

Result<std::string> setting_or_insert(Connection& conn, const std::string& key, const std::string& value) {
  GK_RETURN_IF_ERROR(conn.exec("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                               {key, value}));
  Result<std::optional<std::string>> stored = get_setting(conn, key);
  if (!stored) return stored.status();
  if (!*stored) return Status::internal("setting " + key + " vanished after it was written");
  return **stored;
}

}  // namespace gongkai::store
