// SHA-256 over libsodium's crypto_hash_sha256.
#include "common/sha256.h"

#include <sodium.h>

#include <cstring>

namespace gongkai {
namespace {

std::string to_hex(const unsigned char* bytes, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t byte_idx = 0; byte_idx < n; ++byte_idx) {
    out[2 * byte_idx] = kDigits[bytes[byte_idx] >> 4];
    out[2 * byte_idx + 1] = kDigits[bytes[byte_idx] & 0xf];
  }
  return out;
}

}  // namespace

static_assert(sizeof(crypto_hash_sha256_state) <= 256, "Sha256 state buffer too small");

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(digest, sizeof digest);
}

Sha256::Sha256() { crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_)); }

void Sha256::update(std::string_view data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256::hex_digest() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), digest);
  return to_hex(digest, sizeof digest);
}

}  // namespace gongkai
