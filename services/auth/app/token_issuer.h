#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "services/auth/app/auth_options.h"
#include "services/auth/app/key_ring.h"
#include "services/auth/domain/account.h"
#include "services/auth/domain/api_client.h"

namespace ror::auth::app {

// Signs access tokens (libs/authz) for a person's session or an API client, with the key ring's
// current key. Tokens carry ids, a display name and roles: never an e-mail.
class TokenIssuer {
 public:
  TokenIssuer(KeyRing& keys, const Clock& clock, IdGenerator& ids, const AuthOptions& options)
      : keys_(keys), clock_(clock), ids_(ids), options_(options) {}

  absl::StatusOr<std::string> ForAccount(const domain::AccountState& account,
                                         absl::string_view session_id);
  absl::StatusOr<std::string> ForClient(const domain::ApiClientState& client);

  absl::Duration ttl() const { return options_.access_token_ttl; }

 private:
  absl::StatusOr<std::string> Sign(authz::Principal principal);

  KeyRing& keys_;
  const Clock& clock_;
  IdGenerator& ids_;
  const AuthOptions& options_;
};

}  // namespace ror::auth::app
