// Repository of bodies (机构) and their columns (栏目). All SQL for them lives here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct BodyRow {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string type;
  std::optional<int64_t> parent_id;
  std::string parent_code;  // "" for a root
  std::string index_prefix;
  std::string index_pattern;
  std::string address, phone, postcode;
  int64_t sort_order = 0;
};

struct NewBody {
  std::string code, name, type;
  std::optional<int64_t> parent_id;
  std::string index_prefix, index_pattern;
  std::string address, phone, postcode;
  int64_t sort_order = 0;
};

// Inserts a body; kConflict if the code exists. Returns the new id.
Result<int64_t> insert_body(Connection& conn, const NewBody& body);
// How many bodies there are.
Result<int64_t> count_bodies(Connection& conn);
// All bodies, parents before children (ordered by tree depth, then sort_order, then code).
Result<std::vector<BodyRow>> list_bodies(Connection& conn);
// The body with `code`, or nullopt.
Result<std::optional<BodyRow>> find_body(Connection& conn, const std::string& code);

struct ColumnRow {
  int64_t id = 0;
  int64_t body_id = 0;
  std::optional<int64_t> parent_id;
  std::string name, path, type;
  std::optional<int64_t> update_interval_days;
  int64_t sort_order = 0;
};

// Inserts a column under `parent_id` (nullopt for a top-level column); path is parent path + "/" + name.
Result<int64_t> insert_column(Connection& conn, const ColumnRow& column);
Result<std::vector<ColumnRow>> list_columns(Connection& conn, int64_t body_id);
Result<std::optional<int64_t>> find_column(Connection& conn, int64_t body_id, const std::string& path);
// The column with `id` (any body), or nullopt.
Result<std::optional<ColumnRow>> find_column_by_id(Connection& conn, int64_t id);

}  // namespace gongkai::store
