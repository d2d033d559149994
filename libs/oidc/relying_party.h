#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/oidc/http_client.h"
#include "libs/oidc/id_token.h"
#include "libs/oidc/identity.h"
#include "libs/oidc/jwks_cache.h"
#include "libs/oidc/pending_login.h"
#include "libs/oidc/provider_metadata.h"

namespace ror::oidc {

struct RelyingPartyOptions {
  std::string issuer = "";         // e.g. "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"
  std::string client_id = "";
  std::string client_secret = "";  // sent with client_secret_basic; never logged
  std::vector<std::string> scopes = {};      // asked for besides "openid" (PSC: "scope_all")
  std::vector<std::string> acr_values = {};  // asked for, and the only ones accepted (PSC: "eidas1")
  std::string national_id_claim = "SubjectNameID";  // where the RPPS/ADELI identifier is read
  absl::Duration leeway = absl::Seconds(30);        // clock skew accepted on exp, iat, nbf
  absl::Duration http_timeout = absl::Seconds(10);  // each call to the provider
  absl::Duration login_ttl = PendingLoginStore::kDefaultTtl;  // from Begin to Complete
  size_t max_pending_logins = PendingLoginStore::kDefaultMaxEntries;
};

// Where to send the browser, and the state that will come back with the code (the caller binds it
// to the browser, e.g. in a cookie, so a login started elsewhere cannot be completed here).
struct AuthorizationRequest {
  std::string url = "";
  std::string state = "";
  absl::Time expires_at = absl::InfinitePast();
};

// An OpenID Connect relying party for the authorization code flow with PKCE, as Pro Santé Connect
// runs it. Thread-safe.
class RelyingParty {
 public:
  // Reads the provider's discovery document and its JWKS over HTTPS (libcurl).
  static absl::StatusOr<std::unique_ptr<RelyingParty>> Discover(RelyingPartyOptions options,
                                                                const Clock& clock);
  // The same over `http` (tests answer in the provider's place).
  static absl::StatusOr<std::unique_ptr<RelyingParty>> Discover(RelyingPartyOptions options,
                                                                const Clock& clock,
                                                                std::unique_ptr<HttpClient> http);

  // A new login: fresh state, nonce and PKCE verifier, remembered until Complete or expiry.
  // `redirect_uri` must be one registered with the provider for this client.
  absl::StatusOr<AuthorizationRequest> Begin(const std::string& redirect_uri);

  // The browser came back with `state` and `code` (and `iss`, RFC 9207, when the provider sends
  // it: pass it on, "" otherwise): takes the pending login (once), checks `iss` names this
  // provider, exchanges the code at the token endpoint and validates the ID token.
  // UNAUTHENTICATED for an unknown, used or expired state, another issuer, a code the provider
  // refuses, or an ID token that fails a rule; UNAVAILABLE when the provider cannot be reached.
  absl::StatusOr<Identity> Complete(const std::string& state, const std::string& code,
                                    const std::string& iss = "");

  const ProviderMetadata& metadata() const { return metadata_; }
  const JwksCache& jwks() const { return *jwks_; }
  size_t pending_logins() const { return pending_.size(); }

 private:
  RelyingParty(RelyingPartyOptions options, const Clock& clock, std::unique_ptr<HttpClient> http,
               ProviderMetadata metadata);
  absl::StatusOr<std::string> ExchangeCode(const PendingLogin& login, const std::string& code);

  const RelyingPartyOptions options_;
  const Clock& clock_;
  std::unique_ptr<HttpClient> http_;
  const ProviderMetadata metadata_;
  std::unique_ptr<JwksCache> jwks_;
  IdTokenValidator validator_;
  PendingLoginStore pending_;
};

}  // namespace ror::oidc
