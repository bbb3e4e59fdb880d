// An installation: a data directory (attachments, the SQLite file by default, later the search index) and the
// database it uses. Every command opens one through here.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace gongkai::services {

struct InstallationOptions {
  std::string data_dir;      // --data-dir; default ./gongkai-data or $GONGKAI_DATA_DIR
  std::string database_url;  // --database; default <data_dir>/gongkai.db or $GONGKAI_DATABASE
};

// Fills unset options from the environment and the defaults of spec/contracts.md.
InstallationOptions resolve_options(InstallationOptions given);

class Installation {
 public:
  // Opens an existing installation: the schema must be there (migrations are applied if the binary is newer).
  // kNotFound with a hint to run `gongkai init` if it is empty.
  static Result<std::unique_ptr<Installation>> open(const InstallationOptions& options);
  // Creates the data directory and schema if needed and loads the embedded holiday calendar. Idempotent.
  static Result<std::unique_ptr<Installation>> create(const InstallationOptions& options);

  const std::string& data_dir() const { return data_dir_; }
  std::string attachments_dir() const { return data_dir_ + "/attachments"; }
  store::Database& db() { return *db_; }
  // A connection for the calling thread's use.
  Result<std::unique_ptr<store::Connection>> connect() { return db_->connect(); }

 private:
  Installation(std::string data_dir, std::unique_ptr<store::Database> db)
      : data_dir_(std::move(data_dir)), db_(std::move(db)) {}
  static Result<std::unique_ptr<Installation>> open_impl(const InstallationOptions& options, bool create);
  std::string data_dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace gongkai::services
