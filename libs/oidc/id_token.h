#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/oidc/identity.h"
#include "libs/oidc/jwks_cache.h"

namespace ror::oidc {

struct IdTokenRules {
  std::string issuer = "";     // "iss" must equal it exactly
  std::string client_id = "";  // "aud" must contain it ("azp" too when several audiences)
  // When not empty, "acr" must be one of these; when empty, any or none.
  std::vector<std::string> accepted_acr = {};
  absl::Duration leeway = absl::Seconds(30);  // clock skew allowed on exp, iat and nbf
  std::string national_id_claim = "SubjectNameID";
};

// Validates ID tokens (OpenID Connect Core §3.1.3.7) and reads the identity from them. Every
// refusal is UNAUTHENTICATED with a message naming the header member or claim and the rule, never
// the token itself. Thread-safe.
class IdTokenValidator {
 public:
  IdTokenValidator(IdTokenRules rules, JwksCache& keys, const Clock& clock);

  // Checks, in order: a compact JWS; "alg" allowed (RS256, PS256, ES256) and no "crit"; a key of
  // the provider's JWKS named by "kid" (JWKS fetched again once when unknown) that supports "alg";
  // the signature; then iss, aud, azp, exp, iat, nbf, nonce (= `expected_nonce`), acr, sub.
  absl::StatusOr<Identity> Validate(absl::string_view id_token,
                                    absl::string_view expected_nonce) const;

 private:
  IdTokenRules rules_;
  JwksCache& keys_;
  const Clock& clock_;
};

}  // namespace ror::oidc
