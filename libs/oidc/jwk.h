#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace ror::oidc {

// The signature algorithms an ID token may use. Never "none", never HS* (a client secret or a
// public key used as an HMAC key would let anyone who knows it forge tokens).
inline constexpr absl::string_view kAllowedAlgs[] = {"RS256", "PS256", "ES256"};
bool IsAllowedAlg(absl::string_view alg);

// A provider's public signing key from its JWKS: RSA (n, e; at least 2048 bits) or EC P-256
// (x, y). Immutable; copies share the OpenSSL key.
class VerificationKey {
 public:
  // INVALID_ARGUMENT naming the member and the rule when `jwk` is not such a key.
  static absl::StatusOr<VerificationKey> FromJwk(const nlohmann::json& jwk);

  const std::string& kid() const { return kid_; }
  // RSA keys serve RS256 and PS256, EC P-256 keys ES256; a JWK naming its "alg" serves only it.
  bool Supports(absl::string_view alg) const;
  // The JWS signature of `input` under `alg` (a supported one); for ES256, R || S (RFC 7518 §3.4).
  bool Verify(absl::string_view alg, absl::string_view input, absl::string_view signature) const;

 private:
  enum class Type { kRsa, kEcP256 };
  VerificationKey(std::string kid, std::string alg, Type type, std::shared_ptr<EVP_PKEY> key);
  std::string kid_;
  std::string alg_;  // "" when the JWK does not restrict it
  Type type_ = Type::kRsa;
  std::shared_ptr<EVP_PKEY> key_;
};

// The signing keys of a JWKS document ({"keys": [...]}). Keys for encryption ("use": "enc") or of
// types this library does not verify with are left out, not an error: providers publish those
// too. INVALID_ARGUMENT when the document is not a JWKS or a signing key is malformed.
absl::StatusOr<std::vector<VerificationKey>> ParseJwks(const nlohmann::json& jwks);

}  // namespace ror::oidc
