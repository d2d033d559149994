#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_store.h"
#include "services/auth/app/auth_directory.h"
#include "services/auth/app/auth_options.h"
#include "services/auth/app/command_context.h"
#include "services/auth/app/mailer.h"
#include "services/auth/app/password_hasher.h"
#include "services/auth/domain/account.h"
#include "services/auth/domain/admin_scope.h"

namespace ror::auth::app {

using AccountOutcome = eventstore::CommandOutcome<domain::AccountState, domain::AccountEvent>;

struct NewAccount {
  std::string account_id;  // empty: a new id
  std::string email;
  std::string prenom;
  std::string nom;
  std::vector<domain::AccountGrant> grants;
  domain::AccountCreated::Origin origin = domain::AccountCreated::ORIGIN_MIGRATED;
  std::string account_request_id;
};

// Accounts (stream "account-<id>"): creation with a unique e-mail, roles, disabling, and the
// password through reset links. Logs account ids, never an e-mail, a password or a link.
class AccountHandler {
 public:
  AccountHandler(eventstore::EventStore& store, AuthDirectory& directory,
                 const PasswordHasher& hasher, Mailer& mailer, const Clock& clock, IdGenerator& ids,
                 const AuthOptions& options)
      : store_(store),
        directory_(directory),
        hasher_(hasher),
        mailer_(mailer),
        clock_(clock),
        ids_(ids),
        options_(options) {}

  // The administrateur changes below are refused (PERMISSION_DENIED) outside the scope `by` of
  // who makes them (domain/admin_scope.h); the service itself acts with NationalScope().
  // ALREADY_EXISTS when another account has the e-mail (case-insensitively).
  absl::StatusOr<domain::AccountState> Create(const NewAccount& account, const CommandContext& ctx,
                                              const domain::AdminScope& by);
  // INVALID_ARGUMENT for a malformed id, NOT_FOUND for an unknown one.
  absl::StatusOr<domain::AccountState> Get(absl::string_view account_id);
  absl::StatusOr<domain::AccountState> GrantRole(absl::string_view account_id,
                                                 const domain::AccountGrant& grant,
                                                 const CommandContext& ctx,
                                                 const domain::AdminScope& by);
  absl::StatusOr<domain::AccountState> RevokeRole(absl::string_view account_id,
                                                  const domain::AccountGrant& grant,
                                                  const CommandContext& ctx,
                                                  const domain::AdminScope& by);
  // The sessions are ended by the caller (SessionHandler::RevokeAll).
  absl::StatusOr<domain::AccountState> Disable(absl::string_view account_id,
                                               absl::string_view motif, const CommandContext& ctx,
                                               const domain::AdminScope& by);

  // « Mot de passe oublié » : OK whatever happens, so that nobody learns whether the e-mail is
  // known; a known, enabled account gets a link valid options.reset_token_ttl.
  void RequestPasswordReset(absl::string_view email, const CommandContext& ctx);
  // Sends a new link to `account` (activation of an approved or bootstrapped account).
  absl::Status SendResetLink(const domain::AccountState& account, bool activation,
                             const CommandContext& ctx);
  // Sets the password with a link's token. INVALID_ARGUMENT (field new_password) for a password
  // the rules refuse; UNAUTHENTICATED for a token that is unknown, used or expired.
  absl::Status ResetPassword(absl::string_view reset_token, absl::string_view new_password,
                             const CommandContext& ctx);

  // Records a login attempt; the outcome's events say whether it succeeded.
  absl::StatusOr<AccountOutcome> RecordLogin(
      absl::string_view account_id, absl::string_view attempt_id, bool password_ok,
      const CommandContext& ctx,
      domain::LoginSucceeded::Method method = domain::LoginSucceeded::METHOD_PASSWORD);
  // Links a Pro Santé Connect identity to the account. FAILED_PRECONDITION when the identity is
  // another account's, or as the domain says (no e-mail and password login yet, another identity).
  absl::StatusOr<domain::AccountState> LinkPsc(absl::string_view account_id,
                                               absl::string_view psc_subject,
                                               absl::string_view rpps, const CommandContext& ctx);

  // Creates a national administrateur for `email` unless an account has it. Its activation link
  // goes to the outbox, unless `password` is given (single-machine deployments, ./ror up): then
  // that first password is set through the same single-use reset token, never mailed.
  absl::Status EnsureBootstrapAdministrateur(absl::string_view email,
                                             std::optional<std::string> password = std::nullopt);

  const PasswordHasher& hasher() const { return hasher_; }

 private:
  absl::StatusOr<AccountOutcome> Run(absl::string_view account_id, const CommandContext& ctx,
                                     const domain::AccountCommand& command);
  // A new reset token for `account`, its hash recorded (the last one only is valid).
  absl::StatusOr<std::string> IssueResetToken(const domain::AccountState& account,
                                              const CommandContext& ctx);

  eventstore::EventStore& store_;
  AuthDirectory& directory_;
  const PasswordHasher& hasher_;
  Mailer& mailer_;
  const Clock& clock_;
  IdGenerator& ids_;
  const AuthOptions& options_;
  std::mutex create_mu_;  // one creation at a time: the e-mail check and the append go together
};

// The scope of the service's own changes (bootstrap, approved requests): everything.
inline domain::AdminScope NationalScope() {
  return domain::AdminScope{.national = true, .regions = {}};
}

// INVALID_ARGUMENT naming account_id unless it is a UUID.
absl::Status CheckAccountId(absl::string_view account_id);

}  // namespace ror::auth::app
