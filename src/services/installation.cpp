// Opening and creating installations.
#include "services/installation.h"

#include <cstdlib>
#include <filesystem>

#include "common/embedded.h"
#include "domain/calendar.h"
#include "store/calendar.h"
#include "store/migrations.h"

namespace gongkai::services {

namespace fs = std::filesystem;

InstallationOptions resolve_options(InstallationOptions o) {
  if (o.data_dir.empty()) {
    const char* env = std::getenv("GONGKAI_DATA_DIR");
    o.data_dir = env && *env ? env : "./gongkai-data";
  }
  if (o.database_url.empty()) {
    const char* env = std::getenv("GONGKAI_DATABASE");
    o.database_url = env && *env ? env : o.data_dir + "/gongkai.db";
  }
  return o;
}

Result<std::unique_ptr<Installation>> Installation::open(const InstallationOptions& options) {
  return open_impl(resolve_options(options), false);
}

Result<std::unique_ptr<Installation>> Installation::create(const InstallationOptions& options) {
  return open_impl(resolve_options(options), true);
}

Result<std::unique_ptr<Installation>> Installation::open_impl(const InstallationOptions& o, bool create) {
  const bool is_sqlite = !(o.database_url.starts_with("postgresql://") || o.database_url.starts_with("postgres://"));
  std::error_code ec;
  if (create) {
    fs::create_directories(o.data_dir + "/attachments", ec);
    if (ec) return Status::io("cannot create data directory " + o.data_dir + ": " + ec.message());
  } else if (is_sqlite && !fs::exists(o.database_url.starts_with("sqlite:") ? o.database_url.substr(7) : o.database_url)) {
    return Status::not_found("no installation at " + o.database_url + " (run `gongkai init` or `gongkai demo` first, "
                             "or pass --data-dir / --database)");
  }
  Result<std::unique_ptr<store::Database>> db = store::open_database(o.database_url);
  if (!db) return db.status();
  Result<std::unique_ptr<store::Connection>> conn = (*db)->connect();
  if (!conn) return conn.status();
  Result<int> version = store::schema_version(**conn);
  if (!version) return version.status();
  if (*version == 0 && !create) {
    return Status::not_found("the database " + (*db)->describe() + " has no gongkai schema (run `gongkai init`)");
  }
  Result<store::MigrationReport> migrated = store::migrate(**conn);
  if (!migrated) return migrated.status();
  if (create) {
    Result<int64_t> years = store::count_calendar_years(**conn);
    if (!years) return years.status();
    if (*years == 0) {
      Result<std::vector<domain::CalendarEntry>> entries =
          domain::parse_calendar(embedded::holiday_calendar(), "holidays-cn.txt (embedded)");
      if (!entries) return entries.status();
      store::Transaction tx(**conn, store::TxMode::kWrite);
      GK_RETURN_IF_ERROR(tx.status());
      GK_RETURN_IF_ERROR(store::replace_calendar_years(**conn, *entries));
      GK_RETURN_IF_ERROR(tx.commit());
    }
  }
  return std::unique_ptr<Installation>(new Installation(o.data_dir, std::move(*db)));
}

}  // namespace gongkai::services
