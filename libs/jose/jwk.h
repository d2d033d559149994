#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace ror::jose {

// The JWS algorithms PublicKey verifies. Never "none", never HS* (a public key or a shared secret
// used as an HMAC key would let anyone who knows it forge tokens).
inline constexpr absl::string_view kSupportedAlgs[] = {"RS256", "PS256", "ES256"};
bool IsSupportedAlg(absl::string_view alg);

// A public signing key: RSA (at least 2048 bits) or EC P-256. Immutable; copies share the
// OpenSSL key.
class PublicKey {
 public:
  // From a JWK: RSA (n, e) or EC P-256 (x, y, the point checked to be on the curve).
  // INVALID_ARGUMENT naming the member and the rule when `jwk` is not such a key, or its "use" is
  // not "sig".
  static absl::StatusOr<PublicKey> FromJwk(const nlohmann::json& jwk);
  // From an OpenSSL key (a private one gives its public half), held by the same rules.
  static absl::StatusOr<PublicKey> FromOpenSsl(std::string kid, std::shared_ptr<EVP_PKEY> key);

  const std::string& kid() const { return kid_; }
  // RSA keys serve RS256 and PS256, EC P-256 keys ES256; a JWK naming its "alg" serves only it.
  bool Supports(absl::string_view alg) const;
  // The JWS signature of `input` under `alg` (false unless Supports(alg)); for ES256, R || S.
  bool Verify(absl::string_view alg, absl::string_view input, absl::string_view signature) const;

  // The OpenSSL key, for callers that also read its parameters or sign with its private half.
  const std::shared_ptr<EVP_PKEY>& openssl_key() const { return key_; }

 private:
  enum class Type { kRsa, kEcP256 };
  PublicKey(std::string kid, std::string alg, Type type, std::shared_ptr<EVP_PKEY> key);
  static absl::StatusOr<PublicKey> Checked(std::string kid, std::string alg,
                                           std::shared_ptr<EVP_PKEY> key);

  std::string kid_;
  std::string alg_;  // "" when the JWK does not restrict it
  Type type_ = Type::kRsa;
  std::shared_ptr<EVP_PKEY> key_;
};

// The signing keys of a JWKS document ({"keys": [...]}). Keys for encryption ("use": "enc") or of
// types PublicKey does not verify with are left out, not an error: providers publish those too.
// INVALID_ARGUMENT when the document is not a JWKS or a signing key is malformed.
absl::StatusOr<std::vector<PublicKey>> ParseJwks(const nlohmann::json& jwks);

}  // namespace ror::jose
