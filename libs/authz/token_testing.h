#pragma once

#include <string>

#include "absl/time/time.h"
#include "libs/authz/access_token.h"
#include "libs/jose/base64url.h"
#include "libs/jose/jws.h"
#include "nlohmann/json.hpp"

namespace ror::authz::testing {

inline constexpr char kIssuer[] = "https://auth.ror.test";
inline constexpr char kAudience[] = "ror";

// Claims of a régulateur's token valid for five minutes from `now`.
inline AccessTokenClaims RegulateurClaims(absl::Time now) {
  return AccessTokenClaims{
      .issuer = kIssuer,
      .audience = kAudience,
      .token_id = "jti-1",
      .issued_at = now,
      .not_before = now,
      .expires_at = now + absl::Minutes(5),
      .principal = Principal{.kind = PrincipalKind::kUser,
                             .subject = "account-1",
                             .session_id = "session-1",
                             .display_name = "Camille Martin",
                             .access_profile = 1,
                             .grants = {Grant{.role = Role::kRegulateur,
                                                    .region = "",
                                                    .finess_ej = {},
                                                    .finess_eg = {}}},
                             .expires_at = now + absl::Minutes(5)}};
}

// A JWS with any header and payload signed by `key` — the tokens a legitimate issuer would never
// make. (Unsigned and HMAC forgeries: libs/jose/testing/test_key.h.)
inline std::string ForgeToken(const nlohmann::json& header, const nlohmann::json& payload,
                              const Es256Key* key) {
  const std::string input = jose::SigningInput(header, payload);
  return input + "." + jose::Base64UrlEncode(*key->Sign(input));
}

}  // namespace ror::authz::testing
