#include "services/auth/app/account_handler.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_codec.h"
#include "services/auth/app/secrets.h"
#include "services/auth/app/streams.h"
#include "services/auth/domain/password_rules.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::app {
namespace {

constexpr char kResetPath[] = "/reinitialisation-mot-de-passe?jeton=";

v1::Actor SystemActor() {
  v1::Actor actor;
  actor.set_kind(v1::Actor::KIND_SYSTEM);
  actor.set_subject("ror-auth");
  actor.set_display_name("service d'authentification");
  return actor;
}

Mail ResetMail(const domain::AccountState& account, absl::string_view link, bool activation,
               absl::Duration ttl) {
  const std::string minutes = absl::StrCat(absl::ToInt64Minutes(ttl));
  if (activation) {
    return Mail{.to = account.email,
                .subject = "ROR : activez votre compte",
                .body = absl::StrCat(
                    "Bonjour ", account.prenom,
                    ",\r\n\r\nVotre compte ROR est créé. Pour "
                    "l'activer, choisissez votre mot de passe en ouvrant ce lien (valable ",
                    minutes, " minutes) :\r\n", link,
                    "\r\n\r\nPassé ce délai, utilisez « Mot de passe oublié ? » sur la page de "
                    "connexion.\r\n")};
  }
  return Mail{.to = account.email,
              .subject = "ROR : réinitialisation de votre mot de passe",
              .body = absl::StrCat(
                  "Bonjour ", account.prenom,
                  ",\r\n\r\nPour choisir un nouveau mot de passe, "
                  "ouvrez ce lien (valable ",
                  minutes, " minutes, une seule fois) :\r\n", link,
                  "\r\n\r\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : "
                  "votre mot de passe reste inchangé.\r\n")};
}

// Bad input is reported before the scope: a malformed grant is INVALID_ARGUMENT, not a refusal.
absl::Status CheckGrantInScope(const domain::AccountGrant& grant, const domain::AdminScope& by) {
  const domain::AccountGrant normalized = domain::NormalizeGrant(grant);
  FieldViolations v;
  domain::CheckGrant("grant", normalized, v);
  RETURN_IF_ERROR(v.ToStatus());
  return domain::CheckAdministers(by, normalized);
}

}  // namespace

absl::Status CheckAccountId(absl::string_view account_id) {
  FieldViolations v;
  if (account_id.empty()) {
    v.Add("account_id", "required", "l'identifiant du compte est obligatoire");
  } else if (!IsUuid(account_id)) {
    v.Add("account_id", "format", "l'identifiant du compte est un UUID");
  }
  return v.ToStatus();
}

absl::StatusOr<AccountOutcome> AccountHandler::Run(absl::string_view account_id,
                                                   const CommandContext& ctx,
                                                   const domain::AccountCommand& command) {
  ASSIGN_OR_RETURN(
      AccountOutcome outcome,
      eventstore::RunCommand<domain::AccountState>(
          store_, clock_, ids_, AccountStream(account_id), RequestIdOf(ctx, ids_),
          [&](const domain::AccountState& state) { return domain::Decide(state, command); },
          eventstore::DecodeEvent<domain::AccountEvent>,
          eventstore::EncodeEvent<domain::AccountEvent>,
          std::bind_front(StampContext, std::cref(ctx))));
  if (!outcome.events.empty()) RETURN_IF_ERROR(directory_.CatchUp(store_));
  return outcome;
}

absl::StatusOr<domain::AccountState> AccountHandler::Create(const NewAccount& a,
                                                            const CommandContext& ctx,
                                                            const domain::AdminScope& by) {
  domain::CreateAccount command{.account_id = a.account_id.empty() ? ids_.NewId() : a.account_id,
                                .email = a.email,
                                .prenom = a.prenom,
                                .nom = a.nom,
                                .origin = a.origin,
                                .account_request_id = a.account_request_id,
                                .grants = a.grants,
                                .now = clock_.Now()};
  RETURN_IF_ERROR(domain::ValidateNewAccount(command));
  for (const domain::AccountGrant& grant : a.grants) {
    RETURN_IF_ERROR(domain::CheckAdministers(by, domain::NormalizeGrant(grant)));
  }
  std::lock_guard lock(create_mu_);
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  if (std::optional<std::string> owner = directory_.AccountOfEmail(a.email);
      owner.has_value() && *owner != command.account_id) {
    return absl::AlreadyExistsError(
        absl::StrCat("un compte existe déjà pour cette adresse e-mail (compte ", *owner, ")"));
  }
  ASSIGN_OR_RETURN(AccountOutcome outcome, Run(command.account_id, ctx, command));
  return outcome.after;
}

absl::StatusOr<domain::AccountState> AccountHandler::Get(absl::string_view account_id) {
  RETURN_IF_ERROR(CheckAccountId(account_id));
  ASSIGN_OR_RETURN(domain::AccountState state, eventstore::LoadStream<domain::AccountState>(
                                                   store_, AccountStream(account_id),
                                                   eventstore::DecodeEvent<domain::AccountEvent>));
  if (!state.exists())
    return absl::NotFoundError(absl::StrCat("compte ", account_id, " introuvable"));
  return state;
}

absl::StatusOr<domain::AccountState> AccountHandler::GrantRole(absl::string_view account_id,
                                                               const domain::AccountGrant& grant,
                                                               const CommandContext& ctx,
                                                               const domain::AdminScope& by) {
  RETURN_IF_ERROR(CheckAccountId(account_id));
  RETURN_IF_ERROR(CheckGrantInScope(grant, by));
  ASSIGN_OR_RETURN(AccountOutcome outcome,
                   Run(account_id, ctx, domain::GrantRole{.grant = grant, .now = clock_.Now()}));
  return outcome.after;
}

absl::StatusOr<domain::AccountState> AccountHandler::RevokeRole(absl::string_view account_id,
                                                                const domain::AccountGrant& grant,
                                                                const CommandContext& ctx,
                                                                const domain::AdminScope& by) {
  RETURN_IF_ERROR(CheckAccountId(account_id));
  RETURN_IF_ERROR(CheckGrantInScope(grant, by));
  ASSIGN_OR_RETURN(AccountOutcome outcome,
                   Run(account_id, ctx, domain::RevokeRole{.grant = grant, .now = clock_.Now()}));
  return outcome.after;
}

absl::StatusOr<domain::AccountState> AccountHandler::Disable(absl::string_view account_id,
                                                             absl::string_view motif,
                                                             const CommandContext& ctx,
                                                             const domain::AdminScope& by) {
  ASSIGN_OR_RETURN(domain::AccountState account, Get(account_id));
  RETURN_IF_ERROR(domain::CheckAdministersAccount(by, account.grants));
  ASSIGN_OR_RETURN(AccountOutcome outcome,
                   Run(account_id, ctx,
                       domain::DisableAccount{.motif = std::string(motif), .now = clock_.Now()}));
  return outcome.after;
}

void AccountHandler::RequestPasswordReset(absl::string_view email, const CommandContext& ctx) {
  std::optional<std::string> account_id = directory_.AccountOfEmail(email);
  if (!account_id.has_value()) return;  // unknown: nothing to send, and the caller learns nothing
  absl::StatusOr<domain::AccountState> account = Get(*account_id);
  if (account.ok() &&
      clock_.Now() - account->reset_requested_at < options_.reset_request_interval) {
    log::Info("reset link not sent again so soon", {{"account_id", *account_id}});
    return;
  }
  absl::Status sent =
      account.ok() ? SendResetLink(*account, !account->has_password(), ctx) : account.status();
  if (!sent.ok()) {
    log::Warn("no reset link sent",
              {{"account_id", *account_id}, {"error", std::string(sent.message())}});
  }
}

absl::StatusOr<std::string> AccountHandler::IssueResetToken(const domain::AccountState& account,
                                                            const CommandContext& ctx) {
  std::string token = JoinToken(account.account_id, NewSecret());
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(Run(account.account_id, ctx,
                      domain::RequestPasswordReset{.reset_token_hash = Sha256(token),
                                                   .expires_at = now + options_.reset_token_ttl,
                                                   .now = now})
                      .status());
  return token;
}

absl::Status AccountHandler::SendResetLink(const domain::AccountState& account, bool activation,
                                           const CommandContext& ctx) {
  ASSIGN_OR_RETURN(const std::string token, IssueResetToken(account, ctx));
  const std::string link = absl::StrCat(options_.issuer, kResetPath, token);
  return mailer_.Send(ResetMail(account, link, activation, options_.reset_token_ttl));
}

absl::Status AccountHandler::ResetPassword(absl::string_view reset_token,
                                           absl::string_view new_password,
                                           const CommandContext& ctx) {
  constexpr char kInvalidLink[] =
      "le lien de réinitialisation du mot de passe est invalide, a déjà servi ou a expiré : "
      "demandez-en un nouveau";
  std::optional<std::pair<std::string, std::string>> parts = SplitToken(reset_token);
  if (!parts.has_value() || !IsUuid(parts->first)) return absl::UnauthenticatedError(kInvalidLink);
  ASSIGN_OR_RETURN(
      domain::AccountState account,
      eventstore::LoadStream<domain::AccountState>(store_, AccountStream(parts->first),
                                                   eventstore::DecodeEvent<domain::AccountEvent>));
  const std::string token_hash = Sha256(reset_token);
  if (!account.exists() || account.reset_token_hash != token_hash ||
      clock_.Now() >= account.reset_expires_at) {
    return absl::UnauthenticatedError(kInvalidLink);
  }
  FieldViolations v;
  domain::CheckPassword("new_password", new_password, account.email, v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::string password_hash, hasher_.Hash(new_password));
  RETURN_IF_ERROR(Run(account.account_id, ctx,
                      domain::SetPassword{.reset_token_hash = token_hash,
                                          .password_hash = std::move(password_hash),
                                          .now = clock_.Now()})
                      .status());
  log::Info("password set", {{"account_id", account.account_id}});
  return absl::OkStatus();
}

absl::StatusOr<AccountOutcome> AccountHandler::RecordLogin(absl::string_view account_id,
                                                           absl::string_view attempt_id,
                                                           bool password_ok,
                                                           const CommandContext& ctx,
                                                           domain::LoginSucceeded::Method method) {
  return Run(account_id, ctx,
             domain::RecordLogin{.attempt_id = std::string(attempt_id),
                                 .password_ok = password_ok,
                                 .policy = options_.lockout,
                                 .now = clock_.Now(),
                                 .method = method});
}

absl::StatusOr<domain::AccountState> AccountHandler::LinkPsc(absl::string_view account_id,
                                                             absl::string_view psc_subject,
                                                             absl::string_view rpps,
                                                             const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckAccountId(account_id));
  // One identity, one account: the check and the append go together, as for e-mails.
  std::lock_guard lock(create_mu_);
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  if (std::optional<std::string> owner = directory_.AccountOfPscSubject(psc_subject);
      owner.has_value() && *owner != account_id) {
    return absl::FailedPreconditionError(
        "cette identité Pro Santé Connect est déjà liée à un autre compte ROR");
  }
  ASSIGN_OR_RETURN(AccountOutcome outcome,
                   Run(account_id, ctx,
                       domain::LinkPscIdentity{.psc_subject = std::string(psc_subject),
                                               .rpps = std::string(rpps),
                                               .now = clock_.Now()}));
  log::Info("pro santé connect identity linked", {{"account_id", std::string(account_id)}});
  return outcome.after;
}

absl::Status AccountHandler::EnsureBootstrapAdministrateur(absl::string_view email,
                                                           std::optional<std::string> password) {
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  if (std::optional<std::string> existing = directory_.AccountOfEmail(email)) {
    log::Info("bootstrap administrateur present", {{"account_id", *existing}});
    return absl::OkStatus();
  }
  domain::AccountGrant admin;
  admin.set_role(authz::RoleName(authz::Role::kAdministrateur));
  const CommandContext ctx{.request_id = "", .correlation_id = "", .actor = SystemActor()};
  ASSIGN_OR_RETURN(domain::AccountState account,
                   Create(NewAccount{.account_id = "",
                                     .email = std::string(email),
                                     .prenom = "Administrateur",
                                     .nom = "national",
                                     .grants = {admin},
                                     .origin = domain::AccountCreated::ORIGIN_BOOTSTRAP,
                                     .account_request_id = ""},
                          ctx, NationalScope()));
  if (password.has_value()) {
    ASSIGN_OR_RETURN(const std::string token, IssueResetToken(account, ctx));
    RETURN_IF_ERROR(ResetPassword(token, *password, ctx));
    log::Info("bootstrap administrateur created with the given password",
              {{"account_id", account.account_id}});
    return absl::OkStatus();
  }
  log::Info("bootstrap administrateur created: its activation link is in the outbox",
            {{"account_id", account.account_id}});
  return SendResetLink(account, /*activation=*/true, ctx);
}

}  // namespace ror::auth::app
