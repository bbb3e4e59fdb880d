// The challenge key: random on first use, then read from settings.
#include "services/form_keys.h"

#include <sodium.h>

#include "store/settings.h"

namespace gongkai::services {

Result<std::string> form_challenge_key(Installation& inst) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  std::string fresh(64, '0');
  sodium_bin2hex(fresh.data(), fresh.size() + 1, bytes, sizeof bytes);
  Result<std::string> key = store::setting_or_insert(**conn, "public_forms.challenge_key", fresh);
  if (!key) return key.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return *key;
}

}  // namespace gongkai::services
