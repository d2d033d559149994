#include "libs/oidc/pkce.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include "libs/jose/base64url.h"

namespace ror::oidc {

absl::StatusOr<std::string> RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    return absl::InternalError("oidc: the random generator failed");
  }
  return jose::Base64UrlEncode(raw);
}

std::string CodeChallengeS256(absl::string_view code_verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(code_verifier.data()), code_verifier.size(),
         digest);
  return jose::Base64UrlEncode(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace ror::oidc
