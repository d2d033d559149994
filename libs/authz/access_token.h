#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/authz/es256_key.h"
#include "libs/authz/principal.h"
#include "nlohmann/json_fwd.hpp"

namespace ror::authz {

// The claims of a ROR access token (a compact JWS, ES256):
//   iss, aud, sub, sid, jti, iat, nbf, exp, name,
//   ror_kind ("user" | "api_client"), ror_profile (0–5),
//   ror_grants [{"role": "responsable_offre", "region": "84", "ej": [...], "eg": [...]}]
// Never an e-mail, a password or a phone number.
struct AccessTokenClaims {
  std::string issuer;
  std::string audience;
  std::string token_id;  // jti
  absl::Time issued_at;
  absl::Time not_before;
  absl::Time expires_at;
  Principal principal;  // subject, session_id, display_name, kind, profile, grants
};

// Signs the claims with `key` (header {"alg":"ES256","typ":"at+jwt","kid": key.kid()}).
absl::StatusOr<std::string> IssueAccessToken(const AccessTokenClaims& claims, const Es256Key& key);

// The claims as JSON and back. Reading checks types and required claims (UNAUTHENTICATED naming
// the claim); it does not check times, issuer or audience: the verifier does.
nlohmann::json ClaimsToJson(const AccessTokenClaims& claims);
absl::StatusOr<AccessTokenClaims> ClaimsFromJson(const nlohmann::json& json);


}  // namespace ror::authz
