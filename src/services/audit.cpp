// The hash-chained audit log: canonical form, append under the chain lock, verification.
#include "services/audit.h"

#include <ctime>

#include "common/sha256.h"

namespace gongkai::services {
namespace {

constexpr int64_t kReadBatch = 1000;

bool contains_secret_word(std::string_view name) {
  std::string lowered(name);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view word : {"password", "token", "secret"}) {
    if (lowered.find(word) != std::string::npos) return true;
  }
  return false;
}

// One field of the canonical form: "N" for NULL, "V<byte length>:<text>" otherwise.
void add_field(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += 'N';
    return;
  }
  out += 'V';
  out += std::to_string(value->size());
  out += ':';
  out += *value;
}

std::optional<std::string> int_text(std::optional<int64_t> v) {
  if (!v) return std::nullopt;
  return std::to_string(*v);
}

std::optional<std::string> json_text(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return redact_secrets(value).dump();
}

nlohmann::json parsed_or_text(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return *text;
  return parsed;
}

nlohmann::json opt_json(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json opt_json(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

Clock system_clock() {
  return [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

std::string format_utc(std::chrono::sys_seconds t) {
  const std::time_t secs = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len) -> int {
    int n = 0;
    for (size_t char_idx = pos; char_idx < pos + len; ++char_idx) {
      if (text[char_idx] < '0' || text[char_idx] > '9') return -1;
      n = n * 10 + (text[char_idx] - '0');
    }
    return n;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 59) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

nlohmann::json redact_secrets(const nlohmann::json& value) {
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const nlohmann::json& element : value) out.push_back(redact_secrets(element));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, member] : value.items()) {
    out[name] = contains_secret_word(name) ? nlohmann::json("[redacted]") : redact_secrets(member);
  }
  return out;
}

std::string audit_canonical_form(const store::AuditRow& row) {
  std::string out = "gongkai-audit-v1\n";
  add_field(out, std::to_string(row.id));
  add_field(out, row.at);
  add_field(out, int_text(row.actor_user_id));
  add_field(out, row.actor_label);
  add_field(out, row.remote_addr);
  add_field(out, row.action);
  add_field(out, row.entity_type);
  add_field(out, row.entity_id);
  add_field(out, int_text(row.body_id));
  add_field(out, row.before_json);
  add_field(out, row.after_json);
  add_field(out, row.prev_hash);
  return out;
}

std::string audit_entry_hash(const store::AuditRow& row) {
  return sha256_hex(audit_canonical_form(row));
}

Result<int64_t> append_audit(store::Connection& conn, const AuditEvent& event, std::chrono::sys_seconds at) {
  if (event.action.empty() || event.entity_type.empty() || event.actor.label.empty()) {
    return Status::invalid("an audit entry needs an action, an entity type and an actor label");
  }
  GK_RETURN_IF_ERROR(store::lock_audit_chain(conn));
  Result<std::optional<store::AuditHead>> head = store::audit_head(conn);
  if (!head) return head.status();
  store::AuditRow row;
  row.id = *head ? (*head)->id + 1 : 1;
  row.prev_hash = *head ? (*head)->hash : std::string(kAuditGenesisHash);
  row.at = format_utc(at);
  row.actor_user_id = event.actor.user_id;
  row.actor_label = event.actor.label;
  if (!event.actor.remote_addr.empty()) row.remote_addr = event.actor.remote_addr;
  row.action = event.action;
  row.entity_type = event.entity_type;
  if (!event.entity_id.empty()) row.entity_id = event.entity_id;
  row.body_id = event.body_id;
  row.before_json = json_text(event.before);
  row.after_json = json_text(event.after);
  row.hash = audit_entry_hash(row);
  GK_RETURN_IF_ERROR(store::insert_audit_row(conn, row));
  return row.id;
}

Result<AuditVerifyReport> verify_audit(store::Connection& conn) {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  AuditVerifyReport report;
  int64_t previous_id = 0;
  std::string previous_hash(kAuditGenesisHash);
  Status walked = store::for_each_audit_row(conn, kReadBatch, [&](const store::AuditRow& row) -> Status {
    auto fail = [&](std::string problem) {
      report.intact = false;
      report.first_bad_id = row.id;
      report.problem = std::move(problem);
      return Status::conflict("stop");
    };
    const std::string where = "entry " + std::to_string(row.id) + ": ";
    if (row.id != previous_id + 1) {
      const std::string first_missing = std::to_string(previous_id + 1);
      const std::string missing =
          row.id - previous_id == 2 ? "entry " + first_missing + " is"
                                    : "entries " + first_missing + "-" + std::to_string(row.id - 1) + " are";
      return fail(where + "follows entry " + std::to_string(previous_id) + " (" + missing +
                  " missing: deleted, or ids changed)");
    }
    if (row.prev_hash != previous_hash) {
      return fail(where + "prev_hash does not match the hash of entry " + std::to_string(previous_id) +
                  " (an earlier entry was changed, deleted or reordered)");
    }
    if (audit_entry_hash(row) != row.hash) {
      return fail(where + "hash does not match its contents (the entry was changed after it was written)");
    }
    previous_id = row.id;
    previous_hash = row.hash;
    ++report.entries;
    return Status::ok();
  });
  if (!walked && report.intact) return walked;
  if (report.intact) report.head_hash = previous_id == 0 ? "" : previous_hash;
  return report;
}

Status export_audit(store::Connection& conn, const std::function<Status(const store::AuditRow&)>& visit) {
  store::Transaction tx(conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  return store::for_each_audit_row(conn, kReadBatch, visit);
}

nlohmann::json audit_row_to_json(const store::AuditRow& row) {
  return nlohmann::json{{"id", row.id},
                        {"at", row.at},
                        {"actor_user_id", opt_json(row.actor_user_id)},
                        {"actor_label", row.actor_label},
                        {"remote_addr", opt_json(row.remote_addr)},
                        {"action", row.action},
                        {"entity_type", row.entity_type},
                        {"entity_id", opt_json(row.entity_id)},
                        {"body_id", opt_json(row.body_id)},
                        {"before", parsed_or_text(row.before_json)},
                        {"after", parsed_or_text(row.after_json)},
                        {"prev_hash", row.prev_hash},
                        {"hash", row.hash}};
}

}  // namespace gongkai::services
