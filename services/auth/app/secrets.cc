#include "services/auth/app/secrets.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "libs/jose/base64url.h"

namespace ror::auth::app {
namespace {

constexpr size_t kSecretBytes = 32;
constexpr size_t kMaxTokenLength = 200;  // bounds what an attacker makes us hash

std::string Base64Url(const unsigned char* bytes, size_t size) {
  return jose::Base64UrlEncode(absl::string_view(reinterpret_cast<const char*>(bytes), size));
}

}  // namespace

absl::Status InitSodium() {
  if (sodium_init() < 0) return absl::InternalError("libsodium cannot start");
  return absl::OkStatus();
}

std::string NewSecret() {
  unsigned char bytes[kSecretBytes];
  randombytes_buf(bytes, sizeof bytes);
  std::string secret = Base64Url(bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return secret;
}

std::string Sha256(absl::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return Base64Url(digest, sizeof digest);
}

std::string JoinToken(absl::string_view id, absl::string_view secret) {
  return absl::StrCat(id, ".", secret);
}

std::optional<std::pair<std::string, std::string>> SplitToken(absl::string_view token) {
  if (token.size() > kMaxTokenLength) return std::nullopt;
  const size_t dot = token.find('.');
  if (dot == absl::string_view::npos || dot == 0 || dot + 1 == token.size() ||
      token.find('.', dot + 1) != absl::string_view::npos) {
    return std::nullopt;
  }
  return std::make_pair(std::string(token.substr(0, dot)), std::string(token.substr(dot + 1)));
}

}  // namespace ror::auth::app
