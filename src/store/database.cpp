// Shared parts of the store interface: value helpers, typed row getters, and the URL dispatch.
#include "store/database.h"

#include <charconv>
#include <cstdlib>

#include "store/postgresql_database.h"
#include "store/sqlite_database.h"

namespace gongkai::store {

Value null_if_empty(const std::string& s) { return s.empty() ? kNull : Value(s); }
Value opt(const std::optional<std::string>& s) { return s ? Value(*s) : kNull; }
Value opt(const std::optional<int64_t>& v) { return v ? Value(*v) : kNull; }

bool Row::is_null(size_t column_idx) const {
  return std::holds_alternative<std::monostate>(values_.at(column_idx));
}

int64_t Row::get_int(size_t column_idx) const {
  const Value& v = values_.at(column_idx);
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::get_double(size_t column_idx) const {
  const Value& v = values_.at(column_idx);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Row::get_text(size_t column_idx) const {
  const Value& v = values_.at(column_idx);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "";
}

std::optional<std::string> Row::get_opt_text(size_t column_idx) const {
  if (is_null(column_idx)) return std::nullopt;
  return get_text(column_idx);
}

Status Connection::exec(std::string_view sql, std::span<const Value> params) {
  Result<Rows> rows = query(sql, params);
  return rows.status();
}

Result<int64_t> Connection::query_int(std::string_view sql, std::initializer_list<Value> params) {
  Result<Rows> rows = query(sql, params);
  if (!rows) return rows.status();
  if (rows->empty() || rows->front().size() == 0) {
    return Status::internal("query returned no row: " + std::string(sql));
  }
  return rows->front().get_int(0);
}

Result<std::unique_ptr<Database>> open_database(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return open_postgresql(url);
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) return Status::invalid("empty database path");
  return open_sqlite(path);
}

}  // namespace gongkai::store
