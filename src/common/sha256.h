// SHA-256 digests (libsodium) as lowercase hex: migration checksums and content-addressed attachments.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// Hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Incremental hashing for large files.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex_digest();  // finishes; call once

 private:
  alignas(64) unsigned char state_[256];
};

}  // namespace gongkai
