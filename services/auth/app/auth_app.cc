#include "services/auth/app/auth_app.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "nlohmann/json.hpp"
#include "services/auth/app/secrets.h"

namespace ror::auth::app {

absl::StatusOr<std::unique_ptr<AuthApp>> AuthApp::Open(eventstore::EventStore& store,
                                                       Mailer& mailer, const Clock& clock,
                                                       IdGenerator& ids, AuthOptions options,
                                                       Argon2Cost cost, KeyRingOptions keys) {
  RETURN_IF_ERROR(InitSodium());
  keys.retention = options.token_horizon();
  ASSIGN_OR_RETURN(std::unique_ptr<KeyRing> ring, KeyRing::Open(std::move(keys), clock));
  std::unique_ptr<AuthApp> app(
      new AuthApp(store, mailer, clock, ids, std::move(options), cost, std::move(ring)));
  RETURN_IF_ERROR(app->directory_.CatchUp(store));
  return app;
}

AuthApp::AuthApp(eventstore::EventStore& store, Mailer& mailer, const Clock& clock,
                 IdGenerator& ids, AuthOptions options, Argon2Cost cost,
                 std::unique_ptr<KeyRing> keys)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      directory_(options_.token_horizon()),
      hasher_(cost),
      keys_(std::move(keys)),
      issuer_(*keys_, clock, ids, options_),
      accounts_(store, directory_, hasher_, mailer, clock, ids, options_),
      sessions_(store, directory_, accounts_, issuer_, clock, ids, options_),
      requests_(store, directory_, accounts_, mailer, clock, ids),
      clients_(store, issuer_, clock, ids) {}

void AuthApp::EnablePsc(PscOptions options, PscHandler::Discover discover) {
  psc_ = std::make_unique<PscHandler>(std::move(options), std::move(discover), accounts_, sessions_,
                                      directory_, clock_);
}

absl::StatusOr<domain::AccountState> AuthApp::DisableAccount(absl::string_view account_id,
                                                             absl::string_view motif,
                                                             const CommandContext& ctx,
                                                             const domain::AdminScope& by) {
  ASSIGN_OR_RETURN(domain::AccountState account, accounts_.Disable(account_id, motif, ctx, by));
  RETURN_IF_ERROR(
      sessions_.RevokeAll(account_id, domain::SessionRevoked::REASON_ACCOUNT_DISABLED, ctx));
  return account;
}

std::vector<std::pair<std::string, absl::Time>> AuthApp::RevokedSessions() {
  (void)directory_.CatchUp(store_);  // what it has is still right if the store cannot be read
  const absl::Time now = clock_.Now();
  directory_.ForgetEnded(now);
  return directory_.RevokedSessions(now);
}

std::string AuthApp::OpenIdConfiguration() const {
  const std::string& issuer = options_.issuer;
  return nlohmann::json{
      {"issuer", issuer},
      {"jwks_uri", absl::StrCat(issuer, "/.well-known/jwks.json")},
      {"token_endpoint", absl::StrCat(issuer, "/api/v1/auth/token")},
      {"revocation_endpoint", absl::StrCat(issuer, "/api/v1/auth/logout")},
      {"grant_types_supported", {"password", "refresh_token", "client_credentials"}},
      {"response_types_supported", {"token"}},
      {"token_endpoint_auth_methods_supported", {"client_secret_post"}},
      {"subject_types_supported", {"public"}},
      {"id_token_signing_alg_values_supported", {"ES256"}},
      {"token_endpoint_auth_signing_alg_values_supported", {"ES256"}},
      {"claims_supported",
       {"iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "name", "ror_kind", "ror_profile",
        "ror_grants"}},
  }
      .dump();
}

}  // namespace ror::auth::app
