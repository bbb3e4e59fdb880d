// Encryption at rest of the identity numbers applicants give (条例 Art. 29 身份证明; docs/security.md): the database
// holds only nonce + ciphertext (libsodium crypto_secretbox_easy) and a masked form; the key is a file in the data
// directory, outside the database, so a copy of the database alone does not reveal any number.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongkai::services {

// Thread safety: immutable after open(); seal and unseal may be called from any thread.
class IdVault {
 public:
  // The key file of the data directory `data_dir`: <data_dir>/keys/id.key (32 random bytes).
  static std::string key_path(const std::string& data_dir);

  // Opens the vault of `data_dir`, creating the key file (mode 0600, folder 0700) on first use. Fails (io) when
  // the file cannot be read or written, (internal) when it exists with the wrong size or is readable by others.
  static Result<IdVault> open(const std::string& data_dir);

  // base64 (URL-safe, no padding) of a fresh random nonce followed by the ciphertext of `plain`.
  std::string seal(std::string_view plain) const;
  // The plaintext of a seal()ed text. Fails (internal) for text that is not base64, is too short, or does not
  // authenticate under this key (a different installation's key, or a tampered value).
  Result<std::string> unseal(std::string_view sealed) const;

 private:
  explicit IdVault(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace gongkai::services
