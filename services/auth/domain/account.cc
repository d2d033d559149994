#include "services/auth/domain/account.h"

#include <algorithm>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::domain {
namespace {

constexpr char kInvalidResetLink[] =
    "le lien de réinitialisation du mot de passe est invalide, a déjà servi ou a expiré : "
    "demandez-en un nouveau";
constexpr char kDisabled[] = "ce compte est désactivé";

using Events = std::vector<AccountEvent>;

bool HasGrant(const AccountState& state, const AccountGrant& grant) {
  return std::any_of(state.grants.begin(), state.grants.end(),
                     [&](const AccountGrant& g) { return SameGrant(g, grant); });
}

absl::StatusOr<Events> DecideCreate(const AccountState& state, const CreateAccount& c) {
  if (state.exists()) {
    // The same creation again is a no-op; another one under this id is a mistake.
    if (state.account_id == c.account_id && EmailKey(state.email) == EmailKey(c.email)) {
      return Events{};
    }
    return absl::AlreadyExistsError(absl::StrCat("le compte ", state.account_id, " existe déjà"));
  }
  RETURN_IF_ERROR(ValidateNewAccount(c));
  AccountCreated created;
  created.set_account_id(c.account_id);
  created.set_email(TrimmedEmail(c.email));
  created.set_prenom(std::string(absl::StripAsciiWhitespace(c.prenom)));
  created.set_nom(std::string(absl::StripAsciiWhitespace(c.nom)));
  created.set_origin(c.origin);
  created.set_account_request_id(c.account_request_id);
  *created.mutable_created_at() = ToProtoTimestamp(c.now);
  Events events{std::move(created)};
  std::vector<AccountGrant> granted;
  for (const AccountGrant& g : c.grants) {
    AccountGrant grant = NormalizeGrant(g);
    if (std::any_of(granted.begin(), granted.end(),
                    [&](const AccountGrant& other) { return SameGrant(other, grant); })) {
      continue;
    }
    granted.push_back(grant);
    RoleGranted event;
    event.set_account_id(c.account_id);
    *event.mutable_grant() = std::move(grant);
    *event.mutable_at() = ToProtoTimestamp(c.now);
    events.push_back(std::move(event));
  }
  return events;
}

absl::StatusOr<Events> DecideResetRequest(const AccountState& state,
                                          const RequestPasswordReset& c) {
  if (state.disabled) return absl::FailedPreconditionError(kDisabled);
  if (state.reset_token_hash == c.reset_token_hash) return Events{};
  PasswordResetRequested event;
  event.set_account_id(state.account_id);
  event.set_reset_token_hash(c.reset_token_hash);
  *event.mutable_expires_at() = ToProtoTimestamp(c.expires_at);
  *event.mutable_requested_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideSetPassword(const AccountState& state, const SetPassword& c) {
  if (!c.password_hash.empty() && state.password_hash == c.password_hash) return Events{};
  if (state.disabled) return absl::FailedPreconditionError(kDisabled);
  if (c.reset_token_hash.empty() || state.reset_token_hash != c.reset_token_hash ||
      c.now >= state.reset_expires_at) {
    return absl::UnauthenticatedError(kInvalidResetLink);
  }
  if (c.password_hash.empty()) {
    return absl::InternalError("SetPassword without a password hash");
  }
  PasswordSet event;
  event.set_account_id(state.account_id);
  event.set_password_hash(c.password_hash);
  *event.mutable_set_at() = ToProtoTimestamp(c.now);
  event.set_activation(!state.has_password());
  return Events{std::move(event)};
}

LoginSucceeded Succeeded(const AccountState& state, const RecordLogin& c) {
  LoginSucceeded event;
  event.set_account_id(state.account_id);
  event.set_session_id(c.attempt_id);
  event.set_method(c.method);
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return event;
}

absl::StatusOr<Events> DecideLogin(const AccountState& state, const RecordLogin& c) {
  if (!c.attempt_id.empty() && state.last_attempt_id == c.attempt_id) return Events{};
  if (c.method == LoginSucceeded::METHOD_PRO_SANTE_CONNECT) {
    if (state.disabled) return absl::FailedPreconditionError(kDisabled);
    if (state.psc_subject.empty()) {
      return absl::FailedPreconditionError(
          "aucune identité Pro Santé Connect n'est liée à ce compte");
    }
    return Events{Succeeded(state, c)};
  }
  if (state.disabled) {
    // Only someone who knows the password learns that the account is disabled.
    return c.password_ok ? absl::FailedPreconditionError(kDisabled)
                         : absl::UnauthenticatedError(kBadCredentials);
  }
  // While locked, no attempt is even counted: the lock ends when it said it would.
  if (c.now < state.locked_until || !state.has_password()) {
    return absl::UnauthenticatedError(kBadCredentials);
  }
  if (c.password_ok) return Events{Succeeded(state, c)};
  const int failures = state.consecutive_failures + 1;
  LoginFailed event;
  event.set_account_id(state.account_id);
  event.set_attempt_id(c.attempt_id);
  event.set_consecutive_failures(failures);
  if (const absl::Time until = LockedUntil(c.policy, failures, c.now);
      until != absl::InfinitePast()) {
    *event.mutable_locked_until() = ToProtoTimestamp(until);
  }
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideGrant(const AccountState& state, const GrantRole& c) {
  const AccountGrant grant = NormalizeGrant(c.grant);
  FieldViolations v;
  CheckGrant("grant", grant, v);
  RETURN_IF_ERROR(v.ToStatus());
  if (HasGrant(state, grant)) return Events{};
  if (state.disabled) return absl::FailedPreconditionError(kDisabled);
  RoleGranted event;
  event.set_account_id(state.account_id);
  *event.mutable_grant() = grant;
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideRevoke(const AccountState& state, const RevokeRole& c) {
  const AccountGrant grant = NormalizeGrant(c.grant);
  if (!HasGrant(state, grant)) return Events{};  // nothing to take back
  RoleRevoked event;
  event.set_account_id(state.account_id);
  *event.mutable_grant() = grant;
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideDisable(const AccountState& state, const DisableAccount& c) {
  if (state.disabled) return Events{};
  FieldViolations v;
  CheckText("motif", "le motif", c.motif, kMaxMotifLength, /*required=*/false, v);
  RETURN_IF_ERROR(v.ToStatus());
  AccountDisabled event;
  event.set_account_id(state.account_id);
  event.set_motif(std::string(absl::StripAsciiWhitespace(c.motif)));
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideLinkPsc(const AccountState& state, const LinkPscIdentity& c) {
  if (c.psc_subject.empty()) return absl::InternalError("LinkPscIdentity without a subject");
  if (state.psc_subject == c.psc_subject) return Events{};
  if (state.disabled) return absl::FailedPreconditionError(kDisabled);
  if (!state.password_login_done) {
    return absl::FailedPreconditionError(
        "la liaison à Pro Santé Connect n'est possible qu'après une première connexion avec "
        "votre adresse e-mail et votre mot de passe");
  }
  if (!state.psc_subject.empty()) {
    return absl::FailedPreconditionError(
        "ce compte est déjà lié à une autre identité Pro Santé Connect");
  }
  PscIdentityLinked event;
  event.set_account_id(state.account_id);
  event.set_psc_subject(c.psc_subject);
  event.set_rpps(c.rpps);
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

}  // namespace

absl::Status ValidateNewAccount(const CreateAccount& c) {
  FieldViolations v;
  CheckEmail("email", c.email, v);
  CheckText("prenom", "le prénom", c.prenom, kMaxNameLength, /*required=*/true, v);
  CheckText("nom", "le nom", c.nom, kMaxNameLength, /*required=*/true, v);
  for (size_t i = 0; i < c.grants.size(); ++i) {
    CheckGrant(absl::StrCat("grants[", i, "]"), NormalizeGrant(c.grants[i]), v);
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<AccountEvent>> Decide(const AccountState& state,
                                                 const AccountCommand& command) {
  if (const auto* create = std::get_if<CreateAccount>(&command)) {
    return DecideCreate(state, *create);
  }
  if (!state.exists()) return absl::NotFoundError("compte introuvable");
  return std::visit(
      [&](const auto& c) -> absl::StatusOr<Events> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, CreateAccount>) {
          return DecideCreate(state, c);
        } else if constexpr (std::is_same_v<C, RequestPasswordReset>) {
          return DecideResetRequest(state, c);
        } else if constexpr (std::is_same_v<C, SetPassword>) {
          return DecideSetPassword(state, c);
        } else if constexpr (std::is_same_v<C, RecordLogin>) {
          return DecideLogin(state, c);
        } else if constexpr (std::is_same_v<C, GrantRole>) {
          return DecideGrant(state, c);
        } else if constexpr (std::is_same_v<C, RevokeRole>) {
          return DecideRevoke(state, c);
        } else if constexpr (std::is_same_v<C, DisableAccount>) {
          return DecideDisable(state, c);
        } else {
          return DecideLinkPsc(state, c);
        }
      },
      command);
}

AccountState Evolve(AccountState state, const AccountEvent& event) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, AccountCreated>) {
          state.account_id = e.account_id();
          state.email = e.email();
          state.prenom = e.prenom();
          state.nom = e.nom();
          state.created_at = FromProtoTimestamp(e.created_at());
        } else if constexpr (std::is_same_v<E, PasswordResetRequested>) {
          state.reset_token_hash = e.reset_token_hash();
          state.reset_expires_at = FromProtoTimestamp(e.expires_at());
          state.reset_requested_at = FromProtoTimestamp(e.requested_at());
        } else if constexpr (std::is_same_v<E, PasswordSet>) {
          state.password_hash = e.password_hash();
          state.reset_token_hash.clear();  // a link serves once
          state.reset_expires_at = absl::InfinitePast();
          // A new password lifts the lock: the owner proved it through the mailbox.
          state.consecutive_failures = 0;
          state.locked_until = absl::InfinitePast();
        } else if constexpr (std::is_same_v<E, LoginSucceeded>) {
          state.last_attempt_id = e.session_id();
          state.last_login_at = FromProtoTimestamp(e.at());
          if (e.method() == LoginSucceeded::METHOD_PASSWORD) state.password_login_done = true;
          state.consecutive_failures = 0;
          state.locked_until = absl::InfinitePast();
        } else if constexpr (std::is_same_v<E, LoginFailed>) {
          state.last_attempt_id = e.attempt_id();
          state.consecutive_failures = e.consecutive_failures();
          state.locked_until =
              e.has_locked_until() ? FromProtoTimestamp(e.locked_until()) : absl::InfinitePast();
        } else if constexpr (std::is_same_v<E, RoleGranted>) {
          state.grants.push_back(e.grant());
        } else if constexpr (std::is_same_v<E, RoleRevoked>) {
          std::erase_if(state.grants,
                        [&](const AccountGrant& g) { return SameGrant(g, e.grant()); });
        } else if constexpr (std::is_same_v<E, AccountDisabled>) {
          state.disabled = true;
          state.disabled_motif = e.motif();
        } else if constexpr (std::is_same_v<E, PscIdentityLinked>) {
          state.psc_subject = e.psc_subject();
          state.rpps = e.rpps();
        }
      },
      event);
  ++state.version;
  return state;
}

}  // namespace ror::auth::domain
