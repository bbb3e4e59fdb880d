// The store interface on PostgreSQL through libpq, so that many gongkai nodes can share one database.
//
// SQL arrives with '?' placeholders and is rewritten to $1, $2, ... once per connection, then prepared under
// a generated name and reused (bulk loops prepare once). Parameters travel as text and the server infers
// their types from context; results come back as text and are turned into int64/double for numeric columns,
// so callers see the same Value alternatives as with SQLite.
#include "store/postgresql_database.h"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongkai::store {
namespace {

// Built-in type OIDs (src/include/catalog/pg_type.dat); stable across server versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// More distinct SQL texts than this on one connection means SQL is being built with values inlined; the cache
// is then emptied rather than allowed to grow without bound.
constexpr size_t kMaxCachedStatements = 1000;

constexpr const char* kConnectTimeoutSeconds = "10";

// `text` on one line: libpq's multi-line messages ("...\n\tIs the server running...") joined with single
// spaces, trailing whitespace removed.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string short_sql(std::string_view sql) {
  std::string s(sql.substr(0, 120));
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}

// `text` with every occurrence of each non-empty secret replaced by "***".
std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t char_idx = 0; char_idx < s.size(); ++char_idx) {
    if (s[char_idx] == '%' && char_idx + 2 < s.size()) {
      int byte = 0;
      auto [end, ec] = std::from_chars(s.data() + char_idx + 1, s.data() + char_idx + 3, byte, 16);
      if (ec == std::errc() && end == s.data() + char_idx + 3) {
        out.push_back(static_cast<char>(byte));
        char_idx += 2;
        continue;
      }
    }
    out.push_back(s[char_idx]);
  }
  return out;
}

// The password spellings a URL may carry (user:PASSWORD@ and ?password=), raw and percent-decoded, found
// without relying on libpq's parser so that they can be scrubbed even from the parser's own error messages.
std::vector<std::string> passwords_in_url(std::string_view url) {
  std::vector<std::string> found;
  auto add = [&found](std::string_view raw) {
    if (raw.empty()) return;
    found.emplace_back(raw);
    std::string decoded = percent_decode(raw);
    if (decoded != raw) found.push_back(std::move(decoded));
  };
  size_t scheme_end = url.find("://");
  std::string_view rest = scheme_end == std::string_view::npos ? url : url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) add(userinfo.substr(colon + 1));
  }
  size_t query = rest.find('?');
  if (query != std::string_view::npos) {
    std::string_view params = rest.substr(query + 1);
    while (!params.empty()) {
      std::string_view pair = params.substr(0, params.find('&'));
      if (pair.starts_with("password=")) add(pair.substr(9));
      if (pair.size() >= params.size()) break;
      params.remove_prefix(pair.size() + 1);
    }
  }
  return found;
}

// The statement with '?' placeholders rewritten to $1, $2, ...; '?' inside string literals ('...', E'...',
// $tag$...$tag$), quoted identifiers and comments (-- and nested /* */) is left alone. `*param_count`
// receives the number of placeholders.
std::string number_placeholders(std::string_view sql, int* param_count /* OUT */) {
  std::string out;
  out.reserve(sql.size() + 16);
  int count = 0;
  size_t pos = 0;
  auto copy_until = [&](size_t end) {
    out.append(sql.substr(pos, end - pos));
    pos = end;
  };
  while (pos < sql.size()) {
    const char c = sql[pos];
    if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      ++pos;
      continue;
    }
    if (c == '\'') {
      // E'...' strings allow backslash escapes; standard strings double the quote ('it''s' scans as two
      // literals).
      const bool backslash_escapes = pos > 0 && (sql[pos - 1] == 'E' || sql[pos - 1] == 'e');
      size_t end = pos + 1;
      while (end < sql.size() && sql[end] != '\'') {
        if (backslash_escapes && sql[end] == '\\') ++end;
        ++end;
      }
      copy_until(std::min(end + 1, sql.size()));
      continue;
    }
    if (c == '"') {
      size_t end = sql.find('"', pos + 1);
      copy_until(end == std::string_view::npos ? sql.size() : end + 1);
      continue;
    }
    if (c == '-' && pos + 1 < sql.size() && sql[pos + 1] == '-') {
      size_t end = sql.find('\n', pos);
      copy_until(end == std::string_view::npos ? sql.size() : end + 1);
      continue;
    }
    if (c == '/' && pos + 1 < sql.size() && sql[pos + 1] == '*') {
      int depth = 0;
      size_t end = pos;
      while (end < sql.size()) {
        if (sql.compare(end, 2, "/*") == 0) {
          ++depth;
          end += 2;
        } else if (sql.compare(end, 2, "*/") == 0) {
          end += 2;
          if (--depth == 0) break;
        } else {
          ++end;
        }
      }
      copy_until(std::min(end, sql.size()));
      continue;
    }
    if (c == '$') {
      // A dollar quote $tag$ ... $tag$ (tag empty or an identifier not starting with a digit).
      size_t tag_end = pos + 1;
      while (tag_end < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[tag_end])) || sql[tag_end] == '_' ||
              static_cast<unsigned char>(sql[tag_end]) >= 0x80)) {
        ++tag_end;
      }
      const bool is_quote = tag_end < sql.size() && sql[tag_end] == '$' &&
                            !(tag_end > pos + 1 && std::isdigit(static_cast<unsigned char>(sql[pos + 1])));
      const bool inside_identifier =
          pos > 0 && (std::isalnum(static_cast<unsigned char>(sql[pos - 1])) || sql[pos - 1] == '_');
      if (is_quote && !inside_identifier) {
        std::string_view tag = sql.substr(pos, tag_end + 1 - pos);
        size_t end = sql.find(tag, tag_end + 1);
        copy_until(end == std::string_view::npos ? sql.size() : end + tag.size());
        continue;
      }
    }
    out += c;
    ++pos;
  }
  *param_count = count;
  return out;
}

// Text of a parameter as the server parses it; nullopt for NULL.
std::optional<std::string> param_text(const Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest text that reads back exactly
    return std::string(buf, ec == std::errc() ? end : buf);
  }
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return std::nullopt;
}

// A result cell as the Value SQLite would have produced: integers and reals typed, everything else text.
Value cell_value(const PGresult* res, int row_idx, int column_idx) {
  if (PQgetisnull(res, row_idx, column_idx)) return kNull;
  const char* text = PQgetvalue(res, row_idx, column_idx);
  const size_t size = static_cast<size_t>(PQgetlength(res, row_idx, column_idx));
  switch (PQftype(res, column_idx)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t i = 0;
      std::from_chars(text, text + size, i);
      return i;
    }
    case kBoolOid:
      return int64_t{text[0] == 't' ? 1 : 0};
    case kNumericOid: {
      // SUM() of integers is numeric in PostgreSQL but an integer in SQLite: keep whole numbers integral.
      int64_t i = 0;
      auto [end, ec] = std::from_chars(text, text + size, i);
      if (ec == std::errc() && end == text + size) return i;
      [[fallthrough]];
    }
    case kFloat4Oid:
    case kFloat8Oid: {
      double d = 0;
      // Out of double's range (a huge NUMERIC) from_chars fails and strtod clamps to infinity or zero.
      if (std::from_chars(text, text + size, d).ec != std::errc()) d = std::strtod(text, nullptr);
      return d;
    }
    default:
      return std::string(text, size);
  }
}

// Owns a PGresult.
struct ResultDeleter {
  void operator()(PGresult* res) const { PQclear(res); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void ignore_notice(void*, const char*) {}

// Connection-level failures (server gone, network) are I/O; constraint violations are conflicts.
Status error_status(PGconn* conn, const PGresult* res, std::string_view sql,
                    const std::vector<std::string>& secrets) {
  std::string msg;
  const char* sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary) {
    msg = primary;
    const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    if (detail) msg += std::string(" (") + detail + ")";
  } else {
    msg = PQerrorMessage(conn);
  }
  msg = one_line(msg);
  if (msg.empty()) msg = "unknown error";
  msg = redact(std::move(msg), secrets) + " [" + short_sql(sql) + "]";
  std::string_view state = sqlstate ? sqlstate : "";
  if (state.starts_with("23")) return Status::conflict(msg);
  if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03" ||
      PQstatus(conn) == CONNECTION_BAD) {
    return Status::io(msg);
  }
  return Status::internal(msg);
}

// Thread safety: none; one thread at a time (database.h). Owns its PGconn.
class PostgresqlConnection final : public Connection {
 public:
  PostgresqlConnection(PGconn* conn, std::shared_ptr<const std::vector<std::string>> secrets)
      : conn_(conn), secrets_(std::move(secrets)) {}
  ~PostgresqlConnection() override {
    if (in_tx_ && PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
    PQfinish(conn_);
  }

  Dialect dialect() const override { return Dialect::kPostgresql; }

  // A statement whose cached plan went stale through DDL is prepared afresh and retried once, unless it ran
  // inside a transaction block (where the failure has already aborted the transaction).
  Result<Rows> query(std::string_view sql, std::span<const Value> params) override {
    GK_RETURN_IF_ERROR(ensure_connected(sql));
    const bool autocommit = PQtransactionStatus(conn_) == PQTRANS_IDLE;
    bool plan_was_stale = false;
    Result<Rows> rows = run_prepared(sql, params, &plan_was_stale);
    if (!rows && plan_was_stale && autocommit) return run_prepared(sql, params, &plan_was_stale);
    return rows;
  }

  // Runs the whole script in one PQexec (simple protocol); inside a transaction it joins that transaction,
  // otherwise the server runs it as one implicit transaction.
  Status exec_script(std::string_view sql) override {
    GK_RETURN_IF_ERROR(ensure_connected(sql));
    ResultPtr res(PQexec(conn_, std::string(sql).c_str()));
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      return Status::ok();
    }
    return error_status(conn_, res.get(), sql, *secrets_).with_context("script failed");
  }

  // kWrite: READ COMMITTED (row locks and ON CONFLICT serialise writers; no serialisation failures to retry).
  // kRead: a read-only snapshot as database.h promises, which needs REPEATABLE READ (under READ COMMITTED
  // each statement would see a new snapshot); read-only transactions never fail to serialise at this level.
  Status begin(TxMode mode) override {
    if (in_tx_) return Status::internal("transaction already open on this connection");
    const char* sql = mode == TxMode::kWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                             : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    GK_RETURN_IF_ERROR(ensure_connected(sql));
    GK_RETURN_IF_ERROR(run_simple(sql));
    in_tx_ = true;
    clear_site_changed();
    return Status::ok();
  }

  // A transaction in which a statement failed cannot commit in PostgreSQL (the server would silently turn
  // COMMIT into ROLLBACK); this reports that as an error after rolling back.
  Status commit() override {
    if (!in_tx_) return Status::internal("commit without a transaction");
    if (take_site_changed() && PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      Status bumped = run_simple(kBumpSiteVersionSql);
      if (!bumped.is_ok()) {
        in_tx_ = false;
        (void)run_simple("ROLLBACK");
        return bumped;
      }
    }
    in_tx_ = false;
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
      (void)run_simple("ROLLBACK");
      return Status::internal(
          "commit refused: a statement in this transaction failed, so it was rolled back");
    }
    ResultPtr res(PQexec(conn_, "COMMIT"));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      Status s = error_status(conn_, res.get(), "COMMIT", *secrets_);
      if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)run_simple("ROLLBACK");
      return s;
    }
    if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0) {
      return Status::internal("commit refused: the transaction had failed and was rolled back");
    }
    return Status::ok();
  }

  Status rollback() override {
    if (!in_tx_) return Status::ok();
    in_tx_ = false;
    clear_site_changed();
    if (PQstatus(conn_) != CONNECTION_OK) return Status::ok();  // the server already discarded it
    return run_simple("ROLLBACK");
  }

  bool in_transaction() const override { return in_tx_; }

  // Session settings every connection needs; run after connecting and after a reset.
  Status configure() {
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    return run_simple("SET TIME ZONE 'UTC'");
  }

 private:
  struct Prepared {
    std::string name;
    int param_count = 0;
  };

  // Re-establishes a connection that the server dropped, when no transaction would be lost by doing so.
  Status ensure_connected(std::string_view sql) {
    if (PQstatus(conn_) == CONNECTION_OK) return Status::ok();
    if (in_tx_) {
      in_tx_ = false;
      return Status::io("connection to PostgreSQL lost inside a transaction; it was rolled back [" +
                        short_sql(sql) + "]");
    }
    PQreset(conn_);
    cache_.clear();  // prepared statements died with the old session
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status::io("cannot reconnect to PostgreSQL: " +
                        redact(one_line(PQerrorMessage(conn_)), *secrets_));
    }
    return configure();
  }

  Status run_simple(const char* sql) {
    ResultPtr res(PQexec(conn_, sql));
    if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK) return Status::ok();
    return error_status(conn_, res.get(), sql, *secrets_);
  }

  // The cached prepared statement for `sql`, preparing it on first use.
  Result<const Prepared*> prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return &it->second;
    if (cache_.size() >= kMaxCachedStatements && PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      ResultPtr res(PQexec(conn_, "DEALLOCATE ALL"));
      if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK) cache_.clear();
    }
    Prepared p;
    const std::string numbered = number_placeholders(sql, &p.param_count);
    p.name = "gk_" + std::to_string(++statement_counter_);
    ResultPtr res(PQprepare(conn_, p.name.c_str(), numbered.c_str(), p.param_count, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return error_status(conn_, res.get(), sql, *secrets_);
    }
    return &cache_.emplace(std::move(key), std::move(p)).first->second;
  }

  // Executes the cached prepared statement for `sql`. When the server reports that its plan no longer fits
  // the tables (DDL since it was prepared: "cached plan must not change result type", SQLSTATE 0A000, matched
  // by code alone since the server may speak another language), the statement is dropped from the cache and
  // *plan_was_stale is set.
  Result<Rows> run_prepared(std::string_view sql, std::span<const Value> params,
                            bool* plan_was_stale /* OUT */) {
    *plan_was_stale = false;
    Result<const Prepared*> prepared = prepare(sql);
    if (!prepared) return prepared.status();
    if (static_cast<int>(params.size()) != (*prepared)->param_count) {
      return Status::internal("parameter count " + std::to_string(params.size()) + " does not match SQL [" +
                              short_sql(sql) + "]");
    }
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const Value& v : params) texts.push_back(param_text(v));
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);

    ResultPtr res(PQexecPrepared(conn_, (*prepared)->name.c_str(), static_cast<int>(values.size()),
                                 values.data(), nullptr, nullptr, /*resultFormat=text*/ 0));
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK) return Rows{};
    if (status != PGRES_TUPLES_OK) {
      Status s = error_status(conn_, res.get(), sql, *secrets_);
      const char* sqlstate = res ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
      if (sqlstate && std::strcmp(sqlstate, "0A000") == 0) {
        forget(sql);
        *plan_was_stale = true;
      }
      return s;
    }
    const int row_count = PQntuples(res.get());
    const int column_count = PQnfields(res.get());
    Rows rows;
    rows.reserve(static_cast<size_t>(row_count));
    for (int row_idx = 0; row_idx < row_count; ++row_idx) {
      std::vector<Value> row;
      row.reserve(static_cast<size_t>(column_count));
      for (int column_idx = 0; column_idx < column_count; ++column_idx) {
        row.push_back(cell_value(res.get(), row_idx, column_idx));
      }
      rows.emplace_back(std::move(row));
    }
    return rows;
  }

  // Drops the cached statement of `sql`; the server-side statement is deallocated when the session allows it.
  void forget(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) return;
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      PQclear(PQexec(conn_, ("DEALLOCATE " + it->second.name).c_str()));
    }
    cache_.erase(it);  // an undeallocated name is never reused: names come from a counter
  }

  PGconn* conn_;
  // The password spellings, scrubbed from messages; shared with the Database.
  std::shared_ptr<const std::vector<std::string>> secrets_;
  bool in_tx_ = false;
  uint64_t statement_counter_ = 0;
  std::unordered_map<std::string, Prepared> cache_;
};

// Thread safety: immutable after construction, so connect() may be called from any thread.
class PostgresqlDatabase final : public Database {
 public:
  PostgresqlDatabase(std::string url, std::string location, std::vector<std::string> secrets)
      : url_(std::move(url)),
        location_(std::move(location)),
        secrets_(std::make_shared<const std::vector<std::string>>(std::move(secrets))) {}

  Dialect dialect() const override { return Dialect::kPostgresql; }
  std::string describe() const override { return location_; }

  // Each call opens a new server session: UTF-8 client encoding, UTC time zone, notices discarded.
  // Fails with kIo (message without the password) when the server cannot be reached or refuses the login.
  Result<std::unique_ptr<Connection>> connect() override {
    // Entries before dbname may be overridden by the URL; entries after it override the URL.
    const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", "client_encoding",
                              nullptr};
    const char* values[] = {kConnectTimeoutSeconds, "gongkai", url_.c_str(), "UTF8", nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (!conn) return Status::io("cannot connect to PostgreSQL at " + location_ + ": out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string msg = one_line(PQerrorMessage(conn));
      PQfinish(conn);
      return Status::io("cannot connect to PostgreSQL at " + location_ + ": " +
                        redact(std::move(msg), *secrets_));
    }
    auto connection = std::make_unique<PostgresqlConnection>(conn, secrets_);
    Status s = connection->configure();
    if (!s) return s.with_context("configuring connection to " + location_);
    return std::unique_ptr<Connection>(std::move(connection));
  }

  Status backup_to(const std::string&) override {
    return Status::invalid("backup of a PostgreSQL installation: use pg_dump (docs/operations.md)");
  }

 private:
  const std::string url_;       // with the password: never put into a message
  const std::string location_;  // host:port/dbname
  // The password spellings, scrubbed from every message.
  const std::shared_ptr<const std::vector<std::string>> secrets_;
};

// Frees a PQconninfoParse result.
struct ConninfoDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgresql(const std::string& url) {
  std::vector<std::string> secrets = passwords_in_url(url);
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoDeleter> options(PQconninfoParse(url.c_str(), &err));
  if (!options) {
    std::string msg = one_line(err ? err : "out of memory");
    PQfreemem(err);
    return Status::invalid("invalid PostgreSQL URL: " + redact(std::move(msg), secrets));
  }
  std::string host, port, dbname, user;
  for (PQconninfoOption* opt = options.get(); opt->keyword; ++opt) {
    if (!opt->val || !*opt->val) continue;
    std::string_view keyword = opt->keyword;
    if (keyword == "host" || (keyword == "hostaddr" && host.empty())) host = opt->val;
    if (keyword == "port") port = opt->val;
    if (keyword == "dbname") dbname = opt->val;
    if (keyword == "user") user = opt->val;
    if (keyword == "password") secrets.emplace_back(opt->val);
  }
  // libpq's defaults: the local socket, port 5432, a database named like the user.
  std::string location = (host.empty() ? "localhost" : host) + ":" + (port.empty() ? "5432" : port) + "/" +
                         (dbname.empty() ? user : dbname);
  location = redact(std::move(location), secrets);
  return std::unique_ptr<Database>(
      std::make_unique<PostgresqlDatabase>(url, std::move(location), std::move(secrets)));
}

}  // namespace gongkai::store
