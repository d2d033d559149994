#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/oidc/http_client.h"

namespace ror::oidc {

// The parts of an OpenID provider's discovery document the relying party uses.
struct ProviderMetadata {
  std::string issuer = "";
  std::string authorization_endpoint = "";
  std::string token_endpoint = "";
  std::string jwks_uri = "";
  std::string userinfo_endpoint = "";  // "" when the provider has none
};

// GET <issuer>/.well-known/openid-configuration (OpenID Connect Discovery 1.0 §4). Refused
// (FAILED_PRECONDITION) unless its "issuer" is `issuer` exactly (§4.3: otherwise another provider
// could stand in), every endpoint is https (or http on loopback), and what it says it supports
// allows the code flow with PKCE S256 and client_secret_basic. UNAVAILABLE when unreachable.
absl::StatusOr<ProviderMetadata> FetchProviderMetadata(HttpClient& http, const std::string& issuer,
                                                       absl::Duration timeout);

}  // namespace ror::oidc
