#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/jose/jwk.h"
#include "nlohmann/json_fwd.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace ror::authz {

// An ECDSA P-256 key (JWS "ES256"), private or public only, named by its key id. Verification and
// JWK parsing are libs/jose's; this adds what an issuer needs: generation, PEM and signing.
class Es256Key {
 public:
  static absl::StatusOr<Es256Key> Generate(std::string kid);
  static absl::StatusOr<Es256Key> FromPrivatePem(std::string kid, absl::string_view pem);
  // A public JWK {"kty":"EC","crv":"P-256","x","y","kid"}; anything else is INVALID_ARGUMENT.
  static absl::StatusOr<Es256Key> FromJwk(const nlohmann::json& jwk);

  const std::string& kid() const { return public_.kid(); }
  bool has_private() const { return has_private_; }
  absl::StatusOr<std::string> PrivatePem() const;
  nlohmann::json PublicJwk() const;

  // The JWS signature of `input`: R || S, 64 bytes (RFC 7518 §3.4), not DER.
  absl::StatusOr<std::string> Sign(absl::string_view input) const;
  bool Verify(absl::string_view input, absl::string_view signature) const;

 private:
  Es256Key(jose::PublicKey public_key, bool has_private);
  EVP_PKEY* key() const { return public_.openssl_key().get(); }

  jose::PublicKey public_;  // holds the OpenSSL key, private half included when has_private_
  bool has_private_ = false;
};

}  // namespace ror::authz
