#include "services/auth/app/token_issuer.h"

#include "absl/strings/str_cat.h"
#include "libs/authz/access_token.h"
#include "libs/common/status_macros.h"

namespace ror::auth::app {

absl::StatusOr<std::string> TokenIssuer::ForAccount(const domain::AccountState& account,
                                                    absl::string_view session_id) {
  authz::Principal principal{.kind = authz::PrincipalKind::kUser,
                             .subject = account.account_id,
                             .session_id = std::string(session_id),
                             .display_name = absl::StrCat(account.prenom, " ", account.nom),
                             .access_profile = 0,
                             .grants = {},
                             .expires_at = absl::InfinitePast()};
  for (const domain::AccountGrant& grant : account.grants) {
    if (std::optional<authz::Grant> g = domain::ToAuthzGrant(grant)) principal.grants.push_back(*g);
  }
  return Sign(std::move(principal));
}

absl::StatusOr<std::string> TokenIssuer::ForClient(const domain::ApiClientState& client) {
  return Sign(authz::Principal{.kind = authz::PrincipalKind::kApiClient,
                               .subject = client.client.client_id(),
                               .session_id = "",
                               .display_name = client.client.name(),
                               .access_profile = client.client.access_profile(),
                               .grants = {},
                               .expires_at = absl::InfinitePast()});
}

absl::StatusOr<std::string> TokenIssuer::Sign(authz::Principal principal) {
  ASSIGN_OR_RETURN(authz::Es256Key key, keys_.SigningKey());
  const absl::Time now = clock_.Now();
  principal.expires_at = now + options_.access_token_ttl;
  const authz::AccessTokenClaims claims{.issuer = options_.issuer,
                                        .audience = options_.audience,
                                        .token_id = ids_.NewId(),
                                        .issued_at = now,
                                        .not_before = now,
                                        .expires_at = principal.expires_at,
                                        .principal = std::move(principal)};
  return authz::IssueAccessToken(claims, key);
}

}  // namespace ror::auth::app
