#pragma once

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace ror::jose::testing {

// A signing key generated for a test, playing an issuer's (an OpenID provider's, auth's). Aborts
// on OpenSSL errors: only tests use it.
class TestKey {
 public:
  static TestKey Rsa(std::string kid);     // 2048 bits: RS256, PS256
  static TestKey EcP256(std::string kid);  // ES256

  const std::string& kid() const { return kid_; }
  // The public JWK a provider's JWKS would publish ("alg" left out unless set here).
  nlohmann::json PublicJwk(absl::string_view alg = "") const;
  // The public key as PEM: what an attacker signing HS256 "with the public key" would use.
  std::string PublicPem() const;
  // The JWS signature of `input` under `alg`; ES256 as R || S.
  std::string Sign(absl::string_view alg, absl::string_view input) const;

 private:
  TestKey(std::string kid, std::shared_ptr<EVP_PKEY> key, bool rsa);
  std::string kid_;
  std::shared_ptr<EVP_PKEY> key_;
  bool rsa_ = true;
};

// "<b64 header>.<b64 payload>.<b64 signature>" with `key` (the header gets "alg" and "kid" unless
// already there).
std::string SignJws(nlohmann::json header, const nlohmann::json& payload, const TestKey& key,
                    absl::string_view alg);
// HS256 with `secret` as the HMAC key, header {"alg":"HS256"} plus `extra_header`.
std::string SignHs256Jws(const nlohmann::json& extra_header, const nlohmann::json& payload,
                         absl::string_view secret);
// An unsigned JWS: header {"alg":"none"} plus `extra_header`, empty signature.
std::string UnsignedJws(const nlohmann::json& extra_header, const nlohmann::json& payload);

}  // namespace ror::jose::testing
