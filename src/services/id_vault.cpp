// The ID vault: key file handling and secretbox.
#include "services/id_vault.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongkai::services {

namespace fs = std::filesystem;

namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

Result<std::string> create_key(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Status::io("cannot create " + path.parent_path().string() + ": " + ec.message());
  fs::permissions(path.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  // Written to a temporary name with 0600 from the start, then renamed, so a crash leaves no short key file.
  const fs::path tmp = path.string() + ".partial";
  const mode_t old_mask = ::umask(077);
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  ::umask(old_mask);
  if (!out) return Status::io("cannot write " + tmp.string());
  out.write(key.data(), static_cast<std::streamsize>(key.size()));
  out.close();
  if (!out) return Status::io("cannot write " + tmp.string());
  fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  fs::rename(tmp, path, ec);
  if (ec) return Status::io("cannot create " + path.string() + ": " + ec.message());
  return key;
}

}  // namespace

std::string IdVault::key_path(const std::string& data_dir) { return (fs::path(data_dir) / "keys" / "id.key").string(); }

Result<IdVault> IdVault::open(const std::string& data_dir) {
  const fs::path path = key_path(data_dir);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    Result<std::string> key = create_key(path);
    if (!key) return key.status();
    return IdVault(std::move(*key));
  }
  const fs::perms perms = fs::status(path, ec).permissions();
  if (ec) return Status::io("cannot read " + path.string() + ": " + ec.message());
  if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
    return Status::internal(path.string() + " is readable by other users; run `chmod 600` on it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string key = buffer.str();
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return Status::internal(path.string() + " is not an ID key (" + std::to_string(key.size()) + " bytes, expected " +
                            std::to_string(crypto_secretbox_KEYBYTES) + "); restore it from its backup");
  }
  return IdVault(std::move(key));
}

std::string IdVault::seal(std::string_view plain) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  std::string out(sodium_base64_encoded_len(box.size(), kBase64Variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                    kBase64Variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<std::string> IdVault::unseal(std::string_view sealed) const {
  std::string box(sealed.size(), '\0');
  size_t box_len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(), sealed.size(),
                        nullptr, &box_len, nullptr, kBase64Variant) != 0) {
    return Status::internal("sealed ID number is not base64");
  }
  if (box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Status::internal("sealed ID number is too short");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 box_len - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Status::internal("sealed ID number does not open with this installation's key (keys/id.key replaced?)");
  }
  return plain;
}

}  // namespace gongkai::services
