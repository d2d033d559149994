#include "services/auth/app/session_handler.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_codec.h"
#include "services/auth/app/secrets.h"
#include "services/auth/app/streams.h"
#include "services/auth/domain/password_rules.h"

namespace ror::auth::app {
namespace {

v1::Actor AccountActor(const domain::AccountState& account) {
  v1::Actor actor;
  actor.set_kind(v1::Actor::KIND_USER);
  actor.set_subject(account.account_id);
  actor.set_display_name(absl::StrCat(account.prenom, " ", account.nom));
  return actor;
}

bool Succeeded(const AccountOutcome& outcome) {
  for (const domain::AccountEvent& event : outcome.events) {
    if (std::holds_alternative<domain::LoginSucceeded>(event)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<SessionHandler::SessionOutcome> SessionHandler::Run(
    absl::string_view session_id, const CommandContext& ctx,
    const domain::SessionCommand& command) {
  ASSIGN_OR_RETURN(
      SessionOutcome outcome,
      eventstore::RunCommand<domain::SessionState>(
          store_, clock_, ids_, SessionStream(session_id), RequestIdOf(ctx, ids_),
          [&](const domain::SessionState& state) { return domain::Decide(state, command); },
          eventstore::DecodeEvent<domain::SessionEvent>,
          eventstore::EncodeEvent<domain::SessionEvent>,
          std::bind_front(StampContext, std::cref(ctx))));
  if (!outcome.events.empty()) RETURN_IF_ERROR(directory_.CatchUp(store_));
  return outcome;
}

absl::StatusOr<Tokens> SessionHandler::Login(absl::string_view email, absl::string_view password,
                                             const CommandContext& ctx) {
  // Longer than any password the rules accept (128 characters of up to 4 bytes): refused before
  // any work, whatever the account — this says nothing about it.
  if (password.size() > 4 * domain::kMaxPasswordLength) {
    return absl::UnauthenticatedError(domain::kBadCredentials);
  }
  const PasswordHasher& hasher = accounts_.hasher();
  std::optional<std::string> account_id = directory_.AccountOfEmail(email);
  if (!account_id.has_value()) {
    hasher.Verify("", password);  // the time a known account would take
    return absl::UnauthenticatedError(domain::kBadCredentials);
  }
  ASSIGN_OR_RETURN(domain::AccountState account, accounts_.Get(*account_id));
  const bool password_ok = hasher.Verify(account.password_hash, password);
  const std::string session_id = ids_.NewId();
  CommandContext as_account = ctx;
  as_account.actor = AccountActor(account);
  ASSIGN_OR_RETURN(AccountOutcome login,
                   accounts_.RecordLogin(account.account_id, session_id, password_ok, as_account));
  if (!Succeeded(login)) {
    log::Info("login refused", {{"account_id", account.account_id}});
    return absl::UnauthenticatedError(domain::kBadCredentials);
  }
  log::Info("login", {{"account_id", account.account_id}, {"session_id", session_id}});
  return OpenSession(login.after, session_id, as_account);
}

absl::StatusOr<Tokens> SessionHandler::LoginWithPsc(absl::string_view account_id,
                                                    const CommandContext& ctx) {
  ASSIGN_OR_RETURN(domain::AccountState account, accounts_.Get(account_id));
  const std::string session_id = ids_.NewId();
  CommandContext as_account = ctx;
  as_account.actor = AccountActor(account);
  ASSIGN_OR_RETURN(
      AccountOutcome login,
      accounts_.RecordLogin(account.account_id, session_id, /*password_ok=*/false, as_account,
                            domain::LoginSucceeded::METHOD_PRO_SANTE_CONNECT));
  if (!Succeeded(login)) return absl::InternalError("a Pro Santé Connect login was not recorded");
  log::Info("login with pro santé connect",
            {{"account_id", account.account_id}, {"session_id", session_id}});
  return OpenSession(login.after, session_id, as_account);
}

absl::StatusOr<Tokens> SessionHandler::OpenSession(const domain::AccountState& account,
                                                   const std::string& session_id,
                                                   const CommandContext& ctx) {
  const std::string refresh_token = JoinToken(session_id, NewSecret());
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(Run(session_id, ctx,
                      domain::OpenSession{.session_id = session_id,
                                          .account_id = account.account_id,
                                          .refresh_token_hash = Sha256(refresh_token),
                                          .expires_at = now + options_.refresh_token_ttl,
                                          .now = now})
                      .status());
  ASSIGN_OR_RETURN(std::string access_token, issuer_.ForAccount(account, session_id));
  return Tokens{.access_token = std::move(access_token),
                .refresh_token = refresh_token,
                .expires_in = issuer_.ttl()};
}

absl::StatusOr<Tokens> SessionHandler::Refresh(absl::string_view refresh_token,
                                               const CommandContext& ctx) {
  std::optional<std::pair<std::string, std::string>> parts = SplitToken(refresh_token);
  if (!parts.has_value() || !IsUuid(parts->first)) {
    return absl::UnauthenticatedError(domain::kInvalidRefreshToken);
  }
  const std::string& session_id = parts->first;
  const std::string next = JoinToken(session_id, NewSecret());
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(SessionOutcome outcome,
                   Run(session_id, ctx,
                       domain::RefreshSession{.presented_hash = Sha256(refresh_token),
                                              .new_hash = Sha256(next),
                                              .expires_at = now + options_.refresh_token_ttl,
                                              .now = now}));
  if (outcome.after.revoked) {
    if (outcome.after.revoke_reason == domain::SessionRevoked::REASON_REFRESH_TOKEN_REUSED &&
        !outcome.events.empty()) {
      log::Warn("refresh token reused: session ended",
                {{"session_id", session_id}, {"account_id", outcome.after.account_id}});
    }
    return absl::UnauthenticatedError(domain::kInvalidRefreshToken);
  }
  absl::StatusOr<domain::AccountState> account = accounts_.Get(outcome.after.account_id);
  if (!account.ok() || account->disabled) {
    // Disabling ends the sessions; one opened in between ends here.
    RETURN_IF_ERROR(Run(session_id, ctx,
                        domain::RevokeSession{
                            .reason = domain::SessionRevoked::REASON_ACCOUNT_DISABLED, .now = now})
                        .status());
    return absl::UnauthenticatedError(domain::kInvalidRefreshToken);
  }
  ASSIGN_OR_RETURN(std::string access_token, issuer_.ForAccount(*account, session_id));
  return Tokens{
      .access_token = std::move(access_token), .refresh_token = next, .expires_in = issuer_.ttl()};
}

absl::Status SessionHandler::Logout(absl::string_view refresh_token, const CommandContext& ctx) {
  std::optional<std::pair<std::string, std::string>> parts = SplitToken(refresh_token);
  if (!parts.has_value() || !IsUuid(parts->first)) {
    return absl::UnauthenticatedError(domain::kInvalidRefreshToken);
  }
  ASSIGN_OR_RETURN(
      domain::SessionState session,
      eventstore::LoadStream<domain::SessionState>(store_, SessionStream(parts->first),
                                                   eventstore::DecodeEvent<domain::SessionEvent>));
  if (!session.exists() || session.revoked || session.refresh_token_hash != Sha256(refresh_token)) {
    return absl::UnauthenticatedError(domain::kInvalidRefreshToken);
  }
  RETURN_IF_ERROR(Run(parts->first, ctx,
                      domain::RevokeSession{.reason = domain::SessionRevoked::REASON_LOGOUT,
                                            .now = clock_.Now()})
                      .status());
  log::Info("logout", {{"session_id", parts->first}});
  return absl::OkStatus();
}

absl::Status SessionHandler::RevokeAll(absl::string_view account_id,
                                       domain::SessionRevoked::Reason reason,
                                       const CommandContext& ctx) {
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  for (const std::string& session_id : directory_.OpenSessionsOf(account_id)) {
    RETURN_IF_ERROR(
        Run(session_id, ctx, domain::RevokeSession{.reason = reason, .now = clock_.Now()})
            .status());
  }
  return absl::OkStatus();
}

}  // namespace ror::auth::app
