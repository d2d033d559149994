#include "services/auth/app/psc_handler.h"

#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "services/auth/app/secrets.h"

namespace ror::auth::app {
namespace {

constexpr char kInvalidLinkToken[] =
    "la demande de liaison Pro Santé Connect est invalide, a déjà servi ou a expiré : "
    "reconnectez-vous avec Pro Santé Connect";

}  // namespace

absl::StatusOr<oidc::RelyingParty*> PscHandler::Party() {
  std::lock_guard lock(mu_);
  if (party_ == nullptr) {
    absl::StatusOr<std::unique_ptr<oidc::RelyingParty>> discovered = discover_();
    if (!discovered.ok()) {
      log::Warn("pro santé connect unreachable", {{"error", discovered.status().ToString()}});
      return absl::UnavailableError(
          "Pro Santé Connect est momentanément indisponible : connectez-vous avec votre adresse "
          "e-mail et votre mot de passe");
    }
    party_ = *std::move(discovered);
  }
  return party_.get();
}

absl::StatusOr<oidc::AuthorizationRequest> PscHandler::Begin() {
  ASSIGN_OR_RETURN(oidc::RelyingParty * party, Party());
  return party->Begin(options_.redirect_uri);
}

absl::StatusOr<PscLinkRequired> PscHandler::NewLinkToken(const oidc::Identity& identity) {
  const std::string token = NewSecret();
  const absl::Time now = clock_.Now();
  std::lock_guard lock(mu_);
  absl::erase_if(pending_links_, [&](const auto& entry) { return entry.second.expires_at <= now; });
  if (pending_links_.size() >= options_.max_link_tokens) {
    return absl::ResourceExhaustedError(
        "trop de liaisons Pro Santé Connect en attente : réessayez dans quelques minutes");
  }
  const absl::Time expires_at = now + options_.link_ttl;
  pending_links_[Sha256(token)] = PendingLink{.identity = identity, .expires_at = expires_at};
  return PscLinkRequired{.link_token = token,
                         .expires_at = expires_at,
                         .given_name = identity.given_name,
                         .family_name = identity.family_name};
}

absl::StatusOr<PscLoginOutcome> PscHandler::Complete(const std::string& state,
                                                     const std::string& code,
                                                     const std::string& iss,
                                                     const CommandContext& ctx) {
  ASSIGN_OR_RETURN(oidc::RelyingParty * party, Party());
  ASSIGN_OR_RETURN(oidc::Identity identity, party->Complete(state, code, iss));
  // Every link is written by this process, which updates the directory as it writes.
  if (std::optional<std::string> account_id = directory_.AccountOfPscSubject(identity.subject)) {
    ASSIGN_OR_RETURN(Tokens tokens, sessions_.LoginWithPsc(*account_id, ctx));
    return PscLoginOutcome{.tokens = std::move(tokens), .link_required = std::nullopt};
  }
  ASSIGN_OR_RETURN(PscLinkRequired link, NewLinkToken(identity));
  return PscLoginOutcome{.tokens = std::nullopt, .link_required = std::move(link)};
}

absl::StatusOr<domain::AccountState> PscHandler::Link(absl::string_view account_id,
                                                      absl::string_view link_token,
                                                      const CommandContext& ctx) {
  PendingLink pending;
  {
    std::lock_guard lock(mu_);
    auto it = pending_links_.find(Sha256(link_token));
    if (it == pending_links_.end() || it->second.expires_at <= clock_.Now()) {
      return absl::UnauthenticatedError(kInvalidLinkToken);
    }
    pending = std::move(it->second);
    pending_links_.erase(it);  // single use, even when the link below is refused
  }
  return accounts_.LinkPsc(account_id, pending.identity.subject,
                           pending.identity.national_id.value_or(""), ctx);
}

}  // namespace ror::auth::app
