#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_store.h"
#include "services/auth/app/account_handler.h"
#include "services/auth/app/auth_directory.h"
#include "services/auth/app/auth_options.h"
#include "services/auth/app/command_context.h"
#include "services/auth/app/token_issuer.h"
#include "services/auth/domain/session.h"

namespace ror::auth::app {

struct Tokens {
  std::string access_token;
  std::string refresh_token;  // empty for an API client
  absl::Duration expires_in = absl::ZeroDuration();
};

// Logins and their sessions (stream "session-<id>"): the refresh token "<session id>.<secret>"
// rotates on every use; a rotated one presented again ends the session; a disabled account's
// sessions end.
class SessionHandler {
 public:
  SessionHandler(eventstore::EventStore& store, AuthDirectory& directory, AccountHandler& accounts,
                 TokenIssuer& issuer, const Clock& clock, IdGenerator& ids,
                 const AuthOptions& options)
      : store_(store),
        directory_(directory),
        accounts_(accounts),
        issuer_(issuer),
        clock_(clock),
        ids_(ids),
        options_(options) {}

  // UNAUTHENTICATED with domain::kBadCredentials whatever was wrong (unknown e-mail, wrong
  // password, locked, not activated); FAILED_PRECONDITION for a disabled account once the
  // password is right. Takes the time of one Argon2id verification in every case.
  absl::StatusOr<Tokens> Login(absl::string_view email, absl::string_view password,
                               const CommandContext& ctx);
  // A session for an account whose linked Pro Santé Connect identity the provider just vouched
  // for. FAILED_PRECONDITION for a disabled account.
  absl::StatusOr<Tokens> LoginWithPsc(absl::string_view account_id, const CommandContext& ctx);
  // UNAUTHENTICATED domain::kInvalidRefreshToken for any refused token.
  absl::StatusOr<Tokens> Refresh(absl::string_view refresh_token, const CommandContext& ctx);
  absl::Status Logout(absl::string_view refresh_token, const CommandContext& ctx);
  // Ends every open session of the account.
  absl::Status RevokeAll(absl::string_view account_id, domain::SessionRevoked::Reason reason,
                         const CommandContext& ctx);

 private:
  using SessionOutcome = eventstore::CommandOutcome<domain::SessionState, domain::SessionEvent>;
  // Opens session `session_id` after the successful login `login` and signs its first token.
  absl::StatusOr<Tokens> OpenSession(const domain::AccountState& account,
                                     const std::string& session_id, const CommandContext& ctx);
  absl::StatusOr<SessionOutcome> Run(absl::string_view session_id, const CommandContext& ctx,
                                     const domain::SessionCommand& command);

  eventstore::EventStore& store_;
  AuthDirectory& directory_;
  AccountHandler& accounts_;
  TokenIssuer& issuer_;
  const Clock& clock_;
  IdGenerator& ids_;
  const AuthOptions& options_;
};

}  // namespace ror::auth::app
