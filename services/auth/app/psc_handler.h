#pragma once

// « Se connecter avec Pro Santé Connect » (seeds 000): the browser goes to PSC (libs/oidc, code
// flow with PKCE) and comes back with a code. An identity linked to an account opens a session of
// that account; otherwise the caller gets a short-lived, single-use link token, which the person
// gives LinkPsc once logged in with e-mail and password. Link tokens live in memory, as the OIDC
// pending logins do: a restart asks the person to go through PSC again.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/oidc/identity.h"
#include "libs/oidc/relying_party.h"
#include "services/auth/app/account_handler.h"
#include "services/auth/app/auth_directory.h"
#include "services/auth/app/session_handler.h"

namespace ror::auth::app {

struct PscOptions {
  std::string redirect_uri;  // the portal's callback, registered with PSC
  absl::Duration link_ttl = absl::Minutes(10);
  size_t max_link_tokens = 10'000;  // bounds the memory browsers that never link can take
};

struct PscLinkRequired {
  std::string link_token;
  absl::Time expires_at = absl::InfinitePast();
  std::string given_name;
  std::string family_name;
};

// Either the session of the linked account, or what linking needs.
struct PscLoginOutcome {
  std::optional<Tokens> tokens;
  std::optional<PscLinkRequired> link_required;
};

class PscHandler {
 public:
  // `discover` makes the relying party (over the network for PSC); called until it succeeds, so a
  // provider down at start-up does not keep the service down.
  using Discover = std::function<absl::StatusOr<std::unique_ptr<oidc::RelyingParty>>()>;

  PscHandler(PscOptions options, Discover discover, AccountHandler& accounts,
             SessionHandler& sessions, AuthDirectory& directory, const Clock& clock)
      : options_(std::move(options)),
        discover_(std::move(discover)),
        accounts_(accounts),
        sessions_(sessions),
        directory_(directory),
        clock_(clock) {}

  absl::StatusOr<oidc::AuthorizationRequest> Begin();
  // UNAUTHENTICATED for a refused return (see oidc::RelyingParty::Complete).
  absl::StatusOr<PscLoginOutcome> Complete(const std::string& state, const std::string& code,
                                           const std::string& iss, const CommandContext& ctx);
  // Links the identity of `link_token` (taken once) to `account_id`, the caller's account.
  // UNAUTHENTICATED for an unknown, used or expired link token.
  absl::StatusOr<domain::AccountState> Link(absl::string_view account_id,
                                            absl::string_view link_token,
                                            const CommandContext& ctx);

 private:
  struct PendingLink {
    oidc::Identity identity;
    absl::Time expires_at = absl::InfinitePast();
  };
  absl::StatusOr<oidc::RelyingParty*> Party();
  absl::StatusOr<PscLinkRequired> NewLinkToken(const oidc::Identity& identity);

  const PscOptions options_;
  Discover discover_;
  AccountHandler& accounts_;
  SessionHandler& sessions_;
  AuthDirectory& directory_;
  const Clock& clock_;
  std::mutex mu_;
  std::unique_ptr<oidc::RelyingParty> party_;                    // guarded by mu_
  absl::flat_hash_map<std::string, PendingLink> pending_links_;  // by token hash; mu_
};

}  // namespace ror::auth::app
