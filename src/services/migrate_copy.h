// `gongkai migrate --to postgresql://…`: moves an installation from its SQLite file to a PostgreSQL database
// (the scale-out path of DESIGN.md) in one transaction, and proves the copy table by table before committing
// it.
//
// What is copied: every table the migrations created (read from the SQLite schema, so new tables are copied
// without changes here), with their ids. Attachment files stay in <data-dir>/attachments: the PostgreSQL
// installation uses them through the same --data-dir. The installation is read in one snapshot: changes
// written to it after the copy began stay behind, so stop `gongkai serve` first (verify_installation_copy
// detects them).
//
// The checksum of a table is the hex SHA-256 over the SHA-256 digests of its rows in ascending byte order, a
// row being serialised column by column (declaration order) as "N" for NULL or "V<length>:<text>" with the
// text of store::Row::get_text. Sorting the digests makes it independent of row order, hence of the
// PostgreSQL database's text collation, and defined for tables without a primary key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/installation.h"

namespace gongkai::services {

struct CopyOptions {
  bool progress = true;      // draw progress bars when stderr is a terminal
  size_t batch_rows = 1000;  // rows read (and written) per round trip
};

// One table, as found in the installation and in the target.
struct TableCopy {
  std::string name;
  int64_t rows = 0;         // in the installation
  std::string checksum;     // of the installation's rows
  int64_t target_rows = 0;  // in the target after copying
  std::string target_checksum;
  bool verified() const { return rows == target_rows && checksum == target_checksum; }
};

struct CopyReport {
  std::string source;             // the installation's database, described without secrets
  std::string target;             // the target database, described without secrets (host:port/dbname)
  std::vector<TableCopy> tables;  // in copy order: each table after the tables it references
  bool verified = false;          // every table verified
  int64_t rows = 0;               // rows in all tables of the installation
  double seconds = 0;
  // The first table that failed verification, or nullptr.
  const TableCopy* first_mismatch() const;
};

// Copies the installation `source` (SQLite) into the PostgreSQL database at `target_url`: migrates the
// target's schema, then in one transaction (holding every table against other writers) checks that the target
// holds no rows, copies every table in foreign-key order keeping ids, moves each id sequence past the largest
// id, refreshes the planner statistics (ANALYZE), and compares row counts and checksums of every table on
// both sides. Commits only if every table matches; otherwise rolls back and returns the report with verified
// == false (the target is left as it was). Failures (nothing committed): kInvalid if the source is not
// SQLite, the URL is not postgresql://…, or the target holds tables of another schema; kConflict naming a
// table if the target already holds rows; kIo if the server cannot be reached; kInternal for other database
// errors.
Result<CopyReport> copy_installation(Installation& source, const std::string& target_url,
                                     const CopyOptions& options);

// Compares the installation with the PostgreSQL database at `target_url` without changing either: the same
// report as copy_installation, verified telling whether every table matches. kNotFound if the target has no
// gongkai schema.
Result<CopyReport> verify_installation_copy(Installation& source, const std::string& target_url,
                                            const CopyOptions& options);

}  // namespace gongkai::services
